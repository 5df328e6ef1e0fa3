// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { getContentCacheDir } from './src/build/content-cache-dir.ts';
import { carepathSeo } from './src/seo-audit/index.ts';
import { carepathContentCheck } from './src/integrations/carepath-content-check.ts';
import { carepathRedirects } from './src/integrations/carepath-redirects.ts';
import { carepathServer } from './src/integrations/carepath-server.ts';
import { carepathPlainLanguage } from './src/integrations/carepath-plain-language.ts';
import { readSettings } from './src/settings.ts';
import { ADAPTER_BODY_LIMIT_BYTES } from './src/server/lead-endpoint.ts';

const settings = readSettings(process.env);
const site = new URL(settings.siteUrl);

export default defineConfig({
  site: settings.siteUrl,
  // The content layer and the incremental build keep entries and pages here between builds.
  cacheDir: getContentCacheDir(process.cwd(), settings.contentDir),
  // Pages are directories with a trailing slash (canonical URLs and every link use it), but the lead
  // endpoint is `POST /api/leads`: 'always' would answer that with a redirect instead of the lead.
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  security: {
    // The lead endpoint checks every post's Origin against SITE_URL and ALLOWED_ORIGINS itself
    // (src/server/lead-endpoint.ts), for every content type, and answers a person's form with a
    // page. Astro's own check compares the Origin with the request's Host header instead, and
    // refuses same-site posts behind a TLS proxy.
    checkOrigin: false,
    // Behind a TLS proxy, X-Forwarded-Host/-Proto naming the public origin (SITE_URL) are trusted.
    allowedDomains: [{ hostname: site.hostname, protocol: site.protocol.replace(':', '') }],
  },
  // Two content files that map to the same id (e.g. `a.md` and `a.mdx`) must fail the build,
  // not silently replace each other.
  prerenderConflictBehavior: 'error',
  // A page whose cacheKey (src/lib/content/cache-keys.ts), template code and rendered content are
  // those of the last build is copied from cacheDir instead of rendered; carepath-seo keeps each
  // page's analysis beside it (src/seo-audit/analysis-cache.ts) for the sitemaps and report.
  // Astro 7.4's parallelPrerender (both cores rendering) is left off: on 2 cores it made neither the
  // 1k nor the 10k build faster, as the SEO step then reads every page after rendering instead of
  // while rendering (docs/benchmarks.md). carepath-seo and renderBody work with it on.
  experimental: { incrementalBuild: true },
  // The node adapter accepts 1 GB bodies by default. Its limit stays above the endpoint's own
  // (32 KB, answered with 413) so that an oversized body is counted there first.
  adapter: node({ mode: 'standalone', bodySizeLimit: ADAPTER_BODY_LIMIT_BYTES }),
  // carepathSeo() wraps @astrojs/sitemap between its own steps; their build hooks run in this order.
  // It comes last: a failed SEO audit prints its problems and ends the build in the last hook.
  // carepathContentCheck() comes first: it checks every content file before anything reads one.
  // carepathServer() comes next: it moves the delivery settings out of the site before they look at it;
  // carepathRedirects() after it, for the same reason, and so that the SEO report lists the redirects it writes.
  // carepathPlainLanguage() comes last, so that its warnings are the last words of a build.
  integrations: [carepathContentCheck(settings), mdx(), carepathServer(), carepathRedirects(settings), ...carepathSeo(settings), carepathPlainLanguage(settings)],
  server: { port: settings.port, host: settings.host },
  vite: {
    build: {
      // Never inline scripts: the Content-Security-Policy allows scripts from this origin only.
      assetsInlineLimit: 0,
      rollupOptions: {
        // Astro marks MDX modules with a directive the bundler cannot keep; the warning is harmless
        // (withastro/astro#18087) and would bury a writer's real errors in the build output.
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('astro:head-inject')) return;
          handler(level, log);
        },
      },
    },
  },
});
