/**
 * The funnel report as HTML: each section a chart (SVG, charts.ts) and a table with its figures,
 * in words a marketing lead reads. The same markup is the intake inbox's report page and the
 * file `npm run leads -- report --format html` writes (with its own styles). Pure.
 */
import { escapeHtml } from '../html.ts';
import { renderBarChart, renderLineChart, type BarDatum } from './charts.ts';
import { formatPageKind, type FunnelStage } from './report.ts';
import type { SMALL_GROUP, ReportView } from './suppress.ts';

type Figure = number | null | typeof SMALL_GROUP;
type GroupView = ReportView['byChannel'][number];

const STAGE_LABELS: Readonly<Record<FunnelStage, string>> = {
  new: 'New',
  contacted: 'Contacted',
  qualified: 'Qualified',
  scheduled: 'Scheduled',
  booked: 'Booked',
};

const NUMBER = new Intl.NumberFormat('en-US');

/** A count, or "fewer than 5", or a dash when not known. */
export function formatCount(value: Figure): string {
  if (value === null) return '—';
  return typeof value === 'number' ? NUMBER.format(value) : value;
}

/** A share (0–1) as a percentage with one decimal. */
export function formatShare(value: Figure): string {
  if (value === null) return '—';
  return typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : value;
}

/** Minutes as people say them: 45 min, 2 h 5 min, 3 d 4 h. */
export function formatMinutes(value: Figure): string {
  if (value === null) return '—';
  if (typeof value !== 'number') return value;
  const minutes = Math.round(value);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  const hours = Math.round(minutes / 60);
  return `${Math.floor(hours / 24)} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

/** A day, YYYY-MM-DD, as `Nov 3, 2026`. */
export function formatDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
}

function formatRange(range: { fromDay: string; toDay: string }): string {
  return `${formatDay(range.fromDay)} – ${formatDay(range.toDay)}`;
}

function numeric(value: Figure | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** Bars for the rows whose figure is shown (a suppressed or unknown one is in the table only). */
function toBars<T>(rows: readonly T[], label: (row: T) => string, value: (row: T) => Figure, previous?: (row: T) => Figure): BarDatum[] {
  return rows.flatMap((row) => {
    const current = numeric(value(row));
    return current === undefined ? [] : [{ label: label(row), value: current, previous: previous ? numeric(previous(row)) : undefined }];
  });
}

function table(options: { caption: string; head: readonly string[]; rows: readonly (readonly string[])[]; numericFrom?: number }): string {
  const from = options.numericFrom ?? 1;
  const cell = (value: string, index: number) => (index === 0 ? `<th scope="row">${escapeHtml(value)}</th>` : `<td${index >= from ? ' class="num"' : ''}>${escapeHtml(value)}</td>`);
  const body = options.rows.length === 0 ? `<tr><td colspan="${options.head.length}">None in this range.</td></tr>` : options.rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n');
  // A wide table scrolls on its own: focusable, so it scrolls from the keyboard too, and named for it.
  return `<div class="table-wrap" role="region" tabindex="0" aria-label="${escapeHtml(options.caption)}"><table>
<caption>${escapeHtml(options.caption)}</caption>
<thead><tr>${options.head.map((name, index) => `<th scope="col"${index >= from ? ' class="num"' : ''}>${escapeHtml(name)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>`;
}

function figure(svg: string, caption: string): string {
  return `<figure class="chart">${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

function section(id: string, title: string, body: string): string {
  return `<section class="report-section" aria-labelledby="${id}">\n<h2 id="${id}">${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

function groupTable(caption: string, name: string, rows: readonly GroupView[]): string {
  return table({
    caption,
    head: [name, 'Leads', 'Leads before', 'Booked', 'Booked before'],
    rows: rows.map((row) => [row.label, formatCount(row.leads.current), formatCount(row.leads.previous), formatCount(row.booked.current), formatCount(row.booked.previous)]),
  });
}

/** The report as an HTML fragment: a summary, then one section per question. */
export function renderReportBody(report: ReportView): string {
  const { totals } = report;
  const summary = `<p class="report-range">${escapeHtml(formatRange(report.range))}, compared with ${escapeHtml(formatRange(report.previousRange))}. Days and times in ${escapeHtml(report.timeZone)}.</p>
<dl class="report-totals">
<div><dt>Leads</dt><dd>${formatCount(totals.leads.current)}</dd><dd class="before">before: ${formatCount(totals.leads.previous)}</dd></div>
<div><dt>Booked</dt><dd>${formatCount(totals.booked.current)}</dd><dd class="before">before: ${formatCount(totals.booked.previous)}</dd></div>
<div><dt>Page views</dt><dd>${formatCount(totals.views.current)}</dd><dd class="before">before: ${formatCount(totals.views.previous)}</dd></div>
<div><dt>Spam share</dt><dd>${formatShare(totals.spamShare.current)}</dd><dd class="before">before: ${formatShare(totals.spamShare.previous)}</dd></div>
</dl>`;

  const channels = section(
    'channels',
    'Where leads came from',
    figure(
      renderBarChart({
        title: 'Leads by channel',
        unit: 'Leads',
        rows: toBars(
          report.byChannel,
          (row) => row.label,
          (row) => row.leads.current,
          (row) => row.leads.previous,
        ),
      }),
      'Leads by channel; the dark tick is the range before.',
    ) +
      groupTable('Leads and booked visits by channel', 'Channel', report.byChannel) +
      (typeof report.classifiedNow === 'string' || report.classifiedNow > 0
        ? `<p class="note">${formatCount(report.classifiedNow)} of these leads came in before channels were recorded: they are classified by today’s rules.</p>`
        : ''),
  );

  const stages = section(
    'stages',
    'From new lead to booked visit',
    figure(
      renderBarChart({
        title: 'Leads reaching each stage',
        unit: 'Leads',
        rows: toBars(
          report.stages,
          (row) => STAGE_LABELS[row.stage],
          (row) => row.reached.current,
          (row) => row.reached.previous,
        ),
      }),
      'Leads that reached each stage (or went further); the dark tick is the range before.',
    ) +
      table({
        caption: 'Stages, and the share of the stage before that got this far',
        head: ['Stage', 'Leads', 'Leads before', 'Share of the stage before', 'That share, before'],
        rows: report.stages.map((row) => [
          STAGE_LABELS[row.stage],
          formatCount(row.reached.current),
          formatCount(row.reached.previous),
          formatShare(row.conversion.current),
          formatShare(row.conversion.previous),
        ]),
      }) +
      table({
        caption: 'Where leads were lost: not a fit, or lost after contact, by reason',
        head: ['Reason', 'Outcome', 'Leads', 'Leads before'],
        numericFrom: 2,
        rows: report.losses.map((row) => [row.label, row.outcome === 'lost' ? 'Lost' : 'Not a fit', formatCount(row.count.current), formatCount(row.count.previous)]),
      }),
  );

  const response = section(
    'response',
    'How fast leads were answered',
    figure(
      renderBarChart({
        title: 'Share answered within target, by queue',
        unit: 'Answered within target',
        percent: true,
        rows: toBars(
          report.responseTimes,
          (row) => row.queue,
          (row) => row.withinTarget,
          (row) => row.previous.withinTarget,
        ),
      }),
      'Share of leads answered within the queue’s target (of those answered or overdue); the dark tick is the range before.',
    ) +
      table({
        caption: 'Time from a lead to its first contact, per queue (clock time)',
        head: ['Queue', 'Leads', 'Answered', 'Median', '90th percentile', 'Within target', 'Overdue now', 'Median before', 'Within target before'],
        rows: report.responseTimes.map((row) => [
          row.queue,
          formatCount(row.leads),
          formatCount(row.answered),
          formatMinutes(row.medianMinutes),
          formatMinutes(row.p90Minutes),
          formatShare(row.withinTarget),
          formatCount(row.overdue),
          formatMinutes(row.previous.medianMinutes),
          formatShare(row.previous.withinTarget),
        ]),
      }),
  );

  const topPages = report.pages.slice(0, 10);
  const searchNote =
    report.searchConsoleRanges.length === 0
      ? 'No Search Console export covers this range (npm run leads -- import-search-console).'
      : `Search Console figures from the export${report.searchConsoleRanges.length > 1 ? 's' : ''} for ${report.searchConsoleRanges.map(formatRange).join('; ')}.`;
  const pages = section(
    'pages',
    'Pages: from a search to a booked visit',
    figure(
      renderBarChart({
        title: 'Leads by landing page (top 10)',
        unit: 'Leads',
        rows: toBars(
          topPages,
          (row) => row.path,
          (row) => row.leads,
        ),
      }),
      'Leads by the page their visit began on, the ten pages that brought the most booked visits and leads.',
    ) +
      `<p class="note">${escapeHtml(searchNote)} Views are counted by the Carepath server, or imported; “—” where none are known.</p>` +
      table({
        caption: 'Per landing page: impressions → clicks → views → leads → booked',
        head: ['Page', 'Impressions', 'Clicks', 'Position', 'Views', 'Leads', 'Booked', 'Leads per view', 'Leads per click'],
        rows: report.pages
          .slice(0, 50)
          .map((row) => [
            row.path,
            formatCount(row.impressions),
            formatCount(row.clicks),
            row.position === null ? '—' : String(row.position),
            formatCount(row.views),
            formatCount(row.leads),
            formatCount(row.booked),
            formatShare(row.conversion),
            formatShare(row.leadsPerClick),
          ]),
      }) +
      table({
        caption: 'Per kind of page: visitor → lead conversion',
        head: ['Kind of page', 'Views', 'Leads', 'Booked', 'Leads per view'],
        rows: report.pageKinds.map((row) => [formatPageKind(row.kind), formatCount(row.views), formatCount(row.leads), formatCount(row.booked), formatShare(row.conversion)]),
      }) +
      groupTable('Leads by the kind of page their visit began on, compared', 'Kind of page', report.byPageKind),
  );

  const asked = section(
    'asked',
    'What people asked for',
    figure(
      renderBarChart({
        title: 'Leads by service',
        unit: 'Leads',
        rows: toBars(
          report.byService,
          (row) => row.label,
          (row) => row.leads.current,
          (row) => row.leads.previous,
        ),
      }),
      'Leads by the service asked for; the dark tick is the range before.',
    ) +
      groupTable('Leads by service', 'Service', report.byService) +
      groupTable('Leads by location', 'Location', report.byLocation) +
      groupTable('Leads by kind of request', 'Request', report.byLeadType),
  );

  const referrals = section(
    'referrals',
    'Referral sources',
    figure(
      renderBarChart({
        title: 'Referrals by practice',
        unit: 'Referrals',
        rows: toBars(
          report.referrals.slice(0, 10),
          (row) => row.practice,
          (row) => row.leads,
        ),
      }),
      'Referrals from each referring practice (the ten with the most booked visits and referrals).',
    ) +
      table({
        caption: 'Per referring practice: referrals, qualified, booked',
        head: ['Practice', 'Referrals', 'Qualified', 'Booked'],
        rows: report.referrals.map((row) => [row.practice, formatCount(row.leads), formatCount(row.qualified), formatCount(row.booked)]),
      }),
  );

  const weekly = section(
    'weekly',
    'Week by week',
    figure(
      renderLineChart({
        title: 'Leads and booked visits per week',
        unit: 'Leads',
        series: [
          { name: 'Leads', points: report.weekly.flatMap((row) => (typeof row.leads === 'number' ? [{ day: row.weekStart, value: row.leads }] : [])) },
          { name: 'Booked', points: report.weekly.flatMap((row) => (typeof row.booked === 'number' ? [{ day: row.weekStart, value: row.booked }] : [])) },
        ],
      }),
      'Leads and booked visits per week (weeks start on Monday).',
    ) +
      table({
        caption: 'Per week',
        head: ['Week of', 'Leads', 'Booked', 'Page views'],
        rows: report.weekly.map((row) => [formatDay(row.weekStart), formatCount(row.leads), formatCount(row.booked), formatCount(row.views)]),
      }),
  );

  const definitions = `<section class="report-section" aria-labelledby="how-counted">
<h2 id="how-counted">How this is counted</h2>
<ul class="definitions">
<li>Leads are the requests that came in during the range, spam left out; “before” is the range of the same length just before it. A lead’s stage and outcome are as they are today.</li>
<li>A lead reached a stage when it was marked so, or any later stage; booked, lost and not-a-fit are where its work ended.</li>
<li>Response time is clock time from the request to the first step anyone took on it (contacted, or not a fit). Percentiles are nearest-rank. “Within target” counts the leads answered within their queue’s target, out of those answered or overdue.</li>
<li>Channels come from what the visit carried (click ids, UTM tags, the referring site), by the rules in routing.yaml; each lead keeps the rule that classified it.</li>
<li>No personal details are in this report: counts and page paths only.${report.smallGroupsSuppressed ? ' Groups of fewer than 5 leads are shown as “fewer than 5”.' : ''}</li>
</ul>
</section>`;

  return [summary, channels, stages, response, pages, asked, referrals, weekly, definitions].join('\n');
}

/** The styles of the report, for the page and the standalone file alike. */
export const REPORT_CSS = `
.report-range { margin: 0 0 1rem; }
.report-totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; margin: 0 0 1.5rem; }
.report-totals div { border: 1px solid #c9ced6; border-radius: .5rem; padding: .75rem; }
.report-totals dt { font-size: .9rem; }
.report-totals dd { margin: 0; font-size: 1.6rem; font-weight: 700; }
.report-totals dd.before { font-size: .9rem; font-weight: 400; color: #414852; }
.report-section { margin: 2rem 0; }
.report-section h2 { font-size: 1.3rem; margin: 0 0 .75rem; }
.chart { margin: 0 0 1rem; max-width: 640px; }
.chart svg { width: 100%; height: auto; }
.chart figcaption, .note { font-size: .9rem; color: #414852; }
.table-wrap { overflow-x: auto; margin: 0 0 1rem; }
.report-section table { border-collapse: collapse; min-width: 20rem; }
.report-section caption { text-align: left; font-weight: 600; padding: .25rem 0; }
.report-section th, .report-section td { border-bottom: 1px solid #dde1e6; padding: .35rem .6rem; text-align: left; vertical-align: top; }
.report-section .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.definitions { padding-left: 1.25rem; }
`;

/** The report as a page of its own, for a file that is mailed or archived. */
export function renderReportDocument(report: ReportView): string {
  const title = `Funnel report, ${formatRange(report.range)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title} · ${report.organization}`)}</title>
<style>
body { font-family: system-ui, sans-serif; color: #1b1b1b; background: #fff; margin: 0 auto; padding: 1rem; max-width: 72rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
${REPORT_CSS}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(report.organization)}. Made ${escapeHtml(report.generatedAt.slice(0, 16).replace('T', ' '))} UTC.</p>
${renderReportBody(report)}
</main>
</body>
</html>
`;
}
