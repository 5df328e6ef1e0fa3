import { describe, expect, it } from 'vitest';
import { readVocabulary } from '@/seo-audit/vocabulary-file.ts';
import { AUDIT_RULES, auditSite, FOR_DEVELOPER, formatFindings, type AuditRule } from '@/seo-audit/audit.ts';
import { extractPageFacts } from '@/seo-audit/facts.ts';
import type { Finding } from '@/seo-audit/types.ts';
import { applyOverlay, listSeoOverlays, readSeoFixture, type Overlay } from '../../support/seo-fixtures.ts';

const SITE_URL = 'https://riverbend.example';
/** Not part of the built site: the fixture's list of sitemap `<loc>`s. */
const SITEMAP_FILE = 'sitemap-urls.txt';
const vocabulary = readVocabulary();

/** `locations/harbor/index.html` → `/locations/harbor/`; `404.html` → `/404.html`. */
const toSitePath = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;

/** Audits the good fixture site, or the good site with the broken overlay `broken/<overlay>/` applied. */
function auditFixture(overlay?: string): Finding[] {
  const files = readSeoFixture(overlay);
  const pages = [...files].filter(([file]) => file.endsWith('.html')).map(([file, html]) => extractPageFacts(html, toSitePath(file)));
  const sitemapUrls = (files.get(SITEMAP_FILE) ?? '').split('\n').filter(Boolean);
  const emitted = [...files.keys()].filter((file) => !file.endsWith('.html') && file !== SITEMAP_FILE).map((file) => `/${file}`);
  return auditSite({ pages, sitemapUrls, siteUrl: SITE_URL, vocabulary, files: emitted });
}

interface Expected {
  path: string;
  /** The offending value the message names. */
  mentions: string;
}

const BROKEN: Record<AuditRule, Expected[]> = {
  'title-missing': [{ path: '/locations/harbor/', mentions: 'no <title>' }],
  'title-duplicate': [
    { path: '/locations/harbor/', mentions: '"Riverbend Health – Harbor | Riverbend Health" is also the title of /providers/ana-ruiz/' },
    { path: '/providers/ana-ruiz/', mentions: 'is also the title of /locations/harbor/' },
  ],
  'title-length': [{ path: '/conditions/sprained-ankle/', mentions: '79 characters, over 60: "Sprained ankle: symptoms, home care' }],
  'description-missing': [{ path: '/providers/ana-ruiz/', mentions: 'no <meta name="description">' }],
  'description-duplicate': [
    { path: '/conditions/sprained-ankle/', mentions: 'also the description of /locations/harbor/' },
    { path: '/locations/harbor/', mentions: 'also the description of /conditions/sprained-ankle/' },
  ],
  'description-length': [{ path: '/locations/harbor/', mentions: '44 characters, under 70: "Family medicine and urgent care in Portland."' }],
  'h1-count': [{ path: '/conditions/sprained-ankle/', mentions: '2 <h1> elements' }],
  'img-alt-missing': [{ path: '/providers/ana-ruiz/', mentions: '/_astro/ana-ruiz.4PHv_qLP_1wVk3f.webp' }],
  'lang-missing': [{ path: '/', mentions: 'no lang attribute' }],
  'canonical-missing': [{ path: '/conditions/sprained-ankle/', mentions: 'no <link rel="canonical">' }],
  'canonical-wrong': [
    {
      path: '/locations/harbor/',
      mentions: '"https://riverbend.example/locations/harbor", not https://riverbend.example/locations/harbor/',
    },
  ],
  'canonical-not-in-sitemap': [{ path: '/providers/ana-ruiz/', mentions: 'https://riverbend.example/providers/ana-ruiz/' }],
  'noindex-in-sitemap': [{ path: '/providers/ana-ruiz/', mentions: 'https://riverbend.example/providers/ana-ruiz/' }],
  'sitemap-url-unknown': [{ path: '(site)', mentions: 'https://riverbend.example/providers/maya-okafor/' }],
  'link-broken': [{ path: '/', mentions: '"/conditions/sprain/"' }],
  'fragment-broken': [{ path: '/', mentions: '#opening-hours, but /locations/harbor/ has no element with id="opening-hours"' }],
  orphan: [{ path: '/services/sports-medicine/', mentions: 'links to /services/sports-medicine/' }],
  'jsonld-count': [{ path: '/providers/ana-ruiz/', mentions: '2 <script type="application/ld+json">' }],
  'jsonld-parse': [{ path: '/conditions/sprained-ankle/', mentions: 'not valid JSON' }],
  'jsonld-graph': [{ path: '/locations/harbor/', mentions: '"http://schema.org"' }],
  'jsonld-unknown-type': [{ path: '/locations/harbor/', mentions: '@type "Clinic"' }],
  'jsonld-unknown-property': [{ path: '/locations/harbor/', mentions: '"phoneNumber", which is not a schema.org property' }],
  'jsonld-dangling-id': [{ path: '/conditions/sprained-ankle/', mentions: '{"@id": "https://riverbend.example/#organisation"}' }],
  'jsonld-self-review': [{ path: '/locations/harbor/', mentions: 'MedicalClinic https://riverbend.example/locations/harbor/#clinic has "aggregateRating"' }],
  'jsonld-required': [{ path: '/locations/harbor/', mentions: 'MedicalClinic https://riverbend.example/locations/harbor/#clinic has no address' }],
  'jsonld-not-visible': [{ path: '/locations/harbor/', mentions: 'closes at "18:00" on Monday, Tuesday, Wednesday, Thursday, Friday' }],
};

