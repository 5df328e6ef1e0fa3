import sitemap from '@astrojs/sitemap';
import type { AstroIntegration, AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import { AstroError } from 'astro/errors';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditSiteWide, compareFindings, formatFindings, type PageAudit } from '../lib/seo/audit.ts';
import type { AnalyzedOutline, PageAnalysis } from '../lib/seo/page-analysis.ts';
import { buildReport, parsePreviousReport, renderReportHtml, type PreviousReport, type WrittenSitemap } from '../lib/seo/report.ts';
import { formatProblemsForWriters, locateFindings } from '../lib/seo/locate.ts';
import type { PageSource } from '../lib/seo/types.ts';
import { buildRobotsTxt, SITEMAP_INDEX_PATH } from '../lib/seo/robots.ts';
import { extractPageFacts } from '../lib/seo/facts.ts';
import { findDoorways, findLongestSharedPassage, findNearestShingledSiblings, type Doorway, type NearestSibling } from '../lib/seo/similarity.ts';
import {
  MANIFEST_PATH,
  SITEMAP_NAMES,
  buildEmptySitemapIndex,
  buildSitemapItem,
  formatSimilarity,
  parseManifest,
  parseSitemapLocs,
  planIndexing,
  type IndexingProblem,
  type PagePlan,
} from '../lib/seo/sitemap.ts';
import type { Settings } from '../settings.ts';
import { FUNNEL_SETTINGS_FILE, parseFunnelSettings } from '../lib/funnel/funnel-settings.ts';
import type { PageOutcomes } from '../lib/funnel/page-outcomes.ts';
import { parseServerRedirects, SERVER_REDIRECTS_FILE } from '../lib/server-redirects.ts';
import { readSeoOutcomes } from './seo-outcomes.ts';
import { readBuildTime } from '../build/build-time.ts';
import { ANALYSIS_CACHE_FILE, AnalysisCache, RenderedAnalyses, hashHtml } from './seo-analysis-cache.ts';
import { readReadingGrades } from './carepath-plain-language.ts';
import { readPageFiles, setNoindexInFiles, startPageStream, type PageStream } from './seo-page-reader.ts';

/** Where the report goes, in the build's outDir next to client/ and server/: never deployed. */
export const REPORT_JSON = 'seo-report.json';
export const REPORT_HTML = 'seo-report.html';
/**
 * A copy of the last report written, outside the outDir: a build that fails before the audit
 * (broken content) empties the outDir, and the report after it would have nothing to compare with.
 * Relative to the project root; node_modules/ is ignored by git and kept by CI caches of it.
 */
export const KEPT_REPORT_JSON = 'node_modules/.astro/carepath/seo-report.json';
const XSL_PATH = '/sitemap.xsl';

/** What the first step learns about the emitted site, for the sitemap and the audit after it. */
interface BuiltSite {
  clientDir: string;
  /** Every page as its HTML reads after the doorway pages were set to noindex. */
  pages: AnalyzedOutline[];
  /** The audit of each page alone, done while it was read. */
  audits: PageAudit[];
  /** Every page another page links to. */
  linked: ReadonlySet<string>;
  plans: PagePlan[];
  planByUrl: Map<string, PagePlan>;
  nearest: Map<string, NearestSibling>;
  /** The content file of each page that has one, by path, for the findings to name. */
  sources: Map<string, PageSource>;
}

/** Pages read while the build rendered them, and the pages the build said it would render. */
interface StreamedPages {
  stream: PageStream;
  pagePaths: Set<string>;
  analyzed: AnalyzedPages;
  rendered: RenderedAnalyses;
}

/**
 * The analyses of a build's pages as they arrive. Each page's list of linked pages is merged into
 * one set on arrival: kept per page, the links of a large site's pages take more memory than the
 * rest of their analyses together.
 */
class AnalyzedPages {
  readonly byPath = new Map<string, PageAnalysis>();
  readonly linked = new Set<string>();

  add(analysis: PageAnalysis): void {
    for (const path of analysis.audit.linked) this.linked.add(path);
    this.byPath.set(analysis.outline.path, { ...analysis, audit: { ...analysis.audit, linked: [] } });
  }
}

