import { describe, expect, it } from 'vitest';
import type { EntryRecord } from '@/lib/content/integrity.ts';
import type { SitePage } from '@/lib/content/pages.ts';
import { buildManifest, parseManifest, type ManifestPage } from '@/seo-audit/manifest.ts';

const entry = (filePath: string, data: object): EntryRecord<unknown> => ({ id: filePath, filePath, data });

describe('buildManifest', () => {
  it('gives each page its lastmod as a date, where it came from, the writer’s noindex with its file, and whether it has its own picture', () => {
    const seo = { noindex: true };
    const pages: SitePage[] = [
      {
        path: '/locations/hill/',
        kind: 'location',
        shows: [entry('content/locations/hill.mdx', {})],
        lastmod: { date: new Date('2026-03-01T00:00:00Z'), source: { file: 'content/locations/hill.mdx', field: 'updated' } },
        hasOwnImage: true,
      },
      {
        path: '/locations/hill/family-medicine/',
        kind: 'location-service',
        shows: [entry('content/locations/hill.mdx', {}), entry('content/location-services/hill--family-medicine.mdx', { seo })],
        seo,
        lastmod: { date: new Date('2026-05-02T17:45:00-07:00'), source: { file: 'content/locations/hill.mdx', field: 'git' } },
        hasOwnImage: true,
      },
      { path: '/privacy/', kind: 'privacy', shows: [], hasOwnImage: false },
    ];
    expect(buildManifest(pages)).toMatchInlineSnapshot(`
      [
        {
          "hasOwnImage": true,
          "kind": "location",
          "lastmod": "2026-03-01",
          "lastmodSource": {
            "field": "updated",
            "file": "content/locations/hill.mdx",
          },
          "path": "/locations/hill/",
        },
        {
          "hasOwnImage": true,
          "kind": "location-service",
          "lastmod": "2026-05-03",
          "lastmodSource": {
            "field": "git",
            "file": "content/locations/hill.mdx",
          },
          "noindexReason": "seo.noindex: true in content/location-services/hill--family-medicine.mdx",
          "path": "/locations/hill/family-medicine/",
        },
        {
          "kind": "privacy",
          "path": "/privacy/",
        },
      ]
    `);
  });
});

describe('parseManifest', () => {
  it('reads what buildManifest wrote', () => {
    const manifest: ManifestPage[] = [
      { path: '/', kind: 'home', lastmod: '2026-01-02', lastmodSource: { file: 'a.yaml', field: 'git' } },
      { path: '/locations/hill/', kind: 'location', lastmod: '2026-01-03', lastmodSource: { file: 'hill.mdx', field: 'updated' } },
      { path: '/conditions/flu/', kind: 'condition', lastmod: '2026-01-04', lastmodSource: { file: 'flu.mdx', field: 'review.date' }, noindexReason: 'seo.noindex: true' },
    ];
    expect(parseManifest(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest);
  });

  it('takes each page’s kind from its path, not from what the file says', () => {
    expect(parseManifest([{ path: '/providers/ana-ruiz/', kind: 'home' }])).toEqual([{ path: '/providers/ana-ruiz/', kind: 'provider' }]);
  });

  it.each([
    ['not a list', { path: '/' }],
    ['a page without a path', [{ kind: 'home' }]],
    ['a path that is not from the site root', [{ path: 'locations/hill/', kind: 'location' }]],
    ['a lastmod that is not a date', [{ path: '/', kind: 'home', lastmod: 'yesterday' }]],
    ['a lastmod with a time', [{ path: '/', kind: 'home', lastmod: '2026-01-02T10:00:00Z' }]],
    ['a lastmod with words before the date', [{ path: '/', kind: 'home', lastmod: 'on 2026-01-02' }]],
    ['a lastmod source of another kind', [{ path: '/', kind: 'home', lastmod: '2026-01-02', lastmodSource: { file: 'a', field: 'mtime' } }]],
  ])('rejects %s, naming the manifest', (_, json) => {
    expect(() => parseManifest(json)).toThrow(/seo-pages\.json/);
  });
});

describe('buildManifest and the writer’s noindex', () => {
  it('says seo.noindex without a file when no entry the page shows holds that seo', () => {
    const pages: SitePage[] = [{ path: '/privacy/', kind: 'privacy', shows: [entry('content/pages/privacy.mdx', { seo: { noindex: true } })], seo: { noindex: true }, hasOwnImage: false }];
    expect(buildManifest(pages)).toEqual([{ path: '/privacy/', kind: 'privacy', noindexReason: 'seo.noindex: true' }]);
  });
});
