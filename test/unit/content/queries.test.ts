import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageMetadata } from 'astro';
import { AstroError } from 'astro/errors';
import { formatIssues, type EntryRecord } from '@/lib/content/integrity.ts';
import { buildPageList } from '@/lib/content/pages.ts';
import { buildSiteIndex, type TypedSnapshot } from '@/lib/content/relations.ts';
import { readContent } from '../../support/read-content.ts';

// queries.ts is the one module that reads astro:content, which exists only inside an Astro build.
// Here the content layer serves the good fixture, read by the same reader the integrity tests use,
// so what is tested is queries.ts itself: one load per build, the build failing on content errors,
// the lead site's facts and the image cache.
const layer = vi.hoisted(() => ({
  collections: {} as Record<string, { id: string; collection: string; filePath?: string; data: unknown }[]>,
  getCollection: vi.fn(async (name: string) => layer.collections[name] ?? []),
  render: vi.fn(async (entry: { id: string }) => ({ rendered: entry.id })),
  getImage: vi.fn(async (options: { src: { src: string }; width?: number }) => ({ src: `${options.src.src}?w=${options.width ?? ''}` })),
}));
vi.mock('astro:content', () => ({ getCollection: layer.getCollection, render: layer.render }));
vi.mock('astro:assets', () => ({ getImage: layer.getImage }));

/** A fresh copy of queries.ts, so that its once-per-build caches start empty. */
const loadQueries = async () => {
  vi.resetModules();
  return import('@/lib/content/queries.ts');
};

let good: TypedSnapshot<string>;
beforeAll(async () => {
  const content = await readContent({ contentDir: 'test/fixtures/good' });
  expect(content.issues).toEqual([]);
  good = content.snapshot;
});

/** Serves `snapshot` from the fake content layer as Astro's entries (id, collection, filePath, data). */
function serve(snapshot: TypedSnapshot<string>): void {
  layer.collections = Object.fromEntries(
    Object.entries(snapshot).map(([collection, entries]: [string, EntryRecord<unknown>[]]) => [
      collection,
      entries.map((e) => ({ id: e.id, collection, filePath: e.filePath, data: e.data })),
    ]),
  );
}

/** The good fixture with one collection's entries replaced. */
const goodWith = (changes: Partial<TypedSnapshot<string>>): TypedSnapshot<string> => ({ ...good, ...changes });

