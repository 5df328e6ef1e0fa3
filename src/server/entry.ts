import http, { type RequestListener } from 'node:http';
import { createFrontDoor, getServedOrigins } from './http/front-door.ts';
import { describeLeadsStore, readServerEnv, type ServerEnv } from './server-env.ts';
import { openPostgresStores, shareStores, type ServerStores } from './server-stores.ts';
import type { DeliverySettings } from '../lib/leads/delivery.ts';
import { DELIVERY_SETTINGS_FILE } from '../lib/leads/delivery-settings.ts';
import { SERVER_REDIRECTS_FILE } from '../lib/server-redirects.ts';
import { LEAD_SITE_FILE } from '../lib/leads/lead-site-file.ts';
import { describeDelivery, loadDeliverySettings, runDeliveryWorker } from './delivery/runtime.ts';
import { startDailyPurge } from './retention.ts';
import { describePageViews, startPageViewCounting, type PageViewCounter } from './page-view-counter.ts';
import { loadRedirects } from './redirects.ts';
import { createLeadRoute } from './http/lead-route.ts';
import { startLeadRuntime } from './lead-runtime.ts';
import { loadLeadSite } from './lead-site.ts';
import type { LeadSiteContext } from '../lib/leads/submit.ts';
import { describeError } from '../lib/errors.ts';

/**
 * The built server: `node dist/server/entry.mjs`. The build bundles this file there
 * (src/integrations/carepath-server.ts) next to the Astro adapter's own entry, renamed
 * adapter-entry.mjs; every request passes the front door (http/front-door.ts) on its way to it.
 */

/**
 * How long a client may take. Node's defaults keep a connection that never sends a byte open
 * forever; at the file descriptor limit every page then fails. A person's browser sends a whole
 * request in well under a second.
 */
export const SERVER_TIMEOUTS = {
  /** All request headers must arrive within this. */
  headersTimeout: 10_000,
  /** The whole request, body included (a POST sending a byte a second is cut here). */
  requestTimeout: 20_000,
  /** An idle kept-alive connection between requests. */
  keepAliveTimeout: 5_000,
  /**
   * A socket on which nothing at all happens, including one that never sent a byte. Shorter than
   * headersTimeout on purpose: in Node 24 a socket that outlives headersTimeout without sending
   * anything is no longer cut by its idle timer (seen: 11 s idle, 10 s headers, never closed).
   */
  idleTimeout: 8_000,
  /** How often the two request timeouts above are checked (Node's default is 30 s). */
  connectionsCheckingInterval: 1_000,
} as const;

/** SITE_URL as the build saw it; src/integrations/carepath-server.ts writes it in when bundling. */
declare const CAREPATH_BUILT_SITE: string | undefined;

let env: ServerEnv;
let deliverySettings: DeliverySettings;
let redirects: ReadonlyMap<string, string>;
let leadSite: LeadSiteContext;
try {
  env = readServerEnv(process.env, { builtSite: CAREPATH_BUILT_SITE });
  deliverySettings = loadDeliverySettings(new URL(`./${DELIVERY_SETTINGS_FILE}`, import.meta.url), env.delivery);
  redirects = loadRedirects(new URL(`./${SERVER_REDIRECTS_FILE}`, import.meta.url));
  leadSite = loadLeadSite(new URL(`./${LEAD_SITE_FILE}`, import.meta.url));
} catch (error) {
  console.error(`Carepath cannot start: ${describeError(error)}`);
  process.exit(1);
}

// PostgreSQL: connected and migrated (under an advisory lock) once, here, before any request; every
// feature of the process then uses these stores. SQLite: each feature opens the file itself.
let stores: ServerStores | undefined;
if (env.leadsStore.kind === 'postgres') {
  try {
    stores = await openPostgresStores(env.leadsStore.url);
    shareStores(stores);
  } catch (error) {
    console.error(`Carepath cannot start: ${describeLeadsStore(env.leadsStore)}: ${describeError(error)}`);
    process.exit(1);
  }
}
const source = stores === undefined ? { dbPath: env.leadsDbPath } : { store: stores.leads };

// The store, form-token secret and rate limit of the lead endpoint, shared with the Astro routes.
const runtime = startLeadRuntime(env);
const leadRoute = createLeadRoute({
  store: runtime.store,
  site: leadSite,
  delivery: { settings: deliverySettings, channels: runtime.channels },
  limiter: runtime.limiter,
  secret: runtime.secret,
  log: (line) => console.info(line),
});

process.env['ASTRO_NODE_AUTOSTART'] = 'disabled';
const adapter: unknown = await import(new URL('./adapter-entry.mjs', import.meta.url).href);
const handler = (adapter as { handler?: unknown }).handler;
if (typeof handler !== 'function') throw new Error('dist/server/adapter-entry.mjs has no request handler: rebuild with `npm run build`.');

// Counted in memory and written every few seconds and at shutdown (page-view-counter.ts).
let pageViews: PageViewCounter | undefined;
try {
  pageViews = env.pageViews
    ? startPageViewCounting({
        source: stores === undefined ? { dbPath: env.leadsDbPath } : { store: stores.pageViews },
        timeZone: deliverySettings.organization.timeZone,
        log: (line) => console.log(line),
      })
    : undefined;
} catch (error) {
  console.error(`Carepath cannot start: page views: ${describeError(error)}`);
  process.exit(1);
}

let frontDoor: RequestListener | undefined;
const { idleTimeout, ...serverOptions } = SERVER_TIMEOUTS;
const server = http.createServer(serverOptions, (req, res) => {
  // Requests are only accepted once listening, and the front door is made then: this is a guard.
  if (!frontDoor) res.writeHead(503, { 'retry-after': '1' }).end();
  else frontDoor(req, res);
});
server.setTimeout(idleTimeout);

// A burst of connections waits for accept() instead of being dropped (Node's default is 511;
// the kernel caps it at net.core.somaxconn).
const LISTEN_BACKLOG = 2048;

server.listen({ port: env.port, host: env.host, backlog: LISTEN_BACKLOG }, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.port;
  frontDoor = createFrontDoor({
    handler: handler as RequestListener,
    servedOrigins: getServedOrigins({ publicOrigins: env.publicOrigins, host: env.host, port }),
    trustedProxies: env.trustedProxies,
    onResponseFinish: pageViews?.record,
    redirects,
    leadRoute,
  });
  console.log(`Carepath is serving the site at http://${env.host}:${port}/`);
});

console.log(describeLeadsStore(env.leadsStore));
console.log(describeDelivery(env.delivery));
console.log(describePageViews(pageViews !== undefined));
// The web server sends what the outbox holds unless `npm run leads -- deliver` does it apart.
const delivery = env.delivery.workerInServer ? runDeliveryWorker({ source, settings: deliverySettings, env: env.delivery, log: (line) => console.log(line) }) : undefined;

// Deletes the person's details from leads past routing.yaml's retention period, daily.
const purge = startDailyPurge({ source, retention: deliverySettings.retention, log: (line) => console.log(line) });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    purge.stop();
    // An attempt in flight finishes and is recorded; one cut off would only be sent again.
    const stopped = delivery?.stop() ?? Promise.resolve();
    // The page views are written once the last response is sent, so that it is counted too.
    const exit = () =>
      void Promise.all([stopped, pageViews?.stop()])
        .then(() => stores?.close())
        .finally(() => process.exit(0));
    server.close(exit);
    server.closeIdleConnections();
    // A client in the middle of a slow request does not hold the shutdown past the request timeout.
    setTimeout(exit, SERVER_TIMEOUTS.requestTimeout).unref();
  });
}
