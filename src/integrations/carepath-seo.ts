import sitemap from '@astrojs/sitemap';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { AstroError } from 'astro/errors';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVocabulary } from '../build/vocabulary-file.ts';
import { auditSite, formatFindings } from '../lib/seo/audit.ts';
import { extractPageFacts } from '../lib/seo/facts.ts';
import { buildReport, parsePreviousReport, renderReportHtml, type PreviousReport, type WrittenSitemap } from '../lib/seo/report.ts';
import { buildRobotsTxt, SITEMAP_INDEX_PATH } from '../lib/seo/robots.ts';
import { findDoorways, findNearestSiblings, setNoindex, type NearestSibling } from '../lib/seo/similarity.ts';
import {
  MANIFEST_PATH,
  SITEMAP_NAMES,
  buildEmptySitemapIndex,
  buildSitemapItem,
  formatSimilarity,
  getServiceGroup,
  parseManifest,
  parseSitemapLocs,
  planIndexing,
  type IndexingProblem,
  type PagePlan,
} from '../lib/seo/sitemap.ts';
import type { PageFacts } from '../lib/seo/types.ts';
import type { Settings } from '../settings.ts';

/** Where the report goes, in the build's outDir next to client/ and server/: never deployed. */
export const REPORT_JSON = 'seo-report.json';
export const REPORT_HTML = 'seo-report.html';
const XSL_PATH = '/sitemap.xsl';

/** What the first step learns about the emitted site, for the sitemap and the audit after it. */
interface BuiltSite {
  clientDir: string;
  facts: PageFacts[];
  plans: PagePlan[];
  planByUrl: Map<string, PagePlan>;
  nearest: Map<string, NearestSibling>;
}

/**
 * The post-build SEO steps, in the order Astro must run their `astro:build:done` hooks:
 * 1. prepare: reads every emitted page; sets near-duplicate location × service pages to noindex;
 *    writes robots.txt; fails the build on a noindex nothing asked for.
 * 2. @astrojs/sitemap: one child sitemap per kind of page, indexable canonical pages only, with
 *    lastmod from the content and the share image of location and provider pages.
 * 3. audit: runs the SEO audit over the pages and the written sitemaps, writes
 *    seo-report.json and seo-report.html to the outDir, and fails the build on an error.
 */
export function carepathSeo(settings: Settings): AstroIntegration[] {
  let outDir: string | undefined;
  let previous: PreviousReport | undefined;
  let built: BuiltSite | undefined;
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
        // Astro empties the outDir once the build starts: the last report has to be read now.
        previous = readPreviousReport(fileURLToPath(new URL(REPORT_JSON, config.outDir)));
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:done': ({ dir, logger }) => {
        built = prepareSite({ clientDir: fileURLToPath(dir), outDir: getOutDir(), settings, logger });
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
      'astro:build:done': ({ logger }) => {
        auditBuiltSite({ built: getBuilt(), outDir: getOutDir(), settings, previous, logger });
      },
    },
  };

  return [prepare, sitemapIntegration, audit];
}

