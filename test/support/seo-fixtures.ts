import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'astro/zod';

/**
 * The SEO audit's fixture site: `good/` holds the files one build emitted, and `broken/<rule>/`
 * one overlay per audit rule that breaks the good site in one place. An overlay is an
 * `edits.json` of find-and-replace edits to good files, plus any whole new file it adds (such as
 * an orphan page) as a real file at its site path; it never holds a copy of a good file.
 */
export const SEO_FIXTURES = fileURLToPath(new URL('../fixtures/seo/', import.meta.url));

/** In an overlay, the file that describes its changes to the good site's files. */
export const EDITS_FILE = 'edits.json';

/** One change to a file of the good site: `find` must stand in it exactly once. */
export const SiteEditSchema = z.strictObject({
  /** The file's path in the site, e.g. `locations/harbor/index.html`. */
  file: z.string().min(1),
  find: z.string().min(1),
  replace: z.string(),
});
export type SiteEdit = z.infer<typeof SiteEditSchema>;

const SiteEditsSchema = z.array(SiteEditSchema).min(1);

export interface Overlay {
  /** Names the overlay in error messages, e.g. `broken/orphan`. */
  name: string;
  edits: readonly SiteEdit[];
  /** Files the overlay adds to the site, by path; none may be a file the good site has. */
  added: ReadonlyMap<string, string>;
}

/** The names of the broken overlays, one folder each. */
export function listSeoOverlays(): string[] {
  return readdirSync(join(SEO_FIXTURES, 'broken'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * The files of the good fixture site by path, with the broken overlay `overlay` applied when
 * given: the edits of its `edits.json`, then its other files added. Throws when the overlay
 * does not apply exactly as written.
 */
export function readSeoFixture(overlay?: string): Map<string, string> {
  const good = readTree(join(SEO_FIXTURES, 'good'));
  if (overlay === undefined) return good;
  const name = `broken/${overlay}`;
  const dir = join(SEO_FIXTURES, name);
  if (!existsSync(dir)) throw new Error(`There is no overlay ${name} in ${SEO_FIXTURES}.`);
  const added = readTree(dir);
  const editsText = added.get(EDITS_FILE);
  added.delete(EDITS_FILE);
  const edits = editsText === undefined ? [] : parseEdits(editsText, `${name}/${EDITS_FILE}`);
  return applyOverlay(good, { name, edits, added });
}

/**
 * A copy of `good` with the overlay applied. Throws, naming the overlay and the edit, when a
 * `find` text does not stand exactly once in its file, when an edit names a file the site does
 * not have, when an added file would replace one of the good site's, or when the overlay changes
 * nothing: any of these means the overlay no longer breaks what it is named for.
 */
export function applyOverlay(good: ReadonlyMap<string, string>, overlay: Overlay): Map<string, string> {
  if (overlay.edits.length === 0 && overlay.added.size === 0) {
    throw new Error(`${overlay.name} changes nothing: give it an ${EDITS_FILE} or a file to add.`);
  }
  const files = new Map(good);
  overlay.edits.forEach((edit, index) => {
    const where = `${overlay.name}/${EDITS_FILE}, edit ${index + 1}`;
    const text = files.get(edit.file);
    if (text === undefined) throw new Error(`${where}: the good site has no file ${edit.file}.`);
    const at = text.indexOf(edit.find);
    const again = at === -1 ? -1 : text.indexOf(edit.find, at + 1);
    if (at === -1 || again !== -1) {
      throw new Error(
        `${where}: ${JSON.stringify(edit.find)} stands ${at === -1 ? 'nowhere' : 'more than once'} in ${edit.file}; ` +
          `it must stand exactly once. Update "find" to the good page's current text${at === -1 ? '' : ', with enough around it to name one place'}.`,
      );
    }
    // Spliced, not String#replace, so that `$&` and the like in `replace` stay literal.
    files.set(edit.file, text.slice(0, at) + edit.replace + text.slice(at + edit.find.length));
  });
  for (const [file, text] of overlay.added) {
    if (good.has(file)) {
      throw new Error(`${overlay.name}/${file} replaces a file of the good site: describe the change in ${EDITS_FILE} instead of copying the file.`);
    }
    files.set(file, text);
  }
  return files;
}

function parseEdits(text: string, source: string): SiteEdit[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const result = SiteEditsSchema.safeParse(json);
  if (!result.success) {
    throw new Error(`${source} is not a list of { "file", "find", "replace" } edits:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** Files under `dir` by their path in the site, e.g. `locations/harbor/index.html`. */
function readTree(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    files.map((entry) => {
      const file = join(entry.parentPath, entry.name);
      return [relative(dir, file).split(sep).join('/'), readFileSync(file, 'utf8')];
    }),
  );
}