/**
 * The post-build SEO steps, in the order Astro must run their `astro:build:done` hooks:
 * 1. prepare: reads every emitted page (most of them while the build renders the rest: see
 *    streamRenderedPages); sets near-duplicate location × service pages to noindex;
 *    writes robots.txt; fails the build on a noindex nothing asked for.
 * 2. @astrojs/sitemap: one child sitemap per kind of page, indexable canonical pages only, with
 *    lastmod from the content and the photo of the pages that show one (locations, providers with a headshot).
 * 3. audit: runs the SEO audit over the pages and the written sitemaps, writes
 *    seo-report.json and seo-report.html to the outDir (and a copy of the JSON to
 *    KEPT_REPORT_JSON, for the next build to compare with), and fails the build on an error: it
 *    prints the errors in writers' words and exits with code 1 (with --verbose, it throws).
 */
export function carepathSeo(settings: Settings): AstroIntegration[] {
  let outDir: string | undefined;
  let keptReport: string | undefined;
  let analysisCache: string | undefined;
  let serverDir: string | undefined;
  let directoryFormat = false;
  let previous: PreviousReport | undefined;
  let built: BuiltSite | undefined;
  let streamed: StreamedPages | undefined;
  let setStreamingPrerenderer: (() => void) | undefined;
  const getOutDir = (): string => {
    if (outDir === undefined) throw new Error('carepath-seo: astro:config:done has not run.');
    return outDir;
  };
  const getBuilt = (): BuiltSite => {
    if (!built) throw new Error('carepath-seo: the sitemap ran before the prepare step; keep carepathSeo()’s integrations in order.');
    return built;
  };

  const prepare: AstroIntegration = {
    name: 'carepath-seo:prepare',
    hooks: {
      'astro:config:setup': ({ config, command }) => {
        if (command !== 'build') return;
        keptReport = fileURLToPath(new URL(KEPT_REPORT_JSON, config.root));
        analysisCache = fileURLToPath(new URL(ANALYSIS_CACHE_FILE, config.cacheDir));
        // Astro empties the outDir once the build starts: the last report has to be read now.
        previous = pickLatestReport([readPreviousReport(keptReport), readPreviousReport(fileURLToPath(new URL(REPORT_JSON, config.outDir)))]);
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        serverDir = fileURLToPath(config.build.server);
        directoryFormat = config.build.format === 'directory';
      },
      'astro:build:start': ({ setPrerenderer }) => {
        setStreamingPrerenderer = directoryFormat
          ? () => setPrerenderer((base) => streamRenderedPages(base, settings.siteUrl, (pages) => (streamed = pages)))
          : undefined;
      },
      // Set once the server bundle is built: a prerenderer set at build start tells Astro that the
      // adapter brings its own prerender entry, and Astro then bundles none.
      'astro:build:ssr': () => {
        setStreamingPrerenderer?.();
        setStreamingPrerenderer = undefined;
      },
      'astro:build:done': async ({ dir, logger }) => {
        built = await prepareSite({ clientDir: fileURLToPath(dir), outDir: getOutDir(), settings, logger, streamed, analysisCache });
        streamed = undefined;
      },
    },
  };

  const sitemapIntegration = sitemap({
    filter: (url) => getBuilt().planByUrl.get(url)?.sitemap !== undefined,
    serialize: (item) => buildSitemapItem(item, getBuilt().planByUrl.get(item.url)),
    // @astrojs/sitemap puts every page no chunk claims in `pages`.
    chunks: Object.fromEntries(
      SITEMAP_NAMES.filter((name) => name !== 'pages').map((name) => [
        name,
        (item: { url: string }) => (getBuilt().planByUrl.get(item.url)?.sitemap === name ? item : undefined),
      ]),
    ),
    xslURL: XSL_PATH,
    namespaces: { image: true, news: false, video: false, xhtml: false },
  });

  const audit: AstroIntegration = {
    name: 'carepath-seo:audit',
    hooks: {
      'astro:build:done': async ({ logger }) => {
        const outcomes = await readSeoOutcomes({ env: process.env, timeZone: readTimeZone(serverDir), now: readBuildTime(process.env), logger });
        auditBuiltSite({ built: getBuilt(), outDir: getOutDir(), keptReport, settings, previous, outcomes, redirects: readRedirects(serverDir), logger });
      },
    },
  };

  return [prepare, sitemapIntegration, audit];
}

