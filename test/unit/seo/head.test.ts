import { describe, expect, it } from 'vitest';
import { buildCanonical, buildHead, buildTitle, fitDescription, pickPreviewImage, TITLE_MAX } from '@/lib/seo/head.ts';

describe('buildCanonical', () => {
  it.each([
    ['https://clinic.example', '/locations/hawthorne/', 'https://clinic.example/locations/hawthorne/'],
    ['https://clinic.example', '/locations/hawthorne', 'https://clinic.example/locations/hawthorne/'],
    ['https://clinic.example', '/services/?utm_source=x#faq', 'https://clinic.example/services/'],
    ['https://clinic.example', '/sitemap-index.xml', 'https://clinic.example/sitemap-index.xml'],
    ['http://localhost:4321', '/', 'http://localhost:4321/'],
    // A dot inside the path is not a file extension: the page still gets its slash.
    ['https://clinic.example', '/guides/v2.1/intro', 'https://clinic.example/guides/v2.1/intro/'],
  ])('%s + %s → %s', (site, path, expected) => {
    expect(buildCanonical(site, path)).toBe(expected);
  });
});

describe('buildHead', () => {
  const base = {
    siteUrl: 'https://clinic.example',
    brand: 'Riverbend Health',
    description: 'Physical therapy for back, neck and sports injuries.',
    image: { url: '/_astro/share.jpg', alt: 'A clinic' },
  };

  it('builds title, canonical, robots and matching Open Graph and Twitter tags', () => {
    expect(buildHead({ ...base, path: '/services/', title: 'Services' })).toMatchInlineSnapshot(`
      {
        "canonical": "https://clinic.example/services/",
        "description": "Physical therapy for back, neck and sports injuries.",
        "noindex": false,
        "openGraph": {
          "description": "Physical therapy for back, neck and sports injuries.",
          "image": "https://clinic.example/_astro/share.jpg",
          "imageAlt": "A clinic",
          "siteName": "Riverbend Health",
          "title": "Services | Riverbend Health",
          "type": "website",
          "url": "https://clinic.example/services/",
        },
        "robots": "index, follow, max-image-preview:large",
        "title": "Services | Riverbend Health",
        "twitter": {
          "card": "summary_large_image",
          "description": "Physical therapy for back, neck and sports injuries.",
          "image": "https://clinic.example/_astro/share.jpg",
          "imageAlt": "A clinic",
          "title": "Services | Riverbend Health",
        },
      }
    `);
  });

  it('adds no brand to a title that names it already', () => {
    expect(buildHead({ ...base, path: '/', title: 'Riverbend Health' }).title).toBe('Riverbend Health');
    expect(buildHead({ ...base, path: '/locations/x/', title: 'Riverbend Health – Hawthorne' }).title).toBe('Riverbend Health – Hawthorne');
  });

  it("takes the writer's seo overrides", () => {
    const head = buildHead({ ...base, path: '/services/', title: 'Services', seo: { title: 'Care near you', description: 'Own words.' } });
    expect([head.title, head.description, head.openGraph.title, head.twitter.description]).toEqual(['Care near you', 'Own words.', 'Care near you', 'Own words.']);
  });

  it.each([
    ['the template', { noindex: true }],
    ['the writer', { seo: { noindex: true } }],
    ['a preview deployment', { preview: true }],
  ])('keeps the page out of search results when %s says so', (_, options) => {
    const head = buildHead({ ...base, path: '/x/', title: 'X', ...options });
    expect([head.noindex, head.robots]).toEqual([true, 'noindex, follow']);
  });

  it('leaves out the canonical URL when asked, and keeps absolute image URLs', () => {
    const head = buildHead({ ...base, path: '/404/', title: 'Not found', canonical: false, image: { url: 'https://cdn.example/a.jpg', alt: '' } });
    expect([head.canonical, head.openGraph.url, head.openGraph.image]).toEqual([undefined, undefined, 'https://cdn.example/a.jpg']);
  });
});

describe('pickPreviewImage: a provider without a headshot', () => {
  const share = { src: '/_astro/share.jpg', alt: 'Illustration of a Fixture Health clinic' };
  const headshot = { src: '/_astro/ana-ruiz.jpg', alt: 'Portrait of Ana Ruiz' };

  it('previews with the share image, as every page without a picture, and claims it as no picture of theirs', () => {
    expect(pickPreviewImage({ share })).toEqual({ image: share, own: false });
    expect(pickPreviewImage({ own: undefined, share })).toEqual({ image: share, own: false });
  });

  it('gives head tags that show the share image and its own alt text, not a portrait', () => {
    const { image } = pickPreviewImage({ own: undefined, share });
    const head = buildHead({
      siteUrl: 'https://fixture.example',
      path: '/providers/dana-levi/',
      title: 'דנה לוי, LICSW',
      description: 'D'.repeat(80),
      brand: 'Fixture Health',
      image: { url: image.src, alt: image.alt },
      type: 'profile',
    });
    expect([head.openGraph.image, head.openGraph.imageAlt, head.twitter.image]).toEqual([
      'https://fixture.example/_astro/share.jpg',
      'Illustration of a Fixture Health clinic',
      'https://fixture.example/_astro/share.jpg',
    ]);
  });

  it('previews a provider with a headshot with it, as their own', () => {
    expect(pickPreviewImage({ own: headshot, share })).toEqual({ image: headshot, own: true });
  });
});

describe('buildTitle', () => {
  it.each([
    ['Services', 'Services | Riverbend Health'],
    ['Riverbend Health – Hawthorne', 'Riverbend Health – Hawthorne'],
    ['Imaging at Riverbend Imaging – Lloyd District', 'Imaging at Riverbend Imaging – Lloyd District'],
  ])('%s → %s', (title, expected) => {
    expect(buildTitle(title, 'Riverbend Health')).toBe(expected);
  });

  it('adds the brand when the result is exactly as long as search results show', () => {
    const brand = ' | Riverbend Health';
    const fits = 'T'.repeat(TITLE_MAX - brand.length);
    expect(buildTitle(fits, 'Riverbend Health')).toBe(`${fits}${brand}`);
    expect(buildTitle(`${fits}T`, 'Riverbend Health')).toBe(`${fits}T`);
  });
});

describe('fitDescription', () => {
  it('takes the first candidate that fits', () => {
    expect(fitDescription(['x'.repeat(161), 'short enough'])).toBe('short enough');
  });

  it('takes a candidate exactly as long as the limit', () => {
    expect(fitDescription(['x'.repeat(21), 'y'.repeat(20)], 20)).toBe('y'.repeat(20));
  });

  it('drops the punctuation a cut leaves at its end', () => {
    expect(fitDescription(['Care, rehab;, more words'], 16)).toBe('Care, rehab…');
  });

  it('cuts the first at a word when none fits', () => {
    const cut = fitDescription(['word '.repeat(40)], 20);
    expect(cut).toBe('word word word…');
    expect(cut.length).toBeLessThanOrEqual(20);
  });
});
