import { findColumn, formatProblems, readCount, readCsvTable, toSitePath, type CsvImport } from './csv-import.ts';
import { isDay } from './days.ts';
import type { DailyViews } from './page-views.ts';

const COLUMNS = {
  path: ['path', 'url', 'page'],
  views: ['views', 'count', 'requests'],
  date: ['date', 'day'],
} as const;

/**
 * Reads per-page view counts from a CSV file, such as a CDN's log summary: a header naming the
 * page column (`path`, `url` or `page`), the count (`views`, `count` or `requests`) and optionally
 * the day (`date`, YYYY-MM-DD); other columns are ignored. A row without a date takes `defaultDay`
 * (`--date`). Each page becomes its path on this site (an address must be on `siteOrigin`); rows of
 * the same page and day are added together (`/a/?x=1` and `/a/`). Every bad line is reported, and
 * then no row is returned.
 */
export function parseViewsCsv(options: { text: string; siteOrigin: string; defaultDay?: string | undefined }): CsvImport<DailyViews> {
  const table = readCsvTable(options.text);
  if (!table.ok) return { ok: false, problems: [table.problem] };
  const { header, records, malformed } = table;
  const columns = { path: findColumn(header, COLUMNS.path), views: findColumn(header, COLUMNS.views), date: findColumn(header, COLUMNS.date) };
  const missing = [
    ...(columns.path === -1 ? ['a page column (path, url or page)'] : []),
    ...(columns.views === -1 ? ['a count column (views, count or requests)'] : []),
    ...(columns.date === -1 && options.defaultDay === undefined ? ['a date column (date), or the day given with --date YYYY-MM-DD'] : []),
  ];
  if (missing.length > 0) return { ok: false, problems: [`line 1: the header "${header.join(',')}" needs ${missing.join(' and ')}`] };
  if (records.length === 0 && malformed.length === 0) return { ok: false, problems: ['line 2: no pages under the header'] };

  const problems = [...malformed];
  const views = new Map<string, DailyViews>();
  for (const { line, fields } of records) {
    const reasons: string[] = [];
    const path = toSitePath(fields[columns.path] ?? '', options.siteOrigin);
    if (typeof path !== 'string') reasons.push(path.problem);
    const count = readCount(fields[columns.views] ?? '', header[columns.views] ?? 'views');
    if (typeof count === 'string') reasons.push(count);
    const written = columns.date === -1 ? '' : (fields[columns.date] ?? '');
    const day = written === '' ? options.defaultDay : written;
    if (day === undefined) reasons.push(`no date: fill it in, or give the day with --date YYYY-MM-DD`);
    else if (!isDay(day)) reasons.push(`${header[columns.date] ?? 'date'} is "${day}", not a date such as 2026-11-30`);
    if (reasons.length > 0 || typeof path !== 'string' || typeof count !== 'number' || day === undefined) {
      problems.push({ line, reason: reasons.join('; ') });
      continue;
    }
    const key = `${day} ${path}`;
    const earlier = views.get(key);
    if (earlier === undefined) views.set(key, { day, path, views: count });
    else earlier.views += count;
  }
  if (problems.length > 0) return { ok: false, problems: formatProblems(problems) };
  return { ok: true, rows: [...views.values()] };
}
