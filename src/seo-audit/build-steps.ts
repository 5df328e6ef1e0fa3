import type { AstroIntegrationLogger } from 'astro';
import { AstroError } from 'astro/errors';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { readReadingGrades } from '../integrations/carepath-plain-language.ts';
import { FUNNEL_SETTINGS_FILE, parseFunnelSettings } from '../lib/funnel/funnel-settings.ts';
import type { PageOutcomes } from '../lib/funnel/page-outcomes.ts';
import { parseServerRedirects, SERVER_REDIRECTS_FILE } from '../lib/server-redirects.ts';
import type { Settings } from '../settings.ts';
import { formatFindings } from './audit.ts';
import { extractPageFacts } from './facts.ts';
import type { PagePlan } from './indexing.ts';
import { formatProblemsForWriters } from './locate.ts';
import { MANIFEST_PATH, parseManifest } from './manifest.ts';
import { readBuildTime } from '../build/build-time.ts';
import { AnalysisCache, hashHtml } from './analysis-cache.ts';
import { AnalyzedPages, type PageAnalysis } from './page-analysis.ts';
import { readPageFiles, setNoindexInFiles } from './page-reader.ts';
import { formatDoorwayWarning, formatIndexingProblems, planReport, planSite, type AuditedSite } from './plan.ts';
import type { StreamedPages } from './prerenderer.ts';
import { parsePreviousReport, renderReportHtml, type PreviousReport, type WrittenSitemap } from './report.ts';
import { buildRobotsTxt, SITEMAP_INDEX_PATH } from './robots.ts';
import { buildEmptySitemapIndex, parseSitemapLocs } from './sitemap.ts';
import { describeError } from '../lib/errors.ts';

// The two steps' reads and writes: each reads what the build wrote, hands it to plan.ts, and
// writes, logs or fails the build with what comes back.

/** Where the report goes, in the build's outDir next to client/ and server/: never deployed. */
export const REPORT_JSON = 'seo-report.json';
export const REPORT_HTML = 'seo-report.html';
/**
 * A copy of the last report written, outside the outDir: a build that fails before the audit
 * (broken content) empties the outDir, and the report after it would have nothing to compare with.
 * Relative to the project root; node_modules/ is ignored by git and kept by CI caches of it.
 */
export const KEPT_REPORT_JSON = 'node_modules/.astro/carepath/seo-report.json';
/** The sitemaps' stylesheet, from public/. */
export const XSL_PATH = '/sitemap.xsl';

/** What the first step learns about the emitted site, for the sitemap and the audit after it. */
export interface BuiltSite extends AuditedSite {
  clientDir: string;
  planByUrl: Map<string, PagePlan>;
}

/**
 * The first step: reads every emitted page (most of them while the build rendered the rest: see
 * streamRenderedPages) and the page manifest; sets near-duplicate location × service pages to
 * noindex; writes robots.txt; fails the build on a noindex nothing asked for.
 */
export async function prepareSite(options: {
  clientDir: string;
  outDir: string;
  settings: Settings;
  logger: AstroIntegrationLogger;
  streamed: StreamedPages | undefined;
  /** Where the pages' analyses are kept between builds (AnalysisCache); none kept without it. */
  analysisCache: string | undefined;
}): Promise<BuiltSite> {
  const { clientDir, outDir, settings, logger } = options;
  // A static build deploys the whole outDir, report and manifest included.
  if (resolve(clientDir) === resolve(outDir)) throw new AstroError('carepathSeo() needs a server build, whose pages go to client/ inside the outDir.');
  const manifestFile = join(clientDir, MANIFEST_PATH);
  if (!existsSync(manifestFile)) throw new AstroError(`The build emitted no ${MANIFEST_PATH}.`, 'Restore src/pages/seo-pages.json.ts: the SEO steps read each page’s lastmod and noindex from it.');
  const manifest = parseManifest(JSON.parse(readFileSync(manifestFile, 'utf8')));
  // Kept for anyone debugging a lastmod, but outside client/ so it is never served.
  renameSync(manifestFile, join(outDir, MANIFEST_PATH));

  const files = new Map(listFiles(clientDir, '.html').map((file) => [toSitePath(file), join(clientDir, file)]));
  const { analyses, linked } = await analyzeEmittedPages({ files, siteUrl: settings.siteUrl, streamed: options.streamed, logger, cacheFile: options.analysisCache });
  const readMainText = (path: string) => {
    const file = files.get(path);
    return file === undefined ? undefined : extractPageFacts(readFileSync(file, 'utf8'), path).mainText;
  };
  const plan = planSite({ analyses, manifest, settings, readMainText });
  await setNoindexInFiles(plan.rewrite.map((path) => files.get(path) as string));
  if (plan.doorways.size > 0) logger.warn(formatDoorwayWarning(plan.doorways, settings.similarityThreshold));
  if (plan.problems.length > 0) throw new AstroError(formatIndexingProblems(plan.problems), 'Each page above says one thing in its robots meta and another in its content.');

  const robots = join(clientDir, 'robots.txt');
  if (existsSync(robots)) throw new AstroError('public/robots.txt would replace the generated robots.txt.', 'Delete public/robots.txt; the build writes robots.txt from DEPLOY_ENV.');
  writeFileSync(robots, buildRobotsTxt(settings));

  return {
    clientDir,
    pages: plan.pages,
    audits: analyses.map(({ audit }) => audit),
    linked,
    plans: plan.plans,
    planByUrl: new Map(plan.plans.map((page) => [page.url, page])),
    nearest: plan.nearest,
    sources: new Map(manifest.flatMap((page) => (page.source ? [[page.path, page.source] as const] : []))),
  };
}

