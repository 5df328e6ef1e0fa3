/**
 * Small-group suppression for reports that leave the organization: a count of 1 to 4 leads, and
 * every rate or time worked out from one, is shown as "fewer than 5", so that no row points at a
 * person. Zero stays zero (it points at nobody); page views and Search Console figures are about
 * visits, not leads, and stay. Pure.
 */
import type { Compared, FunnelReport, LeadGroup, PageKindRow, PageRow, ResponseRow, StageRow } from './report.ts';

export const SMALL_GROUP = 'fewer than 5';
export type SmallGroup = typeof SMALL_GROUP;

/** Groups smaller than this many leads are suppressed. */
export const SMALL_GROUP_LIMIT = 5;

/** A report whose figures may each be suppressed. */
export type Suppressible<T> = T extends number
  ? number | SmallGroup
  : T extends string | boolean | null
    ? T
    : T extends readonly (infer U)[]
      ? Suppressible<U>[]
      : { [K in keyof T]: Suppressible<T[K]> };

export type ReportView = Suppressible<FunnelReport>;

function isSmall(count: number): boolean {
  return count > 0 && count < SMALL_GROUP_LIMIT;
}

function count(value: number): number | SmallGroup {
  return isSmall(value) ? SMALL_GROUP : value;
}

/** A rate, suppressed when any count it was worked out from is. */
function rate(value: number | null, ...from: number[]): number | null | SmallGroup {
  return value !== null && from.some(isSmall) ? SMALL_GROUP : value;
}

function compared(value: Compared): Suppressible<Compared> {
  return { current: count(value.current), previous: count(value.previous) };
}

function group(row: LeadGroup): Suppressible<LeadGroup> {
  return { ...row, leads: compared(row.leads), booked: compared(row.booked) };
}

/** The report with every small group shown as "fewer than 5". */
export function suppressSmallGroups(report: FunnelReport): ReportView {
  const { totals } = report;
  const stages = report.stages.map((row, index): Suppressible<StageRow> => {
    const before = report.stages[index - 1]?.reached ?? { current: 0, previous: 0 };
    return {
      stage: row.stage,
      reached: compared(row.reached),
      conversion: {
        current: rate(row.conversion.current, row.reached.current, before.current),
        previous: rate(row.conversion.previous, row.reached.previous, before.previous),
      },
    };
  });
  const page = (row: PageRow): Suppressible<PageRow> => ({
    ...row,
    leads: count(row.leads),
    booked: count(row.booked),
    conversion: rate(row.conversion, row.leads),
    leadsPerClick: rate(row.leadsPerClick, row.leads),
  });
  const pageKind = (row: PageKindRow): Suppressible<PageKindRow> => ({ ...row, leads: count(row.leads), booked: count(row.booked), conversion: rate(row.conversion, row.leads) });
  const response = (row: ResponseRow): Suppressible<ResponseRow> => ({
    queue: row.queue,
    leads: count(row.leads),
    answered: count(row.answered),
    medianMinutes: rate(row.medianMinutes, row.answered),
    p90Minutes: rate(row.p90Minutes, row.answered),
    // Out of the leads answered or overdue: a small denominator is what would point at someone.
    withinTarget: rate(row.withinTarget, row.answered + row.overdue),
    overdue: count(row.overdue),
    previous: {
      answered: count(row.previous.answered),
      medianMinutes: rate(row.previous.medianMinutes, row.previous.answered),
      withinTarget: rate(row.previous.withinTarget, row.previous.answered + row.previous.overdue),
      overdue: count(row.previous.overdue),
    },
  });
  return {
    ...report,
    totals: {
      leads: compared(totals.leads),
      spam: compared(totals.spam),
      spamShare: { current: rate(totals.spamShare.current, totals.spam.current), previous: rate(totals.spamShare.previous, totals.spam.previous) },
      booked: compared(totals.booked),
      views: totals.views,
    },
    byChannel: report.byChannel.map(group),
    byPageKind: report.byPageKind.map(group),
    byLandingPage: report.byLandingPage.map(group),
    byService: report.byService.map(group),
    byLocation: report.byLocation.map(group),
    byLeadType: report.byLeadType.map(group),
    stages,
    losses: report.losses.map((row) => ({ ...row, count: compared(row.count) })),
    pages: report.pages.map(page),
    pageKinds: report.pageKinds.map(pageKind),
    responseTimes: report.responseTimes.map(response),
    referrals: report.referrals.map((row) => ({ practice: row.practice, leads: count(row.leads), qualified: count(row.qualified), booked: count(row.booked) })),
    weekly: report.weekly.map((row) => ({ ...row, leads: count(row.leads), booked: count(row.booked) })),
    classifiedNow: count(report.classifiedNow),
    smallGroupsSuppressed: true,
  };
}
