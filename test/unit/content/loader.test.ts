import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AstroError } from 'astro/errors';
import type { Loader, LoaderContext } from 'astro/loaders';
import { parse as parseYaml } from 'yaml';
import { ID_RULE } from '@/lib/ids.ts';
import { contentGlob } from '@/lib/content/loader.ts';

// contentGlob runs Astro's own glob loader over real files; only the content layer around it (the
// data store, the entry types, the logger) is a small stand-in, as Astro's sync would provide.

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Writes `files` (path → text) under a fresh project root; returns the root. */
function project(files: Record<string, string>): string {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'carepath-loader-')));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const frontmatter = (data: string) => `---\n${data}\n---\nBody.\n`;
const readFrontmatter = ({ contents }: { contents: string }) => ({ data: parseYaml(/^---\n([\s\S]*?)\n---/.exec(contents)?.[1] ?? '') ?? {}, body: '' });

const readYaml = ({ contents }: { contents: string }) => ({ data: parseYaml(contents) ?? {}, body: '' });

interface Parsed {
  id: string;
  data: Record<string, unknown>;
  filePath: string | undefined;
}

/** Runs the loader once, as a content sync does; resolves to the entries handed to the schema. */
async function load(loader: Loader): Promise<Parsed[]> {
  const stored = new Map<string, { id: string; digest?: string | number; filePath?: string }>();
  const parsed: Parsed[] = [];
  const context = {
    collection: 'locations',
    config: { root: pathToFileURL(`${root}/`), srcDir: pathToFileURL(`${root}/src/`) },
    logger: { warn: () => undefined, error: () => undefined, info: () => undefined },
    store: {
      keys: () => [...stored.keys()],
      get: (id: string) => stored.get(id),
      set: (entry: { id: string }) => Boolean(stored.set(entry.id, entry)),
      delete: (id: string) => stored.delete(id),
    },
    generateDigest: (text: string) => text,
    entryTypes: new Map([
      ['.mdx', { getEntryInfo: readFrontmatter }],
      ['.md', { getEntryInfo: readFrontmatter }],
      ['.yaml', { getEntryInfo: readYaml }],
      ['.yml', { getEntryInfo: readYaml }],
    ]),
    parseData: async (props: Parsed) => {
      parsed.push(props);
      return props.data;
    },
  };
  await loader.load(context as unknown as LoaderContext);
  return parsed.sort((a, b) => a.id.localeCompare(b.id));
}

/** What a failed load threw: whether it is the error Astro shows a writer, its message and hint. */
const failure = (loader: Loader) =>
  load(loader).then(
    () => ({ message: 'no error' }),
    (error: unknown) => ({ astroError: error instanceof AstroError, message: (error as Error).message, hint: (error as { hint?: string }).hint }),
  );

