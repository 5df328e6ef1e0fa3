import { beforeAll, describe, expect, it } from 'vitest';
import { buildSiteIndex, type SiteIndex } from '@/lib/content/relations.ts';
import { buildPageList, getDirectoryPages, latestDate, makeDateOf } from '@/lib/content/pages.ts';
import { DIRECTORY_PAGE_SIZE, DIRECTORY_SINGLE_PAGE_MAX } from '@/lib/directory-pages.ts';
import type { EntryRecord } from '@/lib/content/integrity.ts';
import { readContent } from '../../support/read-content.ts';

let site: SiteIndex<string>;
let snapshot: Awaited<ReturnType<typeof readContent>>['snapshot'];
beforeAll(async () => {
  const content = await readContent({ contentDir: 'test/fixtures/good' });
  expect(content.issues).toEqual([]);
  snapshot = content.snapshot;
  site = buildSiteIndex(content.snapshot);
});

const entry = (filePath: string, data: object): EntryRecord<unknown> => ({ id: filePath, filePath, data });

describe('makeDateOf', () => {
  const gitDates = new Map([['a.mdx', new Date('2026-05-01')], ['b.mdx', new Date('2026-06-01')], ['c.mdx', new Date('2026-07-01')]]);
  const dateOf = makeDateOf(gitDates);

  it('prefers updated, then the review date, then the last commit', () => {
    expect(dateOf(entry('a.mdx', { updated: new Date('2026-01-01'), review: { date: new Date('2026-02-01') } }))).toEqual({
      date: new Date('2026-01-01'),
      source: { file: 'a.mdx', field: 'updated' },
    });
    expect(dateOf(entry('b.mdx', { review: { date: new Date('2026-02-01') } }))?.source.field).toBe('review.date');
    expect(dateOf(entry('c.mdx', {}))).toEqual({ date: new Date('2026-07-01'), source: { file: 'c.mdx', field: 'git' } });
    expect(dateOf(entry('new.mdx', {}))).toBeUndefined();
  });

  it('gives a page the latest date of what it shows, and the file it came from', () => {
    const shows = [entry('a.mdx', {}), entry('c.mdx', {}), entry('b.mdx', {}), entry('new.mdx', {})];
    expect(latestDate(shows, dateOf)).toEqual({ date: new Date('2026-07-01'), source: { file: 'c.mdx', field: 'git' } });
    expect(latestDate([entry('new.mdx', {})], dateOf)).toBeUndefined();
  });

  it('keeps the first entry listed when two changed on the same day', () => {
    const sameDay = makeDateOf(new Map([['page.mdx', new Date('2026-07-01')], ['other.mdx', new Date('2026-07-01')]]));
    expect(latestDate([entry('page.mdx', {}), entry('other.mdx', {})], sameDay)?.source.file).toBe('page.mdx');
  });
});

