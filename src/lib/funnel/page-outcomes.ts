/**
 * Leads and booked visits per landing page, for the SEO report: counted from the lead database's
 * leads of the last OUTCOME_DAYS days, or read from a funnel report's JSON. Pure.
 */
import type { FunnelLead } from './types.ts';

/** How far back the SEO report looks. */
export const OUTCOME_DAYS = 90;

/** A count, or "fewer than 5" when it came from a suppressed funnel report. */
export type OutcomeCount = number | string;

export interface PageOutcomes {
  fromDay: string;
  toDay: string;
  /** Where the figures came from, as the report says it: `LEADS_DB`, or the report file. */
  source: string;
  /** Landing path → leads (spam left out) and booked visits. */
  pages: Record<string, { leads: OutcomeCount; booked: OutcomeCount }>;
}

/** Counts leads and booked visits per landing page; spam and leads without a landing page left out. */
export function countPageOutcomes(leads: readonly FunnelLead[], options: { fromDay: string; toDay: string; source: string }): PageOutcomes {
  const pages: Record<string, { leads: number; booked: number }> = {};
  for (const lead of leads) {
    if (lead.status === 'spam' || lead.landingPage === null) continue;
    const row = (pages[lead.landingPage] ??= { leads: 0, booked: 0 });
    row.leads++;
    if (lead.status === 'booked') row.booked++;
  }
  return { ...options, pages };
}

/**
 * Reads the per-page figures of a funnel report's JSON (`npm run leads -- report --format json`):
 * its range and `byLandingPage`. Throws with what is wrong.
 */
export function readPageOutcomesFromReport(json: unknown, source: string): PageOutcomes {
  const report = json as { range?: { fromDay?: unknown; toDay?: unknown }; byLandingPage?: unknown } | null;
  const rows = report?.byLandingPage;
  if (typeof report?.range?.fromDay !== 'string' || typeof report.range.toDay !== 'string' || !Array.isArray(rows)) {
    throw new Error(`${source} is not a funnel report's JSON (make one with \`npm run leads -- report --format json --out <file>\`).`);
  }
  const pages: PageOutcomes['pages'] = {};
  for (const row of rows as { key?: unknown; leads?: { current?: unknown }; booked?: { current?: unknown } }[]) {
    const leads = row.leads?.current;
    const booked = row.booked?.current;
    if (typeof row.key !== 'string' || !row.key.startsWith('/') || !isCount(leads) || !isCount(booked)) continue;
    pages[row.key] = { leads, booked };
  }
  return { fromDay: report.range.fromDay, toDay: report.range.toDay, source, pages };
}

function isCount(value: unknown): value is OutcomeCount {
  return typeof value === 'number' || typeof value === 'string';
}
