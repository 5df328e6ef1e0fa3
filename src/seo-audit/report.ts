import { z } from 'astro/zod';
import type { Settings } from '../settings.ts';
import type { PageKind } from '../lib/page-kinds.ts';
import { formatSimilarity, type NearestSibling } from './similarity.ts';
import type { NoindexReason, PagePlan } from './indexing.ts';
import type { LastmodSource } from '../lib/content/pages.ts';
import type { Finding, PageOutline } from './types.ts';
import { escapeHtml } from '../lib/html.ts';
import { buildSearchPreview } from './search-preview.ts';
import type { OutcomeCount, PageOutcomes } from '../lib/funnel/page-outcomes.ts';
import type { ReadingGrade } from '../lib/plain-language/pages.ts';
import { renderRedirects, type ReportRedirect } from './report-redirects.ts';

/** Bumped when the report's JSON changes shape, so an older report is not diffed field by field. */
export const REPORT_VERSION = 1;

/** One emitted page, as SEO staff look it up in the report. */
export interface ReportPage {
  path: string;
  url: string;
  kind: PageKind;
  title?: string | undefined;
  description?: string | undefined;
  canonical?: string | undefined;
  indexable: boolean;
  /** Why the page is kept out of search results; empty when it is indexable. */
  noindexReasons: NoindexReason[];
  /** The sitemap file that lists the page, e.g. `sitemap-locations-0.xml`. */
  sitemap?: string | undefined;
  /** Why an indexable page is in no sitemap. */
  unlisted?: string | undefined;
  lastmod?: string | undefined;
  lastmodSource?: LastmodSource | undefined;
  /** `@type`s of the page's JSON-LD nodes (top level and `@graph`), in order, without repeats. */
  jsonLdTypes: string[];
  /** Location × service pages: the most similar page of the same service. */
  similarity?: { value: number; sibling?: string | undefined } | undefined;
  /** Leads whose visit began on the page, and those booked, over the report's outcome range (when given). */
  outcomes?: { leads: OutcomeCount; booked: OutcomeCount } | undefined;
  findings: Finding[];
}

export interface ReportSummary {
  pages: number;
  indexable: number;
  /** URLs across all child sitemaps. */
  listed: number;
  errors: number;
  warnings: number;
  /** URLs per sitemap file. */
  sitemaps: Record<string, number>;
  /** The highest sibling similarity among location × service pages, with its page. */
  highestSimilarity?: { path: string; sibling: string; value: number } | undefined;
}

/** What changed since the previous build's report, compared by path. */
export interface ReportChanges {
  /** When the previous report was built. */
  since: string;
  added: string[];
  removed: string[];
  titles: { path: string; before?: string | undefined; after?: string | undefined }[];
  lastmods: { path: string; before?: string | undefined; after?: string | undefined }[];
  indexing: { path: string; before: boolean; after: boolean }[];
}

/** dist/seo-report.json. */
export interface SeoReport {
  version: typeof REPORT_VERSION;
  builtAt: string;
  siteUrl: string;
  deployEnv: Settings['deployEnv'];
  similarityThreshold: number;
  summary: ReportSummary;
  pages: ReportPage[];
  /** Findings about the whole build, or about a path that is not an emitted page. */
  siteFindings: Finding[];
  /** Absent on the first build into an empty outDir. */
  changes?: ReportChanges | undefined;
  /** The range and source of the pages' lead figures; absent when the build was given none. */
  outcomes?: (Omit<PageOutcomes, 'pages'> & { pagesWithLeads: number }) | undefined;
  /** How each page's own text reads (the plain-language check); absent when the build was given none. */
  readingGrades?: ReadingGrade[] | undefined;
  /** Old page paths and where the server sends them (dist/server/redirects.json); absent without a server. */
  redirects?: ReportRedirect[] | undefined;
}

/** A written sitemap file and the URLs it lists. */
export interface WrittenSitemap {
  file: string;
  urls: string[];
}

