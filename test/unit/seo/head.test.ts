import { describe, expect, it } from 'vitest';
import { buildCanonical, buildHead } from '@/lib/seo/head.ts';

describe('buildCanonical', () => {
  it.each([
    ['https://clinic.example', '/locations/hawthorne/', 'https://clinic.example/locations/hawthorne/'],
    ['https://clinic.example', '/locations/hawthorne', 'https://clinic.example/locations/hawthorne/'],
    ['https://clinic.example', '/services/?utm_source=x#faq', 'https://clinic.example/services/'],
    ['https://clinic.example', '/sitemap-index.xml', 'https://clinic.example/sitemap-index.xml'],
    ['http://localhost:4321', '/', 'http://localhost:4321/'],
  ])('%s + %s → %s', (site, path, expected) => {
    expect(buildCanonical(site, path)).toBe(expected);
  });
});

describe('buildHead', () => {
  const base = { siteUrl: 'https://clinic.example', brand: 'Riverbend Health', description: 'd' };

  it('adds the brand to the page title', () => {
    expect(buildHead({ ...base, path: '/services/', title: 'Services' })).toEqual({
      title: 'Services | Riverbend Health',
      description: 'd',
      canonical: 'https://clinic.example/services/',
      noindex: false,
    });
  });

  it('uses the brand alone on the home page and passes noindex through', () => {
    const head = buildHead({ ...base, path: '/', title: 'Riverbend Health', noindex: true });
    expect(head.title).toBe('Riverbend Health');
    expect(head.noindex).toBe(true);
  });
});