/**
 * Astro's prerenderer, plus: each page it renders is handed to worker threads that analyze it for
 * the SEO step while the main thread renders the next (the page is written unchanged). Reading
 * every page back after the build would otherwise take about as long again as rendering them.
 */
function streamRenderedPages(base: AstroPrerenderer, siteUrl: string, started: (pages: StreamedPages) => void): AstroPrerenderer {
  let stream: PageStream | undefined;
  const rendered = new RenderedAnalyses();
  const sitePaths = new Map<string, string>();
  const prerenderer: AstroPrerenderer = {
    ...base,
    name: `${base.name} + carepath-seo`,
    async getStaticPaths() {
      const paths = await base.getStaticPaths();
      for (const { pathname, route } of paths) if (route.type === 'page') sitePaths.set(trimSlash(pathname), toPageSitePath(pathname));
      const pagePaths = new Set(sitePaths.values());
      const analyzed = new AnalyzedPages();
      stream = startPageStream({ siteUrl, pagePaths: [...pagePaths] }, (analysis) => {
        rendered.noteAnalysis(analysis);
        analyzed.add(analysis);
      });
      if (stream) started({ stream, pagePaths, analyzed, rendered });
      return paths;
    },
    async render(request, options) {
      const result = await base.render(request, options);
      const path = sitePaths.get(trimSlash(decodeURI(new URL(request.url).pathname)));
      const response = result instanceof Response ? result : result.response;
      // Astro writes a page's body whatever its status (the 404 page is a 404), except a redirect's.
      const written = response.body !== null && (response.status < 300 || response.status >= 400);
      if (!stream || path === undefined || options.routeData.type !== 'page' || !written) return result;
      if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return result;
      const html = new Uint8Array(await response.arrayBuffer());
      rendered.noteHtml(path, html);
      await stream.add(path, html);
      const copy = new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
      return result instanceof Response ? copy : { ...result, response: copy };
    },
  };
  return prerenderer;
}

const trimSlash = (pathname: string) => pathname.replace(/\/+$/, '');

/** The site path of the page Astro writes for `pathname` in the directory format (see toSitePath). */
function toPageSitePath(pathname: string): string {
  const trimmed = trimSlash(pathname);
  // Astro writes the status pages as 404.html and 500.html, every other page as <path>/index.html.
  return trimmed === '/404' || trimmed === '/500' ? `${trimmed}.html` : `${trimmed}/`;
}

