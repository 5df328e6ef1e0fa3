import { describe, expect, it } from 'vitest';
import { buildQuestions } from '@/lib/schema/faq.ts';
import { buildPageBreadcrumbs, buildWebPage, type PageContext } from '@/lib/schema/web-page.ts';

const page: PageContext = {
  siteUrl: 'https://r.example',
  canonical: 'https://r.example/locations/hill/',
  name: 'Hill Clinic | Fixture Health',
  description: 'Family care on the hill.',
  language: 'en',
  crumbs: [
    { name: 'Home', path: '/' },
    { name: 'Locations', path: '/locations/' },
    { name: 'Hill Clinic', path: '/locations/hill/' },
  ],
  dateModified: new Date('2026-05-04T13:45:00Z'),
  organization: { name: 'Fixture Health', legalName: 'F', description: 'D', phone: '+15555550100', socialProfiles: [], serviceArea: ['Harbor City'] },
  logoUrl: 'https://r.example/_astro/logo.svg',
  imageUrl: 'https://r.example/_astro/hill.jpg',
};

describe('buildWebPage', () => {
  it('states the page in its website, with its trail, language, publisher and last change', () => {
    expect(buildWebPage({ page, type: 'WebPage' })).toMatchInlineSnapshot(`
      {
        "@id": "https://r.example/locations/hill/#webpage",
        "@type": "WebPage",
        "breadcrumb": {
          "@id": "https://r.example/locations/hill/#breadcrumb",
        },
        "dateModified": "2026-05-04",
        "description": "Family care on the hill.",
        "inLanguage": "en",
        "isPartOf": {
          "@id": "https://r.example/#website",
        },
        "name": "Hill Clinic | Fixture Health",
        "publisher": {
          "@id": "https://r.example/#organization",
        },
        "url": "https://r.example/locations/hill/",
      }
    `);
  });

  it.each([
    { type: 'WebPage' as const, audience: false },
    { type: 'MedicalWebPage' as const, audience: true },
    { type: 'ProfilePage' as const, audience: false },
  ])('gives a $type a medical audience: $audience', ({ type, audience }) => {
    const node = buildWebPage({ page, type });
    expect(node['@type']).toBe(type);
    expect('medicalAudience' in node).toBe(audience);
  });

  it('puts the page picture forward only where the page shows it', () => {
    expect(buildWebPage({ page, type: 'WebPage', showsImage: true }).primaryImageOfPage).toEqual({
      '@type': 'ImageObject',
      url: 'https://r.example/_astro/hill.jpg',
      contentUrl: 'https://r.example/_astro/hill.jpg',
    });
    expect(buildWebPage({ page, type: 'WebPage' })).not.toHaveProperty('primaryImageOfPage');
    expect(buildWebPage({ page: { ...page, imageUrl: undefined }, type: 'WebPage', showsImage: true })).not.toHaveProperty('primaryImageOfPage');
  });

  it('leaves out dateModified when the last change is unknown', () => {
    expect(buildWebPage({ page: { ...page, dateModified: undefined }, type: 'WebPage' })).not.toHaveProperty('dateModified');
  });

  it('is also an FAQPage whose main entity is the questions, when it shows questions', () => {
    const questions = buildQuestions([{ question: 'Q?', answer: 'A.' }]);
    const node = buildWebPage({ page, type: 'MedicalWebPage', questions, about: [{ '@id': 'c' }] });
    expect(node['@type']).toEqual(['MedicalWebPage', 'FAQPage']);
    expect(node.mainEntity).toBe(questions);
    expect(node.about).toEqual([{ '@id': 'c' }]);
  });

  it('states the medical review', () => {
    const node = buildWebPage({ page, type: 'MedicalWebPage', review: { date: new Date('2026-01-15'), by: { '@id': 'p' } } });
    expect([node.lastReviewed, node.reviewedBy]).toEqual(['2026-01-15', { '@id': 'p' }]);
  });

  it('refuses a main entity and questions together', () => {
    expect(() => buildWebPage({ page, type: 'WebPage', mainEntity: { '@id': 'p' }, questions: buildQuestions([{ question: 'Q?', answer: 'A.' }]) })).toThrow();
  });

  it('gives the 404 page, which has no URL of its own, no @id, url or breadcrumb', () => {
    const notFound = { ...page, canonical: undefined, crumbs: [{ name: 'Home', path: '/' }, { name: 'Page not found' }] };
    const node = buildWebPage({ page: notFound, type: 'WebPage' });
    expect(Object.keys(node).filter((k) => ['@id', 'url', 'breadcrumb'].includes(k))).toEqual([]);
    expect(buildPageBreadcrumbs(notFound)).toBeUndefined();
  });
});

describe('buildPageBreadcrumbs', () => {
  it('makes absolute crumb URLs from the site paths', () => {
    expect(buildPageBreadcrumbs(page)?.itemListElement).toMatchInlineSnapshot(`
      [
        {
          "@type": "ListItem",
          "item": "https://r.example/",
          "name": "Home",
          "position": 1,
        },
        {
          "@type": "ListItem",
          "item": "https://r.example/locations/",
          "name": "Locations",
          "position": 2,
        },
        {
          "@type": "ListItem",
          "item": "https://r.example/locations/hill/",
          "name": "Hill Clinic",
          "position": 3,
        },
      ]
    `);
  });

  it('makes none on the home page', () => {
    expect(buildPageBreadcrumbs({ ...page, canonical: 'https://r.example/', crumbs: [{ name: 'Home', path: '/' }] })).toBeUndefined();
  });
});