describe('auditSite on the fixture site', () => {
  it('finds nothing wrong with the good site', () => {
    expect(auditFixture()).toEqual([]);
  });

  it('has one broken overlay for every rule, and a case for every overlay', () => {
    const overlays = listSeoOverlays();
    expect(overlays).toEqual(Object.keys(AUDIT_RULES).sort());
    expect(Object.keys(BROKEN).sort()).toEqual(overlays);
  });

  describe.each(Object.entries(BROKEN))('broken/%s', (rule, expected) => {
    // Read on first use, so that an overlay that no longer applies fails its own cases, not the whole file.
    let audited: Finding[] | undefined;
    const getFindings = () => (audited ??= auditFixture(rule));

    it(`gives exactly ${rule} on the pages it breaks`, () => {
      expect(getFindings().map((f) => [f.path, f.rule])).toEqual(expected.map((e) => [e.path, rule]));
    });

    it('says what is wrong with the actual value, and how to fix it', () => {
      getFindings().forEach((finding, index) => {
        expect(finding.message).toContain(expected[index]?.mentions);
        expect(finding.severity).toBe(AUDIT_RULES[rule as AuditRule]);
        expect(finding.fix.length).toBeGreaterThan(20);
      });
    });
  });
});

// The overlays are edits of the good pages; these cases keep a good-page change from quietly
// turning a broken overlay into a good one.
describe('applyOverlay, which builds each broken site from the good one', () => {
  const good = new Map([
    ['index.html', '<html lang="en"><p>Open</p><p>Open</p></html>'],
    ['sitemap-urls.txt', 'https://riverbend.example/\n'],
    ['robots.txt', 'Allow: /\n\n\n'],
  ]);
  const overlay = (edits: Overlay['edits'], added: Overlay['added'] = new Map()): Overlay => ({ name: 'broken/example', edits, added });

  it('replaces the one place the find text stands, taking the replacement literally, and adds new files', () => {
    const files = applyOverlay(good, overlay([{ file: 'index.html', find: '<html lang="en">', replace: '<html data-x="$&">' }], new Map([['about/index.html', '<p>About</p>']])));
    expect(Object.fromEntries(files)).toEqual({
      'index.html': '<html data-x="$&"><p>Open</p><p>Open</p></html>',
      'sitemap-urls.txt': 'https://riverbend.example/\n',
      'robots.txt': 'Allow: /\n\n\n',
      'about/index.html': '<p>About</p>',
    });
    expect(good.get('index.html')).toBe('<html lang="en"><p>Open</p><p>Open</p></html>');
  });

  it.each([
    [
      'a find text that stands nowhere',
      overlay([{ file: 'index.html', find: '<html lang="fr">', replace: '<html>' }]),
      'broken/example/edits.json, edit 1: "<html lang=\\"fr\\">" stands nowhere in index.html; it must stand exactly once.',
    ],
    [
      'a find text that stands more than once',
      overlay([{ file: 'index.html', find: '<p>Open</p>', replace: '' }]),
      'broken/example/edits.json, edit 1: "<p>Open</p>" stands more than once in index.html; it must stand exactly once.',
    ],
    ['a find text whose two places overlap', overlay([{ file: 'robots.txt', find: '\n\n', replace: '\n' }]), 'broken/example/edits.json, edit 1: "\\n\\n" stands more than once in robots.txt'],
    [
      'an edit of a file the good site does not have',
      overlay([{ file: 'about/index.html', find: '<p>', replace: '' }]),
      'broken/example/edits.json, edit 1: the good site has no file about/index.html.',
    ],
    [
      'an added file that would replace a good one',
      overlay([], new Map([['index.html', '<html><p>Open</p></html>']])),
      'broken/example/index.html replaces a file of the good site: describe the change in edits.json',
    ],
    ['an overlay that changes nothing', overlay([]), 'broken/example changes nothing'],
  ])('fails loudly on %s', (_case, broken, message) => {
    expect(() => applyOverlay(good, broken)).toThrow(message);
  });
});