async function prepareSite(options: {
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
  const pages = new Map(analyses.map(({ outline }) => [outline.path, outline]));

  // Pages the writer or the template already keep out of search are not siblings to copy from.
  const writerNoindex = new Set(manifest.filter((page) => page.noindexReason).map((page) => page.path));
  const nearest = findNearestShingledSiblings(
    analyses.flatMap(({ outline, similarity }) =>
      similarity !== undefined && !writerNoindex.has(outline.path) ? [{ path: outline.path, ...similarity }] : [],
    ),
  );
  // The shingles are most of what the analyses hold, and nothing needs them past this point.
  for (const analysis of analyses) analysis.similarity = undefined;
  const doorways = quoteSharedPassages(findDoorways(nearest.values(), settings.similarityThreshold), files);
  const rewrite: string[] = [];
  for (const path of doorways.keys()) {
    const page = pages.get(path);
    if (!page || page.noindex) continue;
    rewrite.push(files.get(path) as string);
    // setNoindex changes only the robots meta: the rest of the page's outline and audit still hold.
    pages.set(path, { ...page, noindex: true });
  }
  await setNoindexInFiles(rewrite);
  if (doorways.size > 0) {
    logger.warn(
      `${doorways.size} location × service page${doorways.size === 1 ? ' is' : 's are'} at least ${settings.similarityThreshold} similar to a sibling and ${doorways.size === 1 ? 'is' : 'are'} now noindex and out of the sitemap:\n` +
        [...doorways.values()]
          .map((d) => `  ${d.path} (${formatSimilarity(d.similarity)} like ${d.sibling})${d.shared === undefined ? '' : `\n    both say: "${d.shared}"`}`)
          .join('\n') +
        '\nGive each its own text in content/location-services/ (see the README), rewriting what they share.',
    );
  }

  const { pages: plans, problems } = planIndexing({ facts: [...pages.values()], manifest, doorways, settings });
  if (problems.length > 0) throw new AstroError(formatProblems(problems), 'Each page above says one thing in its robots meta and another in its content.');

  const robots = join(clientDir, 'robots.txt');
  if (existsSync(robots)) throw new AstroError('public/robots.txt would replace the generated robots.txt.', 'Delete public/robots.txt; the build writes robots.txt from DEPLOY_ENV.');
  writeFileSync(robots, buildRobotsTxt(settings));

  return {
    clientDir,
    pages: [...pages.values()],
    audits: analyses.map(({ audit }) => audit),
    linked,
    plans,
    planByUrl: new Map(plans.map((plan) => [plan.url, plan])),
    nearest,
    sources: new Map(manifest.flatMap((page) => (page.source ? [[page.path, page.source] as const] : []))),
  };
}

/** Doorway pages quoted beyond this many are named without their shared passage: each costs a comparison of two whole texts. */
const QUOTED_DOORWAYS = 100;

/**
 * The doorway pages by path, each with the longest passage it shares with its sibling, read from
 * the two pages' files (the analyses keep no text).
 */
function quoteSharedPassages(doorways: NearestSibling[], files: ReadonlyMap<string, string>): Map<string, Doorway> {
  const texts = new Map<string, string>();
  const textOf = (path: string) => {
    let text = texts.get(path);
    const file = files.get(path);
    if (text === undefined && file !== undefined) {
      text = extractPageFacts(readFileSync(file, 'utf8'), path).mainText;
      texts.set(path, text);
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
      logger.debug(`Reading the pages again after the build: ${error instanceof Error ? error.message : String(error)}`);
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

function auditBuiltSite(options: {
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
  const found = [
    ...built.audits.flatMap((audit) => audit.findings),
    ...auditSiteWide({
      pages: built.pages,
      audits: built.audits,
      linked: built.linked,
      sitemapUrls: sitemaps.flatMap(({ urls }) => urls),
      siteUrl: settings.siteUrl,
      files: listFiles(built.clientDir).filter((file) => !file.endsWith('.html')).map(toSitePath),
    }),
  ].sort(compareFindings);
  const findings = locateFindings(found, built.sources);
  const report = buildReport({
    plans: built.plans,
    facts: built.pages,
    nearest: built.nearest,
    sitemaps,
    findings,
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
    throw new AstroError(`The SEO audit found ${errors.length} error${errors.length === 1 ? '' : 's'}:\n\n${formatFindings(errors)}\n`, `Fix each page above and build again. ${reportFile} lists every page.`);
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
function readTimeZone(serverDir: string | undefined): string {
  const file = serverDir === undefined ? undefined : join(serverDir, FUNNEL_SETTINGS_FILE);
  if (file === undefined || !existsSync(file)) return 'UTC';
  return parseFunnelSettings(readFileSync(file, 'utf8'), file).organization.timeZone;
}

/** The report built last among those found (a CI cache may restore an older one into the outDir). */
function pickLatestReport(reports: (PreviousReport | undefined)[]): PreviousReport | undefined {
  return reports.reduce<PreviousReport | undefined>((latest, report) => (report && (!latest || report.builtAt > latest.builtAt) ? report : latest), undefined);
}

/** The redirects carepath-redirects wrote for the server, for the report; none without a server. */
function readRedirects(serverDir: string | undefined): { from: string; to: string }[] | undefined {
  const file = serverDir === undefined ? undefined : join(serverDir, SERVER_REDIRECTS_FILE);
  if (file === undefined || !existsSync(file)) return undefined;
  return parseServerRedirects(readFileSync(file, 'utf8'), file).redirects;
}

function readPreviousReport(file: string): PreviousReport | undefined {
  try {
    return parsePreviousReport(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

function formatProblems(problems: IndexingProblem[]): string {
  return `${problems.length} page${problems.length === 1 ? '' : 's'} with the wrong robots meta:\n\n${problems
    .map((p) => `${p.path}\n  error ${p.rule}: ${p.message}\n    fix: ${p.fix}`)
    .join('\n')}\n`;
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
