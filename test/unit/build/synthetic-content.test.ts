import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticContent } from '../../bench/synthetic/generate-content.ts';
import { generateSyntheticContent, type SyntheticOptions } from '../../bench/synthetic/synthetic-content.ts';
import { isValidNpi } from '@/lib/content/npi.ts';
import { buildSiteIndex } from '@/lib/content/relations.ts';
import { readContent } from '../../support/read-content.ts';

const SMALL: SyntheticOptions = { locations: 6, services: 8, conditions: 10, providers: 12, seed: 'unit' };

const temp = mkdtempSync(join(tmpdir(), 'carepath-synthetic-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Every file under `dir`, relative path → bytes. */
function readTree(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = join(entry.parentPath, entry.name);
        return [relative(dir, file), readFileSync(file)] as const;
      })
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

describe('generateSyntheticContent', () => {
  it.each([
    [undefined, 1],
    [4, 2],
    [1, 6],
  ])('spreads the locations over cities, %s a city (%i cities)', async (locationsPerCity, cities) => {
    const out = join(temp, `cities-${locationsPerCity ?? 'default'}`);
    writeSyntheticContent(out, { ...SMALL, locationsPerCity });
    const { snapshot } = await readContent({ contentDir: out, root: temp });
    expect(new Set(snapshot.locations.map((l) => l.data.address?.city)).size).toBe(cities);
  });

  it('writes content that passes the schemas and the integrity check, with nothing to warn about', async () => {
    const out = join(temp, 'valid');
    writeSyntheticContent(out, SMALL);
    const { snapshot, issues } = await readContent({ contentDir: out, root: temp });
    expect(issues).toEqual([]);
    expect(snapshot.locations).toHaveLength(SMALL.locations);
    expect(snapshot.services).toHaveLength(SMALL.services);
    expect(snapshot.conditions).toHaveLength(SMALL.conditions);
    expect(snapshot.providers).toHaveLength(SMALL.providers);
    expect(snapshot.locationServices.length).toBeGreaterThan(0);
    expect(snapshot.providers.every((p) => isValidNpi(p.data.npi))).toBe(true);
    // Each service has at least one page at a location.
    const site = buildSiteIndex(snapshot);
    for (const service of site.services) expect(site.locationsOffering(service.id).length).toBeGreaterThan(0);
  });

  it('gives the same bytes for the same seed, and other text for another seed', () => {
    writeSyntheticContent(join(temp, 'a'), SMALL);
    writeSyntheticContent(join(temp, 'b'), SMALL);
    writeSyntheticContent(join(temp, 'c'), { ...SMALL, seed: 'other' });
    const a = readTree(join(temp, 'a'));
    expect(readTree(join(temp, 'b'))).toEqual(a);
    const c = readTree(join(temp, 'c'));
    expect([...c.keys()].some((file) => !c.get(file)?.equals(a.get(file) ?? Buffer.alloc(0)))).toBe(true);
  });

  it('keeps meta descriptions within what search results show, and unique', () => {
    const summaries = generateSyntheticContent({ ...SMALL, locations: 40, services: 50, conditions: 80, providers: 120 }).flatMap((file) =>
      'text' in file ? [...file.text.matchAll(/^summary: "?(.*?)"?$/gm)].map((m) => m[1] ?? '') : [],
    );
    expect(summaries.length).toBeGreaterThan(250);
    for (const summary of summaries) expect(summary.length, summary).toBeGreaterThanOrEqual(70);
    for (const summary of summaries) expect(summary.length, summary).toBeLessThanOrEqual(160);
    expect(new Set(summaries).size).toBe(summaries.length);
  });

  it('makes as many entries as asked for beyond the phrase banks', async () => {
    const out = join(temp, 'large');
    writeSyntheticContent(out, { locations: 30, services: 70, conditions: 130, providers: 40, seed: 'large', servicesPerLocation: 3 });
    const { snapshot, issues } = await readContent({ contentDir: out, root: temp });
    expect(issues).toEqual([]);
    expect(snapshot.services).toHaveLength(70);
    expect(snapshot.conditions).toHaveLength(130);
  });

  it('refuses to replace a folder it did not write', () => {
    expect(() => writeSyntheticContent(join(process.cwd(), 'src'), SMALL)).toThrow(/not written by gen:content/);
  });
});
