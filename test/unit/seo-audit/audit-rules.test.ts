import { describe, expect, it } from 'vitest';
import { readVocabulary } from '@/seo-audit/vocabulary-file.ts';
import { auditSite } from '@/seo-audit/audit.ts';
import { graph, makePage, SITE } from './support/page-facts.ts';
import type { Finding, PageFacts } from '@/seo-audit/types.ts';

const vocabulary = readVocabulary();

/** A page whose graph is `nodes` (plus its WebPage) and whose visible text is `text`. */
const graphPage = (nodes: unknown[], text = '') => makePage('/x/', { jsonLd: [graph([{ '@type': 'WebPage', '@id': `${SITE}/x/` }, ...nodes])], visibleText: text });

interface SiteOptions {
  sitemapUrls?: string[];
  files?: string[];
}

/** Audits the pages plus a home page that links to each of them, with every indexable page in the sitemap. */
function audit(pages: PageFacts[], options: SiteOptions = {}): Finding[] {
  const all = pages.some((page) => page.path === '/') ? pages : [makePage('/', { links: pages.map((page) => page.path) }), ...pages];
  const sitemapUrls = options.sitemapUrls ?? all.filter((page) => !page.noindex && page.kind !== 'not-found').map((page) => SITE + page.path);
  return auditSite({ pages: all, sitemapUrls, siteUrl: SITE, vocabulary, files: options.files });
}

type Case = [name: string, pages: PageFacts[], expected: [path: string, rule: string, mentions: string][], options?: SiteOptions];

function expectFindings(findings: Finding[], expected: Case[2]): void {
  expect(findings.map((f) => [f.path, f.rule])).toEqual(expected.map(([path, rule]) => [path, rule]));
  findings.forEach((finding, index) => {
    expect(finding.message).toContain(expected[index]?.[2]);
    // Every finding tells the writer what to do about it, starting with the advice itself.
    expect(finding.fix.length, `${finding.rule}: ${finding.message}`).toBeGreaterThan(15);
    expect(finding.fix, `${finding.rule}: ${finding.message}`).toBe(finding.fix.trim());
  });
}

it('finds nothing wrong with the test helper pages', () => {
  expect(audit([makePage('/x/'), makePage('/404.html', { canonical: undefined, canonicalCount: 0, noindex: true })])).toEqual([]);
});

describe.each<Case>([
  ['an empty title', [makePage('/x/', { title: '' })], [['/x/', 'title-missing', 'is empty']]],
  ['no <title>', [makePage('/x/', { title: undefined, titleCount: 0 })], [['/x/', 'title-missing', 'The page has no <title>.']]],
  [
    'two pages without a title',
    ['/a/', '/b/'].map((path) => makePage(path, { title: undefined, titleCount: 0 })),
    [
      ['/a/', 'title-missing', 'no <title>'],
      ['/b/', 'title-missing', 'no <title>'],
    ],
  ],
  ['two <title> elements', [makePage('/x/', { titleCount: 2 })], [['/x/', 'title-duplicate', '2 <title> elements; the first is "Page /x/ | Clinic"']]],
  ['a title of 60 characters', [makePage('/x/', { title: 'T'.repeat(60) })], []],
  ['a title of 61 characters', [makePage('/x/', { title: `${'T'.repeat(59)}é…` })], [['/x/', 'title-length', '61 characters']]],
  [
    'five pages with one title',
    ['/a/', '/b/', '/c/', '/d/', '/e/'].map((path) => makePage(path, { title: 'Same' })),
    [
      ['/a/', 'title-duplicate', 'also the title of /b/, /c/, /d/ and 1 more.'],
      ['/b/', 'title-duplicate', 'also the title of /a/, /c/, /d/ and 1 more.'],
      ['/c/', 'title-duplicate', 'also the title of /a/, /b/, /d/ and 1 more.'],
      ['/d/', 'title-duplicate', 'also the title of /a/, /b/, /c/ and 1 more.'],
      ['/e/', 'title-duplicate', 'also the title of /a/, /b/, /c/ and 1 more.'],
    ],
  ],
  [
    'five pages with one title, listed in reverse',
    ['/e/', '/d/', '/c/', '/b/', '/a/'].map((path) => makePage(path, { title: 'Same' })),
    [
      ['/a/', 'title-duplicate', 'also the title of /b/, /c/, /d/ and 1 more.'],
      ['/b/', 'title-duplicate', 'also the title of /a/, /c/, /d/ and 1 more.'],
      ['/c/', 'title-duplicate', 'also the title of /a/, /b/, /d/ and 1 more.'],
      ['/d/', 'title-duplicate', 'also the title of /a/, /b/, /c/ and 1 more.'],
      ['/e/', 'title-duplicate', 'also the title of /a/, /b/, /c/ and 1 more.'],
    ],
  ],
  [
    'two pages with one description',
    ['/a/', '/b/'].map((path) => makePage(path, { description: 'D'.repeat(90) })),
    [
      ['/a/', 'description-duplicate', `The description "${'D'.repeat(79)}…" is also the description of /b/.`],
      ['/b/', 'description-duplicate', 'is also the description of /a/.'],
    ],
  ],
  ['noindex pages that share a title and description', ['/a/', '/b/'].map((path) => makePage(path, { title: 'Same', description: 'D'.repeat(80), noindex: true })), []],
  ['a description of 70 characters', [makePage('/x/', { description: 'D'.repeat(70) })], []],
  ['a description of 160 characters', [makePage('/x/', { description: 'D'.repeat(160) })], []],
  ['a description of 69 characters', [makePage('/x/', { description: 'D'.repeat(69) })], [['/x/', 'description-length', '69 characters, under 70']]],
  ['a description of 161 characters', [makePage('/x/', { description: 'D'.repeat(161) })], [['/x/', 'description-length', '161 characters, over 160']]],
  ['an empty description', [makePage('/x/', { description: '', descriptionCount: 1 })], [['/x/', 'description-missing', 'description is empty']]],
  ['no description', [makePage('/x/', { description: undefined, descriptionCount: 0 })], [['/x/', 'description-missing', 'The page has no <meta name="description">.']]],
  [
    'two pages without a description',
    ['/a/', '/b/'].map((path) => makePage(path, { description: undefined, descriptionCount: 0 })),
    [
      ['/a/', 'description-missing', 'no <meta name="description">'],
      ['/b/', 'description-missing', 'no <meta name="description">'],
    ],
  ],
  ['two descriptions', [makePage('/x/', { descriptionCount: 2 })], [['/x/', 'description-duplicate', '2 <meta name="description"> elements; the first is "What /x/ is about']]],
  ['no <h1>', [makePage('/x/', { h1Count: 0, h1Text: undefined })], [['/x/', 'h1-count', 'no <h1>']]],
  ['two <h1>', [makePage('/x/', { h1Count: 2, h1Text: 'First' })], [['/x/', 'h1-count', 'The page has 2 <h1> elements; the first is "First".']]],
  ['no lang', [makePage('/x/', { lang: undefined })], [['/x/', 'lang-missing', 'no lang attribute']]],
  [
    'images with and without alt',
    [
      makePage('/x/', {
        images: [
          { src: '/a.webp', alt: 'A' },
          { src: '/divider.svg', alt: '' },
          { src: '/b.webp', alt: null },
          { src: '', alt: null },
        ],
      }),
    ],
    [
      ['/x/', 'img-alt-missing', 'The image (no src) has no alt'],
      ['/x/', 'img-alt-missing', 'The image /b.webp has no alt'],
    ],
  ],
])('head and content: %s', (_name, pages, expected) => {
  it('gives the expected findings', () => expectFindings(audit(pages), expected));
});