describe('buildPageList on the good fixture', () => {
  it('names the file and fields a writer edits for each page: its own entry, or the file a location × service page would get', () => {
    const pages = buildPageList(site, () => undefined);
    const sources = Object.fromEntries(
      pages.map((p) => [p.path, p.source && [p.source.file.replace('test/fixtures/good/', ''), p.source.title, p.source.description, p.source.create ? 'new' : p.source.text ? 'text' : ''].join(' ')]),
    );
    expect(sources).toMatchInlineSnapshot(`
      {
        "/": "organization/organization.yaml name description ",
        "/conditions/": undefined,
        "/conditions/high-blood-pressure/": "conditions/high-blood-pressure.mdx name summary text",
        "/conditions/sprained-ankle/": "conditions/sprained-ankle.mdx name summary text",
        "/locations/": undefined,
        "/locations/harbor/": "locations/harbor.mdx name summary text",
        "/locations/harbor/family-medicine/": "location-services/harbor--family-medicine.mdx seo.title summary new",
        "/locations/harbor/walk-in-care/": "location-services/harbor--walk-in-care.mdx seo.title summary text",
        "/locations/hill/": "locations/hill.mdx name summary text",
        "/locations/hill/family-medicine/": "location-services/hill--family-medicine.mdx seo.title summary new",
        "/privacy/": undefined,
        "/providers/": "organization/organization.yaml  providersDescription ",
        "/providers/ana-ruiz/": "providers/ana-ruiz.mdx name summary text",
        "/providers/ben-cole/": "providers/ben-cole.mdx name summary text",
        "/providers/dana-levi/": "providers/dana-levi.mdx name summary text",
        "/services/": undefined,
        "/services/family-medicine/": "services/family-medicine.mdx name summary text",
        "/services/walk-in-care/": "services/walk-in-care.mdx name summary text",
      }
    `);
  });

  it('lists every page the routes build, with its kind', () => {
    const pages = buildPageList(site, () => undefined);
    expect(pages.map((p) => `${p.kind} ${p.path}`)).toMatchInlineSnapshot(`
      [
        "home /",
        "locations /locations/",
        "location /locations/harbor/",
        "location /locations/hill/",
        "location-service /locations/harbor/walk-in-care/",
        "location-service /locations/harbor/family-medicine/",
        "location-service /locations/hill/family-medicine/",
        "services /services/",
        "service /services/walk-in-care/",
        "service /services/family-medicine/",
        "conditions /conditions/",
        "condition /conditions/high-blood-pressure/",
        "condition /conditions/sprained-ankle/",
        "providers /providers/",
        "provider /providers/ana-ruiz/",
        "provider /providers/ben-cole/",
        "provider /providers/dana-levi/",
        "privacy /privacy/",
      ]
    `);
  });

  it('lists for each page every entry it shows, whose change changes the page', () => {
    const pages = buildPageList(site, () => undefined);
    expect(Object.fromEntries(pages.map((p) => [p.path, p.shows.map((e) => e.filePath.replace('test/fixtures/good/', '')).join(' ')]))).toMatchInlineSnapshot(`
      {
        "/": "organization/organization.yaml locations/harbor.mdx locations/hill.mdx services/walk-in-care.mdx services/family-medicine.mdx",
        "/conditions/": "conditions/high-blood-pressure.mdx conditions/sprained-ankle.mdx",
        "/conditions/high-blood-pressure/": "conditions/high-blood-pressure.mdx services/family-medicine.mdx providers/ben-cole.mdx",
        "/conditions/sprained-ankle/": "conditions/sprained-ankle.mdx services/walk-in-care.mdx services/family-medicine.mdx providers/ana-ruiz.mdx",
        "/locations/": "locations/harbor.mdx locations/hill.mdx",
        "/locations/harbor/": "locations/harbor.mdx services/walk-in-care.mdx services/family-medicine.mdx providers/ana-ruiz.mdx",
        "/locations/harbor/family-medicine/": "locations/harbor.mdx services/family-medicine.mdx providers/ana-ruiz.mdx conditions/high-blood-pressure.mdx conditions/sprained-ankle.mdx locations/hill.mdx",
        "/locations/harbor/walk-in-care/": "locations/harbor.mdx services/walk-in-care.mdx location-services/harbor--walk-in-care.mdx providers/ana-ruiz.mdx conditions/sprained-ankle.mdx",
        "/locations/hill/": "locations/hill.mdx services/family-medicine.mdx providers/ana-ruiz.mdx providers/ben-cole.mdx providers/dana-levi.mdx",
        "/locations/hill/family-medicine/": "locations/hill.mdx services/family-medicine.mdx providers/ana-ruiz.mdx providers/ben-cole.mdx providers/dana-levi.mdx conditions/high-blood-pressure.mdx conditions/sprained-ankle.mdx locations/harbor.mdx",
        "/privacy/": "organization/organization.yaml",
        "/providers/": "providers/ana-ruiz.mdx providers/ben-cole.mdx providers/dana-levi.mdx locations/harbor.mdx locations/hill.mdx",
        "/providers/ana-ruiz/": "providers/ana-ruiz.mdx locations/harbor.mdx locations/hill.mdx services/family-medicine.mdx services/walk-in-care.mdx conditions/sprained-ankle.mdx",
        "/providers/ben-cole/": "providers/ben-cole.mdx locations/hill.mdx services/family-medicine.mdx conditions/high-blood-pressure.mdx providers/ana-ruiz.mdx",
        "/providers/dana-levi/": "providers/dana-levi.mdx locations/hill.mdx services/family-medicine.mdx providers/ana-ruiz.mdx",
        "/services/": "services/walk-in-care.mdx services/family-medicine.mdx",
        "/services/family-medicine/": "services/family-medicine.mdx locations/harbor.mdx locations/hill.mdx providers/ana-ruiz.mdx providers/ben-cole.mdx providers/dana-levi.mdx conditions/high-blood-pressure.mdx conditions/sprained-ankle.mdx",
        "/services/walk-in-care/": "services/walk-in-care.mdx locations/harbor.mdx providers/ana-ruiz.mdx conditions/sprained-ankle.mdx",
      }
    `);
  });

  it('dates a location page by a provider who works there', () => {
    const dates = new Map([['test/fixtures/good/providers/ben-cole.mdx', new Date('2026-09-09')]]);
    const pages = buildPageList(site, makeDateOf(dates));
    const byPath = new Map(pages.map((p) => [p.path, p]));
    // Ben Cole works at Hill only: his change moves Hill's page, not Harbor's.
    expect(byPath.get('/locations/hill/')?.lastmod).toEqual({
      date: new Date('2026-09-09'),
      source: { file: 'test/fixtures/good/providers/ben-cole.mdx', field: 'git' },
    });
    expect(byPath.get('/locations/harbor/')?.lastmod).toBeUndefined();
  });

  it('dates the page of a provider who takes no new patients by the providers it offers instead', () => {
    const dates = new Map([['test/fixtures/good/providers/ana-ruiz.mdx', new Date('2026-09-09')]]);
    const byPath = new Map(buildPageList(site, makeDateOf(dates)).map((p) => [p.path, p]));
    // Ben Cole's page sends new patients to Ana Ruiz; Ana Ruiz's page shows neither of the others.
    expect(byPath.get('/providers/ben-cole/')?.lastmod?.source.file).toBe('test/fixtures/good/providers/ana-ruiz.mdx');
    expect(byPath.get('/providers/ana-ruiz/')?.shows.map((e) => e.id)).not.toContain('ben-cole');
  });

  it('says which pages have a picture of their own: locations, and providers with a headshot', () => {
    const pages = buildPageList(site, () => undefined);
    expect(pages.filter((p) => p.hasOwnImage).map((p) => p.path)).toEqual([
      '/locations/harbor/',
      '/locations/hill/',
      '/locations/harbor/walk-in-care/',
      '/locations/harbor/family-medicine/',
      '/locations/hill/family-medicine/',
      '/providers/ana-ruiz/',
      '/providers/ben-cole/',
    ]);
  });

  it("carries the writer's seo settings from the page's own entry", () => {
    const hill = site.location('hill');
    const withSeo = { ...site, location: () => hill, locations: site.locations.map((l) => (l.id === 'hill' ? { ...l, data: { ...l.data, seo: { noindex: true } } } : l)) };
    const page = buildPageList(withSeo, () => undefined).find((p) => p.path === '/locations/hill/');
    expect(page?.seo).toEqual({ noindex: true });
  });
});

