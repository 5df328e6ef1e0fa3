import { readSettings } from '../settings.ts';
import { parseTrustedProxies, type TrustedProxies } from './http/client-address.ts';
import { resolveLeadsDbPath } from './leads-db-path.ts';

/**
 * Everything the lead server reads from its environment, read and checked in one place. A bad
 * value stops the server at start with the variable, what is wrong and an example, instead of
 * failing on the first request.
 *
 * - `PORT`, `HOST`: where it listens (src/settings.ts; `PORT=0` picks a free port).
 * - `SITE_URL`: the public origin. Form posts must come from it (or from `ALLOWED_ORIGINS`).
 * - `ALLOWED_ORIGINS`: comma-separated further origins that serve the pages and may post, e.g. a
 *   CDN's `https://www.clinic.example` when the lead server is `https://clinic.example`.
 * - `TRUSTED_PROXIES`: comma-separated addresses or subnets of reverse proxies in front of this
 *   server; only their `X-Forwarded-For`, `-Proto` and `-Host` are believed.
 * - `LEAD_RATE_LIMIT`: lead posts per client per 10 minutes (default 20).
 * - `LEADS_DB`: the SQLite file (default data/leads.db).
 * - `LEADS_SECRET`: signs form tokens; without it a random one is made at each start.
 */
export interface ServerEnv {
  port: number;
  host: string;
  /** SITE_URL's origin. */
  siteOrigin: string;
  /** SITE_URL's origin (now and at build time) and ALLOWED_ORIGINS: where the pages that post to us are served. */
  publicOrigins: ReadonlySet<string>;
  trustedProxies: TrustedProxies;
  leadRateLimit: number;
  leadsDbPath: string;
  leadsSecret: string | undefined;
}

const DEFAULT_RATE_LIMIT = 20;

/**
 * @param options.builtSite SITE_URL as the build saw it (Astro's `site`): a server started without
 *   SITE_URL must still serve, and take posts from, the pages whose links name that origin.
 */
export function readServerEnv(env: Readonly<Record<string, string | undefined>>, options: { builtSite?: string | undefined } = {}): ServerEnv {
  const settings = readSettings(env);
  const built = options.builtSite !== undefined && URL.canParse(options.builtSite) ? [new URL(options.builtSite).origin] : [];
  const allowed = (env['ALLOWED_ORIGINS'] ?? '').split(',').map((value) => value.trim()).filter(Boolean);
  for (const origin of allowed) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin.replace(/\/$/, '')) {
      throw new Error(`ALLOWED_ORIGINS: "${origin}" is not an origin. Write scheme and host only, such as https://www.clinic.example.`);
    }
  }
  const rateLimit = env['LEAD_RATE_LIMIT'] || String(DEFAULT_RATE_LIMIT);
  const leadRateLimit = Number(rateLimit);
  if (!Number.isInteger(leadRateLimit) || leadRateLimit < 1) {
    throw new Error(`LEAD_RATE_LIMIT must be a whole number of at least 1, such as 20; got "${rateLimit}".`);
  }
  return {
    port: settings.port,
    host: settings.host,
    siteOrigin: settings.siteUrl,
    publicOrigins: new Set([settings.siteUrl, ...built, ...allowed.map((origin) => new URL(origin).origin)]),
    trustedProxies: parseTrustedProxies(env['TRUSTED_PROXIES']),
    leadRateLimit,
    leadsDbPath: resolveLeadsDbPath(env),
    leadsSecret: env['LEADS_SECRET'] || undefined,
  };
}