/** What the report shows of a page's HTML: its facts, or its outline with the JSON-LD types already read. */
export type ReportFacts = Pick<PageOutline, 'path' | 'title' | 'description' | 'canonical'> & ({ jsonLdTypes: string[] } | { jsonLd: string[] });

export interface ReportInput {
  plans: PagePlan[];
  facts: ReportFacts[];
  /** Every location × service page's nearest sibling, by path. */
  nearest: ReadonlyMap<string, NearestSibling>;
  sitemaps: WrittenSitemap[];
  findings: Finding[];
  settings: Pick<Settings, 'siteUrl' | 'deployEnv' | 'similarityThreshold'>;
  /** ISO time of the build; passed in so the report stays a pure function of its input. */
  builtAt: string;
  previous?: PreviousReport | undefined;
  /** Leads and booked visits per landing page (LEADS_DB at build time, or a funnel report's JSON). */
  outcomes?: PageOutcomes | undefined;
  /** The reading grade of each page's own text, from its content file. */
  readingGrades?: ReadingGrade[] | undefined;
  redirects?: ReportRedirect[] | undefined;
}

/** Builds the report: every page with what the build decided about it, and the audit's findings. */
export function buildReport(input: ReportInput): SeoReport {
  const factsByPath = new Map(input.facts.map((page) => [page.path, page]));
  const sitemapOf = new Map(input.sitemaps.flatMap(({ file, urls }) => urls.map((url) => [url, file] as const)));
  const pagePaths = new Set(input.plans.map((plan) => plan.path));
  const findingsByPath = new Map<string, Finding[]>();
  const siteFindings: Finding[] = [];
  for (const finding of input.findings) {
    if (!pagePaths.has(finding.path)) siteFindings.push(finding);
    else findingsByPath.set(finding.path, [...(findingsByPath.get(finding.path) ?? []), finding]);
  }

  const pages = [...input.plans]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((plan): ReportPage => {
      const facts = factsByPath.get(plan.path);
      const nearest = input.nearest.get(plan.path);
      return omitUndefined({
        path: plan.path,
        url: plan.url,
        kind: plan.kind,
        title: facts?.title,
        description: facts?.description,
        canonical: facts?.canonical,
        indexable: plan.indexable,
        noindexReasons: plan.reasons,
        sitemap: sitemapOf.get(plan.url),
        unlisted: plan.unlisted,
        lastmod: plan.lastmod,
        lastmodSource: plan.lastmodSource,
        jsonLdTypes: facts === undefined ? [] : 'jsonLdTypes' in facts ? facts.jsonLdTypes : getJsonLdTypes(facts.jsonLd),
        similarity: nearest ? omitUndefined({ value: roundSimilarity(nearest.similarity), sibling: nearest.sibling }) : undefined,
        outcomes: input.outcomes ? (input.outcomes.pages[plan.path] ?? { leads: 0, booked: 0 }) : undefined,
        findings: findingsByPath.get(plan.path) ?? [],
      });
    });

  // Ties go to the first path, so the summary does not depend on the order files were read.
  const highest = [...input.nearest.values()].reduce<NearestSibling | undefined>((best, page) => {
    if (page.sibling === undefined) return best;
    if (!best || page.similarity > best.similarity || (page.similarity === best.similarity && page.path < best.path)) return page;
    return best;
  }, undefined);
  const report: SeoReport = {
    version: REPORT_VERSION,
    builtAt: input.builtAt,
    siteUrl: input.settings.siteUrl,
    deployEnv: input.settings.deployEnv,
    similarityThreshold: input.settings.similarityThreshold,
    summary: omitUndefined({
      pages: pages.length,
      indexable: pages.filter((page) => page.indexable).length,
      listed: input.sitemaps.reduce((sum, { urls }) => sum + urls.length, 0),
      errors: input.findings.filter((f) => f.severity === 'error').length,
      warnings: input.findings.filter((f) => f.severity === 'warning').length,
      sitemaps: Object.fromEntries(input.sitemaps.map(({ file, urls }) => [file, urls.length])),
      highestSimilarity: highest?.sibling !== undefined ? { path: highest.path, sibling: highest.sibling, value: roundSimilarity(highest.similarity) } : undefined,
    }),
    pages,
    siteFindings,
  };
  if (input.previous) report.changes = diffReports(input.previous, report);
  if (input.redirects) report.redirects = input.redirects;
  if (input.outcomes) {
    const { pages: byPath, ...range } = input.outcomes;
    report.outcomes = { ...range, pagesWithLeads: pages.filter((page) => byPath[page.path] !== undefined && byPath[page.path]?.leads !== 0).length };
  }
  if (input.readingGrades) report.readingGrades = input.readingGrades;
  return report;
}

