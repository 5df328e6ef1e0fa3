import { describe, expect, it } from 'vitest';
import { DIRECTORY_PAGE_SIZE, DIRECTORY_SINGLE_PAGE_MAX, buildDirectoryGroups, buildDirectoryPageText, buildDirectoryPages, formatCount, isDirectoryGrouped } from '@/lib/directory-pages.ts';
import { DESCRIPTION_MAX, DESCRIPTION_MIN } from '@/lib/seo/head.ts';
import { getPageKind, getSitemapName } from '@/lib/page-kinds.ts';

const locations = [
  { id: 'harbor', name: 'Harbor' },
  { id: 'hill', name: 'Hill' },
  { id: 'empty', name: 'Empty' },
];
const services = [
  { id: 'family-medicine', name: 'Family medicine' },
  { id: 'dental', name: 'Dental' },
];
const providers = [
  { id: 'ana', locations: ['harbor', 'hill'], services: ['family-medicine'] },
  { id: 'ben', locations: ['harbor'], services: ['family-medicine'] },
  { id: 'cy', locations: ['hill'], services: ['dental'] },
];

describe('isDirectoryGrouped', () => {
  it('keeps the one filterable page up to DIRECTORY_SINGLE_PAGE_MAX providers', () => {
    expect(isDirectoryGrouped(0)).toBe(false);
    expect(isDirectoryGrouped(10)).toBe(false);
    expect(isDirectoryGrouped(DIRECTORY_SINGLE_PAGE_MAX)).toBe(false);
    expect(isDirectoryGrouped(DIRECTORY_SINGLE_PAGE_MAX + 1)).toBe(true);
    expect(isDirectoryGrouped(600)).toBe(true);
  });
});

describe('buildDirectoryGroups', () => {
  it('makes one group per location and service with providers, in the order given, linking a group of one to its provider', () => {
    const groups = buildDirectoryGroups({ providers, locations, services });
    expect(groups.byLocation.map((g) => [g.id, g.providers, g.href])).toEqual([
      ['harbor', ['ana', 'ben'], '/providers/at/harbor/'],
      ['hill', ['ana', 'cy'], '/providers/at/hill/'],
    ]);
    expect(groups.byService.map((g) => [g.id, g.providers, g.href])).toEqual([
      ['family-medicine', ['ana', 'ben'], '/providers/for/family-medicine/'],
      ['dental', ['cy'], '/providers/cy/'],
    ]);
    expect(groups.byLocation.every((g) => g.by === 'location') && groups.byService.every((g) => g.by === 'service')).toBe(true);
  });
});

describe('buildDirectoryPages', () => {
  const many = Array.from({ length: 2 * DIRECTORY_PAGE_SIZE + 1 }, (_, i) => ({ id: `p${i + 1}`, locations: ['harbor'], services: i === 0 ? ['dental'] : ['family-medicine'] }));
  const groups = buildDirectoryGroups({ providers: many, locations, services });
  const pages = buildDirectoryPages(groups);

  it('makes pages of at most DIRECTORY_PAGE_SIZE providers, numbered after the first, and none for a group of one', () => {
    expect(pages.map((p) => [p.path, p.page.items.length])).toEqual([
      ['/providers/at/harbor/', DIRECTORY_PAGE_SIZE],
      ['/providers/at/harbor/2/', DIRECTORY_PAGE_SIZE],
      ['/providers/at/harbor/3/', 1],
      ['/providers/for/family-medicine/', DIRECTORY_PAGE_SIZE],
      ['/providers/for/family-medicine/2/', DIRECTORY_PAGE_SIZE],
    ]);
    expect(pages[1]?.pagePaths).toEqual(['/providers/at/harbor/', '/providers/at/harbor/2/', '/providers/at/harbor/3/']);
    // Every provider of a group on exactly one of its pages.
    const harbor = pages.filter((p) => p.group.id === 'harbor').flatMap((p) => p.page.items);
    expect(harbor).toEqual(many.map((p) => p.id));
  });

  it('gives every page a kind of its own, listed with the providers, and a title and description of its own', () => {
    expect(pages.map((p) => getPageKind(p.path))).toEqual(['providers-at', 'providers-at', 'providers-at', 'providers-for', 'providers-for']);
    expect(new Set(pages.map((p) => getSitemapName(getPageKind(p.path))))).toEqual(new Set(['providers']));
    const texts = pages.map((page) => buildDirectoryPageText({ page, organization: 'Riverbend Health' }));
    expect(new Set(texts.map((t) => t.title)).size).toBe(pages.length);
    expect(new Set(texts.map((t) => t.description)).size).toBe(pages.length);
    for (const { description } of texts) {
      expect([...description].length).toBeGreaterThanOrEqual(DESCRIPTION_MIN);
      expect([...description].length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    }
    expect(texts.slice(0, 2)).toMatchInlineSnapshot(`
      [
        {
          "description": "The 49 Riverbend Health providers who see patients at Harbor, with their specialties, languages and whether they take new patients.",
          "h1": "Providers at Harbor",
          "title": "Providers at Harbor",
        },
        {
          "description": "Providers 25 to 48 of the 49 at Riverbend Health who see patients at Harbor, with their specialties, languages and whether they take new patients.",
          "h1": "Providers at Harbor",
          "title": "Providers at Harbor, page 2",
        },
      ]
    `);
    expect(texts[3]?.title).toBe('Family medicine providers');
  });
});

describe('formatCount', () => {
  it.each([
    [1, '1 provider'],
    [2, '2 providers'],
    [1200, '1,200 providers'],
  ])('%i → %s', (count, text) => {
    expect(formatCount(count)).toBe(text);
  });
});
