import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { readBuildTime } from '../build/build-time.ts';
import type { Settings } from '../settings.ts';
import { ANALYSIS_CACHE_FILE } from './analysis-cache.ts';
import { auditBuiltSite, KEPT_REPORT_JSON, prepareSite, readLatestReport, readRedirects, readTimeZone, REPORT_JSON, XSL_PATH, type BuiltSite } from './build-steps.ts';
import { readSeoOutcomes } from './outcomes.ts';
import { streamRenderedPages, type StreamedPages } from './prerenderer.ts';
import type { PreviousReport } from './report.ts';
import { buildSitemapItem, SITEMAP_NAMES } from './sitemap.ts';

/**
 * The post-build SEO steps, in the order Astro must run their `astro:build:done` hooks:
 * 1. prepare: reads every emitted page (most of them while the build renders the rest: see
 *    streamRenderedPages); sets near-duplicate location × service pages to noindex;
 *    writes robots.txt; fails the build on a noindex nothing asked for (prepareSite).
 * 2. @astrojs/sitemap: one child sitemap per kind of page, indexable canonical pages only, with
 *    lastmod from the content and the photo of the pages that show one (locations, providers with a headshot).
 * 3. audit: runs the SEO audit over the pages and the written sitemaps, writes
 *    seo-report.json and seo-report.html to the outDir (and a copy of the JSON to
 *    KEPT_REPORT_JSON, for the next build to compare with), and fails the build on an error: it
 *    prints the errors in writers' words and exits with code 1 (with --verbose, it throws) (auditBuiltSite).
 * What each step decides is worked out by the pure functions of plan.ts; build-steps.ts reads and writes.
 */
export function carepathSeo(settings: Settings): AstroIntegration[] {
  let outDir: string | undefined;
  let keptReport: string | undefined;
  let analysisCache: string | undefined;
  let serverDir: string | undefined;
  let directoryFormat = false;
  let parallelRendering = false;
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
        previous = readLatestReport([keptReport, fileURLToPath(new URL(REPORT_JSON, config.outDir))]);
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        serverDir = fileURLToPath(config.build.server);
        directoryFormat = config.build.format === 'directory';
        parallelRendering = Boolean(config.experimental.parallelPrerender);
      },
      'astro:build:start': ({ setPrerenderer }) => {
        setStreamingPrerenderer =
          directoryFormat && !parallelRendering ? () => setPrerenderer((base) => streamRenderedPages({ base, siteUrl: settings.siteUrl, started: (pages) => (streamed = pages) })) : undefined;
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
      SITEMAP_NAMES.filter((name) => name !== 'pages').map((name) => [name, (item: { url: string }) => (getBuilt().planByUrl.get(item.url)?.sitemap === name ? item : undefined)]),
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