/**
 * Every emitted page's analysis, in file order: those read while the build rendered them, and
 * the rest (pages Astro did not render this build, files from public/) read now. When the pages
 * emitted are not the ones the build announced, the link checks ran against the wrong list of
 * pages: every page is read again. A page whose analysis the last build kept (AnalysisCache: the
 * same path, HTML and context) is not read again.
 */
async function analyzeEmittedPages(options: {
  files: Map<string, string>;
  siteUrl: string;
  streamed: StreamedPages | undefined;
  logger: AstroIntegrationLogger;
  cacheFile: string | undefined;
}): Promise<{ analyses: PageAnalysis[]; linked: ReadonlySet<string> }> {
  const { files, siteUrl, streamed, logger } = options;
  const cache = options.cacheFile === undefined ? undefined : AnalysisCache.load(options.cacheFile, { siteUrl, pagePaths: [...files.keys()] });
  let analyzed = new AnalyzedPages();
  if (streamed) {
    let failed = false;
    try {
      await streamed.stream.finish();
    } catch (error) {
      failed = true;
      logger.debug(`Reading the pages again after the build: ${describeError(error)}`);
    }
    const same = streamed.pagePaths.size === files.size && [...files.keys()].every((path) => streamed.pagePaths.has(path));
    if (same && !failed) {
      analyzed = streamed.analyzed;
      if (cache) streamed.rendered.keepIn(cache);
    }
  }
  const missing = [...files].filter(([path]) => !analyzed.byPath.has(path)).map(([path, file]) => ({ path, file, hash: '' }));
  const unread = missing.filter((page) => {
    if (!cache) return true;
    page.hash = hashHtml(readFileSync(page.file));
    const found = cache.find(page.path, page.hash);
    if (found) analyzed.add(found);
    return !found;
  });
  const hashes = new Map(unread.map((page) => [page.path, page.hash]));
  for (const analysis of await readPageFiles({ pages: unread, siteUrl, pagePaths: [...files.keys()] })) {
    cache?.keep(analysis.outline.path, hashes.get(analysis.outline.path) ?? '', analysis);
    analyzed.add(analysis);
  }
  cache?.save();
  return { analyses: [...files.keys()].map((path) => analyzed.byPath.get(path) as PageAnalysis), linked: analyzed.linked };
}

/**
 * The audit step, after @astrojs/sitemap: runs the SEO audit over the pages and the written
 * sitemaps, writes seo-report.json and seo-report.html to the outDir (and a copy of the JSON to
 * `keptReport`, for the next build to compare with), and fails the build on an error: it prints
 * the errors in writers' words and exits with code 1 (with --verbose, it throws).
 */
