import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureSite, type BuildResult } from '../support/astro-build.ts';
import { createFixtureSite, type FixtureSite } from '../support/fixtures.ts';

/**
 * Astro's incremental build (experimental.incrementalBuild, the routes' cacheKey) with the SEO
 * step's analysis cache: after one content change, a build that restores the unchanged pages
 * writes the same dist/ as a cold build of the changed content, byte for byte, sitemaps and SEO
 * report included. Each case is three builds of the good fixture in one folder: before the change,
 * incremental after it, and cold after it (every cache removed, the SEO step's kept report put back
 * as it was before the incremental build, so both builds compare with the same previous report).
 */

/** A fixed clock and server key: two cold builds of the same content differ in neither. */
const REPRODUCIBLE = { SOURCE_DATE_EPOCH: '1796000000', ASTRO_KEY: 'MpKl5LeHjmuo0jV6IdBtYVbdDnKk+1ZeFHwcKb+VvDk=' };
/** What the SEO step keeps between builds (kept report, redirects, analyses), relative to the root. */
const CAREPATH_STATE = 'node_modules/.astro/carepath';

describe('an incremental build writes what a cold build writes', () => {
  let site: FixtureSite;
  const saved = Object.fromEntries(Object.keys(REPRODUCIBLE).map((key) => [key, process.env[key]]));
  beforeAll(async () => {
    Object.assign(process.env, REPRODUCIBLE);
    site = createFixtureSite();
    expectBuilt(await buildFixtureSite(site));
  }, 240_000);
  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    site?.remove();
  });

  it('after a condition changes, re-rendering the pages that show it and restoring the rest', async () => {
    const file = join(site.root, site.contentDir, 'conditions/sprained-ankle.mdx');
    // A new summary changes what the SEO step reads from the page (its description), as well as its text.
    const text = readFileSync(file, 'utf8').replace('summary: A stretched or torn ankle ligament.', 'summary: A stretched or torn ligament of the ankle.');
    writeFileSync(file, `${text}\nMost sprains heal at home within two weeks, with rest and ice.\n`);
    const { incremental, cold } = await buildBothWays(site);
    const restored = listRestored(incremental.output);
    expect(restored.length).toBeGreaterThan(0);
    // The condition's own page shows its text: it is rendered, not restored.
    expect(restored).not.toContain('conditions/sprained-ankle/index.html');
    expect(readFileSync(join(incremental.dist, 'client/conditions/sprained-ankle/index.html'), 'utf8')).toContain('Most sprains heal at home within two weeks');
    expect(readFileSync(join(incremental.dist, 'seo-report.json'), 'utf8')).toContain('A stretched or torn ligament of the ankle.');
    expectSameFiles(incremental.dist, cold.dist);
  }, 240_000);

  it('after the organization’s phone changes, re-rendering every page', async () => {
    const file = join(site.root, site.contentDir, 'organization/organization.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('phone: "+15555550100"', 'phone: "+15555550199"'));
    const { incremental, cold } = await buildBothWays(site);
    expect(listRestored(incremental.output)).toEqual([]);
    expect(readFileSync(join(incremental.dist, 'client/conditions/sprained-ankle/index.html'), 'utf8')).toContain('tel:+15555550199');
    expectSameFiles(incremental.dist, cold.dist);
  }, 240_000);
});

interface KeptBuild {
  output: string;
  /** A copy of the build's dist/. */
  dist: string;
}

/** Builds the changed content incrementally, then cold from the same starting state; keeps both dist/ folders. */
async function buildBothWays(site: FixtureSite): Promise<{ incremental: KeptBuild; cold: KeptBuild }> {
  const state = join(site.root, CAREPATH_STATE);
  const before = join(site.root, 'state-before');
  rmSync(before, { recursive: true, force: true });
  cpSync(state, before, { recursive: true });

  const incremental = await keepBuild(site, 'dist-incremental');

  // Cold: no dist, no Astro caches (content store, incremental manifest and pages), and the SEO
  // step's state as the incremental build found it.
  rmSync(join(site.root, 'dist'), { recursive: true, force: true });
  rmSync(join(site.root, '.astro'), { recursive: true, force: true });
  for (const name of readdirSync(join(site.root, 'node_modules/.astro'))) {
    if (name !== 'carepath') rmSync(join(site.root, 'node_modules/.astro', name), { recursive: true, force: true });
  }
  rmSync(state, { recursive: true, force: true });
  cpSync(before, state, { recursive: true });
  const cold = await keepBuild(site, 'dist-cold');
  expect(listRestored(cold.output)).toEqual([]);
  return { incremental, cold };
}

async function keepBuild(site: FixtureSite, name: string): Promise<KeptBuild> {
  const result = await buildFixtureSite(site);
  expectBuilt(result);
  const dist = join(site.root, name);
  rmSync(dist, { recursive: true, force: true });
  cpSync(join(site.root, 'dist'), dist, { recursive: true });
  return { output: result.output, dist };
}

function expectBuilt(result: BuildResult): void {
  expect(result.output).toContain('Complete!');
  expect(result.code).toBe(0);
}

/** The pages Astro restored from its cache instead of rendering them, as its log names them. */
function listRestored(output: string): string[] {
  return [...output.matchAll(/├─ \/?(\S+)\s+\((?:cached|restored)\)/g)].map((match) => (match[1] as string).replace(/^\//, ''));
}

/** Every file of both folders, byte for byte. */
function expectSameFiles(actual: string, expected: string): void {
  const files = listFiles(expected);
  expect(listFiles(actual)).toEqual(files);
  const different = files.filter((file) => !normalize(file, readFileSync(join(actual, file))).equals(normalize(file, readFileSync(join(expected, file)))));
  expect(different).toEqual([]);
}

/**
 * The server's manifest lists the site's static assets in the order the build met them, and a
 * restored page's images are met before the rendered pages' ones: the list is compared as a set
 * there. Every other byte of the file, and of every other file, must match as it is.
 */
function normalize(file: string, bytes: Buffer): Buffer {
  if (!file.startsWith('server/') || !file.endsWith('.mjs')) return bytes;
  const text = bytes.toString('utf8');
  return Buffer.from(text.replace(/"assets":(\[[^\]]*\])/g, (_match, list: string) => `"assets":${JSON.stringify((JSON.parse(list) as string[]).sort())}`));
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}
