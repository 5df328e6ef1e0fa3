import { parse, type InfoRecord } from 'csv-parse/sync';
import { toPagePath } from './page-views.ts';

/**
 * What the importers share: reading a CSV file into records that know their line, reading the
 * numbers people and tools write in them, and turning a page's address into its path on this site.
 * Each reader returns a reason (a string) instead of throwing, so that every bad line of a file is
 * reported at once.
 */

/** A file read: its rows, or every problem found, each as "line N: reason". Nothing is taken from a file with a problem. */
export type CsvImport<T> = { ok: true; rows: T[] } | { ok: false; problems: string[] };

/** One record of a CSV file with the line it ends on (1 is the header's). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A reason a line is refused, before "line N: " is put in front of it (formatProblems). */
export interface LineProblem {
  line: number;
  reason: string;
}

/**
 * The header and the records under it with as many fields as it has, the lines with another
 * number of fields as `malformed`; or the problem that stopped the reading.
 */
export type CsvTable = { ok: true; header: string[]; records: CsvRecord[]; malformed: LineProblem[] } | { ok: false; problem: string };

// A zip starts with these bytes; Search Console's export is one, holding Pages.csv among others.
const ZIP_MAGIC = 'PK\u0003\u0004';

/**
 * Reads CSV text (RFC 4180, a UTF-8 byte order mark allowed, empty lines skipped, spaces around
 * fields trimmed). The first record is the header; a record with another number of fields is
 * set apart with its line, for the caller to report with the others.
 */
export function readCsvTable(text: string): CsvTable {
  if (text.startsWith(ZIP_MAGIC)) return { ok: false, problem: 'line 1: this is a zip file: unzip it and give the CSV file inside' };
  let parsed: { record: string[]; info: InfoRecord }[];
  try {
    // csv-parse's types leave out what `info: true` makes of each record: { record, info }.
    parsed = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof parsed;
  } catch (error) {
    const { lines, message } = error as { lines?: unknown; message?: unknown };
    // csv-parse's messages read "Quote Not Closed: … at line N, …"; the line is given first here instead.
    const reason = String(message)
      .replace(/\s*at line \d+.*$/s, '')
      .replace(/^[A-Za-z ]+:/, (title) => title.toLowerCase());
    return { ok: false, problem: `line ${typeof lines === 'number' ? lines : 1}: ${reason}` };
  }
  const [first, ...rest] = parsed;
  if (first === undefined) return { ok: false, problem: 'line 1: the file is empty' };
  const header = first.record;
  const records: CsvRecord[] = [];
  const malformed: LineProblem[] = [];
  for (const { record, info } of rest) {
    if (record.length === header.length) records.push({ line: info.lines, fields: record });
    else malformed.push({ line: info.lines, reason: `${record.length} field${record.length === 1 ? '' : 's'}, but the header has ${header.length}` });
  }
  return { ok: true, header, records, malformed };
}

/** The index of the first header name among `names` (case and spaces ignored), or -1. */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  const wanted = names.map(normalizeName);
  return header.findIndex((name) => wanted.includes(normalizeName(name)));
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

// 1234, 1,234 (thousands separated by commas) and either with decimals.
const NUMBER = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/** A number as written in a report: digits, commas between thousands, a decimal point. A reason when it is not one. */
export function readNumber(value: string, column: string): number | string {
  if (!NUMBER.test(value)) return value.startsWith('-') && NUMBER.test(value.slice(1)) ? `${column} is "${value}", below 0` : `${column} is "${value}", not a number`;
  return Number(value.replaceAll(',', ''));
}

/** A count (0 or more, whole) as written in a report. A reason when it is not one. */
export function readCount(value: string, column: string): number | string {
  const number = readNumber(value, column);
  if (typeof number === 'string') return number;
  return Number.isSafeInteger(number) ? number : `${column} is "${value}", not a whole number`;
}

/**
 * The path on this site of a page's address: a path (`/services/`), or an http(s) URL on SITE_URL's
 * host, where `http:` for `https:` and a `www.` more or less are the same site. The query and
 * fragment are dropped and the path is made the page's (toPagePath). A reason when it is neither.
 */
export function toSitePath(value: string, siteOrigin: string): string | { problem: string } {
  if (value.startsWith('/')) {
    const end = value.search(/[?#]/);
    return toPagePath(end === -1 ? value : value.slice(0, end));
  }
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    return { problem: `"${value}" is neither a path such as /services/ nor an address such as ${siteOrigin}/services/` };
  }
  const url = new URL(value);
  const site = new URL(siteOrigin);
  // URL leaves a scheme's default port out, so http://site and https://site have the same port ('').
  if (stripWww(url.hostname) !== stripWww(site.hostname) || url.port !== site.port) {
    return { problem: `${value} is not on this site (SITE_URL is ${siteOrigin})` };
  }
  return toPagePath(url.pathname);
}

function stripWww(hostname: string): string {
  return hostname.startsWith('www.') ? hostname.slice(4) : hostname;
}

/** "line N: reason" for each reason, in the order of the lines. */
export function formatProblems(problems: readonly LineProblem[]): string[] {
  return [...problems].sort((a, b) => a.line - b.line).map(({ line, reason }) => `line ${line}: ${reason}`);
}
