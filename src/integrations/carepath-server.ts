import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { build } from 'esbuild';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DELIVERY_SETTINGS_FILE, DELIVERY_SETTINGS_PATH } from '../lib/leads/delivery-settings.ts';
import { FUNNEL_SETTINGS_FILE, FUNNEL_SETTINGS_PATH } from '../lib/funnel/funnel-settings.ts';
import { LEAD_SITE_FILE, LEAD_SITE_PATH } from '../lib/leads/lead-site-file.ts';

/** Where the adapter's own entry goes; src/server/entry.ts imports it from there. */
const ADAPTER_ENTRY = 'adapter-entry.mjs';

/**
 * Puts Carepath's server in front of the Astro node adapter. The adapter serves prerendered pages
 * before any Astro middleware runs, so what every request needs (security headers, the Host and
 * method checks, the client's address, timeouts) lives in src/server/entry.ts: after the build,
 * the adapter's dist/server/entry.mjs becomes adapter-entry.mjs, and entry.ts, bundled, becomes
 * the new entry.mjs. `node dist/server/entry.mjs` with PORT and HOST works as before.
 *
 * It also moves the delivery settings the build emitted (src/pages/delivery-settings.json.ts) from
 * the site to dist/server/delivery-settings.json, where the server reads them: they name staff
 * addresses, so they are never deployed or served; and the funnel report's settings
 * (src/pages/funnel-settings.json.ts) likewise, for `npm run leads -- report`, and what the lead
 * endpoint checks requests against (src/pages/lead-site.json.ts), for the entry. Put it before carepathSeo() in the config, so
 * that the file is gone before the sitemap and the SEO audit look at the site.
 */
export function carepathServer(): AstroIntegration {
  let serverDir: URL | undefined;
  let site: string | undefined;
  return {
    name: 'carepath-server',
    hooks: {
      'astro:config:done': ({ config }) => {
        serverDir = config.build.server;
        site = config.site;
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!serverDir) throw new Error('carepath-server: astro:config:done has not run.');
        for (const file of SERVER_FILES) moveServerFile({ ...file, clientDir: fileURLToPath(dir), serverDir: fileURLToPath(serverDir) });
        const entry = fileURLToPath(new URL('entry.mjs', serverDir));
        if (!existsSync(entry)) {
          logger.warn("No dist/server/entry.mjs: this build has no server, so Carepath's server entry was not added.");
          return;
        }
        renameSync(entry, fileURLToPath(new URL(ADAPTER_ENTRY, serverDir)));
        await build({
          entryPoints: [fileURLToPath(new URL('../server/entry.ts', import.meta.url))],
          outfile: entry,
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: 'node22',
          // The PostgreSQL driver is CommonJS, which an ESM bundle can't inline (its require()s of
          // Node's modules fail): it is loaded from node_modules, as the adapter's own bundle does.
          external: ['pg'],
          logLevel: 'warning',
          define: { CAREPATH_BUILT_SITE: site === undefined ? 'undefined' : JSON.stringify(site) },
          banner: { js: '// Built from src/server/entry.ts by src/integrations/carepath-server.ts.' },
        });
      },
    },
  };
}

/** Files the build emits into the site that belong to the server: moved out before the site is deployed. */
const SERVER_FILES = [
  {
    sitePath: DELIVERY_SETTINGS_PATH,
    file: DELIVERY_SETTINGS_FILE,
    missing: 'so the lead server would not know where to deliver leads',
    restore: 'Restore src/pages/delivery-settings.json.ts: it writes the delivery settings from the routing and organization files.',
  },
  {
    sitePath: FUNNEL_SETTINGS_PATH,
    file: FUNNEL_SETTINGS_FILE,
    missing: 'so `npm run leads -- report` would not know the organization and its services',
    restore: "Restore src/pages/funnel-settings.json.ts: it writes the funnel report's settings from the content.",
  },
  {
    sitePath: LEAD_SITE_PATH,
    file: LEAD_SITE_FILE,
    missing: 'so the lead server would not know the locations and services a request may name',
    restore: 'Restore src/pages/lead-site.json.ts: it writes what the lead endpoint checks requests against from the content.',
  },
] as const;

/** Moves one emitted file out of the site, into the server's folder. */
function moveServerFile(options: { sitePath: string; file: string; missing: string; restore: string; clientDir: string; serverDir: string }): void {
  const emitted = join(options.clientDir, options.sitePath);
  if (!existsSync(emitted)) throw new AstroError(`The build emitted no ${options.sitePath}, ${options.missing}.`, options.restore);
  mkdirSync(options.serverDir, { recursive: true });
  renameSync(emitted, join(options.serverDir, options.file));
}