describe('the fix for a description names where that page’s description comes from', () => {
  const fixFor = (path: string, description: string) => audit([makePage(path, { description })]).find((f) => f.path === path && f.rule.startsWith('description-'))?.fix;

  it.each([
    { path: '/providers/', fix: 'Write 70 to 160 characters in `providersDescription` in the organization file (content/organization/).' },
    { path: '/providers/ana-ruiz/', fix: 'Write 70 to 160 characters in `summary` (or `seo.description`, which replaces it in search results).' },
    { path: '/services/', fix: "Write 70 to 160 characters in the description in src/pages/services/index.astro (a developer's change)." },
  ])('$path: a description too short', ({ path, fix }) => {
    expect(fixFor(path, 'Too short.')).toBe(fix);
  });

  it.each([
    { path: '/providers/', fix: 'Give the page a description: `providersDescription` in the organization file (content/organization/).' },
    { path: '/', fix: 'Give the page a description: `description` in the organization file (content/organization/).' },
    { path: '/conditions/flu/', fix: 'Give the page a description: its `summary`, or `seo.description`.' },
  ])('$path: no description', ({ path, fix }) => {
    expect(fixFor(path, '')).toBe(fix);
  });
});

describe.each<Case>([
  ['a 404 page without canonical, sitemap entry or links to it', [makePage('/404.html', { canonical: undefined, canonicalCount: 0, noindex: true })], []],
  ['a 404 page that forgets its noindex', [makePage('/404.html', { canonical: undefined, canonicalCount: 0 })], []],
  ['no canonical', [makePage('/x/', { canonical: undefined, canonicalCount: 0 })], [['/x/', 'canonical-missing', 'no <link rel="canonical">']]],
  ['a relative canonical', [makePage('/x/', { canonical: '/x/' })], [['/x/', 'canonical-wrong', '"/x/", not https://clinic.example/x/']]],
  ['an http canonical', [makePage('/x/', { canonical: 'http://clinic.example/x/' })], [['/x/', 'canonical-wrong', '"http://clinic.example/x/"']]],
  ['two canonical links', [makePage('/x/', { canonicalCount: 2 })], [['/x/', 'canonical-wrong', '2 canonical links']]],
  ['a noindex page left out of the sitemap', [makePage('/x/', { noindex: true })], []],
  [
    'the 404 page in the sitemap',
    [makePage('/404.html', { canonical: undefined, canonicalCount: 0, noindex: true })],
    [['/404.html', 'noindex-in-sitemap', 'https://clinic.example/404.html']],
    { sitemapUrls: [`${SITE}/`, `${SITE}/404.html`] },
  ],
  [
    'a sitemap URL on another host',
    [makePage('/x/')],
    [['(site)', 'sitemap-url-unknown', 'https://www.clinic.example/x/, which is not on https://clinic.example']],
    { sitemapUrls: [`${SITE}/`, `${SITE}/x/`, 'https://www.clinic.example/x/'] },
  ],
  [
    'a sitemap URL without its trailing slash',
    [makePage('/x/')],
    [
      ['(site)', 'sitemap-url-unknown', 'no page at /x'],
      ['/x/', 'canonical-not-in-sitemap', 'https://clinic.example/x/'],
    ],
    { sitemapUrls: [`${SITE}/`, `${SITE}/x`] },
  ],
])('canonical and sitemap: %s', (_name, pages, expected, options) => {
  it('gives the expected findings', () => expectFindings(audit(pages, options), expected));
});

