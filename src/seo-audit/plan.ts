import type { PageSource } from '../lib/content/pages.ts';
import type { Settings } from '../settings.ts';
import { finishAudit, type PageAudit } from './audit.ts';
import { planIndexing, type IndexingProblem, type PagePlan } from './indexing.ts';
import { locateFindings } from './locate.ts';
import type { ManifestPage } from './manifest.ts';
import type { AnalyzedOutline, PageAnalysis } from './page-analysis.ts';
import { buildReport, type ReportInput, type SeoReport } from './report.ts';
import { findDoorways, findLongestSharedPassage, findNearestShingledSiblings, formatSimilarity, type Doorway, type NearestSibling } from './similarity.ts';
import type { Finding } from './types.ts';

/** What the first step decides about the emitted site, for the sitemap and the audit after it. */
export interface SitePlan {
  /** Every page as its HTML reads once the doorway pages are set to noindex. */
  pages: AnalyzedOutline[];
  /** Site paths of the doorway pages whose files still allow indexing: the step sets them to noindex. */
  rewrite: string[];
  /** The doorway pages, by path, each with the passage it shares with its sibling when quoted. */
  doorways: Map<string, Doorway>;
  /** Every location × service page's nearest sibling, by path. */
  nearest: Map<string, NearestSibling>;
  plans: PagePlan[];
  /** Pages whose robots meta says one thing and their content another: the build fails on any. */
  problems: IndexingProblem[];
}

/**
 * Decides, from every emitted page's analysis and the page manifest, which location × service
 * pages are doorways (near duplicates of a sibling) and so noindex, whether each page may be
 * indexed and which sitemap lists it. Reads nothing itself: the main text of a page, for quoting
 * what two doorway pages share, comes from `readMainText`. Drops each analysis's shingles once
 * the siblings are found, since nothing needs them after that and they are most of a large
 * site's analyses.
 */
export function planSite(input: {
  analyses: PageAnalysis[];
  manifest: ManifestPage[];
  settings: Pick<Settings, 'deployEnv' | 'siteUrl' | 'similarityThreshold'>;
  readMainText: (path: string) => string | undefined;
}): SitePlan {
  const { analyses, manifest, settings } = input;
  const pages = new Map(analyses.map(({ outline }) => [outline.path, outline]));

  // Pages the writer or the template already keep out of search are not siblings to copy from.
  const writerNoindex = new Set(manifest.filter((page) => page.noindexReason).map((page) => page.path));
  const nearest = findNearestShingledSiblings(
    analyses.flatMap(({ outline, similarity }) => (similarity !== undefined && !writerNoindex.has(outline.path) ? [{ path: outline.path, ...similarity }] : [])),
  );
  for (const analysis of analyses) analysis.similarity = undefined;
  const doorways = quoteSharedPassages(findDoorways(nearest.values(), settings.similarityThreshold), input.readMainText);
  const rewrite: string[] = [];
  for (const path of doorways.keys()) {
    const page = pages.get(path);
    if (!page || page.noindex) continue;
    rewrite.push(path);
    // setNoindex changes only the robots meta: the rest of the page's outline and audit still hold.
    pages.set(path, { ...page, noindex: true });
  }

  const { pages: plans, problems } = planIndexing({ facts: [...pages.values()], manifest, doorways, settings });
  return { pages: [...pages.values()], rewrite, doorways, nearest, plans, problems };
}

/** Doorway pages quoted beyond this many are named without their shared passage: each costs a comparison of two whole texts. */
const QUOTED_DOORWAYS = 100;

/** The doorway pages by path, each with the longest passage it shares with its sibling. */
function quoteSharedPassages(doorways: NearestSibling[], readMainText: (path: string) => string | undefined): Map<string, Doorway> {
  const texts = new Map<string, string>();
  const textOf = (path: string) => {
    let text = texts.get(path);
    if (text === undefined) {
      text = readMainText(path);
      if (text !== undefined) texts.set(path, text);
    }
    return text;
  };
  const passages = new Map<string, string | undefined>();
  return new Map(
    doorways.map((doorway, index): [string, Doorway] => {
      if (doorway.sibling === undefined || index >= QUOTED_DOORWAYS) return [doorway.path, doorway];
      // A pair shares the same passage both ways: quote it as the first page by path writes it.
      const [a, b] = [doorway.path, doorway.sibling].sort();
      const key = `${a} ${b}`;
      if (!passages.has(key)) {
        const [textA, textB] = [textOf(a as string), textOf(b as string)];
        passages.set(key, textA === undefined || textB === undefined ? undefined : findLongestSharedPassage(textA, textB));
      }
      const shared = passages.get(key);
      return [doorway.path, shared === undefined ? doorway : { ...doorway, shared }];
    }),
  );
}

/** The build's warning about the pages it set to noindex as doorways. */
export function formatDoorwayWarning(doorways: ReadonlyMap<string, Doorway>, threshold: number): string {
  return (
    `${doorways.size} location × service page${doorways.size === 1 ? ' is' : 's are'} at least ${threshold} similar to a sibling and ${doorways.size === 1 ? 'is' : 'are'} now noindex and out of the sitemap:\n` +
    [...doorways.values()].map((d) => `  ${d.path} (${formatSimilarity(d.similarity)} like ${d.sibling})${d.shared === undefined ? '' : `\n    both say: "${d.shared}"`}`).join('\n') +
    '\nGive each its own text in content/location-services/ (see the README), rewriting what they share.'
  );
}

/** The error that ends a build whose pages' robots meta disagrees with their content. */
export function formatIndexingProblems(problems: IndexingProblem[]): string {
  return `${problems.length} page${problems.length === 1 ? '' : 's'} with the wrong robots meta:\n\n${problems
    .map((p) => `${p.path}\n  error ${p.rule}: ${p.message}\n    fix: ${p.fix}`)
    .join('\n')}\n`;
}

/** What the audit step needs of the first step's work. */
export interface AuditedSite {
  /** Every page as its HTML reads after the doorway pages were set to noindex. */
  pages: AnalyzedOutline[];
  /** The audit of each page alone, done while it was read. */
  audits: PageAudit[];
  /** Every page another page links to. */
  linked: ReadonlySet<string>;
  plans: PagePlan[];
  nearest: ReadonlyMap<string, NearestSibling>;
  /** The content file of each page that has one, by path, for the findings to name. */
  sources: ReadonlyMap<string, PageSource>;
}

/**
 * The audit's findings over the whole site, each placed in the content file to edit, and the
 * report built from them and from what the first step decided.
 */
export function planReport(
  input: Pick<ReportInput, 'sitemaps' | 'settings' | 'builtAt' | 'previous' | 'outcomes' | 'readingGrades' | 'redirects'> & {
    site: AuditedSite;
    /** Site paths of the emitted files that are not pages. */
    files: string[];
  },
): { report: SeoReport; findings: Finding[] } {
  const { site, files, ...rest } = input;
  const found = finishAudit({
    pages: site.pages,
    audits: site.audits,
    linked: site.linked,
    sitemapUrls: rest.sitemaps.flatMap(({ urls }) => urls),
    siteUrl: rest.settings.siteUrl,
    files,
  });
  const findings = locateFindings(found, site.sources);
  return { report: buildReport({ ...rest, plans: site.plans, facts: site.pages, nearest: site.nearest, findings }), findings };
}
