import { readSettings } from '../settings.ts';
import { parseTrustedProxies, type TrustedProxies } from './http/client-address.ts';
import { resolveLeadsDbPath } from './leads-db-path.ts';
import { RETRY_SCHEDULE_S } from '../lib/leads/delivery.ts';
import type { DeliveryEnv } from './delivery/delivery-env.ts';
import { parseMailFrom, parseSmtpUrl } from './delivery/smtp.ts';
import { readWebhooks } from './delivery/webhook-config.ts';

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
 * - `LEADS_DATABASE_URL`: `postgres://` or `postgresql://` — keep leads in that PostgreSQL database
 *   instead of a SQLite file (add `?sslmode=verify-full` for TLS). Not together with `LEADS_DB`.
 * - `LEADS_SECRET`: signs form tokens; without it a random one is made at each start.
 * - `LEADS_WEBHOOK_URL`, `LEADS_WEBHOOK_SECRET`: the organization's CRM webhook (`whsec_…`); named
 *   ones as `LEADS_WEBHOOK_<NAME>_URL` and `_SECRET` (delivery/webhook-config.ts).
 * - `SMTP_URL`, `LEADS_MAIL_FROM`: email to the teams (and confirmations); both or neither.
 * - `INTAKE_URL`: where the intake inbox is, for the links in emails and webhooks (SITE_URL/intake/).
 * - `LEADS_DELIVERY_WORKER`: `off` when `npm run leads -- deliver` sends instead of the web server.
 * - `LEADS_RETRY_SCHEDULE`: seconds between delivery attempts, for drills and tests.
 * - `INTAKE_IDLE_MINUTES`, `INTAKE_SESSION_HOURS`: an intake session ends after this long unused
 *   (15) and this long in all (12).
 * - `PAGE_VIEWS`: `off` stops the count of page views per page per day (page-view-counter.ts).
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
  /** Where every store of the server is: LEADS_DATABASE_URL's PostgreSQL database, else the SQLite file. */
  leadsStore: LeadsStoreLocation;
  leadsSecret: string | undefined;
  delivery: DeliveryEnv;
  intake: { idleMs: number; absoluteMs: number };
  /** Whether the server counts page views (PAGE_VIEWS, on unless `off`). */
  pageViews: boolean;
}

/** The lead database: a SQLite file, or a PostgreSQL database (`host` and `database` for logs; the password only in `url`). */
export type LeadsStoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; host: string; database: string };

const DEFAULT_RATE_LIMIT = 20;

/**
 * @param options.builtSite SITE_URL as the build saw it (Astro's `site`): a server started without
 *   SITE_URL must still serve, and take posts from, the pages whose links name that origin.
 */
export function readServerEnv(env: Readonly<Record<string, string | undefined>>, options: { builtSite?: string | undefined } = {}): ServerEnv {
  const settings = readSettings(env);
  const built = options.builtSite !== undefined && URL.canParse(options.builtSite) ? [new URL(options.builtSite).origin] : [];
  const allowed = (env['ALLOWED_ORIGINS'] ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
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
    leadsStore: readLeadsStore(env),
    leadsSecret: env['LEADS_SECRET'] || undefined,
    delivery: readDeliveryEnv(env, settings.siteUrl),
    intake: {
      idleMs: readPositive(env['INTAKE_IDLE_MINUTES'], 'INTAKE_IDLE_MINUTES', 15) * 60_000,
      absoluteMs: readPositive(env['INTAKE_SESSION_HOURS'], 'INTAKE_SESSION_HOURS', 12) * 3_600_000,
    },
    pageViews: readSwitch(env['PAGE_VIEWS'], 'PAGE_VIEWS'),
  };
}

const DATABASE_URL_EXAMPLE = 'postgres://carepath:PASSWORD@db.clinic.example:5432/carepath?sslmode=verify-full';

/**
 * LEADS_DATABASE_URL's PostgreSQL database, else LEADS_DB's SQLite file. Both set is an error: which
 * one the operator meant is not guessed. A message never repeats the URL, which holds the password.
 */