const linking = (links: string[], overrides: Partial<PageFacts> = {}) => makePage('/from/', { links, ...overrides });

describe.each<Case>([
  [
    'links to phones, mail and other sites',
    [linking(['tel:+15035550100', 'mailto:care@clinic.example', 'https://maps.example/x/', '//cdn.example/a.js', 'javascript:void(0)', 'http://clinic.example/x/'])],
    [],
  ],
  ['an absolute link to a page that does not exist', [linking(['https://clinic.example/gone/'])], [['/from/', 'link-broken', '"https://clinic.example/gone/" goes to /gone/']]],
  ['a link without its trailing slash', [linking(['/from'])], [['/from/', 'link-broken', '"/from" has no trailing slash; the page is /from/']]],
  ['the same broken link twice', [linking(['/gone/', '/gone/'])], [['/from/', 'link-broken', '"/gone/" goes to a path']]],
  ['a link that is not a URL', [linking(['http://[oops'])], [['/from/', 'link-broken', '"http://[oops" is not a valid URL']]],
  ['links to /index.html and with a query', [linking(['/from/index.html', '/from/?utm_source=x', '?tab=2'])], []],
  ['a link to a file, without the list of files', [linking(['/_astro/a.webp', '/forms/intake.pdf'])], []],
  ['a link to a missing .html page, without the list of files', [linking(['/old.html'])], [['/from/', 'link-broken', '"/old.html"']]],
  ['a link to a missing page with a dot in its path, without the list of files', [linking(['/guides/v2.1/intro/'])], [['/from/', 'link-broken', '"/guides/v2.1/intro/"']]],
  ['a link to a missing index.html', [linking(['/gone/index.html'])], [['/from/', 'link-broken', '"/gone/index.html"']]],
  ['a link to a missing page below this one', [linking(['/from/directions'])], [['/from/', 'link-broken', '"/from/directions" goes to a path']]],
  ['links to files the build emitted', [linking(['/_astro/a.webp', '/favicon.svg'])], [], { files: ['/_astro/a.webp', 'favicon.svg'] }],
  ['a link to a file the build did not emit', [linking(['/_astro/b.webp'])], [['/from/', 'link-broken', '"/_astro/b.webp"']], { files: ['/_astro/a.webp'] }],
  ['fragments the page has, and the top of the page', [linking(['#main', '#', '#top', '/from/#caf%C3%A9', '/from/?x=1#main'], { ids: ['main', 'café'] })], []],
  ['a fragment this page lacks', [linking(['#hours'], { ids: ['main'] })], [['/from/', 'fragment-broken', '#hours, but this page has no element with id="hours"']]],
  [
    'a fragment another page lacks',
    [linking(['../to/#hours']), makePage('/to/', { ids: ['visit'] })],
    [['/from/', 'fragment-broken', '"../to/#hours" goes to #hours, but /to/ has no element with id="hours"']],
  ],
])('links: %s', (_name, pages, expected, options) => {
  it('gives the expected findings', () => expectFindings(audit(pages, options), expected));
});

describe('orphans', () => {
  const home = (links: string[]) => makePage('/', { links });
  const notFound = (links: string[]) => makePage('/404.html', { canonical: undefined, canonicalCount: 0, noindex: true, links });

  it.each<Case>([
    ['a page that links only to itself', [home([]), makePage('/x/', { links: ['/x/', '#main'], ids: ['main'] })], [['/x/', 'orphan', 'No other page links to /x/']]],
    ['a page only the 404 page links to', [home([]), makePage('/x/'), notFound(['/x/'])], [['/x/', 'orphan', '/x/']]],
    ['a page another page links to with a relative href', [home(['/a/b/']), makePage('/a/b/', { links: ['../../x/'] }), makePage('/x/')], []],
    ['a noindex page and the home page with no links to them', [home([]), makePage('/x/', { noindex: true })], []],
    ['a 404 page that forgets its noindex, with no links to it', [home([]), makePage('/404.html', { canonical: undefined, canonicalCount: 0 })], []],
  ])('%s', (_name, pages, expected) => expectFindings(audit(pages), expected));
});