/** The part of an earlier report the diff reads. */
export interface PreviousReport {
  builtAt: string;
  pages: { path: string; title?: string | undefined; lastmod?: string | undefined; indexable: boolean }[];
}

const PreviousReportSchema = z.object({
  version: z.literal(REPORT_VERSION),
  builtAt: z.string(),
  pages: z.array(z.object({ path: z.string(), title: z.string().optional(), lastmod: z.string().optional(), indexable: z.boolean() })),
});

/** The previous build's report, or undefined when there is none or it has another shape. */
export function parsePreviousReport(json: unknown): PreviousReport | undefined {
  const result = PreviousReportSchema.safeParse(json);
  return result.success ? result.data : undefined;
}

/** What changed between two reports: pages added and removed, titles, lastmods and indexing. */
export function diffReports(previous: PreviousReport, current: Pick<SeoReport, 'pages'>): ReportChanges {
  const before = new Map(previous.pages.map((page) => [page.path, page]));
  const after = new Map(current.pages.map((page) => [page.path, page]));
  const changes: ReportChanges = { since: previous.builtAt, added: [], removed: [], titles: [], lastmods: [], indexing: [] };
  for (const [path, page] of after) {
    const old = before.get(path);
    if (!old) {
      changes.added.push(path);
      continue;
    }
    if (old.title !== page.title) changes.titles.push(omitUndefined({ path, before: old.title, after: page.title }));
    if (old.lastmod !== page.lastmod) changes.lastmods.push(omitUndefined({ path, before: old.lastmod, after: page.lastmod }));
    if (old.indexable !== page.indexable) changes.indexing.push({ path, before: old.indexable, after: page.indexable });
  }
  for (const path of before.keys()) if (!after.has(path)) changes.removed.push(path);
  changes.added.sort();
  changes.removed.sort();
  return changes;
}

/**
 * The `@type`s of a page's JSON-LD scripts: each top-level node's and each `@graph` member's.
 * A script that is not JSON adds `(invalid JSON)`; the audit reports the details.
 */
export function getJsonLdTypes(scripts: string[]): string[] {
  const types = new Set<string>();
  const addNode = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const { '@type': type, '@graph': graph } = node as { '@type'?: unknown; '@graph'?: unknown };
    for (const name of Array.isArray(type) ? type : [type]) if (typeof name === 'string') types.add(name);
    if (Array.isArray(graph)) graph.forEach(addNode);
  };
  for (const script of scripts) {
    let json: unknown;
    try {
      json = JSON.parse(script);
    } catch {
      types.add('(invalid JSON)');
      continue;
    }
    (Array.isArray(json) ? json : [json]).forEach(addNode);
  }
  return [...types];
}

const roundSimilarity = (value: number) => Math.round(value * 1000) / 1000;

/** Drops keys whose value is undefined, so the JSON and its snapshots show only what is known. */
function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------
// HTML

const h = escapeHtml;

