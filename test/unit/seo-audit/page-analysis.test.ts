import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readVocabulary } from '@/seo-audit/vocabulary-file.ts';
import { auditPage, createPageAuditContext, type PageAuditContext } from '@/seo-audit/audit.ts';
import { extractPageFacts } from '@/seo-audit/facts.ts';
import { analyzePage } from '@/seo-audit/page-analysis.ts';
import { getJsonLdTypes } from '@/seo-audit/report.ts';
import { buildShingles } from '@/seo-audit/similarity.ts';

const html = readFileSync(new URL('../../fixtures/seo/good/locations/harbor/index.html', import.meta.url), 'utf8');
let context: PageAuditContext;
beforeAll(() => {
  context = createPageAuditContext({
    siteUrl: 'https://riverbend.example',
    pagePaths: ['/', '/locations/harbor/', '/locations/harbor/family-medicine/'],
    vocabulary: readVocabulary(),
  });
});

// analyzePage reads a page once for three later steps; each part must be what that step would
// have got from the page's full facts.
describe('analyzePage', () => {
  it.each(['/locations/harbor/', '/locations/harbor/family-medicine/'])('gives %s its outline and its own audit', (path) => {
    const facts = extractPageFacts(html, path);
    const analysis = analyzePage(html, path, context);
    expect(analysis.outline).toEqual({
      path,
      kind: facts.kind,
      title: facts.title,
      description: facts.description,
      canonical: facts.canonical,
      canonicalCount: facts.canonicalCount,
      noindex: facts.noindex,
      ogImage: facts.ogImage,
      ids: facts.ids,
      jsonLdTypes: getJsonLdTypes(facts.jsonLd),
    });
    expect(analysis.outline.jsonLdTypes.length).toBeGreaterThan(0);
    expect(analysis.audit).toEqual(auditPage(facts, context));
  });

  it('keeps the text of a location × service page as shingles, grouped by its service', () => {
    const path = '/locations/harbor/family-medicine/';
    const analysis = analyzePage(html, path, context);
    expect(analysis.similarity?.group).toBe('family-medicine');
    expect(analysis.similarity?.shingles).toEqual(buildShingles(extractPageFacts(html, path).mainText));
    expect(analysis.similarity?.shingles.length).toBeGreaterThan(10);
  });

  it.each(['/locations/harbor/', '/services/family-medicine/', '/'])('compares %s with no page', (path) => {
    expect(analyzePage(html, path, context).similarity).toBeUndefined();
  });
});