describe('formatFindings', () => {
  it('groups findings by path, each with its fix', () => {
    const findings = ['title-duplicate', 'description-length', 'sitemap-url-unknown'].flatMap((overlay) => auditFixture(overlay));
    expect(formatFindings(findings)).toMatchInlineSnapshot(`
      "/locations/harbor/
        error title-duplicate: The title "Riverbend Health – Harbor | Riverbend Health" is also the title of /providers/ana-ruiz/.
          fix: Give the page a title of its own: a more specific \`name\`, or \`seo.title\`.
        warning description-length: The description is 44 characters, under 70: "Family medicine and urgent care in Portland.".
          fix: Write 70 to 160 characters in \`summary\` (or \`seo.description\`, which replaces it in search results).
      /providers/ana-ruiz/
        error title-duplicate: The title "Riverbend Health – Harbor | Riverbend Health" is also the title of /locations/harbor/.
          fix: Give the page a title of its own: a more specific \`name\`, or \`seo.title\`.
      (site)
        error sitemap-url-unknown: The sitemap lists https://riverbend.example/providers/maya-okafor/, but the build has no page at /providers/maya-okafor/.
          fix: For a developer: list only built pages in the sitemap: remove what adds this URL (a custom page or a stale manifest entry in the sitemap step), or build the page it names."
    `);
  });

  it('is empty when there is nothing to report', () => {
    expect(formatFindings([])).toBe('');
  });
});

describe('fixes in a writer’s words', () => {
  // Every finding the audit makes of the broken fixtures.
  const findings = listSeoOverlays().flatMap((overlay) => auditFixture(overlay));

  it('has findings of every kind to read', () => {
    expect(new Set(findings.map((f) => f.subject))).toEqual(new Set([undefined, 'title', 'description', 'text', 'image-alt']));
  });

  it.each(['frontmatter', 'src/', '.ts', '.astro', 'PageLayout', 'href'])('says no "%s" in a fix a writer can make', (word) => {
    const writers = findings.filter((f) => f.subject !== undefined && !f.fix.startsWith(FOR_DEVELOPER) && !f.fix.includes("a developer's change"));
    expect(writers.filter((f) => f.fix.includes(word)).map((f) => `${f.rule}: ${f.fix}`)).toEqual([]);
  });

  it('says who makes a fix that only the code can make', () => {
    const code = findings.filter((f) => /src\/|PageLayout|\.ts\b/.test(f.fix));
    expect(code.filter((f) => !f.fix.startsWith(FOR_DEVELOPER) && !f.fix.includes("a developer's change")).map((f) => `${f.rule}: ${f.fix}`)).toEqual([]);
  });
});
