import { describe, expect, it } from 'vitest';
import { getPageKind } from '@/lib/page-kinds.ts';
import { planIndexing, type IndexingInput } from '@/seo-audit/indexing.ts';
import type { NearestSibling } from '@/seo-audit/similarity.ts';
import type { PageFacts } from '@/seo-audit/types.ts';

const SITE = 'https://riverbend.example';

/** The facts of a page as its HTML would give them: indexable, self-canonical. */
function facts(path: string, overrides: Partial<PageFacts> = {}): PageFacts {
  return {
    path,
    kind: getPageKind(path),
    title: `Title of ${path}`,
    titleCount: 1,
    description: `Description of ${path}`,
    descriptionCount: 1,
    canonical: path === '/404.html' ? undefined : `${SITE}${path}`,
    canonicalCount: path === '/404.html' ? 0 : 1,
    noindex: path === '/404.html',
    lang: 'en',
    ogImage: `${SITE}/_astro/${path.split('/').at(-2) || 'home'}.jpeg`,
    h1Count: 1,
    h1Text: 'Heading',
    images: [],
    links: [],
    ids: [],
    jsonLd: [],
    visibleText: '',
    mainText: '',
    ...overrides,
  };
}

describe('planIndexing', () => {
  const doorway: NearestSibling = { path: '/locations/hill/care/', group: 'care', similarity: 0.934, sibling: '/locations/harbor/care/' };
  const plan = (input: Partial<IndexingInput> & Pick<IndexingInput, 'facts'>) => planIndexing({ manifest: [], doorways: new Map(), settings: { deployEnv: 'production', siteUrl: SITE }, ...input });

  it('lists indexable, self-canonical pages in the sitemap of their kind, with lastmod and their own image', () => {
    const { pages, problems } = plan({
      facts: [facts('/'), facts('/providers/ana-ruiz/'), facts('/providers/dana-levi/'), facts('/locations/hill/care/'), facts('/conditions/flu/')],
      manifest: [
        { path: '/', kind: 'home' },
        { path: '/providers/ana-ruiz/', kind: 'provider', lastmod: '2026-02-03', lastmodSource: { file: 'p.mdx', field: 'updated' }, hasOwnImage: true },
        { path: '/providers/dana-levi/', kind: 'provider' },
        { path: '/locations/hill/care/', kind: 'location-service', hasOwnImage: true },
        { path: '/conditions/flu/', kind: 'condition' },
      ],
    });
    expect(problems).toEqual([]);
    expect(pages.map((p) => [p.path, p.sitemap, p.lastmod, p.image])).toEqual([
      ['/', 'pages', undefined, undefined],
      ['/providers/ana-ruiz/', 'providers', '2026-02-03', `${SITE}/_astro/ana-ruiz.jpeg`],
      // A provider without a headshot previews with the organization's share image, which is no
      // picture of them: no image entry. Nor for condition pages, which show no photo of their own.
      ['/providers/dana-levi/', 'providers', undefined, undefined],
      ['/locations/hill/care/', 'location-services', undefined, `${SITE}/_astro/care.jpeg`],
      ['/conditions/flu/', 'conditions', undefined, undefined],
    ]);
  });

  it('lists no image for a page the manifest does not know', () => {
    expect(plan({ facts: [facts('/locations/hill/')] }).pages[0]?.image).toBeUndefined();
  });

  it.each([
    {
      name: 'the 404 page (its template)',
      page: facts('/404.html'),
      reasons: ['template'],
    },
    {
      name: 'a page the writer set to noindex',
      page: facts('/providers/ana-ruiz/', { noindex: true }),
      manifest: [{ path: '/providers/ana-ruiz/', kind: 'provider' as const, noindexReason: 'seo.noindex: true in p.mdx' }],
      reasons: ['writer'],
    },
    {
      name: 'a doorway page',
      page: facts('/locations/hill/care/', { noindex: true }),
      doorways: new Map([[doorway.path, doorway]]),
      reasons: ['doorway'],
    },
    {
      name: 'any page of a preview build',
      page: facts('/services/', { noindex: true }),
      preview: true,
      reasons: ['preview'],
    },
  ])('keeps out of the sitemap $name, with the reason', ({ page, manifest = [], doorways = new Map(), preview = false, reasons }) => {
    const result = plan({ facts: [page], manifest, doorways, settings: { deployEnv: preview ? 'preview' : 'production', siteUrl: SITE } });
    expect(result.problems).toEqual([]);
    expect(result.pages[0]?.indexable).toBe(false);
    expect(result.pages[0]?.sitemap).toBeUndefined();
    expect(result.pages[0]?.reasons.map((r) => r.kind)).toEqual(reasons);
  });

  it('lists a location page with its photo', () => {
    const { pages } = plan({ facts: [facts('/locations/hill/')], manifest: [{ path: '/locations/hill/', kind: 'location', hasOwnImage: true }] });
    expect(pages.map((p) => [p.sitemap, p.image])).toEqual([['locations', `${SITE}/_astro/hill.jpeg`]]);
  });

  it('keeps a thank-you page out of search results and the sitemap, as its template asks', () => {
    const { pages, problems } = plan({ facts: [facts('/thank-you/patient/', { noindex: true })] });
    expect(problems).toEqual([]);
    expect([pages[0]?.indexable, pages[0]?.sitemap]).toEqual([false, undefined]);
    expect(pages[0]?.reasons).toEqual([{ kind: 'template', detail: 'a thank-you page, reached only after sending a request' }]);
  });

  it('keeps the request page out of search results and the sitemap, and says when it allows indexing', () => {
    const kept = plan({ facts: [facts('/request/', { noindex: true })] });
    expect(kept.problems).toEqual([]);
    expect([kept.pages[0]?.indexable, kept.pages[0]?.sitemap]).toEqual([false, undefined]);
    expect(kept.pages[0]?.reasons).toEqual([{ kind: 'template', detail: 'the request page, the form with every location' }]);
    expect(plan({ facts: [facts('/request/')] }).problems.map((p) => p.rule)).toEqual(['noindex-missing']);
  });

  it('gives every reason a page has, the writer’s in their words', () => {
    const { pages } = plan({
      facts: [facts(doorway.path, { noindex: true })],
      manifest: [{ path: doorway.path, kind: 'location-service', noindexReason: 'seo.noindex: true in hill--care.mdx' }],
      doorways: new Map([[doorway.path, doorway]]),
      settings: { deployEnv: 'preview', siteUrl: SITE },
    });
    expect(pages[0]?.reasons.map((r) => r.detail)).toEqual([
      'preview build (DEPLOY_ENV=preview)',
      'the writer asked for it (seo.noindex: true in hill--care.mdx)',
      'doorway: its text is 0.93 similar to /locations/harbor/care/',
    ]);
  });

  it('lists neither a page with an unexplained noindex nor one that should be noindex and is not', () => {
    const { pages, problems } = plan({ facts: [facts('/services/', { noindex: true }), facts('/thank-you/patient/')] });
    expect(problems.map((p) => p.rule)).toEqual(['noindex-unexpected', 'noindex-missing']);
    expect(pages.map((p) => [p.path, p.sitemap, p.unlisted])).toEqual([
      ['/services/', undefined, undefined],
      ['/thank-you/patient/', undefined, undefined],
    ]);
  });

  it('quotes what a doorway page shares with its sibling', () => {
    const shared = 'Bring your insurance card and a list of your medicines.';
    const { pages } = plan({ facts: [facts(doorway.path, { noindex: true })], doorways: new Map([[doorway.path, { ...doorway, shared }]]) });
    expect(pages[0]?.reasons).toEqual([
      {
        kind: 'doorway',
        detail: `doorway: its text is 0.93 similar to /locations/harbor/care/; both say "${shared}"`,
        similarity: 0.934,
        sibling: '/locations/harbor/care/',
        shared,
      },
    ]);
  });

  it('tells what to do about each problem', () => {
    const { problems } = plan({ facts: [facts('/services/', { noindex: true }), facts('/thank-you/patient/')] });
    expect(problems).toMatchInlineSnapshot(`
      [
        {
          "fix": "For a developer: find what renders the noindex (PageLayout’s \`noindex\` prop, the page’s route) and remove it, or set seo.noindex in the page’s content file if the page should stay out of search results.",
          "message": "The page says noindex, but nothing asked for it: it is not the 404 page, its content has no seo.noindex, it is not a doorway page, and this is not a preview build.",
          "path": "/services/",
          "rule": "noindex-unexpected",
        },
        {
          "fix": "For a developer: make the route pass its noindex on to PageLayout (buildHead in src/lib/seo/head.ts).",
          "message": "The page allows indexing, but it should not: a thank-you page, reached only after sending a request.",
          "path": "/thank-you/patient/",
          "rule": "noindex-missing",
        },
      ]
    `);
  });

  it('explains a doorway page with its similarity and sibling', () => {
    const { pages } = plan({ facts: [facts(doorway.path, { noindex: true })], doorways: new Map([[doorway.path, doorway]]) });
    expect(pages[0]?.reasons).toEqual([{ kind: 'doorway', detail: 'doorway: its text is 0.93 similar to /locations/harbor/care/', similarity: 0.934, sibling: '/locations/harbor/care/' }]);
  });

  it('leaves out an indexable page whose canonical URL is another page, and says why', () => {
    const { pages, problems } = plan({ facts: [facts('/services/', { canonical: `${SITE}/` }), facts('/privacy/', { canonical: undefined })] });
    expect(problems).toEqual([]);
    expect(pages.map((p) => [p.indexable, p.sitemap, p.unlisted])).toEqual([
      [true, undefined, `its canonical URL is ${SITE}/`],
      [true, undefined, 'it has no canonical URL'],
    ]);
  });

  it('fails a noindex that nothing asked for, naming the page', () => {
    const { problems } = plan({ facts: [facts('/'), facts('/services/', { noindex: true })] });
    expect(problems).toEqual([expect.objectContaining({ path: '/services/', rule: 'noindex-unexpected' })]);
  });

  it('fails a page that should be noindex and is not', () => {
    const { problems } = plan({
      facts: [facts('/404.html', { noindex: false }), facts('/services/')],
      settings: { deployEnv: 'preview', siteUrl: SITE },
    });
    expect(problems.map((p) => [p.path, p.rule, p.message])).toEqual([
      ['/404.html', 'noindex-missing', 'The page allows indexing, but it should not: preview build (DEPLOY_ENV=preview); the 404 page.'],
      ['/services/', 'noindex-missing', 'The page allows indexing, but it should not: preview build (DEPLOY_ENV=preview).'],
    ]);
  });
});