/** A readable, self-contained page (dist/seo-report.html) for SEO staff; not deployed. */
export function renderReportHtml(report: SeoReport): string {
  const { summary } = report;
  const findings = [...report.siteFindings, ...report.pages.flatMap((page) => page.findings)].sort((a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'));
  const similar = report.pages.filter((page) => page.similarity?.sibling !== undefined).sort((a, b) => (b.similarity?.value ?? 0) - (a.similarity?.value ?? 0));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>SEO report – ${h(report.siteUrl)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>SEO report for ${h(report.siteUrl)}</h1>
<p class="muted">Built ${h(report.builtAt)} · DEPLOY_ENV=${h(report.deployEnv)} · SIMILARITY_THRESHOLD=${report.similarityThreshold}</p>
${report.deployEnv === 'preview' ? '<p class="note">This is a preview build: every page is noindex and robots.txt shuts crawlers out.</p>' : ''}
<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
<dl class="cards">
${card('Pages', summary.pages)}${card('Indexable', summary.indexable)}${card('In sitemaps', summary.listed)}${card('Errors', summary.errors, summary.errors > 0 ? 'bad' : '')}${card('Warnings', summary.warnings, summary.warnings > 0 ? 'warn' : '')}
</dl>
${renderSitemapCounts(summary.sitemaps)}
</section>
${report.changes ? renderChanges(report.changes) : '<p class="muted">No earlier report to compare with, so no changes are shown.</p>'}
${renderFindings(findings)}
${report.outcomes ? renderOutcomes(report.outcomes, report.pages) : ''}
${renderSimilarity(similar, report.similarityThreshold)}
${report.readingGrades ? renderReadingGrades(report.readingGrades) : ''}
${renderRedirects(report.redirects)}
<section aria-labelledby="pages"><h2 id="pages">Pages (${report.pages.length})</h2>
<p class="muted">Click a column heading to sort.</p>
<div class="scroll"><table class="sortable pages">
<thead><tr>${['Page', 'Type', 'Search result on a phone', 'Indexable', 'Sitemap', 'Last modified', 'JSON-LD', 'Similarity', 'Findings'].map(th).join('')}</tr></thead>
<tbody>
${report.pages.map(renderPageRow).join('\n')}
</tbody>
</table></div>
</section>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}

function card(label: string, value: number, tone = ''): string {
  return `<div class="card ${tone}"><dt>${h(label)}</dt><dd>${value}</dd></div>`;
}

function th(label: string): string {
  return `<th scope="col"><button type="button">${h(label)}</button></th>`;
}

function renderSitemapCounts(sitemaps: Record<string, number>): string {
  const files = Object.entries(sitemaps);
  if (files.length === 0) return '<p>No sitemap lists any page.</p>';
  return `<table class="narrow"><thead><tr><th scope="col">Sitemap</th><th scope="col">URLs</th></tr></thead><tbody>${files
    .map(([file, count]) => `<tr><td><code>${h(file)}</code></td><td class="num">${count}</td></tr>`)
    .join('')}</tbody></table>`;
}

function renderChanges(changes: ReportChanges): string {
  const list = (title: string, items: string[]) => (items.length === 0 ? '' : `<h3>${h(title)} (${items.length})</h3><ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`);
  const fromTo = (before: string | undefined, after: string | undefined) => `${before === undefined ? '<em>none</em>' : h(before)} → ${after === undefined ? '<em>none</em>' : h(after)}`;
  const body = [
    list(
      'URLs added',
      changes.added.map((path) => `<code>${h(path)}</code>`),
    ),
    list(
      'URLs removed',
      changes.removed.map((path) => `<code>${h(path)}</code>`),
    ),
    list(
      'Titles changed',
      changes.titles.map((c) => `<code>${h(c.path)}</code>: ${fromTo(c.before, c.after)}`),
    ),
    list(
      'Last modified changed',
      changes.lastmods.map((c) => `<code>${h(c.path)}</code>: ${fromTo(c.before, c.after)}`),
    ),
    list(
      'Indexing changed',
      changes.indexing.map((c) => `<code>${h(c.path)}</code>: ${c.after ? 'now indexable' : 'now noindex'}`),
    ),
  ].join('');
  return `<section aria-labelledby="changes"><h2 id="changes">Changes since the build of ${h(changes.since)}</h2>${body || '<p>Nothing changed.</p>'}</section>`;
}

function renderFindings(findings: Finding[]): string {
  if (findings.length === 0) return '<section aria-labelledby="findings"><h2 id="findings">Audit findings</h2><p>None.</p></section>';
  const rows = findings
    .map(
      (f) =>
        `<tr class="${f.severity}"><td>${h(f.severity)}</td><td><code>${h(f.path)}</code></td><td>${renderPlace(f)}</td><td><code>${h(f.rule)}</code></td><td>${h(f.message)}</td><td>${renderCode(f.fix)}</td></tr>`,
    )
    .join('\n');
  return `<section aria-labelledby="findings"><h2 id="findings">Audit findings (${findings.length})</h2>
<table class="sortable"><thead><tr>${['Severity', 'Page', 'Edit', 'Rule', 'Problem', 'Fix'].map(th).join('')}</tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

/** Text with its `field names` in backticks shown as code, as a fix writes them. */
function renderCode(text: string): string {
  return h(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The file and field to edit, or "code" when the templates make what the finding is about. */
function renderPlace(finding: Finding): string {
  if (finding.file === undefined) return '<span class="muted">code</span>';
  return `<code>${h(finding.file)}</code>${finding.field === undefined ? '' : `, field ${finding.field.includes(' ') ? h(finding.field) : `<code>${h(finding.field)}</code>`}`}`;
}

/** Which pages turned searches into patients: pages with leads, most booked first. */
function renderOutcomes(outcomes: NonNullable<SeoReport['outcomes']>, pages: ReportPage[]): string {
  // "fewer than 5" (from a suppressed funnel report) sorts between 0 and 5.
  const value = (count: OutcomeCount | undefined) => (typeof count === 'number' ? count : count === undefined ? 0 : 2.5);
  const withLeads = pages
    .filter((page) => page.outcomes !== undefined && page.outcomes.leads !== 0)
    .sort((a, b) => value(b.outcomes?.booked) - value(a.outcomes?.booked) || value(b.outcomes?.leads) - value(a.outcomes?.leads) || (a.path < b.path ? -1 : 1));
  const rows = withLeads
    .map(
      (page) => `<tr><td><code>${h(page.path)}</code></td><td>${h(page.kind)}</td><td class="num">${h(String(page.outcomes?.leads))}</td><td class="num">${h(String(page.outcomes?.booked))}</td></tr>`,
    )
    .join('\n');
  const source = outcomes.source === 'LEADS_DB' ? 'the lead database (LEADS_DB)' : h(outcomes.source);
  return `<section aria-labelledby="outcomes"><h2 id="outcomes">Leads and booked visits per page</h2>
<p>${h(outcomes.fromDay)} to ${h(outcomes.toDay)}, from ${source}: the page each visit began on. Spam is left out. ${pages.length - withLeads.length} of ${pages.length} pages brought no lead.</p>
${withLeads.length === 0 ? '<p>No page brought a lead in this range.</p>' : `<table class="sortable narrow"><thead><tr>${['Page', 'Type', 'Leads', 'Booked'].map(th).join('')}</tr></thead><tbody>\n${rows}\n</tbody></table>`}
</section>`;
}

function renderSimilarity(pages: ReportPage[], threshold: number): string {
  if (pages.length === 0) return '';
  const rows = pages
    .map((page) => {
      const value = page.similarity?.value ?? 0;
      const flagged = value >= threshold;
      return `<tr${flagged ? ' class="error"' : ''}><td><code>${h(page.path)}</code></td><td><code>${h(page.similarity?.sibling ?? '')}</code></td><td class="num" data-sort="${value}">${formatSimilarity(value)}</td><td>${flagged ? 'noindex (doorway)' : 'ok'}</td></tr>`;
    })
    .join('\n');
  return `<section aria-labelledby="similarity"><h2 id="similarity">Location × service pages: nearest sibling</h2>
<p class="muted">Share of five-word phrases two pages of the same service have in common (0 = none, 1 = the same text). At ${threshold} or more, both pages are kept out of search results and the sitemap. Breadcrumbs, call buttons and the request form are not counted.</p>
<table class="sortable"><thead><tr>${['Page', 'Most similar page', 'Similarity', 'Result'].map(th).join('')}</tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

/** Each page's reading grade, hardest first; above the target is a warning, never an error. */
function renderReadingGrades(grades: ReadingGrade[]): string {
  if (grades.length === 0) return '';
  const sorted = [...grades].sort((a, b) => (b.grade ?? -Infinity) - (a.grade ?? -Infinity) || (a.path < b.path ? -1 : 1));
  const above = sorted.filter((g) => g.grade !== undefined && g.grade > g.target);
  const target = grades[0]?.target ?? 8;
  const rows = sorted
    .map((g) => {
      const high = g.grade !== undefined && g.grade > g.target;
      const grade = g.grade === undefined ? '<span class="muted">too little text</span>' : `${g.grade.toFixed(1)}${high ? ' (above)' : ''}`;
      return `<tr${high ? ' class="warning"' : ''}><td><code>${h(g.path)}</code></td><td><code>${h(g.file)}</code></td><td class="num" data-sort="${g.grade ?? ''}">${grade}</td><td class="num">${g.longSentences}</td><td class="num">${g.jargon}</td></tr>`;
    })
    .join('\n');
  return `<section aria-labelledby="reading"><h2 id="reading">Reading grade of each page's own text</h2>
<p class="muted">Flesch–Kincaid grade (US school years) of the summary, page text and questions written for the page. Aim for ${target} or lower. ${above.length} of ${grades.length} pages read above it; the build log lists the long sentences and medical words to change in each file.</p>
<table class="sortable narrow"><thead><tr>${['Page', 'File', 'Grade', 'Long sentences', 'Jargon'].map(th).join('')}</tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

function renderPageRow(page: ReportPage): string {
  const indexing = page.indexable ? (page.unlisted ? `yes, but not listed: ${h(page.unlisted)}` : 'yes') : `<strong>no</strong>: ${page.noindexReasons.map((r) => h(r.detail)).join('; ')}`;
  const lastmod = page.lastmod
    ? `${h(page.lastmod)}<br><span class="muted">${h(page.lastmodSource ? `${page.lastmodSource.field} of ${page.lastmodSource.file}` : '')}</span>`
    : '<span class="muted">unknown</span>';
  const similarity = page.similarity?.sibling ? `${formatSimilarity(page.similarity.value)}<br><span class="muted">${h(page.similarity.sibling)}</span>` : '';
  const findings = page.findings.map((f) => `<li class="${f.severity}"><code>${h(f.rule)}</code> ${h(f.message)}</li>`).join('');
  const canonical = page.canonical === undefined ? 'no canonical' : page.canonical === page.url ? 'canonical: itself' : `canonical: ${h(page.canonical)}`;
  return `<tr${page.indexable ? '' : ' class="noindex"'}>
<td data-sort="${h(page.path)}"><a href="${h(page.url)}">${h(page.path)}</a><br><span class="muted">${canonical}</span></td>
<td>${h(page.kind)}</td>
<td data-sort="${h(page.title ?? '')}">${renderSearchPreview(page)}</td>
<td data-sort="${page.indexable ? 1 : 0}">${indexing}</td>
<td>${page.sitemap ? `<code>${h(page.sitemap)}</code>` : '<span class="muted">none</span>'}</td>
<td data-sort="${h(page.lastmod ?? '')}">${lastmod}</td>
<td>${h(page.jsonLdTypes.join(', '))}</td>
<td class="num" data-sort="${page.similarity?.value ?? ''}">${similarity}</td>
<td data-sort="${page.findings.length}">${findings ? `<ul>${findings}</ul>` : ''}</td>
</tr>`;
}

/**
 * The page as a Google result on a phone shows it (buildSearchPreview): its address, its title and
 * description cut where the phone cuts them, and what is cut off, struck through.
 */
function renderSearchPreview(page: ReportPage): string {
  const preview = buildSearchPreview(page);
  const line = (kind: 'title' | 'description', missing: string) => {
    const { shown, cut } = preview[kind];
    if (shown === '') return `<span class="serp-${kind}"><em>${missing}</em></span>`;
    const rest = cut === '' ? '' : ` <s class="serp-cut" title="Cut off on a phone">${h(cut)}</s>`;
    return `<span class="serp-${kind}">${h(shown)}</span>${rest}`;
  };
  return `<div class="serp"><span class="serp-site">${h(preview.site)}</span> ${line('title', 'no title')} ${line('description', 'no description')}</div>`;
}

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1d2428;max-width:110rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{margin-top:2rem;font-size:1.2rem}h3{font-size:1rem}
.muted{color:#5b676d;font-size:.9em}.note{background:#fff6d6;padding:.5rem .75rem;border-left:4px solid #c9a000}
.cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:0}.card{border:1px solid #cdd5d8;border-radius:6px;padding:.5rem 1rem;min-width:7rem}
.card dt{font-size:.85em;color:#5b676d}.card dd{margin:0;font-size:1.6rem;font-weight:600}.card.bad dd{color:#a4161a}.card.warn dd{color:#8a5a00}
table{border-collapse:collapse;width:100%;margin:.5rem 0}table.narrow{width:auto}.scroll{overflow-x:auto}
table.pages{font-size:13px}table.pages td{overflow-wrap:anywhere}table.pages td:first-child{min-width:12rem}table.pages td:nth-child(2){min-width:6rem}table.pages td:nth-child(3){min-width:13rem}table.pages td:nth-child(6){min-width:7rem}table.pages td:nth-child(7){min-width:9rem}table.pages td:nth-child(9){min-width:9rem}th,td{border-bottom:1px solid #e1e6e8;padding:.35rem .5rem;text-align:left;vertical-align:top}
th button{all:unset;cursor:pointer;font-weight:600}th button::after{content:" ↕";color:#9aa5aa}
th[aria-sort=ascending] button::after{content:" ↑"}th[aria-sort=descending] button::after{content:" ↓"}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.noindex td{background:#f6f7f8}
tr.error td:first-child,li.error{color:#a4161a}tr.warning td:first-child,li.warning{color:#8a5a00}
td ul{margin:0;padding-left:1rem}code{font-size:.9em}
.serp{font-family:Arial,sans-serif}.serp>span{display:block}.serp-site{color:#4d5156;font-size:12px}
.serp-title{color:#1a0dab;font-size:15px;line-height:1.3}.serp-description{color:#4d5156}.serp-cut{display:block;color:#9aa5aa;font-size:12px}`;

// Sorts a table by the clicked column: numbers numerically, the rest as text; a second click reverses.
const SORT_SCRIPT = `
for (const table of document.querySelectorAll('table.sortable')) {
  table.querySelectorAll('th').forEach((th, column) => th.querySelector('button').addEventListener('click', () => {
    const ascending = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach((other) => other.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const key = (row) => { const cell = row.cells[column]; return cell.dataset.sort ?? cell.textContent.trim(); };
    const rows = [...table.tBodies[0].rows];
    const numeric = rows.every((row) => key(row) === '' || !isNaN(Number(key(row))));
    rows.sort((a, b) => { const x = key(a), y = key(b); const order = numeric ? Number(x || -1) - Number(y || -1) : x.localeCompare(y); return ascending ? order : -order; });
    table.tBodies[0].append(...rows);
  }));
}`;
