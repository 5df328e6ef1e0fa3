import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { existsSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the adapter's own entry goes; src/server/entry.ts imports it from there. */
const ADAPTER_ENTRY = 'adapter-entry.mjs';

/**
 * Puts Carepath's server in front of the Astro node adapter. The adapter serves prerendered pages
 * before any Astro middleware runs, so what every request needs (security headers, the Host and
 * method checks, the client's address, timeouts) lives in src/server/entry.ts: after the build,
 * the adapter's dist/server/entry.mjs becomes adapter-entry.mjs, and entry.ts, bundled, becomes
 * the new entry.mjs. `node dist/server/entry.mjs` with PORT and HOST works as before.
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
      'astro:build:done': async ({ logger }) => {
        if (!serverDir) throw new Error('carepath-server: astro:config:done has not run.');
        const entry = fileURLToPath(new URL('entry.mjs', serverDir));
        if (!existsSync(entry)) {
          logger.warn('No dist/server/entry.mjs: this build has no server, so Carepath\'s server entry was not added.');
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
          logLevel: 'warning',
          define: { CAREPATH_BUILT_SITE: site === undefined ? 'undefined' : JSON.stringify(site) },
          banner: { js: '// Built from src/server/entry.ts by src/integrations/carepath-server.ts.' },
        });
      },
    },
  };
}