describe('contentGlob ids', () => {
  it('gives each file its name without the extension as its id', async () => {
    const base = join(project({ 'content/locations/harbor.mdx': frontmatter('name: Harbor'), 'content/locations/north-hill-2.md': frontmatter('name: Hill') }), 'content/locations');
    const entries = await load(contentGlob({ base, pattern: '*.{md,mdx}', referenced: true }));
    expect(entries.map((e) => [e.id, e.data['name'], e.filePath])).toEqual([
      ['harbor', 'Harbor', join(base, 'harbor.mdx')],
      ['north-hill-2', 'Hill', join(base, 'north-hill-2.md')],
    ]);
  });

  it.each([
    ['North Clinic.mdx', 'North Clinic', 'north-clinic.mdx'],
    ['Clínica  Norte (old).mdx', 'Clínica  Norte (old)', 'clinica-norte-old.mdx'],
    ['harbor_.md', 'harbor_', 'harbor.md'],
    ['_.mdx', '_', 'a-name.mdx'],
  ])('refuses %j in a collection other entries refer to, suggesting a name', async (file, id, suggestion) => {
    const base = join(project({ [`content/locations/${file}`]: frontmatter('name: X') }), 'content/locations');
    expect(await failure(contentGlob({ base, pattern: '*.{md,mdx}', referenced: true }))).toEqual({
      astroError: true,
      message: `${base}/${file}: the file name "${id}" is not a valid id.`,
      hint: `Rename the file to "${suggestion}": ${ID_RULE}. Other entries refer to it by that name.`,
    });
  });

  it('takes any file name in a collection nothing refers to', async () => {
    const base = join(project({ 'content/organization/Our Organization.yaml': 'name: Fixture Health\n', 'content/organization/old.2025.yml': 'name: Old\n' }), 'content/organization');
    const entries = await load(contentGlob({ base, pattern: '*.{yaml,yml}', referenced: false }));
    // Only the last extension goes.
    expect(entries.map((e) => e.id)).toEqual(['old.2025', 'Our Organization']);
  });

  it('refuses two files with the same id, naming both', async () => {
    const base = join(project({ 'content/services/walk-in.md': frontmatter('name: A'), 'content/services/walk-in.mdx': frontmatter('name: B') }), 'content/services');
    const result = await failure(contentGlob({ base, pattern: '*.{md,mdx}', referenced: true }));
    // Astro reads files concurrently: either may be the one found second.
    expect([
      `${base}/walk-in.md and ${base}/walk-in.mdx have the same id "walk-in".`,
      `${base}/walk-in.mdx and ${base}/walk-in.md have the same id "walk-in".`,
    ]).toContain(result.message);
    expect(result).toMatchObject({ astroError: true, hint: 'Rename or delete one of the two files: an entry’s id is its file name without the extension.' });
  });

  it('refuses the same id twice in a collection nothing refers to as well', async () => {
    const base = join(project({ 'content/routing/routing.yaml': 'a: 1\n', 'content/routing/routing.yml': 'a: 2\n' }), 'content/routing');
    expect(await failure(contentGlob({ base, pattern: '*.{yaml,yml}', referenced: false }))).toMatchObject({ message: expect.stringMatching(/have the same id "routing"\.$/) });
  });

  it('loads the same files again, as the dev server does on a change', async () => {
    const base = join(project({ 'content/services/walk-in.mdx': frontmatter('name: A') }), 'content/services');
    const loader = contentGlob({ base, pattern: '*.{md,mdx}', referenced: true });
    await load(loader);
    expect((await load(loader)).map((e) => e.id)).toEqual(['walk-in']);
  });

  it('lets a file be renamed to another extension between loads', async () => {
    const base = join(project({ 'content/services/walk-in.md': frontmatter('name: A') }), 'content/services');
    const loader = contentGlob({ base, pattern: '*.{md,mdx}', referenced: true });
    await load(loader);
    renameSync(join(base, 'walk-in.md'), join(base, 'walk-in.mdx'));
    expect((await load(loader)).map((e) => [e.id, e.filePath])).toEqual([['walk-in', join(base, 'walk-in.mdx')]]);
  });
});

describe('contentGlob images', () => {
  const location = (photo: string) => frontmatter(`name: Harbor\n${photo}`);
  const options = (base: string) => ({ base, pattern: '*.{md,mdx}', imageFields: ['photo', 'headshot'], referenced: true });

  it('hands an entry whose images exist to the schema', async () => {
    const base = join(
      project({ 'content/locations/harbor.mdx': location('photo: { src: ./images/harbor.jpg, alt: Harbor }'), 'content/locations/images/harbor.jpg': 'jpg' }),
      'content/locations',
    );
    expect((await load(contentGlob(options(base)))).map((e) => e.id)).toEqual(['harbor']);
  });

  it.each([
    ['photo', 'photo: { src: ./images/harbor.jpg, alt: Harbor }', './images/harbor.jpg'],
    ['headshot', 'photo: { src: ./harbor.mdx, alt: Harbor }\nheadshot: { src: ../images/ana.jpg, alt: Ana }', '../images/ana.jpg'],
  ])('refuses a missing image, naming the file, the field (%s) and the path', async (field, yaml, src) => {
    const base = join(project({ 'content/locations/harbor.mdx': location(yaml) }), 'content/locations');
    expect(await failure(contentGlob(options(base)))).toEqual({
      astroError: true,
      message: `${base}/harbor.mdx: ${field}.src "${src}" does not exist.`,
      hint: `Put the image there, or correct ${field}.src: the path is relative to the content file.`,
    });
  });

  it('leaves an absent or malformed image field to the schema', async () => {
    const base = join(project({ 'content/locations/harbor.mdx': location('headshot: ./ana.jpg'), 'content/locations/hill.mdx': location('photo: { src: 42 }') }), 'content/locations');
    expect((await load(contentGlob(options(base)))).map((e) => e.id)).toEqual(['harbor', 'hill']);
  });

  it('checks no images in a collection without image fields', async () => {
    const base = join(project({ 'content/services/walk-in.mdx': frontmatter('name: A\nphoto: { src: ./missing.jpg }') }), 'content/services');
    expect((await load(contentGlob({ base, pattern: '*.{md,mdx}', referenced: true }))).map((e) => e.id)).toEqual(['walk-in']);
  });
});
