// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { carepathSeo } from './src/integrations/carepath-seo.ts';
import { readSettings } from './src/settings.ts';

const settings = readSettings(process.env);
// The content layer caches entries by id between builds. One cache per content folder keeps a
// build of one organization's content from seeing another's entries.
const contentKey = createHash('sha256').update(resolve(settings.contentDir)).digest('hex').slice(0, 12);

export default defineConfig({
  site: settings.siteUrl,
  cacheDir: `./node_modules/.astro/content-${contentKey}`,
  trailingSlash: 'always',
  build: { format: 'directory' },
  // Two content files that map to the same id (e.g. `a.md` and `a.mdx`) must fail the build,
  // not silently replace each other.
  prerenderConflictBehavior: 'error',
  adapter: node({ mode: 'standalone' }),
  // carepathSeo() wraps @astrojs/sitemap between its own steps; their build hooks run in this order.
  integrations: [mdx(), ...carepathSeo(settings)],
  server: { port: settings.port, host: settings.host },
  vite: {
    build: {
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
