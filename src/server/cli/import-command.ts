import { readFileSync } from 'node:fs';
import { isDay } from '../../lib/funnel/days.ts';
import { parseSearchConsoleCsv } from '../../lib/funnel/search-console-csv.ts';
import type { CsvImport } from '../../lib/funnel/csv-import.ts';
import { parseViewsCsv } from '../../lib/funnel/views-csv.ts';
import { readSettings } from '../../settings.ts';
import type { PageViewStore } from '../sqlite-page-views.ts';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.ts';
import { describeError } from '../../lib/errors.ts';

/** The import commands of `npm run leads`, parsed (see leads-command.ts). */
export type ImportCommand = { name: 'import-views'; file: string; day?: string } | { name: 'import-search-console'; file: string; fromDay: string; toDay: string };

/** The options each import command takes, for leads-command.ts's option check. */
export const IMPORT_OPTIONS: Readonly<Record<ImportCommand['name'], readonly string[]>> = {
  'import-views': ['date'],
  'import-search-console': ['from', 'to'],
};

export const IMPORT_USAGE = `Page views and search figures, for the funnel report:
  import-views <csv> [--date YYYY-MM-DD]
      Per-page view counts from a file, such as a CDN's log summary, for sites whose pages the
      CDN serves: columns path (or url, page), views (or count, requests), and date (YYYY-MM-DD)
      unless --date gives the day of every row. Importing a day and page again replaces its count.
  import-search-console <Pages.csv> --from YYYY-MM-DD --to YYYY-MM-DD
      Search Console's Performance export by page (clicks, impressions, CTR, position) for the
      dates it was exported for; an import of the same dates replaces the earlier one.
  Every bad line is reported with its number and nothing is imported; addresses must be on SITE_URL.
`;

/** Whether a command name is one of the imports. */
export function isImportCommandName(name: string): name is ImportCommand['name'] {
  return Object.hasOwn(IMPORT_OPTIONS, name);
}

/** The command from its arguments and options, or what is wrong with them. */
export function parseImportCommand(
  name: ImportCommand['name'],
  args: readonly string[],
  values: { date?: string | undefined; from?: string | undefined; to?: string | undefined },
): ImportCommand | { usage: string } {
  const [file, ...extra] = args;
  if (file === undefined || extra.length > 0) return { usage: `${name} takes one CSV file` };
  for (const option of ['date', 'from', 'to'] as const) {
    const value = values[option];
    if (value !== undefined && !isDay(value)) return { usage: `--${option} needs a date such as 2026-11-30, got "${value}"` };
  }
  if (name === 'import-views') return { name, file, ...(values.date === undefined ? {} : { day: values.date }) };
  if (values.from === undefined || values.to === undefined) {
    return { usage: 'import-search-console needs the dates the export covers: --from YYYY-MM-DD --to YYYY-MM-DD (as set in Search Console)' };
  }
  if (values.from > values.to) return { usage: `--from ${values.from} is after --to ${values.to}` };
  return { name, file, fromDay: values.from, toDay: values.to };
}

export interface ImportCommandIo {
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Runs one import on the store and returns the exit code: the file is read and checked whole
 * first, and written in one transaction only when no line is bad.
 */
export async function runImportCommand(command: ImportCommand, store: PageViewStore, io: ImportCommandIo): Promise<number> {
  let text: string;
  let siteOrigin: string;
  try {
    text = readFileSync(command.file, 'utf8');
    siteOrigin = readSettings(io.env).siteUrl;
  } catch (error) {
    io.stderr(`leads: cannot import ${command.file}: ${describeError(error)}\n`);
    return EXIT_FAILURE;
  }
  const hint = io.env['SITE_URL'] ? '' : `SITE_URL is not set, so this site is taken to be ${siteOrigin}: set it to the live address, such as https://clinic.example.\n`;
  if (command.name === 'import-views') {
    const parsed = parseViewsCsv({ text, siteOrigin, defaultDay: command.day });
    if (!parsed.ok) return refuse(command.file, parsed, hint, io);
    const { replaced } = await store.replaceImportedViews(parsed.rows);
    const days = [...new Set(parsed.rows.map((row) => row.day))].sort();
    const pages = new Set(parsed.rows.map((row) => row.path)).size;
    const views = parsed.rows.reduce((total, row) => total + row.views, 0);
    const span = days.length === 1 ? days[0] : `${days[0]} to ${days.at(-1)}`;
    const again = replaced === 0 ? '' : `, replacing an earlier import's counts for ${formatCount(replaced, 'page and day', 'of these pages and days')}`;
    io.stdout(`Imported ${formatCount(views, 'view')} of ${formatCount(pages, 'page')} for ${span}${again}.\n`);
    return EXIT_OK;
  }
  const parsed = parseSearchConsoleCsv({ text, siteOrigin });
  if (!parsed.ok) return refuse(command.file, parsed, hint, io);
  const { replaced } = await store.replaceSearchConsolePages({ fromDay: command.fromDay, toDay: command.toDay }, parsed.rows, io.now);
  const again = replaced === 0 ? '' : ' (replacing an earlier import of that range)';
  io.stdout(`Imported ${formatCount(parsed.rows.length, 'page')} of Search Console figures for ${command.fromDay} to ${command.toDay}${again}.\n`);
  return EXIT_OK;
}

/** Every problem of the file on stderr, and the SITE_URL hint when an address was off the site. */
function refuse(file: string, parsed: Extract<CsvImport<unknown>, { ok: false }>, hint: string, io: ImportCommandIo): number {
  const offSite = parsed.problems.some((problem) => problem.includes('is not on this site'));
  io.stderr(`leads: ${file} was not imported (nothing was written):\n${parsed.problems.map((problem) => `  ${problem}\n`).join('')}${offSite ? hint : ''}`);
  return EXIT_FAILURE;
}

function formatCount(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : plural}`;
}
