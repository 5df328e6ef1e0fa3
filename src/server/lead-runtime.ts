import { randomBytes } from 'node:crypto';
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
 * - `ALLOWED_ORIGINS`: comma-separated public origins that may post (e.g. https://clinic.example
 *   behind a TLS proxy, where the server itself sees http).
 * - `LEAD_RATE_LIMIT`: requests per client per 10 minutes (default 20).
 */
export interface LeadRuntime {
  /** Opens the store on first use; throws StoreUnavailableError while storage is unusable. */
  store: () => LeadStore;
  secret: string;
  limiter: RateLimiter;
  trustedProxies: ReadonlySet<string>;
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
    allowedOrigins: list(env['ALLOWED_ORIGINS']),
  };
}
