import { describe, expect, it } from 'vitest';
import { readVocabulary } from '@/seo-audit/vocabulary-file.ts';
import { auditPage, auditSite, createPageAuditContext } from '@/seo-audit/audit.ts';
import { locateFindings } from '@/seo-audit/locate.ts';
import type { ManifestPage } from '@/seo-audit/manifest.ts';
import type { PageAnalysis } from '@/seo-audit/page-analysis.ts';
import { formatDoorwayWarning, formatIndexingProblems, planReport, planSite } from '@/seo-audit/plan.ts';
import { buildShingles } from '@/seo-audit/similarity.ts';
import type { PageFacts } from '@/seo-audit/types.ts';
import { makePage, SITE } from './support/page-facts.ts';

const settings = { deployEnv: 'production', siteUrl: SITE, similarityThreshold: 0.8 } as const;
const SHARED = 'Our clinic offers same day visits for the whole family with friendly staff and short waits every weekday';

/** A page's analysis as the page readers give it, its text as shingles for location × service pages. */
function analyze(page: PageFacts): PageAnalysis {
  const { path, kind, title, description, canonical, canonicalCount, noindex, ogImage, ids } = page;
  const group = /^\/locations\/[^/]+\/([^/]+)\/$/.exec(path)?.[1];
  return {
    outline: { path, kind, title, description, canonical, canonicalCount, noindex, ogImage, ids, jsonLdTypes: ['WebPage'] },
    audit: { path, findings: [], linked: [], fragmentLinks: [], fileLinks: [] },
    similarity: group === undefined ? undefined : { group, shingles: buildShingles(page.mainText) },
  };
}

describe('planSite', () => {
  const texts = new Map([
    ['/locations/hill/care/', `${SHARED} at Hill.`],
    ['/locations/harbor/care/', `${SHARED} at Harbor.`],
    ['/locations/bay/care/', 'Bay has its own words about physical therapy, sports injuries and the pool it has downstairs for recovery.'],
  ]);
  const pages = [makePage('/'), ...[...texts].map(([path, mainText]) => makePage(path, { mainText }))];
  const manifest: ManifestPage[] = pages.map(({ path, kind }) => ({ path, kind }));
  const read: string[] = [];
  const readMainText = (path: string) => {
    read.push(path);
    return texts.get(path);
  };

  it('sets near-duplicate location × service pages to noindex, quoting what they share, and plans every page', () => {
    const analyses = pages.map(analyze);
    const plan = planSite({ analyses, manifest, settings, readMainText });
    expect([...plan.doorways.keys()]).toEqual(['/locations/harbor/care/', '/locations/hill/care/']);
    expect(plan.doorways.get('/locations/hill/care/')).toMatchObject({ sibling: '/locations/harbor/care/', shared: expect.stringContaining('same day visits') });
    expect(plan.rewrite).toEqual(['/locations/harbor/care/', '/locations/hill/care/']);
    expect(plan.pages.map((page) => [page.path, page.noindex])).toEqual([
      ['/', false],
      ['/locations/hill/care/', true],
      ['/locations/harbor/care/', true],
      ['/locations/bay/care/', false],
    ]);
    expect(plan.plans.map((page) => [page.path, page.reasons.map((r) => r.kind), page.sitemap])).toEqual([
      ['/', [], 'pages'],
      ['/locations/hill/care/', ['doorway'], undefined],
      ['/locations/harbor/care/', ['doorway'], undefined],
      ['/locations/bay/care/', [], 'location-services'],
    ]);
    expect(plan.problems).toEqual([]);
    expect(plan.nearest.get('/locations/bay/care/')?.similarity).toBeLessThan(0.8);
    // The shingles are dropped once the siblings are found; each shared text is read once.
    expect(analyses.map((analysis) => analysis.similarity)).toEqual([undefined, undefined, undefined, undefined]);
    expect(read.sort()).toEqual(['/locations/harbor/care/', '/locations/hill/care/']);
    expect(formatDoorwayWarning(plan.doorways, 0.8)).toMatch(/^2 location × service pages are at least 0\.8 similar to a sibling and are now noindex/);
  });

  it('compares no page with one its writer keeps out of search, and rewrites no page already noindex', () => {
    const writer = manifest.map((page) => (page.path === '/locations/hill/care/' ? { ...page, noindexReason: 'seo.noindex: true' } : page));
    const analyses = pages.map((page) => analyze(page.path === '/locations/hill/care/' ? { ...page, noindex: true } : page));
    const plan = planSite({ analyses, manifest: writer, settings, readMainText });
    expect(plan.doorways.size).toBe(0);
    expect(plan.rewrite).toEqual([]);
    expect(plan.plans.find((page) => page.path === '/locations/hill/care/')?.reasons.map((r) => r.kind)).toEqual(['writer']);
  });

  it('names the pages whose robots meta disagrees with their content', () => {
    const analyses = pages.map((page) => analyze(page.path === '/' ? { ...page, noindex: true } : page));
    const { problems } = planSite({ analyses, manifest, settings: { ...settings, similarityThreshold: 1.0 }, readMainText: () => undefined });
    expect(problems.map((p) => [p.path, p.rule])).toEqual([['/', 'noindex-unexpected']]);
    expect(formatIndexingProblems(problems)).toMatch(/^1 page with the wrong robots meta:\n\n\/\n {2}error noindex-unexpected: /);
  });
});

describe('planReport', () => {
  it('audits the site as auditSite does, names the file to edit, and reports what the first step planned', () => {
    const page = makePage('/services/', { title: undefined, titleCount: 0 });
    const home = makePage('/', { links: ['/services/'] });
    const context = createPageAuditContext({ siteUrl: SITE, pagePaths: ['/', '/services/'], vocabulary: readVocabulary() });
    const audits = [home, page].map((facts) => auditPage(facts, context));
    const plan = planSite({ analyses: [home, page].map(analyze), manifest: [], settings, readMainText: () => undefined });
    const sources = new Map([['/services/', { file: 'content/pages/services.yaml', title: 'title' }]]);
    const sitemapUrls = [`${SITE}/`, `${SITE}/services/`];
    const { report, findings } = planReport({
      site: { pages: plan.pages, audits, linked: new Set(['/services/']), plans: plan.plans, nearest: plan.nearest, sources },
      sitemaps: [{ file: 'sitemap-pages-0.xml', urls: sitemapUrls }],
      files: ['/favicon.svg'],
      settings,
      builtAt: '2026-12-03T10:00:00.000Z',
    });
    expect(findings.map((f) => [f.path, f.rule, f.file, f.field])).toEqual([['/services/', 'title-missing', 'content/pages/services.yaml', 'title']]);
    expect(findings).toEqual(locateFindings(auditSite({ pages: [home, page], sitemapUrls, siteUrl: SITE, vocabulary: readVocabulary(), files: ['/favicon.svg'] }), sources));
    expect(report.summary).toMatchObject({ pages: 2, indexable: 2, listed: 2, errors: 1, warnings: 0 });
  });
});
