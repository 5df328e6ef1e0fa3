import type { AstroIntegration } from 'astro';
import { copyFileSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ADAPTER_ENTRY = 'adapter-entry.mjs';
const HEADERS_MODULE = 'security-headers.mjs';

/**
 * Puts Carepath's security headers on every response of the built server, static files
 * included. The node adapter serves prerendered pages before any Astro middleware runs, so the
 * headers are set by a small entry of our own in front of the adapter's handler: after the build,
 * the adapter's dist/server/entry.mjs becomes adapter-entry.mjs, and a new entry.mjs starts an
 * HTTP server that sets the headers (src/server/security-headers.js) and hands over to it.
 * `node dist/server/entry.mjs` with PORT and HOST works as before.
 */
export function carepathServer(): AstroIntegration {
  let serverDir: URL | undefined;
  return {
    name: 'carepath-server',
    hooks: {
      'astro:config:done': ({ config }) => {
        serverDir = config.build.server;
      },
      'astro:build:done': ({ logger }) => {
        if (!serverDir) throw new Error('carepath-server: astro:config:done has not run.');
        const entry = fileURLToPath(new URL('entry.mjs', serverDir));
        if (!existsSync(entry)) {
          logger.warn('No dist/server/entry.mjs: this build has no server, so no security headers were added.');
          return;
        }
        renameSync(entry, fileURLToPath(new URL(ADAPTER_ENTRY, serverDir)));
        copyFileSync(fileURLToPath(new URL('../server/security-headers.js', import.meta.url)), fileURLToPath(new URL(HEADERS_MODULE, serverDir)));
        writeFileSync(entry, SERVER_ENTRY);
      },
    },
  };
}

const SERVER_ENTRY = `// Written by Carepath's build (src/integrations/carepath-server.ts). Starts the site's server
// with the security headers on every response, then hands each request to the Astro adapter.
import http from 'node:http';
import { applySecurityHeaders } from './${HEADERS_MODULE}';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler, options } = await import('./${ADAPTER_ENTRY}');

const trustedProxies = new Set((process.env.TRUSTED_PROXIES ?? '').split(',').map((a) => a.trim()).filter(Boolean));
const port = Number(process.env.PORT || options.port || 4321);
const host = process.env.HOST || (typeof options.host === 'string' ? options.host : options.host ? '0.0.0.0' : 'localhost');

const server = http.createServer((req, res) => {
  applySecurityHeaders(req, res, trustedProxies);
  handler(req, res);
});
server.listen(port, host, () => {
  const address = server.address();
  console.log(\`Carepath is serving the site at http://\${host}:\${typeof address === 'object' && address ? address.port : port}/\`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
`;