describe.each<Case>([
  ['no ld+json script', [makePage('/x/', { jsonLd: [] })], [['/x/', 'jsonld-count', '0 <script']]],
  ['a @context with a trailing slash', [makePage('/x/', { jsonLd: [JSON.stringify({ '@context': 'https://schema.org/', '@graph': [{ '@type': 'WebPage' }] })] })], []],
  ['no @context', [makePage('/x/', { jsonLd: [JSON.stringify({ '@graph': [{ '@type': 'WebPage' }] })] })], [['/x/', 'jsonld-graph', 'The ld+json @context is missing, not "https://schema.org".']]],
  [
    'an http @context',
    [makePage('/x/', { jsonLd: [JSON.stringify({ '@context': 'http://schema.org', '@graph': [{ '@type': 'WebPage' }] })] })],
    [['/x/', 'jsonld-graph', 'The ld+json @context is "http://schema.org", not']],
  ],
  ['a script that is not JSON', [makePage('/x/', { jsonLd: ['{"@context": '] })], [['/x/', 'jsonld-parse', 'The ld+json script is not valid JSON: ']]],
  [
    'a second script that is not JSON',
    [makePage('/x/', { jsonLd: [graph([{ '@type': 'WebPage' }]), '{"@graph": ['] })],
    [
      ['/x/', 'jsonld-count', '2 <script'],
      ['/x/', 'jsonld-parse', 'The script 2 ld+json script is not valid JSON'],
    ],
  ],
  [
    'a @graph that is an object',
    [makePage('/x/', { jsonLd: [JSON.stringify({ '@context': 'https://schema.org', '@graph': { '@type': 'WebPage' } })] })],
    [['/x/', 'jsonld-graph', 'has a @graph that is an object, not an array of nodes']],
  ],
  ['a @graph entry that is null', [graphPage([null])], [['/x/', 'jsonld-graph', '@graph[1] is null, not a node']]],
  ['a @type that is not text', [graphPage([{ '@type': 5 }])], [['/x/', 'jsonld-unknown-type', 'Node at @graph[1] has @type 5, which schema.org']]],
  ['an @id that is not text', [graphPage([{ '@id': 5 }])], [['/x/', 'jsonld-unknown-type', 'The node at @graph[1] has no @type.']]],
  ['a language-tagged value', [graphPage([{ '@type': 'Organization', name: { '@value': 'Harbor', '@language': 'en' } }])], []],
  ['a property allowed on one of two types that only one has', [makePage('/x/', { jsonLd: [graph([{ '@type': ['WebPage', 'MedicalWebPage'], medicalAudience: 'Patient' }])] })], []],
  [
    'a property neither of two types has',
    [makePage('/x/', { jsonLd: [graph([{ '@type': ['WebPage', 'Person'], medicalSpecialty: 'Cardiovascular' }])] })],
    [['/x/', 'jsonld-unknown-property', 'WebPage, Person at @graph[0] has "medicalSpecialty", which schema.org does not allow on WebPage or Person.']],
  ],
  [
    'two scripts that share a graph',
    [
      makePage('/x/', {
        jsonLd: [graph([{ '@type': 'WebPage', about: { '@id': '#org' } }]), graph([{ '@type': 'Organization', '@id': '#org' }])],
      }),
    ],
    [['/x/', 'jsonld-count', '2 <script']],
  ],
  ['a top-level array', [makePage('/x/', { jsonLd: ['[{"@context": "https://schema.org", "@type": "WebPage"}]'] })], [['/x/', 'jsonld-graph', 'holds an array']]],
  ['a single node without @graph', [makePage('/x/', { jsonLd: ['{"@context": "https://schema.org", "@type": "WebPage"}'] })], [['/x/', 'jsonld-graph', 'has no @graph']]],
  ['a @graph entry that is not a node', [graphPage(['#org'])], [['/x/', 'jsonld-graph', '@graph[1] is a string']]],
  ['a node without @type', [graphPage([{ '@id': '#a', name: 'A' }])], [['/x/', 'jsonld-unknown-type', '@graph[1] has no @type']]],
  ['a node whose @type is null', [graphPage([{ '@type': null, name: 'A' }])], [['/x/', 'jsonld-unknown-type', 'The node at @graph[1] has no @type.']]],
  ['a node whose @type is an empty list', [graphPage([{ '@type': [], name: 'A' }])], [['/x/', 'jsonld-unknown-type', 'The node at @graph[1] has no @type.']]],
  [
    'a property the type does not have',
    [makePage('/x/', { jsonLd: [graph([{ '@type': 'WebPage', medicalSpecialty: 'Cardiovascular' }])] })],
    [['/x/', 'jsonld-unknown-property', '"medicalSpecialty", which schema.org does not allow on WebPage']],
  ],
  [
    'a property allowed on one of two types',
    [makePage('/x/', { jsonLd: [graph([{ '@type': ['MedicalWebPage', 'FAQPage'], lastReviewed: '2026-01-01', mainEntity: [] }])] })],
    [['/x/', 'jsonld-required', 'no questions']],
  ],
  [
    'a nested node of an unknown type',
    [graphPage([{ '@type': 'Organization', '@id': '#o', address: { '@type': 'PostalAdress', street: 'x' } }])],
    [
      ['/x/', 'jsonld-unknown-property', '"street", which is not'],
      ['/x/', 'jsonld-unknown-type', '"PostalAdress"'],
    ],
  ],
  [
    'a reference to a missing node in a list',
    [graphPage([{ '@type': 'Organization', '@id': '#a', member: [{ '@id': '#a' }, { '@id': '#b' }] }])],
    [['/x/', 'jsonld-dangling-id', '@graph[1].member[1] refers to {"@id": "#b"}']],
  ],
  [
    'a review on a page',
    [makePage('/x/', { jsonLd: [graph([{ '@type': 'WebPage', review: { '@type': 'Review', reviewBody: 'Great' } }])] })],
    [['/x/', 'jsonld-self-review', 'WebPage at @graph[0] has "review"']],
  ],
  ['a top-level rating', [graphPage([{ '@type': 'AggregateRating', ratingValue: 5 }])], [['/x/', 'jsonld-self-review', 'AggregateRating node at @graph[1]']]],
  ['a top-level review', [graphPage([{ '@type': 'Review', reviewBody: 'Great' }])], [['/x/', 'jsonld-self-review', 'The graph has a Review node at @graph[1].']]],
  [
    'a review as the subject of a page',
    [makePage('/x/', { jsonLd: [graph([{ '@type': 'WebPage', mainEntity: { '@type': 'Review', reviewBody: 'Great' } }])] })],
    [['/x/', 'jsonld-self-review', 'a Review node at @graph[0].mainEntity']],
  ],
  ['reviews under their old name', [graphPage([{ '@type': 'Organization', name: 'Clinic', reviews: { '@type': 'Review', reviewBody: 'Great' } }])], [['/x/', 'jsonld-self-review', 'has "reviews"']]],
])('JSON-LD shape: %s', (_name, pages, expected) => {
  it('gives the expected findings', () => expectFindings(audit(pages), expected));
});

