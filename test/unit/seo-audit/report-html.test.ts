import { NodeType, parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { renderReportHtml, type ReportPage, type SeoReport } from '@/seo-audit/report.ts';
import type { Finding } from '@/seo-audit/types.ts';

const SITE = 'https://riverbend.example';

const finding = (severity: Finding['severity'], path: string, rule: string): Finding => ({
  severity,
  path,
  rule,
  message: `${rule} on ${path}`,
  fix: `Fix ${rule}.`,
});

const reportPage = (path: string, overrides: Partial<ReportPage> = {}): ReportPage => ({
  path,
  url: `${SITE}${path}`,
  kind: 'other',
  title: `Title of ${path}`,
  description: `Description of ${path}`,
  canonical: `${SITE}${path}`,
  indexable: true,
  noindexReasons: [],
  jsonLdTypes: [],
  findings: [],
  ...overrides,
});

/** A report of four pages that show every way a page row can read. */
function makeReport(overrides: Partial<SeoReport> = {}): SeoReport {
  return {
    version: 1,
    builtAt: '2026-11-26T10:00:00.000Z',
    siteUrl: SITE,
    deployEnv: 'production',
    similarityThreshold: 0.8,
    summary: { pages: 4, indexable: 2, listed: 2, errors: 0, warnings: 0, sitemaps: { 'sitemap-pages-0.xml': 1, 'sitemap-locations-0.xml': 1 } },
    pages: [
      reportPage('/', {
        kind: 'home',
        sitemap: 'sitemap-pages-0.xml',
        lastmod: '2026-03-01',
        lastmodSource: { file: 'content/organization/organization.yaml', field: 'updated' },
        jsonLdTypes: ['WebSite', 'MedicalOrganization'],
        findings: [finding('warning', '/', 'title-length')],
      }),
      reportPage('/404.html', {
        kind: 'not-found',
        title: undefined,
        description: undefined,
        canonical: undefined,
        indexable: false,
        noindexReasons: [
          { kind: 'preview', detail: 'preview build' },
          { kind: 'template', detail: 'the 404 page' },
        ],
      }),
      reportPage('/locations/hill/care/', {
        kind: 'location-service',
        lastmod: '2026-02-01',
        similarity: { value: 0.935, sibling: '/locations/harbor/care/' },
        indexable: true,
        unlisted: `its canonical URL is ${SITE}/`,
        canonical: `${SITE}/`,
      }),
      reportPage('/locations/harbor/care/', { kind: 'location-service', sitemap: 'sitemap-locations-0.xml', similarity: { value: 0.41, sibling: '/locations/hill/care/' } }),
    ],
    siteFindings: [],
    ...overrides,
  };
}

const render = (report: SeoReport) => parse(renderReportHtml(report));
const text = (element: HTMLElement | null | undefined) => element?.textContent.replace(/\s+/g, ' ').trim();

/** The section headed by the h2 with this id. */
const section = (root: HTMLElement, id: string) => root.querySelector(`section[aria-labelledby="${id}"]`);

/** A table as its header, then one row per line: each cell's text, and the row's class when it has one. */
function readTable(table: HTMLElement | null): string[] {
  if (!table) return [];
  const head = table.querySelectorAll('thead th').map(text);
  const rows = table.querySelectorAll('tbody tr').map((row) => {
    const cells = row.querySelectorAll('td').map(text).join(' | ');
    const tone = row.getAttribute('class');
    return tone ? `${cells} (${tone})` : cells;
  });
  return [head.join(' | '), ...rows];
}

describe('renderReportHtml', () => {
  it('is one page that needs nothing from elsewhere: its style and its table sorter are inline', () => {
    const root = render(makeReport());
    expect(text(root.querySelector('style'))?.length).toBeGreaterThan(500);
    expect(text(root.querySelector('script'))).toContain("querySelectorAll('table.sortable')");
    expect(root.querySelectorAll('link, script[src], img')).toEqual([]);
    expect(root.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex, nofollow');
    expect(text(root.querySelector('title'))).toBe(`SEO report – ${SITE}`);
  });

  // Text where HTML allows only elements (between table rows and cells, list items, cards, or
  // loose in the body) is moved or dropped by browsers: the page has none.
  it.each([
    [
      'a production build with findings and changes',
      makeReport({
        changes: { since: 'x', added: ['/a/', '/c/'], removed: ['/b/'], titles: [], lastmods: [], indexing: [] },
        pages: [...makeReport().pages, reportPage('/d/', { findings: [finding('error', '/d/', 'h1-count'), finding('warning', '/d/', 'title-length')] })],
      }),
    ],
    ['a preview build with nothing to report', makeReport({ deployEnv: 'preview', pages: [reportPage('/')], summary: { ...makeReport().summary, sitemaps: {} } })],
  ])('keeps text inside elements that hold text: %s', (_, report) => {
    const root = render(report);
    const holders = root.querySelectorAll('body, table, thead, tbody, tr, ul, dl, div.card, section');
    for (const holder of holders) {
      const loose = holder.childNodes.filter((node) => node.nodeType === NodeType.TEXT_NODE && node.text.trim() !== '').map((node) => node.text.trim());
      expect(loose, `text in <${holder.rawTagName}>`).toEqual([]);
    }
    expect(holders.length).toBeGreaterThan(10);
  });

  it('sums the build up in cards, marking errors and warnings when there are any', () => {
    const cards = (summary: Partial<SeoReport['summary']>) =>
      render(makeReport({ summary: { ...makeReport().summary, ...summary } }))
        .querySelectorAll('.card')
        .map((card) => {
          const tone = card.classList.value.filter((name) => name !== '' && name !== 'card');
          return `${text(card.querySelector('dt'))}: ${text(card.querySelector('dd'))}${tone.length > 0 ? ` (${tone.join(' ')})` : ''}`;
        });
    expect(cards({})).toEqual(['Pages: 4', 'Indexable: 2', 'In sitemaps: 2', 'Errors: 0', 'Warnings: 0']);
    expect(cards({ errors: 1, warnings: 2 })).toEqual(['Pages: 4', 'Indexable: 2', 'In sitemaps: 2', 'Errors: 1 (bad)', 'Warnings: 2 (warn)']);
  });

  it('counts the URLs of each sitemap, or says no sitemap lists a page', () => {
    expect(readTable(section(render(makeReport()), 'summary')?.querySelector('table') ?? null)).toEqual(['Sitemap | URLs', 'sitemap-pages-0.xml | 1', 'sitemap-locations-0.xml | 1']);
    const none = section(render(makeReport({ summary: { ...makeReport().summary, sitemaps: {} } })), 'summary');
    expect(none?.querySelector('table')).toBeNull();
    expect(text(none)).toContain('No sitemap lists any page.');
  });

  it('says when the build is a preview, and only then', () => {
    const note = (deployEnv: SeoReport['deployEnv']) => text(render(makeReport({ deployEnv })).querySelector('.note'));
    expect(note('preview')).toBe('This is a preview build: every page is noindex and robots.txt shuts crawlers out.');
    expect(note('production')).toBeUndefined();
  });

  it('lists errors before warnings, site findings with the pages’ own', () => {
    const root = render(
      makeReport({
        siteFindings: [finding('warning', '(site)', 'a-site-warning')],
        pages: [
          reportPage('/a/', { findings: [finding('warning', '/a/', 'a-warning'), finding('error', '/a/', 'an-error')] }),
          reportPage('/b/', { findings: [finding('error', '/b/', 'another-error')] }),
        ],
      }),
    );
    expect(text(root.querySelector('#findings'))).toBe('Audit findings (4)');
    expect(readTable(section(root, 'findings')?.querySelector('table') ?? null)).toMatchInlineSnapshot(`
      [
        "Severity | Page | Edit | Rule | Problem | Fix",
        "error | /a/ | code | an-error | an-error on /a/ | Fix an-error. (error)",
        "error | /b/ | code | another-error | another-error on /b/ | Fix another-error. (error)",
        "warning | (site) | code | a-site-warning | a-site-warning on (site) | Fix a-site-warning. (warning)",
        "warning | /a/ | code | a-warning | a-warning on /a/ | Fix a-warning. (warning)",
      ]
    `);
  });

  it('says when the audit found nothing', () => {
    const findings = section(render(makeReport({ pages: [reportPage('/')] })), 'findings');
    expect([text(findings?.querySelector('h2')), text(findings?.querySelector('p'))]).toEqual(['Audit findings', 'None.']);
    expect(findings?.querySelector('table')).toBeNull();
  });

  it('ranks location × service pages by their nearest sibling, flagging those at the threshold', () => {
    const root = render(makeReport({ pages: [...makeReport().pages].reverse() }));
    expect(readTable(section(root, 'similarity')?.querySelector('table') ?? null)).toMatchInlineSnapshot(`
      [
        "Page | Most similar page | Similarity | Result",
        "/locations/hill/care/ | /locations/harbor/care/ | 0.93 | noindex (doorway) (error)",
        "/locations/harbor/care/ | /locations/hill/care/ | 0.41 | ok",
      ]
    `);
    expect(text(section(root, 'similarity'))).toContain('At 0.8 or more, both pages are kept out of search results');
    const exactly = render(makeReport({ similarityThreshold: 0.935 }));
    expect(readTable(section(exactly, 'similarity')?.querySelector('table') ?? null)[1]).toContain('noindex (doorway)');
  });

  it('has no similarity section when no page has a sibling', () => {
    const root = render(makeReport({ pages: [reportPage('/'), reportPage('/locations/a/care/', { similarity: { value: 0 } })] }));
    expect(section(root, 'similarity')).toBeNull();
  });

  it('shows every page: its canonical, title, indexing and why, sitemap, lastmod, JSON-LD, similarity and findings', () => {
    const root = render(makeReport());
    expect(readTable(section(root, 'pages')?.querySelector('table') ?? null)).toMatchInlineSnapshot(`
      [
        "Page | Type | Search result on a phone | Indexable | Sitemap | Last modified | JSON-LD | Similarity | Findings",
        "/ canonical: itself | home | riverbend.example Title of / Description of / | yes | sitemap-pages-0.xml | 2026-03-01 updated of content/organization/organization.yaml | WebSite, MedicalOrganization |  | title-length title-length on /",
        "/404.html no canonical | not-found | riverbend.example › 404 no title no description | no: preview build; the 404 page | none | unknown |  |  |  (noindex)",
        "/locations/hill/care/ canonical: https://riverbend.example/ | location-service | riverbend.example › locations › hill › care Title of /locations/hill/care/ Description of /locations/hill/care/ | yes, but not listed: its canonical URL is https://riverbend.example/ | none | 2026-02-01 |  | 0.93 /locations/harbor/care/ | ",
        "/locations/harbor/care/ canonical: itself | location-service | riverbend.example › locations › harbor › care Title of /locations/harbor/care/ Description of /locations/harbor/care/ | yes | sitemap-locations-0.xml | unknown |  | 0.41 /locations/hill/care/ | ",
      ]
    `);
    expect(text(root.querySelector('#pages'))).toBe('Pages (4)');
  });

  it('shows each page as a phone’s search result, with what the phone cuts off struck through', () => {
    const title = 'Physical therapy at Riverbend Health – Gateway, East Portland | Riverbend Health';
    const root = render(makeReport({ pages: [reportPage('/locations/gateway/physical-therapy/', { title })] }));
    const preview = section(root, 'pages')?.querySelector('tbody .serp');
    expect(preview?.querySelector('.serp-site')?.textContent).toBe('riverbend.example › locations › gateway › physical-therapy');
    expect(preview?.querySelector('.serp-title')?.textContent).toBe('Physical therapy at Riverbend Health – Gateway, East…');
    expect(preview?.querySelector('s.serp-cut')?.textContent).toBe('Portland | Riverbend Health');
    expect(preview?.querySelector('.serp-description')?.textContent).toBe('Description of /locations/gateway/physical-therapy/');
  });

  it('names the file and field to edit for each finding, and shows the fields a fix names as code', () => {
    const finding: Finding = {
      severity: 'warning',
      path: '/conditions/flu/',
      rule: 'title-length',
      message: 'The title is long.',
      fix: 'Write a shorter `seo.title`.',
      file: 'content/conditions/flu.mdx',
      field: 'name',
    };
    const root = render(makeReport({ pages: [reportPage('/conditions/flu/', { findings: [finding] })] }));
    const cells = section(root, 'findings')?.querySelectorAll('tbody td') ?? [];
    expect(cells[2]?.innerHTML).toBe('<code>content/conditions/flu.mdx</code>, field <code>name</code>');
    expect(cells[5]?.innerHTML).toBe('Write a shorter <code>seo.title</code>.');
  });

  it('promises no FAQ rich result: Google stopped showing them on 7 May 2026', () => {
    const faq = reportPage('/conditions/flu/', { jsonLdTypes: ['MedicalWebPage', 'FAQPage'] });
    const html = renderReportHtml(makeReport({ pages: [faq] }));
    expect(html).not.toMatch(/rich (result|snippet)/i);
  });

  it('gives each page cell the value its column sorts by', () => {
    const rows = section(render(makeReport()), 'pages')?.querySelectorAll('tbody tr') ?? [];
    expect(rows.map((row) => row.querySelectorAll('td').map((cell) => cell.getAttribute('data-sort') ?? '-'))).toMatchInlineSnapshot(`
      [
        [
          "/",
          "-",
          "Title of /",
          "1",
          "-",
          "2026-03-01",
          "-",
          "",
          "1",
        ],
        [
          "/404.html",
          "-",
          "",
          "0",
          "-",
          "",
          "-",
          "",
          "0",
        ],
        [
          "/locations/hill/care/",
          "-",
          "Title of /locations/hill/care/",
          "1",
          "-",
          "2026-02-01",
          "-",
          "0.935",
          "0",
        ],
        [
          "/locations/harbor/care/",
          "-",
          "Title of /locations/harbor/care/",
          "1",
          "-",
          "",
          "-",
          "0.41",
          "0",
        ],
      ]
    `);
  });

  it('links each page to its URL', () => {
    const links = section(render(makeReport()), 'pages')?.querySelectorAll('tbody a') ?? [];
    expect(links.map((a) => [a.getAttribute('href'), text(a)])).toEqual(makeReport().pages.map((page) => [page.url, page.path]));
  });
});

describe('renderReportHtml: changes since the previous build', () => {
  const changes = (report: SeoReport) => section(render(report), 'changes');

  it('lists URLs added and removed, and titles, lastmods and indexing that changed', () => {
    const changed = changes(
      makeReport({
        changes: {
          since: '2026-11-20T09:00:00.000Z',
          added: ['/a/', '/b/'],
          removed: ['/old/'],
          titles: [
            { path: '/', before: 'Home', after: 'Welcome' },
            { path: '/c/', after: 'New title' },
          ],
          lastmods: [{ path: '/', before: '2026-01-01' }],
          indexing: [
            { path: '/d/', before: false, after: true },
            { path: '/e/', before: true, after: false },
          ],
        },
      }),
    );
    expect(text(changed?.querySelector('h2'))).toBe('Changes since the build of 2026-11-20T09:00:00.000Z');
    expect(changed?.querySelectorAll('h3').map((h3) => [text(h3), ...(h3.nextElementSibling?.querySelectorAll('li').map(text) ?? [])])).toMatchInlineSnapshot(`
      [
        [
          "URLs added (2)",
          "/a/",
          "/b/",
        ],
        [
          "URLs removed (1)",
          "/old/",
        ],
        [
          "Titles changed (2)",
          "/: Home → Welcome",
          "/c/: none → New title",
        ],
        [
          "Last modified changed (1)",
          "/: 2026-01-01 → none",
        ],
        [
          "Indexing changed (2)",
          "/d/: now indexable",
          "/e/: now noindex",
        ],
      ]
    `);
  });

  it('says when nothing changed, and when there was no earlier report', () => {
    const none = { since: '2026-11-20', added: [], removed: [], titles: [], lastmods: [], indexing: [] };
    const unchanged = changes(makeReport({ changes: none }));
    expect([text(unchanged?.querySelector('h2')), text(unchanged?.querySelector('p'))]).toEqual(['Changes since the build of 2026-11-20', 'Nothing changed.']);
    expect(unchanged?.querySelectorAll('h3')).toEqual([]);
    const root = render(makeReport());
    expect(section(root, 'changes')).toBeNull();
    expect(root.querySelectorAll('p.muted').map(text)).toContain('No earlier report to compare with, so no changes are shown.');
  });
});

describe('leads and booked visits per page', () => {
  const withOutcomes = () =>
    makeReport({
      outcomes: { fromDay: '2026-09-03', toDay: '2026-12-01', source: 'LEADS_DB', pagesWithLeads: 2 },
      pages: [
        reportPage('/', { kind: 'home', outcomes: { leads: 12, booked: 3 } }),
        reportPage('/locations/hill/care/', { kind: 'location-service', outcomes: { leads: 'fewer than 5', booked: 0 } }),
        reportPage('/locations/harbor/care/', { kind: 'location-service', outcomes: { leads: 30, booked: 9 } }),
        reportPage('/404.html', { kind: 'not-found', outcomes: { leads: 0, booked: 0 } }),
      ],
    });

  it('lists the pages that brought leads, most booked first, with the range and the source', () => {
    const root = render(withOutcomes());
    const outcomes = section(root, 'outcomes');
    expect(text(outcomes?.querySelector('p'))).toBe('2026-09-03 to 2026-12-01, from the lead database (LEADS_DB): the page each visit began on. Spam is left out. 1 of 4 pages brought no lead.');
    const rows = outcomes?.querySelectorAll('tbody tr').map((row) => row.querySelectorAll('td').map((cell) => text(cell)));
    expect(rows).toEqual([
      ['/locations/harbor/care/', 'location-service', '30', '9'],
      ['/', 'home', '12', '3'],
      ['/locations/hill/care/', 'location-service', 'fewer than 5', '0'],
    ]);
  });

  it('has no such section when the build was given no leads', () => {
    expect(section(render(makeReport()), 'outcomes')).toBeNull();
  });
});
