import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { resolveLeadsDbPath } from '../leads-db-path.ts';
import { createPostgresPool } from '../postgres/connection.ts';
import { toPostgresStoreError } from '../postgres/errors.ts';
import { applyPostgresMigrations, POSTGRES_LEAD_MIGRATIONS } from '../postgres/migrations.ts';
import { formatLeadsStore, readLeadsStore } from '../server-env.ts';
import { openLeadDatabase } from '../sqlite-connection.ts';
import { LEAD_MIGRATIONS } from '../sqlite-migrations.ts';
import { copyLeadStore, type BlockingRows, type CopyOutcome, type TableCount } from '../store-copy.ts';
import { hidePassword } from './cli-stores.ts';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.ts';
import { describeError } from '../../lib/errors.ts';

/** `npm run leads -- copy`, parsed: the target's URL, or undefined for LEADS_DATABASE_URL's. */
export interface CopyCommand {
  name: 'copy';
  to: string | undefined;
}

/** The options `copy` takes, for leads-command.ts's option check. */
export const COPY_OPTIONS: Readonly<Record<CopyCommand['name'], readonly string[]>> = { copy: ['to'] };

export const COPY_USAGE = `Moving to PostgreSQL:
  copy [--to postgres://user:password@host:5432/database]
      Copies everything in the SQLite file (LEADS_DB) into an empty PostgreSQL database (without
      --to, LEADS_DATABASE_URL's, which keeps the password out of the shell's history): leads and
      their steps, deliveries, intake users, sessions and the audit log, page views and Search
      Console figures. Migrates the database first, then copies in one transaction, all or
      nothing, and prints each table's rows on both sides. Stop the server first: a row already
      copied is not updated, so a second copy adds nothing, and one that finds rows not in the
      file (or changed since) stops without writing.
`;

/** The command from its arguments and options, or what is wrong with them. */
export function parseCopyCommand(args: readonly string[], values: { to?: string | undefined }): CopyCommand | { usage: string } {
  if (args.length > 0) return { usage: `copy takes no arguments, got "${args.join(' ')}" (the database is --to <url>)` };
  return { name: 'copy', to: values.to };
}

export interface CopyCommandIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Copies LEADS_DB's SQLite file (opened read-only; its schema must be current) into the
 * PostgreSQL database, after migrating it as the server does; returns the exit code. Never prints
 * the URL: the database is named by its host and name, as the server's start log names it.
 */
export async function runCopyCommand(command: CopyCommand, io: CopyCommandIo): Promise<number> {
  const url = command.to ?? io.env['LEADS_DATABASE_URL']?.trim() ?? '';
  if (url === '') {
    io.stderr('leads: copy needs the PostgreSQL database to copy into: --to postgres://user:password@host:5432/database, or LEADS_DATABASE_URL.\n');
    return EXIT_FAILURE;
  }
  let target: string;
  try {
    const location = readLeadsStore({ LEADS_DATABASE_URL: url });
    target = location.kind === 'postgres' ? formatLeadsStore(location) : '';
  } catch (error) {
    io.stderr(`leads: ${describeError(error).replaceAll('LEADS_DATABASE_URL', command.to === undefined ? 'LEADS_DATABASE_URL' : '--to')}\n`);
    return EXIT_FAILURE;
  }

  const path = resolve(resolveLeadsDbPath(io.env));
  if (!existsSync(path)) {
    io.stderr(`leads: no lead database at ${path}\nSet LEADS_DB to the database file to copy (default data/leads.db, relative to the current folder).\n`);
    return EXIT_FAILURE;
  }
  let source: DatabaseSync;
  try {
    // Read-only: the schema must be current (its version is checked), and nothing is written to the file.
    source = openLeadDatabase({ path, readOnly: true });
  } catch (error) {
    io.stderr(`leads: cannot copy ${path}: ${describeError(error)}\n`);
    return EXIT_FAILURE;
  }

  const pool = createPostgresPool({ url, maxConnections: 1 });
  try {
    io.stdout(`Copying SQLite file ${path} into ${target}.\n`);
    const migrated = await applyPostgresMigrations(pool, POSTGRES_LEAD_MIGRATIONS);
    if (migrated.length > 0) io.stdout(`Migrated ${target} to schema version ${POSTGRES_LEAD_MIGRATIONS.length}.\n`);
    const outcome = await copyLeadStore({ source, target: pool });
    return report(outcome, { path, target }, io);
  } catch (error) {
    const message = hidePassword(describeError(toPostgresStoreError(error, 'copy the lead database')), url);
    io.stderr(`leads: cannot copy into ${target}: ${message}${message.endsWith('.') ? '' : '.'} Nothing was copied.\n`);
    return EXIT_FAILURE;
  } finally {
    source.close();
    await pool.end().catch(() => {});
  }
}

function report(outcome: CopyOutcome, names: { path: string; target: string }, io: CopyCommandIo): number {
  switch (outcome.kind) {
    case 'copied': {
      io.stdout(formatCounts(outcome.tables));
      io.stdout(`Schema: the file at version ${LEAD_MIGRATIONS.length}, PostgreSQL at version ${POSTGRES_LEAD_MIGRATIONS.length} (each records its own migrations, which are not copied).\n`);
      const copied = outcome.tables.reduce((total, table) => total + table.copied, 0);
      io.stdout(
        copied === 0
          ? 'Nothing to copy: every row of the file was in PostgreSQL already (an earlier copy), and nothing was changed.\n'
          : `Copied ${formatCount(copied, 'row')} in one transaction; every table has as many rows in PostgreSQL as in the file.\n`,
      );
      return EXIT_OK;
    }
    case 'counts-differ':
      io.stdout(formatCounts(outcome.tables));
      io.stderr('leads: the tables marked * have a different number of rows in PostgreSQL than in the file, so the copy was rolled back: nothing was copied.\n');
      return EXIT_FAILURE;
    case 'foreign':
      io.stderr(
        `leads: ${names.target} already holds ${formatRows(outcome.tables)} not in ${names.path}: it is another practice's database, or its server has written to it since an earlier copy. ` +
          'Nothing was copied: copy into an empty database (or drop and create this one again), so that two practices are never merged.\n',
      );
      return EXIT_FAILURE;
    case 'diverged':
      io.stderr(
        `leads: ${names.target} holds ${formatRows(outcome.tables)} of ${names.path} with other values than the file has: they changed on one side after an earlier copy. ` +
          'Nothing was copied, and nothing is overwritten: copy into an empty database (or drop and create this one again).\n',
      );
      return EXIT_FAILURE;
  }
}

/** The counts as a table: `table  sqlite  postgres  copied`, with * where the two differ. */
function formatCounts(tables: readonly TableCount[]): string {
  const rows = [['table', 'sqlite', 'postgres', 'copied'], ...tables.map((t) => [`${t.table}${t.sqlite === t.postgres ? '' : ' *'}`, String(t.sqlite), String(t.postgres), String(t.copied)])];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return `${rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')).join('\n')}\n`;
}

function formatRows(tables: readonly BlockingRows[]): string {
  return tables.map((table) => `${formatCount(table.rows, 'row')} of ${table.table}`).join(', ');
}

function formatCount(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : `${noun}s`}`;
}