it('tells a page without an <h1> to render one, and a page with several to keep one', () => {
  const fixOf = (h1Count: number) => audit([makePage('/x/', { h1Count })]).find((f) => f.rule === 'h1-count')?.fix;
  expect(fixOf(0)).toBe('For a developer: render the page in PageLayout, which writes its `title` (or `h1`) as the one <h1>.');
  expect(fixOf(2)).toBe('Start the headings in the page text with ## (or ###): the page already has its name as its one main heading.');
});

it('tells a page without JSON-LD to render its graph, and a page with several to merge them', () => {
  const fixOf = (jsonLd: string[]) => audit([makePage('/x/', { jsonLd })]).find((f) => f.rule === 'jsonld-count')?.fix;
  expect(fixOf([])).toContain("Render the page's graph");
  const one = graph([{ '@type': 'WebPage' }]);
  expect(fixOf([one, one])).toContain("Put every node in the page's one @graph");
});

const crumb = (position: number | undefined, name: string | undefined, item?: string) => ({
  '@type': 'ListItem',
  ...(position === undefined ? {} : { position }),
  ...(name === undefined ? {} : { name }),
  ...(item === undefined ? {} : { item }),
});
const faq = (mainEntity: unknown) => ({ '@type': 'FAQPage', '@id': '#faq', mainEntity });

describe.each<Case>([
  ['no WebPage node', [makePage('/x/', { jsonLd: [graph([{ '@type': 'Organization', name: 'Clinic' }])] })], [['/x/', 'jsonld-required', 'no WebPage node']]],
  [
    'a clinic without name or address',
    [graphPage([{ '@type': 'Dentist', '@id': '#d' }])],
    [
      ['/x/', 'jsonld-required', 'Dentist #d has no address'],
      ['/x/', 'jsonld-required', 'Dentist #d has no name'],
    ],
  ],
  [
    'people without an address',
    [
      graphPage([
        { '@type': 'IndividualPhysician', name: 'Ana Ruiz' },
        { '@type': ['Person', 'Physician'], name: 'Bo Lee' },
      ]),
    ],
    [],
  ],
  [
    'breadcrumbs with one item',
    [graphPage([{ '@type': 'BreadcrumbList', itemListElement: [crumb(1, 'Home')] }])],
    [['/x/', 'jsonld-required', 'has 1 ListItem in itemListElement; it needs at least two']],
  ],
  [
    'breadcrumbs with an item that is not a ListItem',
    [graphPage([{ '@type': 'BreadcrumbList', itemListElement: [crumb(1, 'Home', `${SITE}/`), 'Here'] }])],
    [['/x/', 'jsonld-required', '1 ListItem in itemListElement among 2 items']],
  ],
  [
    'breadcrumbs with two ListItems and something else',
    [graphPage([{ '@type': 'BreadcrumbList', itemListElement: [crumb(1, 'Home', `${SITE}/`), crumb(2, 'Here'), 'There'] }])],
    [['/x/', 'jsonld-required', 'has 2 ListItems in itemListElement among 3 items; it needs at least two, all ListItems.']],
  ],
  [
    'breadcrumbs with positions written as text',
    [
      graphPage([
        {
          '@type': 'BreadcrumbList',
          itemListElement: [
            { ...crumb(undefined, 'Home', `${SITE}/`), position: '1' },
            { ...crumb(undefined, 'Here'), position: '12' },
          ],
        },
      ]),
    ],
    [],
  ],
  [
    'breadcrumbs with positions that are not numbers',
    [
      graphPage([
        {
          '@type': 'BreadcrumbList',
          itemListElement: [
            { ...crumb(undefined, 'Home', `${SITE}/`), position: 'a1' },
            { ...crumb(undefined, 'Here'), position: '2nd' },
          ],
        },
      ]),
    ],
    [
      ['/x/', 'jsonld-required', 'item 1 has no position'],
      ['/x/', 'jsonld-required', 'item 2 has no position'],
    ],
  ],
  [
    'breadcrumbs with a blank name and an empty middle URL',
    [graphPage([{ '@type': 'BreadcrumbList', itemListElement: [crumb(1, ' ', ''), crumb(2, 'Here')] }])],
    [
      ['/x/', 'jsonld-required', 'item 1 has no item URL'],
      ['/x/', 'jsonld-required', 'item 1 has no name'],
    ],
  ],
  [
    'breadcrumbs missing a position, a name and a middle URL',
    [
      graphPage([
        {
          '@type': 'BreadcrumbList',
          itemListElement: [crumb(undefined, 'Home', `${SITE}/`), crumb(2, undefined, `${SITE}/a/`), crumb(3, 'A'), crumb(4, 'Here')],
        },
      ]),
    ],
    [
      ['/x/', 'jsonld-required', 'item 1 has no position'],
      ['/x/', 'jsonld-required', 'item 2 has no name'],
      ['/x/', 'jsonld-required', 'item 3 has no item URL'],
    ],
  ],
  ['an FAQ without questions', [graphPage([faq([])])], [['/x/', 'jsonld-required', 'FAQPage #faq has no questions']]],
  [
    'FAQ items without a name, an answer, or a Question type',
    [graphPage([faq([{ '@type': 'Question', acceptedAnswer: { '@type': 'Answer', text: 'A' } }, { '@type': 'Question', name: 'Q?' }, { '@type': 'Answer', text: 'A' }, 'Q2?'])], 'Q? A')],
    [
      ['/x/', 'jsonld-required', 'mainEntity[2] is not a Question'],
      ['/x/', 'jsonld-required', 'mainEntity[3] is not a Question'],
      ['/x/', 'jsonld-required', 'question "Q?" has no acceptedAnswer.text'],
      ['/x/', 'jsonld-required', 'question 1 has no name'],
    ],
  ],
  [
    'a profile about a node without a name',
    [
      makePage('/x/', {
        jsonLd: [
          graph([
            { '@type': 'ProfilePage', mainEntity: { '@id': '#p' } },
            { '@type': 'Person', '@id': '#p', jobTitle: 'Physician' },
          ]),
        ],
      }),
    ],
    [['/x/', 'jsonld-required', 'ProfilePage at @graph[0] has no mainEntity with a name']],
  ],
  ['a profile without mainEntity', [makePage('/x/', { jsonLd: [graph([{ '@type': 'ProfilePage' }])] })], [['/x/', 'jsonld-required', 'has no mainEntity with a name']]],
])('JSON-LD required properties: %s', (_name, pages, expected) => {
  it('gives the expected findings', () => expectFindings(audit(pages), expected));
});