describe('buildPageList and the provider directory', () => {
  it('lists no group page for a small organization: its directory is one page', () => {
    expect(site.providers.length).toBeLessThanOrEqual(DIRECTORY_SINGLE_PAGE_MAX);
    expect(getDirectoryPages(site)).toEqual([]);
    expect(buildPageList(site, () => undefined).filter((p) => p.path.startsWith('/providers/') && p.kind !== 'provider' && p.kind !== 'providers')).toEqual([]);
  });

  it('lists every group page of a large one, with the group and the providers it shows', () => {
    // The good fixture's providers (conditions name them as reviewers), and copies of them until the organization is past one page.
    const count = DIRECTORY_PAGE_SIZE + 6;
    const copies = Array.from({ length: count - snapshot.providers.length }, (_, i) => {
      const original = snapshot.providers[i % snapshot.providers.length] as (typeof snapshot.providers)[number];
      return { ...original, id: `${original.id}-${i}`, data: { ...original.data, name: `${original.data.name} ${String(i).padStart(2, '0')}` } };
    });
    const large = buildSiteIndex({ ...snapshot, providers: [...snapshot.providers, ...copies] });
    const pages = buildPageList(large, () => undefined);
    const groupPages = pages.filter((p) => p.kind === 'providers-at' || p.kind === 'providers-for');
    expect(groupPages.map((p) => p.path)).toEqual(getDirectoryPages(large).map((d) => d.path));
    expect(groupPages.length).toBeGreaterThan(0);
    for (const page of groupPages) {
      const directoryPage = getDirectoryPages(large).find((d) => d.path === page.path);
      const [group, ...shown] = page.shows;
      expect(group?.id, page.path).toBe(directoryPage?.group.id);
      expect(shown.map((e) => e.id), page.path).toEqual(directoryPage?.page.items);
      expect(shown.length, page.path).toBeLessThanOrEqual(DIRECTORY_PAGE_SIZE);
    }
    // A group larger than a page has a second one.
    expect(groupPages.some((p) => /\/2\/$/.test(p.path))).toBe(true);
    // The directory itself shows every provider, location and service: its counts change with any of them.
    const directory = pages.find((p) => p.path === '/providers/');
    expect(directory?.shows.length).toBe(count + large.locations.length + large.services.length);
  });
});
