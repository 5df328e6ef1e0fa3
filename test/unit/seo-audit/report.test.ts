import { beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '@/lib/html.ts';
import { getPageKind } from '@/lib/page-kinds.ts';
import { buildReport, diffReports, getJsonLdTypes, parsePreviousReport, renderReportHtml, type PreviousReport, type ReportInput } from '@/seo-audit/report.ts';
import type { NearestSibling } from '@/seo-audit/similarity.ts';
import type { PagePlan } from '@/seo-audit/indexing.ts';
import type { PageFacts } from '@/seo-audit/types.ts';

const SITE = 'https://riverbend.example';

function facts(path: string, overrides: Partial<PageFacts> = {}): PageFacts {
  return {
    path,
    kind: getPageKind(path),
    title: `Title of ${path}`,
    titleCount: 1,
    description: `Description of ${path}`,
    descriptionCount: 1,
    canonical: `${SITE}${path}`,
    canonicalCount: 1,
    noindex: false,
    h1Count: 1,
    images: [],
    links: [],
    ids: [],
    jsonLd: [],
    visibleText: '',
    mainText: '',
    ...overrides,
  };
}

const plan = (path: string, overrides: Partial<PagePlan> = {}): PagePlan => ({
  path,
  url: `${SITE}${path}`,
  kind: getPageKind(path),
  indexable: true,
  reasons: [],
  ...overrides,
});

const hill: NearestSibling = { path: '/locations/hill/care/', group: 'care', similarity: 0.93456, sibling: '/locations/harbor/care/' };
const harbor: NearestSibling = { ...hill, path: '/locations/harbor/care/', sibling: '/locations/hill/care/' };
const doorwayReason = (sibling: string) => ({ kind: 'doorway' as const, detail: `doorway: its text is 0.93 similar to ${sibling}`, similarity: 0.93456, sibling });

/** A small build: a home page, a provider, two doorway pages and the 404. */
function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    plans: [
      plan('/locations/hill/care/', { indexable: false, reasons: [doorwayReason(hill.sibling!)], lastmod: '2026-02-01', lastmodSource: { file: 'content/locations/hill.mdx', field: 'git' } }),
      plan('/', { sitemap: 'pages', lastmod: '2026-03-01', lastmodSource: { file: 'content/organization/organization.yaml', field: 'updated' } }),
      plan('/providers/ana-ruiz/', { sitemap: 'providers', image: `${SITE}/_astro/ana.jpeg` }),
      plan('/locations/harbor/care/', { indexable: false, reasons: [doorwayReason(harbor.sibling!)] }),
      plan('/404.html', { indexable: false, reasons: [{ kind: 'template', detail: 'the 404 page' }] }),
    ],
    facts: [
      facts('/', { jsonLd: [JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite' }, { '@type': ['Organization', 'MedicalOrganization'] }] })] }),
      facts('/providers/ana-ruiz/', { jsonLd: [JSON.stringify({ '@type': 'ProfilePage', mainEntity: { '@type': 'Physician' } })] }),
      facts('/locations/hill/care/', { noindex: true }),
      facts('/locations/harbor/care/', { noindex: true }),
      facts('/404.html', { noindex: true, canonical: undefined, canonicalCount: 0 }),
    ],
    nearest: new Map([
      [hill.path, hill],
      [harbor.path, harbor],
    ]),
    sitemaps: [
      { file: 'sitemap-providers-0.xml', urls: [`${SITE}/providers/ana-ruiz/`] },
      { file: 'sitemap-pages-0.xml', urls: [`${SITE}/`] },
    ],
    findings: [
      { severity: 'warning', path: '/', rule: 'title-length', message: 'The title is 72 characters long.', fix: 'Shorten it.' },
      { severity: 'error', path: '(site)', rule: 'sitemap-url-unknown', message: 'The sitemap lists /gone/.', fix: 'Rebuild.' },
    ],
    settings: { siteUrl: SITE, deployEnv: 'production', similarityThreshold: 0.8 },
    builtAt: '2026-11-26T10:00:00.000Z',
    ...overrides,
  };
}

describe('buildReport', () => {
  it('describes every page: indexing and why, sitemap, lastmod and its source, JSON-LD types, similarity, findings', () => {
    const report = buildReport(input());
    expect(report.summary).toMatchInlineSnapshot(`
      {
        "errors": 1,
        "highestSimilarity": {
          "path": "/locations/harbor/care/",
          "sibling": "/locations/hill/care/",
          "value": 0.935,
        },
        "indexable": 2,
        "listed": 2,
        "pages": 5,
        "sitemaps": {
          "sitemap-pages-0.xml": 1,
          "sitemap-providers-0.xml": 1,
        },
        "warnings": 1,
      }
    `);
    expect(report.siteFindings.map((f) => f.rule)).toEqual(['sitemap-url-unknown']);
    expect(report.changes).toBeUndefined();
    expect(report.pages.map((page) => page.path)).toEqual(['/', '/404.html', '/locations/harbor/care/', '/locations/hill/care/', '/providers/ana-ruiz/']);
    expect(report.pages.filter((page) => ['/', '/locations/hill/care/'].includes(page.path))).toMatchInlineSnapshot(`
      [
        {
          "canonical": "https://riverbend.example/",
          "description": "Description of /",
          "findings": [
            {
              "fix": "Shorten it.",
              "message": "The title is 72 characters long.",
              "path": "/",
              "rule": "title-length",
              "severity": "warning",
            },
          ],
          "indexable": true,
          "jsonLdTypes": [
            "WebSite",
            "Organization",
            "MedicalOrganization",
          ],
          "kind": "home",
          "lastmod": "2026-03-01",
          "lastmodSource": {
            "field": "updated",
            "file": "content/organization/organization.yaml",
          },
          "noindexReasons": [],
          "path": "/",
          "sitemap": "sitemap-pages-0.xml",
          "title": "Title of /",
          "url": "https://riverbend.example/",
        },
        {
          "canonical": "https://riverbend.example/locations/hill/care/",
          "description": "Description of /locations/hill/care/",
          "findings": [],
          "indexable": false,
          "jsonLdTypes": [],
          "kind": "location-service",
          "lastmod": "2026-02-01",
          "lastmodSource": {
            "field": "git",
            "file": "content/locations/hill.mdx",
          },
          "noindexReasons": [
            {
              "detail": "doorway: its text is 0.93 similar to /locations/harbor/care/",
              "kind": "doorway",
              "sibling": "/locations/harbor/care/",
              "similarity": 0.93456,
            },
          ],
          "path": "/locations/hill/care/",
          "similarity": {
            "sibling": "/locations/harbor/care/",
            "value": 0.935,
          },
          "title": "Title of /locations/hill/care/",
          "url": "https://riverbend.example/locations/hill/care/",
        },
      ]
    `);
  });

  it('reports a page the build planned but did not read as having no title, description, canonical or JSON-LD', () => {
    const report = buildReport(input({ facts: [] }));
    expect(report.pages.find((page) => page.path === '/')).toEqual({
      path: '/',
      url: `${SITE}/`,
      kind: 'home',
      indexable: true,
      noindexReasons: [],
      sitemap: 'sitemap-pages-0.xml',
      lastmod: '2026-03-01',
      lastmodSource: { file: 'content/organization/organization.yaml', field: 'updated' },
      jsonLdTypes: [],
      findings: [expect.objectContaining({ rule: 'title-length' })],
    });
  });

  it('takes JSON-LD types already read from the page outlines', () => {
    const facts = [{ path: '/', title: 'Home', description: undefined, canonical: `${SITE}/`, jsonLdTypes: ['WebSite'] }];
    expect(buildReport(input({ facts })).pages.find((page) => page.path === '/')?.jsonLdTypes).toEqual(['WebSite']);
  });

  it('counts errors and warnings apart', () => {
    const findings = [
      { severity: 'error' as const, path: '/', rule: 'h1-count', message: 'm', fix: 'f' },
      { severity: 'error' as const, path: '/', rule: 'lang-missing', message: 'm', fix: 'f' },
      { severity: 'warning' as const, path: '/', rule: 'title-length', message: 'm', fix: 'f' },
    ];
    expect(buildReport(input({ findings })).summary).toMatchObject({ errors: 2, warnings: 1 });
  });

  const near = (path: string, similarity: number, sibling?: string): NearestSibling => ({ path, group: 'care', similarity, sibling });
  it.each<[string, NearestSibling[], { path: string; sibling: string; value: number } | undefined]>([
    ['the higher of two, read first', [near('/b/', 0.9, '/a/'), near('/a/', 0.5, '/b/')], { path: '/b/', sibling: '/a/', value: 0.9 }],
    ['the higher of two, read second', [near('/a/', 0.5, '/b/'), near('/b/', 0.9, '/a/')], { path: '/b/', sibling: '/a/', value: 0.9 }],
    ['the first path on a tie, read first', [near('/a/', 0.7, '/b/'), near('/b/', 0.7, '/a/')], { path: '/a/', sibling: '/b/', value: 0.7 }],
    ['the first path on a tie, read second', [near('/b/', 0.7, '/a/'), near('/a/', 0.7, '/b/')], { path: '/a/', sibling: '/b/', value: 0.7 }],
    ['a page with a sibling, even at 0, over one without', [near('/a/', 0), near('/b/', 0, '/c/'), near('/c/', 0, '/b/')], { path: '/b/', sibling: '/c/', value: 0 }],
    ['nothing, when no page has a sibling', [near('/a/', 0), near('/b/', 0)], undefined],
    ['nothing, when there are no location × service pages', [], undefined],
  ])('gives as the highest similarity %s', (_, pages, highest) => {
    const report = buildReport(input({ nearest: new Map(pages.map((page) => [page.path, page])) }));
    expect(report.summary.highestSimilarity).toEqual(highest);
  });

  it('survives JSON: what it writes is what a later build reads back', () => {
    const report = buildReport(input());
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(parsePreviousReport(JSON.parse(JSON.stringify(report)))?.pages).toHaveLength(5);
  });
});

describe('diffReports', () => {
  const previous: PreviousReport = {
    builtAt: '2026-11-20T09:00:00.000Z',
    pages: [
      { path: '/', title: 'Title of /', lastmod: '2026-01-15', indexable: true },
      { path: '/locations/hill/care/', title: 'Care at Hill', lastmod: '2026-02-01', indexable: true },
      { path: '/providers/old-doctor/', title: 'Old Doctor', indexable: true },
      { path: '/404.html', title: 'Title of /404.html', indexable: false },
    ],
  };

  it('lists URLs added and removed, and titles, lastmods and indexing that changed', () => {
    const report = buildReport(input({ previous }));
    expect(report.changes).toMatchInlineSnapshot(`
      {
        "added": [
          "/locations/harbor/care/",
          "/providers/ana-ruiz/",
        ],
        "indexing": [
          {
            "after": false,
            "before": true,
            "path": "/locations/hill/care/",
          },
        ],
        "lastmods": [
          {
            "after": "2026-03-01",
            "before": "2026-01-15",
            "path": "/",
          },
        ],
        "removed": [
          "/providers/old-doctor/",
        ],
        "since": "2026-11-20T09:00:00.000Z",
        "titles": [
          {
            "after": "Title of /locations/hill/care/",
            "before": "Care at Hill",
            "path": "/locations/hill/care/",
          },
        ],
      }
    `);
  });

  it('sorts the URLs added and removed', () => {
    const page = { indexable: true, noindexReasons: [], jsonLdTypes: [], findings: [], url: '', kind: 'other' as const };
    const changes = diffReports({ builtAt: 'x', pages: ['/z/', '/k/', '/m/', '/a/'].map((path) => ({ path, indexable: true })) }, { pages: ['/y/', '/m/', '/b/'].map((path) => ({ ...page, path })) });
    expect([changes.added, changes.removed]).toEqual([
      ['/b/', '/y/'],
      ['/a/', '/k/', '/z/'],
    ]);
  });

  it('finds nothing between a report and itself', () => {
    const report = buildReport(input());
    expect(diffReports(report, report)).toEqual({ since: report.builtAt, added: [], removed: [], titles: [], lastmods: [], indexing: [] });
  });

  it('records a lastmod that appeared or disappeared', () => {
    const changes = diffReports(
      {
        builtAt: 'x',
        pages: [
          { path: '/a/', indexable: true },
          { path: '/b/', lastmod: '2026-01-01', indexable: true },
        ],
      },
      {
        pages: [
          { ...buildReport(input()).pages[0]!, path: '/a/', lastmod: '2026-02-02', title: undefined },
          { ...buildReport(input()).pages[0]!, path: '/b/', lastmod: undefined, title: undefined },
        ],
      },
    );
    expect(changes.lastmods).toEqual([
      { path: '/a/', after: '2026-02-02' },
      { path: '/b/', before: '2026-01-01' },
    ]);
  });
});

describe('parsePreviousReport', () => {
  it.each([
    ['nothing', undefined],
    ['another version', { version: 0, builtAt: 'x', pages: [] }],
    ['pages without paths', { version: 1, builtAt: 'x', pages: [{ title: 'A' }] }],
  ])('ignores %s', (_, json) => {
    expect(parsePreviousReport(json)).toBeUndefined();
  });
});

describe('getJsonLdTypes', () => {
  it('collects top-level and @graph types in order, once each, and flags a script that is not JSON', () => {
    expect(
      getJsonLdTypes([
        JSON.stringify({ '@graph': [{ '@type': 'WebPage' }, { '@type': ['MedicalClinic', 'WebPage'] }, 'not a node'] }),
        JSON.stringify([{ '@type': 'BreadcrumbList' }]),
        '{ "@type": ',
        'null',
        JSON.stringify({ '@graph': [null, 5, { '@type': 'FAQPage' }] }),
      ]),
    ).toEqual(['WebPage', 'MedicalClinic', 'BreadcrumbList', '(invalid JSON)', 'FAQPage']);
  });
});

describe('renderReportHtml', () => {
  const hostile = `Care & "cure" <script>alert('x')</script>`;
  // Rendered before the tests rather than while they are collected, so that a failure fails them.
  let html = '';
  beforeAll(() => {
    html = renderReportHtml(
      buildReport(
        input({
          facts: input().facts.map((page) => (page.path === '/' ? { ...page, title: hostile, description: '<b>bold</b>' } : page)),
          findings: [{ severity: 'error', path: '/', rule: 'title-duplicate', message: `The title "${hostile}" repeats.`, fix: 'Use <em>one</em>.' }],
          previous: { builtAt: '2026-11-20', pages: [{ path: '/', title: '<i>old</i>', indexable: true }] },
        }),
      ),
    );
  });

  it('escapes titles, descriptions and findings', () => {
    expect(html).toContain('Care &amp; &quot;cure&quot; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('Use &lt;em&gt;one&lt;/em&gt;.');
    expect(html).toContain('&lt;i&gt;old&lt;/i&gt; → Care &amp;');
    expect(html).not.toContain("<script>alert('x')");
    // The one script is the table sorter.
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('shows the summary, the changes, the findings and every page', () => {
    expect(html).toContain('<dt>Pages</dt><dd>5</dd>');
    expect(html).toContain('<dt>Indexable</dt><dd>2</dd>');
    expect(html).toContain('<dt>Errors</dt><dd>1</dd>');
    expect(html).toContain('Changes since the build of 2026-11-20');
    expect(html).toContain('<code>title-duplicate</code>');
    expect(html).toContain('doorway: its text is 0.93 similar to /locations/harbor/care/');
    for (const path of ['/', '/404.html', '/providers/ana-ruiz/']) expect(html).toContain(`>${path}</a>`);
  });

  it('lists the reading grade of each page, hardest first, marking those above the target', () => {
    const grades = [
      { path: '/', file: 'content/organization/org.yaml', target: 8, longSentences: 0, jargon: 0 },
      { path: '/conditions/flu/', file: 'content/conditions/flu.mdx', grade: 6.4, target: 8, longSentences: 0, jargon: 0 },
      { path: '/providers/ana-ruiz/', file: 'content/providers/ana-ruiz.mdx', grade: 11.2, target: 8, longSentences: 2, jargon: 1 },
    ];
    const report = buildReport(input({ readingGrades: grades }));
    expect(report.readingGrades).toEqual(grades);
    const rendered = renderReportHtml(report);
    const section = rendered.slice(rendered.indexOf('<section aria-labelledby="reading">'), rendered.indexOf('<section aria-labelledby="pages">'));
    expect(section).toContain('1 of 3 pages read above it');
    expect(section.match(/<tr[^>]*><td><code>[^<]*<\/code><\/td><td><code>[^<]*<\/code><\/td><td class="num" data-sort="[^"]*">[^<]*/g)).toEqual([
      '<tr class="warning"><td><code>/providers/ana-ruiz/</code></td><td><code>content/providers/ana-ruiz.mdx</code></td><td class="num" data-sort="11.2">11.2 (above)',
      '<tr><td><code>/conditions/flu/</code></td><td><code>content/conditions/flu.mdx</code></td><td class="num" data-sort="6.4">6.4',
      '<tr><td><code>/</code></td><td><code>content/organization/org.yaml</code></td><td class="num" data-sort="">',
    ]);
    expect(html).not.toContain('Reading grade');
  });

  it.each([
    ['&', '&amp;'],
    ['<a href="x">', '&lt;a href=&quot;x&quot;&gt;'],
    ["it's", 'it&#39;s'],
  ])('escapeHtml(%s) = %s', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});
