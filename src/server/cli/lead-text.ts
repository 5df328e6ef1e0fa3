import type { StoredLead } from '../../lib/leads/store.ts';
import { formatChannel } from '../../lib/funnel/channels.ts';

/**
 * The `list` table: id, created, type, status, queue, priority. Deliberately no submitted fields,
 * so a list on a shared screen or in a log shows no personal data.
 */
export function formatLeadTable(leads: readonly StoredLead[]): string {
  if (leads.length === 0) return 'No leads.\n';
  const rows = [
    ['ID', 'CREATED', 'TYPE', 'STATUS', 'QUEUE', 'PRIORITY'],
    ...leads.map((lead) => [lead.id, lead.createdAt.replace(/\.\d{3}Z$/, 'Z'), lead.leadType, lead.status, lead.route.queue, lead.route.priority]),
  ];
  const lines = formatColumns(rows);
  const noun = leads.length === 1 ? 'lead' : 'leads';
  return `${lines}${leads.length} ${noun}\n`;
}

/** Rows as columns padded to their widest cell, each line ending in a newline; cells made printable. */
export function formatColumns(rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => row.map(toPrintable));
  const widths = cells[0]?.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0))) ?? [];
  return cells
    .map(
      (row) =>
        `${row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd()}\n`,
    )
    .join('');
}

/** One lead in full for `show`, personal data included. */
export function formatLeadDetails(lead: StoredLead): string {
  const route = lead.route;
  const sections: [string, [string, string][]][] = [
    [
      `Lead ${lead.id}`,
      [
        ['created', lead.createdAt],
        ['type', lead.leadType],
        ['status', lead.status],
        ['queue', route.queue],
        ['priority', route.priority],
        ['respond within', `${route.responseTargetMinutes} min`],
        ['matched rule', route.matchedRule ?? '(default route)'],
        ['channel', formatChannel(lead.channel)],
        ['score', String(lead.score)],
        ['flags', lead.flags.length > 0 ? lead.flags.join(', ') : '(none)'],
        ['submission key', lead.submissionKey ?? '(none)'],
        ['content hash', lead.contentHash],
      ],
    ],
    ['Submitted fields', Object.entries(lead.fields)],
    ['Attribution', Object.entries(lead.attribution)],
    ['Fit', Object.entries(lead.fit).map(([name, value]): [string, string] => [name, value === null ? 'unknown' : value ? 'yes' : 'no'])],
  ];
  return sections
    .map(([title, entries]) => {
      const body = entries.length > 0 ? formatPairs(entries) : '  (none)\n';
      return `${title}\n${body}`;
    })
    .join('\n');
}

/**
 * Escapes control characters (including ESC, so stored text can't drive the terminal) as `\u{…}`.
 */
export function toPrintable(value: string): string {
  return value.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes.
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\u{${char.codePointAt(0)?.toString(16) ?? ''}}`,
  );
}

function formatPairs(entries: readonly [string, string][]): string {
  const printable = entries.map(([key, value]) => [toPrintable(key), toPrintable(value)] as const);
  const width = Math.max(...printable.map(([key]) => key.length));
  return printable.map(([key, value]) => `  ${key.padEnd(width)}  ${value}\n`).join('');
}
