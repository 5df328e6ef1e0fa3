import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import { addDays, getLocalDay, getRangeBounds } from '../lib/funnel/days.ts';
import { countPageOutcomes, OUTCOME_DAYS, readPageOutcomesFromReport, type PageOutcomes } from '../lib/funnel/page-outcomes.ts';
import { SqliteFunnelStore } from '../server/sqlite-funnel-store.ts';
import { describeError } from '../lib/errors.ts';

/**
 * What the SEO report shows of leads per page, when the build is given where to find them:
 * FUNNEL_REPORT_JSON (a funnel report's JSON, for a build that cannot see the database), else
 * LEADS_DB set explicitly (its last OUTCOME_DAYS days, read-only). Neither: undefined. A source
 * that can't be read is a warning, not a failed build: the pages are fine without it.
 */
export async function readSeoOutcomes(options: { env: Readonly<Record<string, string | undefined>>; timeZone: string; now: Date; logger: AstroIntegrationLogger }): Promise<PageOutcomes | undefined> {
  const { env, logger } = options;
  const reportFile = env['FUNNEL_REPORT_JSON']?.trim();
  const database = env['LEADS_DB']?.trim();
  try {
    if (reportFile) return readPageOutcomesFromReport(JSON.parse(readFileSync(resolve(reportFile), 'utf8')), reportFile);
    if (!database) return undefined;
    const path = resolve(database);
    if (!existsSync(path)) {
      logger.warn(`LEADS_DB names no database yet (${path}): the SEO report shows no leads per page.`);
      return undefined;
    }
    const toDay = getLocalDay(options.now, options.timeZone);
    const range = { fromDay: addDays(toDay, 1 - OUTCOME_DAYS), toDay };
    const store = SqliteFunnelStore.open({ path });
    try {
      const leads = await store.listFunnelLeads(getRangeBounds(range, options.timeZone));
      return countPageOutcomes(leads, { ...range, source: 'LEADS_DB' });
    } finally {
      await store.close();
    }
  } catch (error) {
    logger.warn(`The SEO report shows no leads per page: ${describeError(error)}`);
    return undefined;
  }
}
