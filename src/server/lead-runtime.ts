import { randomBytes } from 'node:crypto';
import { SqliteLeadStore } from './sqlite-lead-store.ts';
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts';
import type { DeliveryOutbox, LeadStore } from '../lib/leads/store.ts';
import { readServerEnv, type ServerEnv } from './server-env.ts';
import type { DeliveryChannels } from '../lib/leads/delivery.ts';
import { getDeliveryChannels } from './delivery/delivery-env.ts';
import { getSharedStores } from './server-stores.ts';

/**
 * The lead endpoint's long-lived parts, made once per server process from the environment
 * (server-env.ts lists the variables).
 */
export interface LeadRuntime {
  /** Opens the store on first use; throws StoreUnavailableError while storage is unusable. */
  store: () => LeadStore & DeliveryOutbox;
  /** Signs form tokens. Without LEADS_SECRET a random one is made at start, and tokens issued before a restart are only flagged, never counted as spam. */
  secret: string;
  limiter: RateLimiter;
  /** Where the pages that may post are served: SITE_URL (at run time and at build time) and ALLOWED_ORIGINS. */
  publicOrigins: ReadonlySet<string>;
  /** Which deliveries a new lead plans: the webhooks with a URL and secret, and email when SMTP is set. */
  channels: DeliveryChannels;
  /** The environment, read and checked once for every route of this process (the intake inbox too). */
  env: ServerEnv;
}

const RATE_WINDOW_MS = 10 * 60 * 1000;

// The server entry and the Astro adapter's bundle (the routes) each have their own copy of this
// module: the entry makes the runtime at start (the lead endpoint runs ahead of Astro there) and
// the routes use the same one, through a global under a registered symbol, so that both sign form
// tokens with one secret and count one rate limit. Under `astro dev` the routes make it.
const SHARED = Symbol.for('carepath.lead-runtime');
const globals = globalThis as typeof globalThis & { [SHARED]?: LeadRuntime };

export function getLeadRuntime(): LeadRuntime {
  if (globals[SHARED] === undefined) {
    const site: unknown = import.meta.env.SITE;
    globals[SHARED] = createLeadRuntime(readServerEnv(process.env, { builtSite: typeof site === 'string' ? site : undefined }));
  }
  return globals[SHARED];
}

/** Makes the runtime from the environment the server entry has read and checked, for every route of the process. */
export function startLeadRuntime(env: ServerEnv): LeadRuntime {
  globals[SHARED] = createLeadRuntime(env);
  return globals[SHARED];
}

function createLeadRuntime(env: ServerEnv): LeadRuntime {
  let store: (LeadStore & DeliveryOutbox) | undefined;
  return {
    // A failed open is not remembered: the next request tries again, so the server recovers by
    // itself once the disk is back.
    store: () => (store ??= openLeadStore(env)),
    secret: env.leadsSecret ?? randomBytes(32).toString('base64url'),
    limiter: createRateLimiter({ capacity: env.leadRateLimit, refillMs: RATE_WINDOW_MS / env.leadRateLimit }),
    publicOrigins: env.publicOrigins,
    channels: getDeliveryChannels(env.delivery),
    env,
  };
}

function openLeadStore(env: ServerEnv): LeadStore & DeliveryOutbox {
  if (env.leadsStore.kind === 'sqlite') return SqliteLeadStore.open({ path: env.leadsStore.path });
  return requireSharedStores().leads;
}

/**
 * The PostgreSQL stores the server entry opened at start. `astro dev` has no such entry: it runs
 * on the SQLite file only.
 */
export function requireSharedStores(): NonNullable<ReturnType<typeof getSharedStores>> {
  const stores = getSharedStores();
  if (stores === undefined) throw new Error('LEADS_DATABASE_URL needs the built server (npm run build, then node dist/server/entry.mjs): astro dev keeps leads in the SQLite file only.');
  return stores;
}
