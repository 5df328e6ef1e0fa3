import { getPurgeCutoffs } from '../lib/intake/retention.ts';
import type { DeliverySettings } from '../lib/leads/delivery.ts';
import type { LeadStore, PurgeResult } from '../lib/leads/store.ts';
import { SqliteLeadStore } from './sqlite-lead-store.ts';
import { formatIsoDate } from '../lib/dates.ts';
import { describeError } from '../lib/errors.ts';

/**
 * Deletes the details of leads past the retention period; rebuilds a SQLite file when anything
 * went. With `period`, only if no purge ran for it (the daily purge: once a day across servers).
 */
export async function purgeExpiredDetails(options: {
  store: LeadStore & { vacuum?: () => Promise<void> };
  retention: DeliverySettings['retention'];
  now: Date;
  dryRun: boolean;
  period?: string;
}): Promise<PurgeResult> {
  const { store, now, dryRun, period } = options;
  const result = await store.purgePersonalData({ ...getPurgeCutoffs(options.retention, now), now, dryRun, ...(period === undefined ? {} : { period }) });
  if (!dryRun && result.closed + result.spam > 0) await store.vacuum?.();
  return result;
}

/** One line for people and logs: how many leads lost their details, under which policy. */
export function formatPurge(result: PurgeResult, retention: DeliverySettings['retention'], dryRun: boolean): string {
  if (result.alreadyRan === true) return "Retention: today's purge has already run on this database (another server, or an earlier start), so nothing was done.";
  const policy = `closed leads after ${retention.closedLeadsDays ?? '∞'} days, spam after ${retention.spamDays ?? '∞'} days`;
  const verb = dryRun ? 'would lose' : 'lost';
  return `Retention (${policy}): ${result.closed} closed lead${result.closed === 1 ? '' : 's'} and ${result.spam} spam ${verb} the person's details.`;
}

const DAY_MS = 86_400_000;

/**
 * The server's daily purge, on its own connection to the SQLite file `dbPath` or on `store` (the
 * PostgreSQL store the server opened): first a minute after start, then every day, and once per
 * UTC day across every server on the database (the stores' `job_runs`). A failure is logged and
 * tried again the next day; nothing is lost by waiting.
 */
export function startDailyPurge(options: { source: { dbPath: string } | { store: LeadStore }; retention: DeliverySettings['retention']; log: (line: string) => void }): { stop: () => void } {
  if (options.retention.closedLeadsDays === null && options.retention.spamDays === null) return { stop: () => {} };
  const run = async (): Promise<void> => {
    let owned: SqliteLeadStore | undefined;
    try {
      const { source } = options;
      const store = 'store' in source ? source.store : (owned = SqliteLeadStore.open({ path: source.dbPath }));
      const now = new Date();
      const period = formatIsoDate(now);
      options.log(formatPurge(await purgeExpiredDetails({ store, retention: options.retention, now, dryRun: false, period }), options.retention, false));
    } catch (error) {
      options.log(`Retention purge failed, tried again tomorrow: ${describeError(error)}`);
    } finally {
      await owned?.close();
    }
  };
  const first = setTimeout(() => void run(), 60_000);
  const daily = setInterval(() => void run(), DAY_MS);
  first.unref();
  daily.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(daily);
    },
  };
}