function prepareSite(options: { clientDir: string; outDir: string; settings: Settings; logger: AstroIntegrationLogger }): BuiltSite {
  const { clientDir, outDir, settings, logger } = options;
  // A static build deploys the whole outDir, report and manifest included.
  if (resolve(clientDir) === resolve(outDir)) throw new AstroError('carepathSeo() needs a server build, whose pages go to client/ inside the outDir.');
  const manifestFile = join(clientDir, MANIFEST_PATH);
  if (!existsSync(manifestFile)) throw new AstroError(`The build emitted no ${MANIFEST_PATH}.`, 'Restore src/pages/seo-pages.json.ts: the SEO steps read each page’s lastmod and noindex from it.');
  const manifest = parseManifest(JSON.parse(readFileSync(manifestFile, 'utf8')));
  // Kept for anyone debugging a lastmod, but outside client/ so it is never served.
  renameSync(manifestFile, join(outDir, MANIFEST_PATH));

  const files = new Map(listFiles(clientDir, '.html').map((file) => [toSitePath(file), join(clientDir, file)]));
  const facts = new Map([...files].map(([path, file]) => [path, extractPageFacts(readFileSync(file, 'utf8'), path)]));

  // Pages the writer or the template already keep out of search are not siblings to copy from.
  const writerNoindex = new Set(manifest.filter((page) => page.noindexReason).map((page) => page.path));
  const nearest = findNearestSiblings(
    [...facts.values()].flatMap((page) => {
      const group = page.kind === 'location-service' ? getServiceGroup(page.path) : undefined;
      return group !== undefined && !writerNoindex.has(page.path) ? [{ path: page.path, group, text: page.mainText }] : [];
    }),
  );
  const doorways = new Map(findDoorways(nearest.values(), settings.similarityThreshold).map((page) => [page.path, page]));
  for (const path of doorways.keys()) {
    const page = facts.get(path);
    if (!page || page.noindex) continue;
    const file = files.get(path) as string;
    const html = setNoindex(readFileSync(file, 'utf8'));
    writeFileSync(file, html);
    facts.set(path, extractPageFacts(html, path));
  }
  if (doorways.size > 0) {
    logger.warn(
      `${doorways.size} location × service page${doorways.size === 1 ? ' is' : 's are'} at least ${settings.similarityThreshold} similar to a sibling and ${doorways.size === 1 ? 'is' : 'are'} now noindex and out of the sitemap:\n` +
        [...doorways.values()].map((d) => `  ${d.path} (${formatSimilarity(d.similarity)} like ${d.sibling})`).join('\n') +
        '\nGive each its own text in content/location-services/ (see the README).',
    );
  }

  const { pages: plans, problems } = planIndexing({ facts: [...facts.values()], manifest, doorways, settings });
  if (problems.length > 0) throw new AstroError(formatProblems(problems), 'Each page above says one thing in its robots meta and another in its content.');

  const robots = join(clientDir, 'robots.txt');
  if (existsSync(robots)) throw new AstroError('public/robots.txt would replace the generated robots.txt.', 'Delete public/robots.txt; the build writes robots.txt from DEPLOY_ENV.');
  writeFileSync(robots, buildRobotsTxt(settings));

  return { clientDir, facts: [...facts.values()], plans, planByUrl: new Map(plans.map((plan) => [plan.url, plan])), nearest };
}

function auditBuiltSite(options: {
  built: BuiltSite;
  outDir: string;
  settings: Settings;
  previous: PreviousReport | undefined;
  logger: AstroIntegrationLogger;
}): void {
  const { built, outDir, settings, logger } = options;
  const sitemaps = readSitemaps(built.clientDir, settings);
  const findings = auditSite({
    pages: built.facts,
    sitemapUrls: sitemaps.flatMap(({ urls }) => urls),
    siteUrl: settings.siteUrl,
    vocabulary: readVocabulary(),
    files: listFiles(built.clientDir).filter((file) => !file.endsWith('.html')).map(toSitePath),
  });
  const report = buildReport({
    plans: built.plans,
    facts: built.facts,
    nearest: built.nearest,
    sitemaps,
    findings,
    settings,
    builtAt: new Date().toISOString(),
    previous: options.previous,
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, REPORT_JSON), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, REPORT_HTML), renderReportHtml(report));
  const { summary } = report;
  logger.info(
    `${relative(process.cwd(), join(outDir, REPORT_HTML))}: ${summary.pages} pages, ${summary.indexable} indexable, ${summary.listed} in sitemaps, ${summary.errors} errors, ${summary.warnings} warnings.`,
  );

  const warnings = findings.filter((f) => f.severity === 'warning');
  const errors = findings.filter((f) => f.severity === 'error');
  if (warnings.length > 0) logger.warn(`SEO audit warnings:\n${formatFindings(warnings)}`);
  if (errors.length > 0) {
    throw new AstroError(
      `The SEO audit found ${errors.length} error${errors.length === 1 ? '' : 's'}:\n\n${formatFindings(errors)}\n`,
      `Fix each page above and build again. ${relative(process.cwd(), join(outDir, REPORT_HTML))} lists every page.`,
    );
  }
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