const clinic = (extra: Record<string, unknown>) => ({
  '@type': 'MedicalClinic',
  '@id': '#clinic',
  name: 'Harbor',
  address: { '@type': 'PostalAddress', streetAddress: '2200 NW Harbor Way' },
  ...extra,
});
const hours = (opens: string, closes: string) => ({
  openingHoursSpecification: [{ '@type': 'OpeningHoursSpecification', dayOfWeek: 'https://schema.org/Saturday', opens, closes }],
});
const CLINIC_TEXT = 'Harbor 2200 NW Harbor Way, Portland Call 503.555.0120';

describe.each<Case>([
  ['a clinic the page shows', [graphPage([clinic({ telephone: '+1 503 555 0120' })], CLINIC_TEXT)], []],
  ['a telephone the page does not show', [graphPage([clinic({ telephone: '+15035550199' })], CLINIC_TEXT)], [['/x/', 'jsonld-not-visible', 'telephone "+15035550199"']]],
  [
    'a street address the page does not show',
    [graphPage([clinic({ address: { '@type': 'PostalAddress', streetAddress: '2202 NW Harbor Way' } })], CLINIC_TEXT)],
    [['/x/', 'jsonld-not-visible', 'streetAddress "2202 NW Harbor Way"']],
  ],
  ['hours shown as "9 AM" and "noon"', [graphPage([clinic(hours('09:00:00', '12:00'))], `${CLINIC_TEXT} Saturday 9\u00a0AM – noon`)], []],
  ['hours the page does not show', [graphPage([clinic(hours('09:00', '13:00'))], `${CLINIC_TEXT} Saturday 9 AM – 11 PM`)], [['/x/', 'jsonld-not-visible', 'closes at "13:00" on Saturday']]],
  [
    'hours that are not a time',
    [graphPage([clinic(hours('9am', '17:00'))], `${CLINIC_TEXT} Saturday 9 AM – 5 PM`)],
    [['/x/', 'jsonld-not-visible', 'opens at "9am" on Saturday, which is not a time']],
  ],
  [
    'hours that only start like midnight',
    [graphPage([clinic(hours('00:00', '00:00pm'))], `${CLINIC_TEXT} Saturday Closed`)],
    [
      ['/x/', 'jsonld-not-visible', 'closes at "00:00pm" on Saturday, which is not a time'],
      ['/x/', 'jsonld-not-visible', 'opens at "00:00" on Saturday, which the page does not show'],
    ],
  ],
  ['hours without an opening time', [graphPage([clinic({ openingHoursSpecification: { '@type': 'OpeningHoursSpecification', dayOfWeek: 'Saturday', closes: '17:00' } })], CLINIC_TEXT)], []],
  [
    'hours whose days are references',
    [
      graphPage(
        [clinic({ openingHoursSpecification: { '@type': 'OpeningHoursSpecification', dayOfWeek: [{ '@id': 'https://schema.org/Monday' }], opens: '09:00', closes: '13:00' } })],
        `${CLINIC_TEXT} Monday 9 AM – 5 PM`,
      ),
    ],
    [
      ['/x/', 'jsonld-dangling-id', '{"@id": "https://schema.org/Monday"}'],
      ['/x/', 'jsonld-not-visible', 'closes at "13:00", which the page does not show'],
    ],
  ],
  ['closed all day', [graphPage([clinic(hours('00:00', '00:00'))], `${CLINIC_TEXT} Saturday Closed`)], []],
  ['closed all day, written 0:00', [graphPage([clinic(hours('0:00', '0:00:00'))], `${CLINIC_TEXT} Saturday Closed`)], []],
  ['closed all day, with spaces', [graphPage([clinic(hours(' 00:00', '00:00 '))], `${CLINIC_TEXT} Saturday Closed`)], []],
  ['open 24 hours', [graphPage([clinic(hours('00:00', '23:59'))], `${CLINIC_TEXT} Saturday Open 24 hours`)], []],
  ['hours past midnight', [graphPage([clinic(hours('18:00', '02:00'))], `${CLINIC_TEXT} Saturday 6\u00a0PM – 2\u00a0AM`)], []],
  [
    'hours past midnight the page does not show',
    [graphPage([clinic(hours('18:00', '02:00'))], `${CLINIC_TEXT} Saturday 6 PM – 3 AM`)],
    [['/x/', 'jsonld-not-visible', 'closes at "02:00" on Saturday']],
  ],
  ['hours until midnight', [graphPage([clinic(hours('08:00', '23:59'))], `${CLINIC_TEXT} Saturday 8\u00a0AM – midnight`)], []],
  [
    'open 24 hours, which the page does not say',
    [graphPage([clinic(hours('00:00', '23:59'))], `${CLINIC_TEXT} Saturday Closed`)],
    [
      ['/x/', 'jsonld-not-visible', 'closes at "23:59" on Saturday'],
      ['/x/', 'jsonld-not-visible', 'opens at "00:00" on Saturday'],
    ],
  ],
  [
    'open around the clock, not said on the page',
    [graphPage([clinic(hours('00:00', '23:59'))], `${CLINIC_TEXT} Saturday Open`)],
    [
      ['/x/', 'jsonld-not-visible', 'closes at "23:59" on Saturday'],
      ['/x/', 'jsonld-not-visible', 'opens at "00:00" on Saturday'],
    ],
  ],
  [
    'opening at midnight on a page that says "24 hours" elsewhere',
    [graphPage([clinic(hours('00:00', '17:00'))], `${CLINIC_TEXT} Saturday until 5 PM. Nurse line: 24 hours.`)],
    [['/x/', 'jsonld-not-visible', 'opens at "00:00" on Saturday, which the page does not show']],
  ],
  [
    'closing at midnight on a page that says "24 hours" elsewhere',
    [graphPage([clinic(hours('09:00', '23:59'))], `${CLINIC_TEXT} Saturday from 9 AM. Nurse line: 24 hours.`)],
    [['/x/', 'jsonld-not-visible', 'closes at "23:59" on Saturday, which the page does not show']],
  ],
  [
    'other hours on a page that says "24 hours" elsewhere',
    [graphPage([clinic(hours('10:00', '20:00'))], `${CLINIC_TEXT} Nurse line: 24 hours.`)],
    [
      ['/x/', 'jsonld-not-visible', 'closes at "20:00"'],
      ['/x/', 'jsonld-not-visible', 'opens at "10:00"'],
    ],
  ],
  ['hours with spaces around the times', [graphPage([clinic(hours(' 09:00 ', '13:00'))], `${CLINIC_TEXT} Saturday 9 AM – 11 PM`)], [['/x/', 'jsonld-not-visible', 'closes at "13:00" on Saturday']]],
  [
    'hours for every day, or for two',
    [
      graphPage(
        [
          clinic({
            openingHoursSpecification: [
              { '@type': 'OpeningHoursSpecification', opens: '09:00', closes: '13:00' },
              { '@type': 'OpeningHoursSpecification', dayOfWeek: ['https://schema.org/Monday', 'Tuesday'], opens: '09:00', closes: '14:00' },
            ],
          }),
        ],
        `${CLINIC_TEXT} 9 AM – 5 PM`,
      ),
    ],
    [
      ['/x/', 'jsonld-not-visible', 'closes at "13:00", which the page does not show'],
      ['/x/', 'jsonld-not-visible', 'closes at "14:00" on Monday, Tuesday, which'],
    ],
  ],
  [
    'hours without a closing time, or by a reference that goes nowhere',
    [graphPage([clinic({ openingHoursSpecification: [{ '@type': 'OpeningHoursSpecification', dayOfWeek: 'Saturday', opens: '09:00' }, { '@id': '#hours' }] })], CLINIC_TEXT)],
    [['/x/', 'jsonld-dangling-id', 'openingHoursSpecification[1] refers to {"@id": "#hours"}']],
  ],
  [
    'FAQ text with markup, entities and curly quotes',
    [
      graphPage(
        [
          faq([
            {
              '@type': 'Question',
              name: 'Can I walk on it?',
              acceptedAnswer: {
                '@type': 'Answer',
                text: "<p>Yes, if it doesn't hurt &amp; you <em>feel</em> steady.</p><p>Use a brace.</p>",
              },
            },
          ]),
        ],
        'Can I walk on it? Yes, if it doesn’t hurt & you feel steady. Use a brace.',
      ),
    ],
    [],
  ],
  [
    'an FAQ question and answer the page does not show',
    [graphPage([faq([{ '@type': 'Question', name: 'Is it broken?', acceptedAnswer: { '@type': 'Answer', text: 'Maybe.' } }])], 'Can I walk on it? Yes.')],
    [
      ['/x/', 'jsonld-not-visible', 'answer the page does not show to "Is it broken?": "Maybe."'],
      ['/x/', 'jsonld-not-visible', 'the question "Is it broken?"'],
    ],
  ],
  [
    "an FAQ answer whose script element hides text the page lost (raw HTML in a writer's answer)",
    [
      graphPage(
        [faq([{ '@type': 'Question', name: 'Can I type code?', acceptedAnswer: { '@type': 'Answer', text: '<p>Do not type <script>alert(1)</script> here.</p>' } }])],
        'Can I type code? Do not type here.',
      ),
    ],
    [
      ['/x/', 'jsonld-not-visible', 'answer the page does not show to "Can I type code?": "Do not type alert(1) here."'],
      ['/x/', 'jsonld-not-visible', 'answer to "Can I type code?" with a <script> element'],
    ],
  ],
  [
    'an FAQ answer quoting markup as text, shown as text on the page',
    [
      graphPage(
        [faq([{ '@type': 'Question', name: 'Can I type code?', acceptedAnswer: { '@type': 'Answer', text: '<p>Do not type &lt;script&gt;alert(1)&lt;/script&gt; here.</p>' } }])],
        'Can I type code? Do not type <script>alert(1)</script> here.',
      ),
    ],
    [],
  ],
  [
    'an answer without its question, not shown',
    [graphPage([faq([{ '@type': 'Question', acceptedAnswer: { '@type': 'Answer', text: 'Maybe.' } }])], 'Yes.')],
    [
      ['/x/', 'jsonld-not-visible', 'has an answer the page does not show: "Maybe."'],
      ['/x/', 'jsonld-required', 'question 1 has no name'],
    ],
  ],
  [
    'a reviewer and a profile subject the page does not show',
    [
      makePage('/x/', {
        jsonLd: [
          graph([
            { '@type': 'MedicalWebPage', reviewedBy: { '@id': '#ana' }, mainEntity: { '@type': 'IndividualPhysician', name: 'Bo Lee' } },
            { '@type': 'Person', '@id': '#ana', name: 'Ana Ruiz' },
          ]),
        ],
        visibleText: 'Reviewed by Dr. Anastasia Ruiz',
      }),
    ],
    [
      ['/x/', 'jsonld-not-visible', 'mainEntity "Bo Lee"'],
      ['/x/', 'jsonld-not-visible', 'reviewedBy "Ana Ruiz"'],
    ],
  ],
  [
    'one person as both reviewer and subject, not shown',
    [
      makePage('/x/', {
        jsonLd: [
          graph([
            { '@type': 'MedicalWebPage', reviewedBy: { '@id': '#ana' }, mainEntity: { '@id': '#ana' } },
            { '@type': 'Person', '@id': '#ana', name: 'Ana Ruiz' },
          ]),
        ],
      }),
    ],
    [['/x/', 'jsonld-not-visible', 'mainEntity "Ana Ruiz"']],
  ],
  [
    'a reviewer the page shows with credentials',
    [
      graphPage(
        [
          { '@type': 'Person', '@id': '#ana', name: 'Ana Ruiz' },
          { '@type': 'WebPage', reviewedBy: { '@id': '#ana' } },
        ],
        'Reviewed by Ana Ruiz, MD',
      ),
    ],
    [],
  ],
])('JSON-LD against the visible text: %s', (_name, pages, expected) => {
  it('gives the expected findings', () => expectFindings(audit(pages), expected));
});

describe('the order of findings', () => {
  const pages = [
    makePage('/b/', { title: 'Same', h1Count: 0, lang: undefined }),
    makePage('/a/', {
      title: 'Same',
      images: [
        { src: '/z.webp', alt: null },
        { src: '/y.webp', alt: null },
      ],
    }),
    makePage('/c/', { links: ['/gone/'] }),
  ];

  it('is by path, then rule, then message', () => {
    expect(audit(pages).map((f) => `${f.path} ${f.rule} ${f.message.slice(0, 15)}`)).toEqual([
      '/a/ img-alt-missing The image /y.we',
      '/a/ img-alt-missing The image /z.we',
      '/a/ title-duplicate The title "Same',
      '/b/ h1-count The page has no',
      '/b/ lang-missing The <html> elem',
      '/b/ title-duplicate The title "Same',
      '/c/ link-broken The link "/gone',
    ]);
  });

  it('does not depend on the order of the pages', () => {
    expect(audit([...pages].reverse())).toEqual(audit(pages));
  });
});