beforeEach(() => {
  serve(good);
  vi.stubEnv('CONTENT_DIR', 'test/fixtures/good');
  vi.stubEnv('DEPLOY_ENV', '');
  vi.stubEnv('PORT', '');
  vi.stubEnv('SITE_URL', '');
  vi.stubEnv('SIMILARITY_THRESHOLD', '');
  layer.getCollection.mockClear();
  layer.render.mockClear();
  layer.getImage.mockClear();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('getSite', () => {
  it('gives the content indexed, with every page the content makes', async () => {
    const { getSite } = await loadQueries();
    const site = await getSite();
    const expected = buildSiteIndex(good);
    expect(site.organization.data.name).toBe('Fixture Health');
    expect(site.locations.map((l) => l.id)).toEqual(expected.locations.map((l) => l.id));
    expect(site.services.map((s) => s.id)).toEqual(expected.services.map((s) => s.id));
    expect(site.providersAt('hill').map((p) => p.id)).toEqual(['ana-ruiz', 'ben-cole', 'dana-levi']);
    expect(site.pages.map((p) => p.path)).toEqual(buildPageList(expected, () => undefined).map((p) => p.path));
    expect(site.preview).toBe(false);
  });

  it('finds each page by its path, and nothing at a path no page has', async () => {
    const { getSite } = await loadQueries();
    const site = await getSite();
    for (const page of site.pages) expect(site.pageAt(page.path)).toBe(page);
    expect(site.pageAt('/locations/atlantis/')).toBeUndefined();
    expect(site.pageAt('/locations/harbor')).toBeUndefined();
  });

  it('reads each collection once however often pages ask', async () => {
    const { getSite } = await loadQueries();
    const [a, b] = await Promise.all([getSite(), getSite()]);
    await getSite();
    expect(a).toBe(b);
    expect(layer.getCollection.mock.calls.map(([name]) => name).sort()).toEqual(
      ['conditions', 'locationServices', 'locations', 'organization', 'providers', 'routing', 'services'],
    );
  });

  it('marks a preview build, whose pages all stay out of search engines', async () => {
    vi.stubEnv('DEPLOY_ENV', 'preview');
    const { getSite } = await loadQueries();
    expect((await getSite()).preview).toBe(true);
  });

  it('fails the build on a content error, naming the file, the field and the fix', async () => {
    const [harbor, ...others] = good.locations;
    if (!harbor) throw new Error('The good fixture has no harbor location.');
    const broken = goodWith({ locations: [{ ...harbor, data: { ...harbor.data, services: ['walk-in-care', 'family-medecine'] } }, ...others] });
    serve(broken);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { getSite } = await loadQueries();
    const error = await getSite().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AstroError);
    expect(error).toMatchObject({
      message: `The content has 1 error:\n\n${formatIssues([
        {
          severity: 'error',
          file: 'test/fixtures/good/locations/harbor.mdx',
          field: 'services[1]',
          value: 'family-medecine',
          message: '"family-medecine" is not the id of any entry in services/.',
          fix: 'Did you mean "family-medicine"? Valid ids in services/: family-medicine, walk-in-care; or remove "family-medecine" from services in test/fixtures/good/locations/harbor.mdx.',
        },
      ])}\n`,
      hint: 'Fix each field named above, then build again. The README lists every field of each collection.',
    });
    // An error is not also shown as a warning.
    expect(warn).not.toHaveBeenCalled();
  });

  it('counts several errors in the plural', async () => {
    serve(goodWith({ organization: [], routing: [] }));
    const { getSite } = await loadQueries();
    await expect(getSite()).rejects.toThrow(/^The content has 2 errors:\n\norganization\/\n/);
  });

  it('shows content warnings and goes on', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const lonely = { ...good.services[0]!, id: 'dermatology', filePath: 'test/fixtures/good/services/dermatology.mdx', data: { ...good.services[0]!.data, name: 'Dermatology', conditions: [] } };
    serve(goodWith({ services: [...good.services, lonely] }));
    const { getSite } = await loadQueries();
    const site = await getSite();
    expect(site.services.map((s) => s.id)).toContain('dermatology');
    expect(warn.mock.calls).toEqual([
      [
        'Content warnings:\n\ntest/fixtures/good/services/dermatology.mdx\n' +
          '  warning in field (entry)\n' +
          '    No location offers this service, so its page has no place to book or call.\n' +
          '    fix: Add "dermatology" to services in the locations that offer it.\n',
      ],
    ]);
  });

  it('says nothing when there is nothing to warn about', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { getSite } = await loadQueries();
    await getSite();
    expect(warn).not.toHaveBeenCalled();
  });

  it('names an entry that has no file by its id', async () => {
    layer.collections['organization'] = [{ id: 'organization', collection: 'organization', data: good.organization[0]!.data }];
    const { getSite } = await loadQueries();
    expect((await getSite()).organization.filePath).toBe('(no file for organization)');
  });
});

describe('renderBody', () => {
  it('renders the Astro entry behind an entry getSite gave', async () => {
    const { getSite, renderBody } = await loadQueries();
    const harbor = (await getSite()).location('harbor');
    await expect(renderBody(harbor)).resolves.toEqual({ rendered: 'harbor' });
    expect(layer.render).toHaveBeenCalledWith(expect.objectContaining({ id: 'harbor', collection: 'locations', filePath: harbor.filePath }));
  });

  it('renders a copy of such an entry, as a page rendered on another thread gets its props', async () => {
    const { getSite, renderBody } = await loadQueries();
    const harbor = (await getSite()).location('harbor');
    await expect(renderBody(structuredClone(harbor))).resolves.toEqual({ rendered: 'harbor' });
    expect(layer.render).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'harbor', collection: 'locations', filePath: harbor.filePath }));
  });

  it('loads the site first when this thread has not, then finds the entry by its file', async () => {
    const { getSite } = await loadQueries();
    const copy = structuredClone((await getSite()).location('harbor'));
    const fresh = await loadQueries();
    await expect(fresh.renderBody(copy)).resolves.toEqual({ rendered: 'harbor' });
  });

  it('refuses an entry that did not come from getSite', async () => {
    const { renderBody } = await loadQueries();
    await expect(renderBody({ id: 'harbor', filePath: 'x.mdx', data: {} })).rejects.toThrow('No content entry behind "harbor" (x.mdx); pass an entry from getSite().');
  });
});

