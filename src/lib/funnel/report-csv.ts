/**
 * The funnel report as one CSV table, long format: a row per section, group and measure, with the
 * range's value and, where there is one, the range before's. A spreadsheet's pivot table makes any
 * view of it. Pure.
 */
import { formatCsv } from '../csv.ts';
import type { ReportView } from './suppress.ts';

type Value = number | string | null;
type Row = [section: string, group: string, label: string, measure: string, value: Value, previous: Value];

const HEADER = ['section', 'group', 'label', 'measure', 'value', 'previous'];

function cell(value: Value): string {
  return value === null ? '' : String(value);
}

/** The report as CSV; suppressed figures read "fewer than 5", unknown ones are empty. */
export function formatReportCsv(report: ReportView): string {
  const rows: Row[] = [];
  const { totals } = report;
  rows.push(
    ['range', 'current', `${report.range.fromDay} to ${report.range.toDay}`, 'days', report.range.fromDay, report.range.toDay],
    ['range', 'previous', `${report.previousRange.fromDay} to ${report.previousRange.toDay}`, 'days', report.previousRange.fromDay, report.previousRange.toDay],
    ['totals', 'all', 'All leads', 'leads', totals.leads.current, totals.leads.previous],
    ['totals', 'all', 'All leads', 'booked', totals.booked.current, totals.booked.previous],
    ['totals', 'all', 'All leads', 'spam', totals.spam.current, totals.spam.previous],
    ['totals', 'all', 'All leads', 'spam share', totals.spamShare.current, totals.spamShare.previous],
    ['totals', 'all', 'All pages', 'views', totals.views.current, totals.views.previous],
  );
  const groups: [string, ReportView['byChannel']][] = [
    ['channel', report.byChannel],
    ['page kind', report.byPageKind],
    ['landing page', report.byLandingPage],
    ['service', report.byService],
    ['location', report.byLocation],
    ['lead type', report.byLeadType],
  ];
  for (const [section, list] of groups) {
    for (const row of list) {
      rows.push([section, row.key, row.label, 'leads', row.leads.current, row.leads.previous], [section, row.key, row.label, 'booked', row.booked.current, row.booked.previous]);
    }
  }
  for (const row of report.stages) {
    rows.push(['stage', row.stage, row.stage, 'leads reached', row.reached.current, row.reached.previous]);
    rows.push(['stage', row.stage, row.stage, 'share of stage before', row.conversion.current, row.conversion.previous]);
  }
  for (const row of report.losses) rows.push(['loss', `${row.outcome}:${row.reason}`, row.label, 'leads', row.count.current, row.count.previous]);
  for (const row of report.pages) {
    const measures: [string, Value][] = [
      ['impressions', row.impressions],
      ['clicks', row.clicks],
      ['position', row.position],
      ['views', row.views],
      ['leads', row.leads],
      ['booked', row.booked],
      ['leads per view', row.conversion],
      ['leads per click', row.leadsPerClick],
    ];
    for (const [measure, value] of measures) rows.push(['page', row.path, row.kind, measure, value, null]);
  }
  for (const row of report.pageKinds) {
    for (const [measure, value] of [
      ['views', row.views],
      ['leads', row.leads],
      ['booked', row.booked],
      ['leads per view', row.conversion],
    ] as [string, Value][]) {
      rows.push(['page kind conversion', row.kind, row.kind, measure, value, null]);
    }
  }
  for (const row of report.responseTimes) {
    rows.push(
      ['response', row.queue, row.queue, 'leads', row.leads, null],
      ['response', row.queue, row.queue, 'answered', row.answered, row.previous.answered],
      ['response', row.queue, row.queue, 'median minutes', row.medianMinutes, row.previous.medianMinutes],
      ['response', row.queue, row.queue, '90th percentile minutes', row.p90Minutes, null],
      ['response', row.queue, row.queue, 'share within target', row.withinTarget, row.previous.withinTarget],
      ['response', row.queue, row.queue, 'overdue', row.overdue, row.previous.overdue],
    );
  }
  for (const row of report.referrals) {
    rows.push(
      ['referral', row.practice, row.practice, 'referrals', row.leads, null],
      ['referral', row.practice, row.practice, 'qualified', row.qualified, null],
      ['referral', row.practice, row.practice, 'booked', row.booked, null],
    );
  }
  for (const row of report.weekly) {
    rows.push(
      ['week', row.weekStart, row.weekStart, 'leads', row.leads, null],
      ['week', row.weekStart, row.weekStart, 'booked', row.booked, null],
      ['week', row.weekStart, row.weekStart, 'views', row.views, null],
    );
  }
  return formatCsv([HEADER, ...rows.map((row) => row.map(cell))]);
}