export function auditBuiltSite(options: {
  built: BuiltSite;
  outDir: string;
  /** Where a copy of the report's JSON is kept for the next build (KEPT_REPORT_JSON). */
  keptReport: string | undefined;
  settings: Settings;
  previous: PreviousReport | undefined;
  outcomes: PageOutcomes | undefined;
  redirects: { from: string; to: string }[] | undefined;
  logger: AstroIntegrationLogger;
}): void {
  const { built, outDir, settings, logger } = options;
  const sitemaps = readSitemaps(built.clientDir, settings);
  const { report, findings } = planReport({
    site: built,
    sitemaps,
    files: listFiles(built.clientDir)
      .filter((file) => !file.endsWith('.html'))
      .map(toSitePath),
    settings,
    builtAt: readBuildTime(process.env).toISOString(),
    previous: options.previous,
    outcomes: options.outcomes,
    readingGrades: readReadingGrades({ root: process.cwd(), contentDir: settings.contentDir }),
    redirects: options.redirects,
  });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, REPORT_JSON), json);
  if (options.keptReport !== undefined) {
    mkdirSync(dirname(options.keptReport), { recursive: true });
    writeFileSync(options.keptReport, json);
  }
  writeFileSync(join(outDir, REPORT_HTML), renderReportHtml(report));
  const { summary } = report;
  logger.info(
    `${relative(process.cwd(), join(outDir, REPORT_HTML))}: ${summary.pages} pages, ${summary.indexable} indexable, ${summary.listed} in sitemaps, ${summary.errors} errors, ${summary.warnings} warnings.`,
  );

  const warnings = findings.filter((f) => f.severity === 'warning');
  const errors = findings.filter((f) => f.severity === 'error');
  if (warnings.length > 0) logger.warn(`SEO audit warnings:\n${formatFindings(warnings)}`);
  if (errors.length === 0) return;
  const reportFile = relative(process.cwd(), join(outDir, REPORT_HTML));
  // With --verbose, Astro prints the error with its stack trace and where the build stopped.
  if (logger.options.level === 'debug') {
    throw new AstroError(
      `The SEO audit found ${errors.length} error${errors.length === 1 ? '' : 's'}:\n\n${formatFindings(errors)}\n`,
      `Fix each page above and build again. ${reportFile} lists every page.`,
    );
  }
  // An error thrown from a hook comes with "An unhandled error occurred while running the hook",
  // a stack trace into node_modules and Astro's own lines: the writer's problems would not be the
  // last thing on screen. This is the last hook of the build (carepathSeo() comes last among the
  // integrations), so the problems are printed and the build ends here, failed. (A script calling
  // Astro's build() itself would end with it: none does; the CLI is how the site is built.)
  logger.flush();
  process.stderr.write(`\n${formatProblemsForWriters(errors, reportFile)}\n`);
  process.exit(1);
}

/**
 * The child sitemaps the sitemap index lists, read from disk. Without an index (no page is
 * listed, as in a preview), writes an empty one so /sitemap-index.xml is still valid XML.
 */
function readSitemaps(clientDir: string, settings: Settings): WrittenSitemap[] {
  const indexFile = join(clientDir, SITEMAP_INDEX_PATH);
  if (!existsSync(indexFile)) {
    writeFileSync(indexFile, buildEmptySitemapIndex(new URL(XSL_PATH, settings.siteUrl).href));
    return [];
  }
  return parseSitemapLocs(readFileSync(indexFile, 'utf8')).map((url) => {
    const file = new URL(url).pathname;
    return { file: file.slice(1), urls: parseSitemapLocs(readFileSync(join(clientDir, file), 'utf8')) };
  });
}

/** The organization's time zone, from the funnel settings carepath-server moved beside the server; UTC without a server. */
export function readTimeZone(serverDir: string | undefined): string {
  const file = serverDir === undefined ? undefined : join(serverDir, FUNNEL_SETTINGS_FILE);
  if (file === undefined || !existsSync(file)) return 'UTC';
  return parseFunnelSettings(readFileSync(file, 'utf8'), file).organization.timeZone;
}

/** The redirects carepath-redirects wrote for the server, for the report; none without a server. */
export function readRedirects(serverDir: string | undefined): { from: string; to: string }[] | undefined {
  const file = serverDir === undefined ? undefined : join(serverDir, SERVER_REDIRECTS_FILE);
  if (file === undefined || !existsSync(file)) return undefined;
  return parseServerRedirects(readFileSync(file, 'utf8'), file).redirects;
}

/** The report built last among those in `files` (a CI cache may restore an older one into the outDir); none if none can be read. */
export function readLatestReport(files: string[]): PreviousReport | undefined {
  return files.map(readPreviousReport).reduce<PreviousReport | undefined>((latest, report) => (report && (!latest || report.builtAt > latest.builtAt) ? report : latest), undefined);
}

function readPreviousReport(file: string): PreviousReport | undefined {
  try {
    return parsePreviousReport(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

/** Files under `dir` (relative, with `/`), optionally only those ending in `extension`. */
function listFiles(dir: string, extension = ''): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** `locations/hill/index.html` → `/locations/hill/`; `404.html` → `/404.html`. */
function toSitePath(file: string): string {
  if (file === 'index.html') return '/';
  return file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`;
}