export function readLeadsStore(env: Readonly<Record<string, string | undefined>>): LeadsStoreLocation {
  const url = env['LEADS_DATABASE_URL']?.trim() ?? '';
  if (url === '') return { kind: 'sqlite', path: resolveLeadsDbPath(env) };
  if (env['LEADS_DB']?.trim()) {
    throw new Error(
      'LEADS_DB and LEADS_DATABASE_URL are both set, and Carepath does not guess which store you mean: ' +
        'unset LEADS_DB to keep leads in PostgreSQL, or LEADS_DATABASE_URL to keep them in the SQLite file.',
    );
  }
  if (!URL.canParse(url)) throw new Error(`LEADS_DATABASE_URL is not a URL. Write it as ${DATABASE_URL_EXAMPLE}.`);
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`LEADS_DATABASE_URL must start with postgres:// or postgresql://; got "${parsed.protocol}//…". Write it as ${DATABASE_URL_EXAMPLE}.`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (parsed.hostname === '' || database === '' || database.includes('/')) {
    throw new Error(`LEADS_DATABASE_URL must name a host and a database, such as ${DATABASE_URL_EXAMPLE}.`);
  }
  return { kind: 'postgres', url, host: parsed.port === '' ? parsed.hostname : `${parsed.hostname}:${parsed.port}`, database };
}

/** The start-up log line's name of the store: the file, or host and database (never the user or password). */
export function describeLeadsStore(store: LeadsStoreLocation): string {
  return `Leads: ${formatLeadsStore(store)}`;
}

/** The store as `SQLite file <path>` or `PostgreSQL database "<name>" on <host:port>`: never the user or password. */
export function formatLeadsStore(store: LeadsStoreLocation): string {
  return store.kind === 'sqlite' ? `SQLite file ${store.path}` : `PostgreSQL database "${store.database}" on ${store.host}`;
}

function readPositive(value: string | undefined, variable: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${variable} must be a number above 0, such as ${fallback}; got "${value}".`);
  return number;
}

/** The delivery variables; throws on the first bad one with the variable, what is wrong and an example. */
export function readDeliveryEnv(env: Readonly<Record<string, string | undefined>>, siteOrigin: string): DeliveryEnv {
  const smtpUrl = env['SMTP_URL'] || undefined;
  const from = env['LEADS_MAIL_FROM'] || undefined;
  if ((smtpUrl === undefined) !== (from === undefined)) {
    throw new Error(
      smtpUrl === undefined
        ? 'LEADS_MAIL_FROM is set but SMTP_URL is not: set SMTP_URL too, such as smtp://user:password@smtp.clinic.example:587, or unset LEADS_MAIL_FROM.'
        : 'SMTP_URL is set but LEADS_MAIL_FROM is not: set the sender, such as "Riverbend Health <no-reply@riverbend.example>".',
    );
  }
  const intake = env['INTAKE_URL'] || `${siteOrigin}/intake/`;
  if (!URL.canParse(intake) || !/^https?:$/.test(new URL(intake).protocol)) {
    throw new Error(`INTAKE_URL must be an http(s) address, such as https://clinic.example/intake/; got "${intake}".`);
  }
  return {
    webhooks: readWebhooks(env),
    smtp: smtpUrl === undefined ? null : parseSmtpUrl(smtpUrl),
    mailFrom: from === undefined ? null : parseMailFrom(from),
    intakeUrl: new URL(intake).href.replace(/\/?$/, '/'),
    retrySchedule: readRetrySchedule(env['LEADS_RETRY_SCHEDULE']),
    workerInServer: readSwitch(env['LEADS_DELIVERY_WORKER'], 'LEADS_DELIVERY_WORKER'),
  };
}

function readRetrySchedule(value: string | undefined): readonly number[] {
  if (value === undefined || value.trim() === '') return RETRY_SCHEDULE_S;
  const steps = value.split(',').map((step) => Number(step.trim()));
  if (steps.some((step) => !Number.isFinite(step) || step < 0) || value.split(',').some((step) => step.trim() === '')) {
    throw new Error(`LEADS_RETRY_SCHEDULE must be seconds between attempts, separated by commas, such as 0,5,300,1800; got "${value}".`);
  }
  return steps;
}

function readSwitch(value: string | undefined, variable: string): boolean {
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new Error(`${variable} is on or off; got "${value}".`);
}
