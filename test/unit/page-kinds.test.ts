import { describe, expect, it } from 'vitest';
import { buildPagePath, getPageKind, getSitemapName, matchPage, PAGE_ROUTES } from '@/lib/page-kinds.ts';
import { paths } from '@/lib/paths.ts';

describe('getPageKind and getSitemapName', () => {
  it.each([
    ['/', 'home', 'pages'],
    ['/locations/', 'locations', 'pages'],
    ['/locations/hawthorne/', 'location', 'locations'],
    ['/locations/hawthorne/pediatrics/', 'location-service', 'location-services'],
    ['/services/', 'services', 'pages'],
    ['/services/imaging/', 'service', 'services'],
    ['/conditions/', 'conditions', 'pages'],
    ['/conditions/anxiety/', 'condition', 'conditions'],
    ['/providers/', 'providers', 'pages'],
    ['/providers/maya-okafor/', 'provider', 'providers'],
    ['/providers/at/hawthorne/', 'providers-at', 'providers'],
    ['/providers/at/hawthorne/2/', 'providers-at', 'providers'],
    ['/providers/at/hawthorne/12/', 'providers-at', 'providers'],
    ['/providers/for/imaging/', 'providers-for', 'providers'],
    ['/providers/for/imaging/3/', 'providers-for', 'providers'],
    ['/providers/at/', 'provider', 'providers'],
    ['/privacy/', 'privacy', 'pages'],
    ['/request/', 'request', 'pages'],
    ['/404.html', 'not-found', 'pages'],
    ['/thank-you/patient/', 'thank-you', 'pages'],
    ['/thank-you/', 'other', 'pages'],
    ['/locations/a/b/c/', 'other', 'pages'],
  ])('%s is a %s page, listed in %s', (path, kind, sitemap) => {
    expect(getPageKind(path)).toBe(kind);
    expect(getSitemapName(getPageKind(path))).toBe(sitemap);
  });
});

describe('getPageKind on paths of no route', () => {
  // Each kind is a whole path: the same shape under another folder, or a folder deeper, is not it.
  it.each([
    '/en/locations/',
    '/en/locations/hawthorne/',
    '/en/locations/hawthorne/pediatrics/',
    '/en/services/',
    '/en/services/imaging/',
    '/services/imaging/mri/',
    '/en/conditions/',
    '/en/conditions/anxiety/',
    '/conditions/anxiety/faq/',
    '/en/providers/',
    '/en/providers/maya-okafor/',
    '/providers/maya-okafor/cv/',
    // Page 1 is the group's own path; page numbers have no leading zero.
    '/providers/at/hawthorne/1/',
    '/providers/at/hawthorne/02/',
    '/providers/for/imaging/page/2/',
    '/providers/near/hawthorne/',
    '/en/privacy/',
    '/privacy/cookies/',
    '/en/thank-you/patient/',
    '/thank-you/patient/again/',
    '/en/404.html',
    '/404.html/x',
    '/4040/',
  ])('%s is another page', (path) => {
    expect(getPageKind(path)).toBe('other');
  });

  it.each(['/404', '/404/', '/404.html'])('%s is the not-found page however the server names it', (path) => {
    expect(getPageKind(path)).toBe('not-found');
  });
});

describe('the route table', () => {
  it('builds each kind of page at a path getPageKind reads back as that kind, with the same parts', () => {
    for (const route of PAGE_ROUTES) {
      const names = [...route.path.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1] as string);
      const ids = names.map((name) => `some-${name.toLowerCase()}`);
      const path = buildPagePath(route.kind, ids);
      expect(matchPage(path)).toEqual({ kind: route.kind, params: Object.fromEntries(names.map((name, i) => [name, ids[i]])), page: 1 });
    }
  });

  it('numbers the later pages of a group and reads the number back', () => {
    expect(buildPagePath('providers-at', ['hill'], 3)).toBe('/providers/at/hill/3/');
    expect(buildPagePath('providers-at', ['hill'], 1)).toBe('/providers/at/hill/');
    expect(matchPage('/providers/for/imaging/12/')).toEqual({ kind: 'providers-for', params: { service: 'imaging' }, page: 12 });
    // A kind that is not numbered ignores a page number rather than making a path no route serves.
    expect(buildPagePath('location', ['hill'], 2)).toBe('/locations/hill/');
  });

  it('refuses a path with a part missing or one too many', () => {
    expect(() => buildPagePath('location-service', ['hill'])).toThrow('The path of a location-service page needs its service.');
    expect(() => buildPagePath('location', ['hill', 'x'])).toThrow('The path of a location page takes 1 part, not 2.');
  });

  it('is what paths builds every page with', () => {
    expect(paths.locationService('hill', 'family-medicine')).toBe('/locations/hill/family-medicine/');
    expect(paths.providersFor('imaging', 2)).toBe('/providers/for/imaging/2/');
    expect(paths.thankYou('patient')).toBe('/thank-you/patient/');
    expect(paths.request()).toBe('/request/');
  });
});
