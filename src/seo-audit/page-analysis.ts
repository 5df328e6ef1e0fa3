import { auditPage, type PageAudit, type PageAuditContext } from './audit.ts';
import { extractPageFacts } from './facts.ts';
import { getJsonLdTypes } from './report.ts';
import { buildShingles, type Shingles } from './similarity.ts';
import { getServiceGroup } from '../lib/page-kinds.ts';
import type { PageOutline } from './types.ts';

/**
 * Everything the post-build SEO steps need from one emitted page, read in one pass: the page's
 * outline, the audit of the page alone, and for a location × service page the shingles of its own
 * text. The page's text is dropped afterwards, so a large site's pages can be read in parallel
 * and kept in memory as outlines.
 */
/** A page's outline, with the schema.org types of its JSON-LD for the report. */
export type AnalyzedOutline = PageOutline & { jsonLdTypes: string[] };

export interface PageAnalysis {
  outline: AnalyzedOutline;
  audit: PageAudit;
  /** For a location × service page: its service (the siblings it is compared with) and its shingles. */
  similarity?: { group: string; shingles: Shingles } | undefined;
}

export function analyzePage(html: string, path: string, context: PageAuditContext): PageAnalysis {
  const facts = extractPageFacts(html, path);
  const { kind, title, description, canonical, canonicalCount, noindex, ogImage, ids } = facts;
  const group = kind === 'location-service' ? getServiceGroup(path) : undefined;
  return {
    outline: { path, kind, title, description, canonical, canonicalCount, noindex, ogImage, ids, jsonLdTypes: getJsonLdTypes(facts.jsonLd) },
    audit: auditPage(facts, context),
    similarity: group === undefined ? undefined : { group, shingles: buildShingles(facts.mainText) },
  };
}

/**
 * The analyses of a build's pages as they arrive. Each page's list of linked pages is merged into
 * one set on arrival: kept per page, the links of a large site's pages take more memory than the
 * rest of their analyses together.
 */
export class AnalyzedPages {
  readonly byPath = new Map<string, PageAnalysis>();
  readonly linked = new Set<string>();

  add(analysis: PageAnalysis): void {
    for (const path of analysis.audit.linked) this.linked.add(path);
    this.byPath.set(analysis.outline.path, { ...analysis, audit: { ...analysis.audit, linked: [] } });
  }
}
