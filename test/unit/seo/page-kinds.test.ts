import { describe, expect, it } from 'vitest';
import { getPageKind, getSitemapName } from '@/lib/seo/page-kinds.ts';

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
    ['/privacy/', 'privacy', 'pages'],
    ['/404.html', 'not-found', 'pages'],
    ['/thank-you/patient/', 'thank-you', 'pages'],
    ['/thank-you/', 'other', 'pages'],
    ['/locations/a/b/c/', 'other', 'pages'],
  ])('%s is a %s page, listed in %s', (path, kind, sitemap) => {
    expect(getPageKind(path)).toBe(kind);
    expect(getSitemapName(getPageKind(path))).toBe(sitemap);
  });
});
