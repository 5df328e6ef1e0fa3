import { readFileSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getLastMonth, getLocalDay, isDay } from '../../lib/funnel/days.ts';
import { FUNNEL_SETTINGS_FILE, getFunnelNames, getLegacyClassifier, parseFunnelSettings, type FunnelSettings } from '../../lib/funnel/funnel-settings.ts';
import { loadFunnelReport } from '../../lib/funnel/load-report.ts';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../../lib/funnel/report-file.ts';
import { suppressSmallGroups, type ReportView } from '../../lib/funnel/suppress.ts';
import type { DayRange, FunnelSource } from '../../lib/funnel/types.ts';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.ts';

export const REPORT_USAGE = `  report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format html|csv|json] [--out <file>] [--no-suppress-small]
      The funnel report for a range of days (default: last month), compared with the range before:
      leads by channel, page, service, location and type; stages to booked and why leads were lost;
      response times per queue; pages from Search Console clicks to booked visits; referral
      sources; weeks. Counts only, never a person's details. Groups of fewer than 5 leads show as
      "fewer than 5" unless --no-suppress-small (keep that for reports that stay inside the
      organization). The format follows --out's extension when --format is not given (html by default).`;

interface ReportIo {
  env: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

class UsageError extends Error {}

export interface ReportCommand {
  range: DayRange | null;
  format: ReportFormat;
  out: string | null;
  suppressSmall: boolean;
}

/** The report command from the arguments after `report`, or what is wrong with them. */
export function parseReportCommand(argv: readonly string[]): ReportCommand | { usage: string } {
  try {
    return parseReportArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { usage: error.message };
  }
}

/**
 * Runs `leads report` on the lead database (leads-command.ts opens it, and answers storage
 * trouble) with the names and channel rules the build wrote, and returns the exit code.
 */
export async function runReportCommand(command: ReportCommand, source: FunnelSource, io: ReportIo): Promise<number> {
  let settings: FunnelSettings;
  const settingsFile = io.env['FUNNEL_SETTINGS'] ?? resolve('dist/server', FUNNEL_SETTINGS_FILE);
  try {
    settings = parseFunnelSettings(readFileSync(settingsFile, 'utf8'), settingsFile);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    io.stderr(`leads report: ${missing ? `no ${settingsFile}: run \`npm run build\` first (it writes the organization's names there).` : (error as Error).message}\n`);
    return EXIT_FAILURE;
  }

  const now = io.now?.() ?? new Date();
  const range = command.range ?? getLastMonth(getLocalDay(now, settings.organization.timeZone));
  const report = await loadFunnelReport({ source, range, organization: settings.organization, names: getFunnelNames(settings), classify: getLegacyClassifier(settings), now });
  const view: ReportView = command.suppressSmall ? suppressSmallGroups(report) : report;
  const text = formatReport(view, command.format);
  if (command.out === null) {
    io.stdout(text);
  } else {
    writeFileSync(command.out, text);
    io.stderr(
      `Wrote the funnel report for ${range.fromDay} to ${range.toDay} (${command.format}) to ${command.out}` +
        `${command.suppressSmall ? '; groups of fewer than 5 leads are shown as "fewer than 5"' : '; small groups NOT suppressed: keep it inside the organization'}.\n`,
    );
  }
  return EXIT_OK;
}

function parseReportArgs(argv: readonly string[]): ReportCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      allowNegative: true,
      strict: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        'suppress-small': { type: 'boolean', default: true },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  for (const [name, value] of [
    ['--from', values.from],
    ['--to', values.to],
  ] as const) {
    if (value !== undefined && !isDay(value)) throw new UsageError(`${name} takes a day written YYYY-MM-DD, got "${value}"`);
  }
  if ((values.from === undefined) !== (values.to === undefined)) throw new UsageError('give both --from and --to, or neither (last month)');
  const range = values.from !== undefined && values.to !== undefined ? { fromDay: values.from, toDay: values.to } : null;
  if (range && range.fromDay > range.toDay) throw new UsageError(`--from ${range.fromDay} is after --to ${range.toDay}`);
  const out = values.out ?? null;
  const format = values.format ?? (out === null ? 'html' : extname(out).slice(1).toLowerCase());
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      values.format === undefined ? `cannot tell the format from "${out}": add --format ${REPORT_FORMATS.join('|')}` : `--format is one of ${REPORT_FORMATS.join(', ')}, got "${format}"`,
    );
  }
  return { range, format: format as ReportFormat, out, suppressSmall: values['suppress-small'] };
}
