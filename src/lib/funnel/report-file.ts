/** The funnel report as a file: HTML (a page of its own), CSV or JSON. Pure. */
import { formatReportCsv } from './report-csv.ts';
import { renderReportDocument } from './report-html.ts';
import type { ReportView } from './suppress.ts';

export const REPORT_FORMATS = ['html', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function formatReport(view: ReportView, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(view, null, 2)}\n`;
  if (format === 'csv') return formatReportCsv(view);
  return renderReportDocument(view);
}
