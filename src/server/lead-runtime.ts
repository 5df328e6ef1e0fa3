import { randomBytes } from 'node:crypto';
import { readSettings } from '../settings.ts';
import { resolveLeadsDbPath } from './leads-db-path.ts';
import { SqliteLeadStore } from './sqlite-lead-store.ts';
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts';
import type { LeadStore } from './lead-store.ts';

/**
 * The lead endpoint's long-lived parts, made once per server process from the environment:
 *
 * - `LEADS_DB`: the SQLite file (default data/leads.db).
 * - `LEADS_SECRET`: signs form tokens. Without it a random secret is made at start, and tokens
 *   issued before a restart are only flagged, never counted as spam.
 * - `TRUSTED_PROXIES`: comma-separated addresses of reverse proxies whose X-Forwarded-For is believed.
 * - `SITE_URL`: the site's public origin, the one origin browsers may post from (see settings.ts);
 *   the SITE_URL the build was made with counts too.
 * - `ALLOWED_ORIGINS`: comma-separated further origins that may post (e.g. a second domain).
 * - `LEAD_RATE_LIMIT`: requests per client per 10 minutes (default 20).
 */
export interface LeadRuntime {
  /** Opens the store on first use; throws StoreUnavailableError while storage is unusable. */
  store: () => LeadStore;
  secret: string;
  limiter: RateLimiter;
  trustedProxies: ReadonlySet<string>;
  /** The origins a post may come from: SITE_URL's (at run time and at build time) and ALLOWED_ORIGINS. */
  allowedOrigins: ReadonlySet<string>;
}

const RATE_WINDOW_MS = 10 * 60 * 1000;
const DEFAULT_RATE_LIMIT = 20;

let runtime: LeadRuntime | undefined;

export function getLeadRuntime(): LeadRuntime {
  runtime ??= createLeadRuntime(process.env);
  return runtime;
}

function createLeadRuntime(env: Record<string, string | undefined>): LeadRuntime {
  const list = (value: string | undefined) => new Set((value ?? '').split(',').map((v) => v.trim()).filter(Boolean));
  const perWindow = Number(env['LEAD_RATE_LIMIT'] || DEFAULT_RATE_LIMIT);
  if (!Number.isInteger(perWindow) || perWindow < 1) throw new Error(`LEAD_RATE_LIMIT must be a whole number of at least 1; got "${env['LEAD_RATE_LIMIT']}".`);
  let store: LeadStore | undefined;
  return {
    // A failed open is not remembered: the next request tries again, so the server recovers by
    // itself once the disk is back.
    store: () => (store ??= SqliteLeadStore.open({ path: resolveLeadsDbPath(env) })),
    secret: env['LEADS_SECRET'] || randomBytes(32).toString('base64url'),
    limiter: createRateLimiter({ capacity: perWindow, refillMs: RATE_WINDOW_MS / perWindow }),
    trustedProxies: list(env['TRUSTED_PROXIES']),
    allowedOrigins: new Set([readSettings(env).siteUrl, ...builtSiteOrigin(), ...list(env['ALLOWED_ORIGINS'])]),
  };
}

/**
 * The site's origin as the build saw SITE_URL (Astro's `site`): a server started without SITE_URL
 * in its environment must still take posts from the pages it serves, whose links say this origin.
 */
function builtSiteOrigin(): string[] {
  const site = import.meta.env.SITE;
  return typeof site === 'string' && URL.canParse(site) ? [new URL(site).origin] : [];
}
