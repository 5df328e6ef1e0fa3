import { getLeadSite } from '../../lib/content/queries.ts';
import { getLastMonth, getLocalDay, isDay } from '../../lib/funnel/days.ts';
import { buildFunnelSettings, getFunnelNames, getLegacyClassifier } from '../../lib/funnel/funnel-settings.ts';
import { loadFunnelReport } from '../../lib/funnel/load-report.ts';
import type { FunnelReport } from '../../lib/funnel/report.ts';
import type { DayRange } from '../../lib/funnel/types.ts';
import { SqliteFunnelStore } from '../sqlite-funnel-store.ts';
import { requireSharedStores } from '../lead-runtime.ts';
import { getIntakeRuntime } from './http.ts';

/**
 * The funnel report for the intake inbox's admins: the range from the query (`from`, `to`,
 * YYYY-MM-DD; last month without them), read from the lead database on a read-only connection
 * (SQLite), or from the PostgreSQL funnel store the server opened at start.
 */
export async function loadIntakeReport(query: URLSearchParams, now: Date): Promise<{ ok: true; report: FunnelReport } | { ok: false; range: DayRange; message: string }> {
  const site = await getLeadSite();
  const settings = buildFunnelSettings(site, getIntakeRuntime().env.publicOrigins);
  const lastMonth = getLastMonth(getLocalDay(now, settings.organization.timeZone));
  const parsed = parseReportRange(query, lastMonth);
  if (!parsed.ok) return { ok: false, range: lastMonth, message: parsed.message };
  const location = getIntakeRuntime().env.leadsStore;
  const store = location.kind === 'sqlite' ? SqliteFunnelStore.open({ path: location.path }) : requireSharedStores().funnel;
  try {
    const report = await loadFunnelReport({
      source: store,
      range: parsed.range,
      organization: settings.organization,
      names: getFunnelNames(settings),
      classify: getLegacyClassifier(settings),
      now,
    });
    return { ok: true, report };
  } finally {
    // The shared store stays open for the next report; a SQLite connection is this report's own.
    if (store instanceof SqliteFunnelStore) await store.close();
  }
}

/** The range a report form asks for, or why it can't be shown. At most a year and a bit (366 days). */
export function parseReportRange(query: URLSearchParams, fallback: DayRange): { ok: true; range: DayRange } | { ok: false; message: string } {
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  if (from === '' && to === '') return { ok: true, range: fallback };
  if (!isDay(from) || !isDay(to)) return { ok: false, message: 'Choose a first and a last day for the report.' };
  if (from > to) return { ok: false, message: 'The first day comes after the last day: swap them.' };
  if (Date.parse(to) - Date.parse(from) > 366 * 86_400_000) return { ok: false, message: 'Choose at most a year at a time.' };
  return { ok: true, range: { fromDay: from, toDay: to } };
}