describe('getLeadSite', () => {
  it('gives the form its choices and the lead pipeline its facts', async () => {
    const { getLeadSite } = await loadQueries();
    const site = await getLeadSite();
    expect(site.locations).toEqual([
      { id: 'harbor', name: 'Fixture Harbor Clinic', city: 'Harbor City', geo: { latitude: 45.5, longitude: -122.6 }, services: ['walk-in-care', 'family-medicine'] },
      { id: 'hill', name: 'Fixture Hill Clinic', city: 'Harbor City', geo: { latitude: 45.51, longitude: -122.61 }, services: ['family-medicine'] },
    ]);
    // Services in their `order`: walk-in care (1) before family medicine (2).
    expect(site.services).toEqual([
      { id: 'walk-in-care', name: 'Walk-in care' },
      { id: 'family-medicine', name: 'Family medicine' },
    ]);
    const harbor = good.locations.find((l) => l.id === 'harbor')!.data;
    expect(site.context.locations.get('harbor')).toEqual({ services: harbor.services, insurance: ['Medicare'], hours: harbor.hours, holidayHours: harbor.holidayHours, timeZone: 'America/Los_Angeles' });
    expect([...site.context.services]).toEqual([
      ['family-medicine', { urgent: false }],
      ['walk-in-care', { urgent: true }],
    ]);
    expect(site.context.routing).toEqual(good.routing[0]!.data);
    expect(site.delivery).toEqual({
      organization: { name: 'Fixture Health', phone: '+15555550100', email: null, timeZone: 'America/Los_Angeles' },
      confirmation: false,
      deliverSpam: false,
      webhooks: { crm: { payload: 'thin' } },
      retention: { closedLeadsDays: null, spamDays: null },
    });
  });

  it('orders the choices by name and order whatever order the content layer gives', async () => {
    serve(goodWith({ locations: [...good.locations].reverse(), services: [...good.services].reverse() }));
    const { getLeadSite } = await loadQueries();
    const site = await getLeadSite();
    expect(site.locations.map((l) => l.id)).toEqual(['harbor', 'hill']);
    expect(site.services.map((s) => s.id)).toEqual(['walk-in-care', 'family-medicine']);
  });

  it('reads only the organization, locations, services and routing, once', async () => {
    const { getLeadSite } = await loadQueries();
    const [a, b] = await Promise.all([getLeadSite(), getLeadSite()]);
    expect(a).toBe(b);
    expect(layer.getCollection.mock.calls.map(([name]) => name).sort()).toEqual(['locations', 'organization', 'routing', 'services']);
  });

  it('fails without a routing entry', async () => {
    serve(goodWith({ routing: [] }));
    const { getLeadSite } = await loadQueries();
    await expect(getLeadSite()).rejects.toThrow('The content has no organization or routing entry; the build should have failed.');
  });
});

describe('getPageImage', () => {
  const logo = { src: '/logo.svg', width: 100, height: 40, format: 'svg' } as ImageMetadata;
  const share = { src: '/share.jpg', width: 1200, height: 630, format: 'jpg' } as ImageMetadata;

  it('in a build, makes each image at each size once', async () => {
    vi.stubEnv('PROD', true);
    const { getPageImage } = await loadQueries();
    const first = getPageImage({ src: logo, width: 200 });
    expect(getPageImage({ src: logo, width: 200 })).toBe(first);
    await expect(first).resolves.toEqual({ src: '/logo.svg?w=200' });
    await expect(getPageImage({ src: logo, width: 400 })).resolves.toEqual({ src: '/logo.svg?w=400' });
    await expect(getPageImage({ src: share, width: 200 })).resolves.toEqual({ src: '/share.jpg?w=200' });
    getPageImage({ src: share, width: 200, format: 'jpeg' });
    expect(layer.getImage).toHaveBeenCalledTimes(4);
  });

  it('on the dev server, asks every time, since an image may change between requests', async () => {
    vi.stubEnv('PROD', false);
    const { getPageImage } = await loadQueries();
    await getPageImage({ src: logo, width: 200 });
    await getPageImage({ src: logo, width: 200 });
    expect(layer.getImage).toHaveBeenCalledTimes(2);
  });
});
