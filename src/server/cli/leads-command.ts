import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LEAD_STATUSES, StoreUnavailableError } from '../../lib/leads/store.ts';
import type { LeadStatus, StoredLead } from '../../lib/leads/store.ts';
import { resolveLeadsDbPath } from '../leads-db-path.ts';
import { SqliteLeadStore } from '../sqlite-lead-store.ts';
import { formatLeadsCsv } from './lead-csv.ts';
import { formatLeadDetails, formatLeadTable, toPrintable } from './lead-text.ts';

export const EXIT_OK = 0;
/** The command was understood but failed: unknown id, no database, storage unavailable. */
export const EXIT_FAILURE = 1;
/** The command line was wrong. */
export const EXIT_USAGE = 2;

export const USAGE = `Usage: npm run leads -- <command> [options]

Commands:
  list [--json] [--status <status>] [--limit <n>]
      Newest first. The table shows id, created, type, status, queue and priority only;
      --json prints every matching lead in full (submitted fields included).
  show <id> [--json]
      One lead in full, submitted fields included.
  export --csv [--status <status>]
      Every matching lead as CSV (RFC 4180), submitted fields included.

The database is LEADS_DB (default data/leads.db); it is opened read-only.
Statuses: ${LEAD_STATUSES.join(', ')}.
Exit codes: 0 done, 1 failed (unknown id, no database, storage unavailable), 2 usage error.
`;

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  list: ['json', 'status', 'limit'],
  show: ['json'],
  export: ['csv', 'status'],
};

class UsageError extends Error {}

/** Runs `leads <command>` and returns the exit code. Reads the database named by `io.env`. */
export async function runLeadsCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`leads: ${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (command.name === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }

  const path = resolve(resolveLeadsDbPath(io.env));
  if (!existsSync(path)) {
    io.stderr(
      `leads: no lead database at ${path}\n` +
        'Set LEADS_DB to the database file (default data/leads.db, relative to the current folder).\n',
    );
    return EXIT_FAILURE;
  }

  let store: SqliteLeadStore;
  try {
    store = SqliteLeadStore.open({ path, readOnly: true });
  } catch (error) {
    io.stderr(`leads: cannot open ${path}: ${describe(error)}\n`);
    return EXIT_FAILURE;
  }
  try {
    return await runCommand(command, store, io);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    io.stderr(`leads: ${describe(error)}\n`);
    return EXIT_FAILURE;
  } finally {
    await store.close();
  }
}

type Command =
  | { name: 'help' }
  | { name: 'list'; json: boolean; status?: LeadStatus; limit?: number }
  | { name: 'show'; id: string; json: boolean }
  | { name: 'export'; status?: LeadStatus };

async function runCommand(command: Exclude<Command, { name: 'help' }>, store: SqliteLeadStore, io: CliIo): Promise<number> {
  switch (command.name) {
    case 'list': {
      const leads = await store.list(command);
      io.stdout(command.json ? formatJson(leads) : formatLeadTable(leads));
      return EXIT_OK;
    }
    case 'show': {
      const lead = await store.get(command.id);
      if (lead === null) {
        io.stderr(`leads: no lead with id ${toPrintable(command.id)}\n`);
        return EXIT_FAILURE;
      }
      io.stdout(command.json ? formatJson(lead) : formatLeadDetails(lead));
      return EXIT_OK;
    }
    case 'export':
      io.stdout(formatLeadsCsv(await store.list(command)));
      return EXIT_OK;
  }
}

function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        status: { type: 'string' },
        limit: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (values.help === true || name === 'help') return { name: 'help' };
  if (name === undefined) throw new UsageError('missing command');
  const allowed = COMMAND_OPTIONS[name];
  if (allowed === undefined) throw new UsageError(`unknown command "${name}"`);
  for (const option of Object.keys(values)) {
    if (!allowed.includes(option)) throw new UsageError(`${name} takes no --${option}`);
  }

  const status = values.status === undefined ? {} : { status: parseStatus(values.status) };
  switch (name) {
    case 'list': {
      if (rest.length > 0) throw new UsageError(`list takes no arguments, got "${rest.join(' ')}"`);
      const limit = values.limit === undefined ? {} : { limit: parseLimit(values.limit) };
      return { name, json: values.json === true, ...status, ...limit };
    }
    case 'show': {
      const [id, ...extra] = rest;
      if (id === undefined || extra.length > 0) throw new UsageError('show takes one lead id');
      return { name, id, json: values.json === true };
    }
    default: {
      if (rest.length > 0) throw new UsageError(`export takes no arguments, got "${rest.join(' ')}"`);
      if (values.csv !== true) throw new UsageError('export needs a format: --csv');
      return { name: 'export', ...status };
    }
  }
}

function parseStatus(value: string): LeadStatus {
  const status = LEAD_STATUSES.find((known) => known === value);
  if (status === undefined) {
    throw new UsageError(`unknown status "${value}" (one of ${LEAD_STATUSES.join(', ')})`);
  }
  return status;
}

function parseLimit(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--limit needs a whole number, got "${value}"`);
  return Number(value);
}

function formatJson(value: StoredLead | StoredLead[]): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
