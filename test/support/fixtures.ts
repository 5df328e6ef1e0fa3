import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from './read-content.ts';

export const GOOD_FIXTURE = join(PROJECT_ROOT, 'test/fixtures/good');
/** A second complete organization, as unlike the sample as can be: Texas, night, 24-hour and virtual care, RTL and Spanish text, markup characters. */
export const SECOND_ORG = join(PROJECT_ROOT, 'test/fixtures/second-org');
export const BROKEN_FIXTURES = join(PROJECT_ROOT, 'test/fixtures/broken');

/** Lists files (relative to the content folder) that a broken fixture removes from the good set. */
const DELETE_LIST = '_delete.txt';

/** The names of every broken fixture, one folder each. */
export function listBrokenFixtures(): string[] {
  return readdirSync(BROKEN_FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export interface FixtureSite {
  /** A fresh temp folder standing in for the project root. */
  root: string;
  /** `content`, the content folder inside `root` (relative, as `CONTENT_DIR` would be). */
  contentDir: string;
  /** Deletes the temp folder. */
  remove(): void;
}

/**
 * Copies the good fixture (or `base`) into `<temp>/content`, then the broken fixture `overlay` on top of it:
 * its files replace or add to the good ones, and paths listed in its `_delete.txt` are removed.
 * Without an overlay, the content is the good fixture as is.
 */
export function createFixtureSite(overlay?: string, options: { base?: string } = {}): FixtureSite {
  const base = options.base ?? GOOD_FIXTURE;
  const root = realpathSync(mkdtempSync(join(tmpdir(), `carepath-${overlay ?? basename(base)}-`)));
  const content = join(root, 'content');
  cpSync(base, content, { recursive: true });
  if (overlay !== undefined) applyOverlay(join(BROKEN_FIXTURES, overlay), content);
  return { root, contentDir: 'content', remove: () => rmSync(root, { recursive: true, force: true }) };
}

function applyOverlay(overlay: string, content: string): void {
  if (!existsSync(overlay)) throw new Error(`No broken fixture at ${overlay}.`);
  cpSync(overlay, content, { recursive: true, filter: (source) => relative(overlay, source) !== DELETE_LIST });
  const deleteList = join(overlay, DELETE_LIST);
  if (!existsSync(deleteList)) return;
  const paths = readFileSync(deleteList, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const path of paths) {
    const target = resolve(content, path);
    const rel = relative(content, target);
    // A stale or mistyped list would silently test the good content instead of the broken one.
    if (rel.startsWith('..') || isAbsolute(rel) || !existsSync(target)) {
      throw new Error(`${deleteList} lists "${path}", which is not a file of the good fixture.`);
    }
    rmSync(target, { recursive: true });
  }
}
