/**
 * Reads what a range and the range before hold from a FunnelSource and builds the report. The
 * source (the lead database) is passed in.
 */
import { getPreviousRange, getRangeBounds } from './days.ts';
import { buildFunnelReport, type FunnelData, type FunnelReport, type FunnelReportOptions } from './report.ts';
import type { DayRange, FunnelSource } from './types.ts';

export interface LoadReportOptions extends Omit<FunnelReportOptions, 'current' | 'previous'> {
  source: FunnelSource;
  range: DayRange;
}

export async function loadFunnelReport(options: LoadReportOptions): Promise<FunnelReport> {
  const { source, range, ...rest } = options;
  const read = async (days: DayRange): Promise<FunnelData> => ({
    range: days,
    leads: await source.listFunnelLeads(getRangeBounds(days, rest.organization.timeZone)),
    views: await source.listPageViews(days),
    searchConsole: await source.listSearchConsolePages(days),
  });
  return buildFunnelReport({ ...rest, current: await read(range), previous: await read(getPreviousRange(range)) });
}
