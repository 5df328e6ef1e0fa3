import { findColumn, formatProblems, readCount, readCsvTable, readNumber, toSitePath, type CsvImport } from './csv-import.ts';
import type { SearchConsolePage } from './types.ts';

/** One page's figures from a Search Console export; the dates are the import's, not the file's. */
export type SearchConsoleFigures = Omit<SearchConsolePage, 'fromDay' | 'toDay'>;

/** The columns of Pages.csv as Google writes them, and the names accepted for each. */
const COLUMNS = {
  page: ['Top pages', 'Page', 'Pages'],
  clicks: ['Clicks'],
  impressions: ['Impressions'],
  ctr: ['CTR'],
  position: ['Position'],
} as const;

/**
 * Reads Pages.csv from Search Console's Performance export (Search results → Pages → Export →
 * CSV, which downloads a zip): header `Top pages,Clicks,Impressions,CTR,Position`, one row per
 * page with its full URL, counts that may be quoted with thousands separators ("1,234"), CTR as a
 * percentage ("3.45%"), average position. Each URL must be on `siteOrigin` (SITE_URL; http or
 * https, with or without `www.`) and becomes its path; two URLs of one page (a `#fragment`, the
 * other scheme) are added together. Every bad line is reported, and then no row is returned.
 */
export function parseSearchConsoleCsv(options: { text: string; siteOrigin: string }): CsvImport<SearchConsoleFigures> {
  const table = readCsvTable(options.text);
  if (!table.ok) return { ok: false, problems: [table.problem] };
  const { header, records, malformed } = table;
  if (findColumn(header, ['Top queries']) !== -1) {
    return { ok: false, problems: ['line 1: this is the Queries export (its first column is "Top queries"): give Pages.csv from the same zip'] };
  }
  const columns = {
    page: findColumn(header, COLUMNS.page),
    clicks: findColumn(header, COLUMNS.clicks),
    impressions: findColumn(header, COLUMNS.impressions),
    ctr: findColumn(header, COLUMNS.ctr),
    position: findColumn(header, COLUMNS.position),
  };
  const missing = Object.entries(columns)
    .filter(([, index]) => index === -1)
    .map(([name]) => `"${COLUMNS[name as keyof typeof COLUMNS][0]}"`);
  if (missing.length > 0) {
    return {
      ok: false,
      problems: [`line 1: no ${missing.join(', ')} column (the header is "${header.join(',')}"; Pages.csv of Search Console's export starts "Top pages,Clicks,Impressions,CTR,Position")`],
    };
  }
  if (records.length === 0 && malformed.length === 0) return { ok: false, problems: ['line 2: no pages under the header'] };

  const problems = [...malformed];
  const pages = new Map<string, SearchConsoleFigures>();
  for (const { line, fields } of records) {
    const cell = (index: number) => fields[index] ?? '';
    const reasons: string[] = [];
    const path = toSitePath(cell(columns.page), options.siteOrigin);
    if (typeof path !== 'string') reasons.push(path.problem);
    const clicks = readCount(cell(columns.clicks), 'Clicks');
    const impressions = readCount(cell(columns.impressions), 'Impressions');
    const ctr = readCtr(cell(columns.ctr));
    const position = readPosition(cell(columns.position));
    for (const value of [clicks, impressions, ctr, position]) if (typeof value === 'string') reasons.push(value);
    if (typeof clicks === 'number' && typeof impressions === 'number' && clicks > impressions) {
      reasons.push(`Clicks (${clicks}) is more than Impressions (${impressions})`);
    }
    if (reasons.length > 0 || typeof path !== 'string' || typeof clicks !== 'number' || typeof impressions !== 'number' || typeof ctr !== 'number' || typeof position !== 'number') {
      problems.push({ line, reason: reasons.join('; ') });
      continue;
    }
    const earlier = pages.get(path);
    if (earlier === undefined) {
      pages.set(path, { path, clicks, impressions, ctr, position });
      continue;
    }
    const total = earlier.impressions + impressions;
    if (total > 0) {
      // The average position of both, each weighted by how often it was shown.
      earlier.position = (earlier.position * earlier.impressions + position * impressions) / total;
      earlier.ctr = (earlier.clicks + clicks) / total;
    }
    earlier.clicks += clicks;
    earlier.impressions = total;
  }
  if (problems.length > 0) return { ok: false, problems: formatProblems(problems) };
  return { ok: true, rows: [...pages.values()] };
}

/** "3.45%" → 0.0345; a plain number from 0 to 1 is taken as the fraction itself. */
function readCtr(value: string): number | string {
  const percent = value.endsWith('%');
  const digits = percent ? value.slice(0, -1).trim() : value;
  const number = readNumber(digits, 'CTR');
  if (typeof number === 'string') return `CTR is "${value}", not a percentage such as 3.45%`;
  if (!percent) return number <= 1 ? number : `CTR is "${value}", not a percentage such as 3.45%`;
  // "2.7e-2" reads as the double nearest 0.027; 2.7 / 100 is not that one.
  return number <= 100 ? Number(`${digits.replaceAll(',', '')}e-2`) : `CTR is "${value}", more than 100%`;
}

function readPosition(value: string): number | string {
  const number = readNumber(value, 'Position');
  if (typeof number === 'string') return number;
  // 1 is the top of the results: an average below it is not one Google writes.
  return number >= 1 ? number : `Position is "${value}", below 1 (the top result)`;
}
