import { describe, expect, it } from 'vitest';
import { getServiceGroup, getSitemapName, listPageKinds } from '@/lib/page-kinds.ts';
import { buildEmptySitemapIndex, buildSitemapItem, parseSitemapLocs, SITEMAP_NAMES } from '@/seo-audit/sitemap.ts';

const SITE = 'https://riverbend.example';

describe('SITEMAP_NAMES', () => {
  const KINDS = listPageKinds();

  it('names each child sitemap a page kind is listed in, once', () => {
    expect(new Set(SITEMAP_NAMES)).toEqual(new Set(KINDS.map(getSitemapName)));
    expect(new Set(SITEMAP_NAMES).size).toBe(SITEMAP_NAMES.length);
  });
});

describe('buildSitemapItem', () => {
  it('adds lastmod and the image, keeping what @astrojs/sitemap gave', () => {
    const item = { url: `${SITE}/providers/ana-ruiz/`, links: undefined };
    const built = buildSitemapItem(item, {
      path: '/providers/ana-ruiz/',
      url: item.url,
      kind: 'provider',
      indexable: true,
      reasons: [],
      lastmod: '2026-02-03',
      image: `${SITE}/_astro/ana.jpeg`,
    });
    expect(built).toEqual({ url: item.url, links: undefined, lastmod: '2026-02-03', img: [{ url: `${SITE}/_astro/ana.jpeg` }] });
    expect(buildSitemapItem(item, undefined)).toEqual(item);
  });
});

describe('parseSitemapLocs', () => {
  it('reads every <loc>, entities decoded', () => {
    const xml = `<?xml version="1.0"?><urlset><url><loc>https://a.example/x/?a=1&amp;b=2</loc><image:image><image:loc>https://a.example/i.jpg</image:loc></image:image></url><url><loc>
      https://a.example/caf&#233;/ </loc></url></urlset>`;
    expect(parseSitemapLocs(xml)).toEqual(['https://a.example/x/?a=1&b=2', 'https://a.example/café/']);
  });

  it.each([
    ['&lt;&gt;&quot;&apos;&amp;', `<>"'&`],
    ['&#x41;&#X42;&#x1F600;&#67;', 'AB😀C'],
    ['&nbsp;&copy', '&nbsp;&copy'],
  ])('decodes %s as XML does, leaving what XML does not define', (text, decoded) => {
    expect(parseSitemapLocs(`<urlset><url><loc>${text}</loc></url></urlset>`)).toEqual([decoded]);
  });
});

describe('buildEmptySitemapIndex', () => {
  it('is a sitemap index with no sitemaps, and its stylesheet', () => {
    expect(buildEmptySitemapIndex(`${SITE}/sitemap.xsl`)).toMatchInlineSnapshot(
      `"<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" href="https://riverbend.example/sitemap.xsl"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>"`,
    );
  });

  it('has no stylesheet when given none', () => {
    expect(buildEmptySitemapIndex()).toBe('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>');
  });

  it('escapes the stylesheet URL for its attribute', () => {
    const xml = buildEmptySitemapIndex('https://a.example/s.xsl?v="1"&x=<2>');
    expect(xml).toContain('href="https://a.example/s.xsl?v=&quot;1&quot;&amp;x=&lt;2&gt;"');
  });
});

describe('getServiceGroup', () => {
  it.each([
    ['/locations/hill/family-medicine/', 'family-medicine'],
    ['/locations/hill/', undefined],
    ['/services/family-medicine/', undefined],
    ['/en/locations/hill/family-medicine/', undefined],
    ['/locations/hill/family-medicine/faq/', undefined],
  ])('getServiceGroup(%s) = %s', (path, group) => {
    expect(getServiceGroup(path)).toBe(group);
  });
});
