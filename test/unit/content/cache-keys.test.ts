import { beforeAll, describe, expect, it } from 'vitest';
import { buildSiteIndex, type SiteIndex } from '@/lib/content/relations.ts';
import { buildPageList, makeDateOf, type SitePage } from '@/lib/content/pages.ts';
import { buildCacheKeys, findEmbeddedIds, type CacheKeyInputs } from '@/lib/content/cache-keys.ts';
import type { EntryRecord } from '@/lib/content/integrity.ts';
import { paths } from '@/lib/paths.ts';
import { readContent } from '../../support/read-content.ts';

let site: SiteIndex<string>;
let pages: SitePage[];
beforeAll(async () => {
  const content = await readContent({ contentDir: 'test/fixtures/good' });
  expect(content.issues).toEqual([]);
  site = buildSiteIndex(content.snapshot);
  pages = buildPageList(site, makeDateOf(new Map()));
});

/** Keys with each entry's fingerprint its data, and `bodies` for the text of entries by id. */
function keysOf(options: { siteWide?: unknown; bodies?: Record<string, string>; changed?: (entry: EntryRecord<unknown>) => string | undefined } = {}) {
  const byId = new Map([...site.locations, ...site.providers].map((e) => [e.id, e as EntryRecord<unknown>]));
  const inputs: CacheKeyInputs = {
    siteWide: options.siteWide ?? { phone: '+15555550100' },
    fingerprint: (entry) => options.changed?.(entry) ?? JSON.stringify(entry.data),
    embedded: (entry) => findEmbeddedIds(options.bodies?.[entry.id] ?? '').flatMap((id) => byId.get(id) ?? []),
  };
  const keyOf = buildCacheKeys(pages, inputs);
  return new Map(pages.map((page) => [page.path, keyOf(page.path)]));
}

/** The pages whose key differs between two sets of keys. */
const changedPages = (before: Map<string, string>, after: Map<string, string>) => [...before].filter(([path, key]) => after.get(path) !== key).map(([path]) => path);

describe('buildCacheKeys', () => {
  it('gives every page its own key, the same from the same inputs', () => {
    const keys = keysOf();
    expect(new Set(keys.values()).size).toBe(pages.length);
    expect(keysOf()).toEqual(keys);
  });

  it('changes the keys of exactly the pages that show a changed condition', () => {
    const condition = site.conditions[0] as EntryRecord<unknown>;
    const after = keysOf({ changed: (entry) => (entry === condition ? 'edited' : undefined) });
    const showing = pages.filter((page) => page.shows.includes(condition)).map((page) => page.path);
    expect(changedPages(keysOf(), after)).toEqual(showing);
    expect(showing).toContain(paths.condition(condition.id));
    expect(showing.length).toBeLessThan(pages.length);
  });

  it('changes every key when something every page shows changes', () => {
    expect(changedPages(keysOf(), keysOf({ siteWide: { phone: '+15555550199' } }))).toEqual(pages.map((page) => page.path));
  });

  it('changes the key of a page whose text embeds a changed location, and of the pages that show it', () => {
    const service = site.services[0] as EntryRecord<unknown>;
    const location = site.locations.find((l) => !pages.find((p) => p.path === paths.service(service.id))?.shows.includes(l));
    if (!location) throw new Error('The good fixture needs a location that its first service does not show.');
    const bodies = { [service.id]: `See <LocationHours id="${location.id}" /> for hours.` };
    const after = keysOf({ bodies, changed: (entry) => (entry === location ? 'new hours' : undefined) });
    expect(changedPages(keysOf({ bodies }), after)).toContain(paths.service(service.id));
  });

  it('adds what a route shows besides, and refuses a path with no page', () => {
    const keyOf = buildCacheKeys(pages, { siteWide: {}, fingerprint: () => '', embedded: () => [] });
    expect(keyOf(paths.home(), ['2026-12-25'])).not.toBe(keyOf(paths.home()));
    expect(() => keyOf('/nowhere/')).toThrow('No content page at /nowhere/');
  });
});

describe('findEmbeddedIds', () => {
  it.each([
    ['<LocationHours id="pearl-district" />', ['pearl-district']],
    ["<ProviderCard id='maya-okafor' headingLevel={3} />", ['maya-okafor']],
    ['<InsuranceList headingLevel={3} id={"hill"} />', ['hill']],
    ['<LocationHours id="a" /> and <ProviderCard id="b" /> and <LocationHours id="a" />', ['a', 'b']],
    ['<div id="not-a-component"></div> and id="loose"', []],
  ])('%s', (body, ids) => {
    expect(findEmbeddedIds(body)).toEqual(ids);
  });
});
