import { DatabaseSync } from 'node:sqlite';
import { createPostgresPool } from '../postgres/connection.ts';
import { toPostgresStoreError } from '../postgres/errors.ts';
import { applyPostgresMigrations, getPostgresSchemaVersion, POSTGRES_LEAD_MIGRATIONS } from '../postgres/migrations.ts';
import { formatLeadsStore, type LeadsStoreLocation } from '../server-env.ts';
import { applyMigrations, checkSchemaVersion, getSchemaVersion, LEAD_MIGRATIONS, type Migration } from '../sqlite-migrations.ts';
import { hidePassword } from './cli-stores.ts';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.ts';
import { describeError } from '../../lib/errors.ts';

/** `npm run leads -- migrate`, parsed. */
export interface MigrateCommand {
  name: 'migrate';
  dryRun: boolean;
}

/** The options `migrate` takes, for leads-command.ts's option check. */
export const MIGRATE_OPTIONS: Readonly<Record<MigrateCommand['name'], readonly string[]>> = { migrate: ['dry-run'] };

export const MIGRATE_USAGE = `Schema:
  migrate [--dry-run]
      Brings the lead database (the SQLite file, or LEADS_DATABASE_URL's PostgreSQL database) to
      the schema this code reads, as the server does at start, and prints its version before and
      after: a release's migrations can so run before its servers start. Safe to run again; on
      PostgreSQL under the lock the servers take at start, so one starting meanwhile waits.
      --dry-run only lists the migrations that would run.
`;

/** The command from its arguments and options, or what is wrong with them. */
export function parseMigrateCommand(args: readonly string[], values: { 'dry-run'?: boolean | undefined }): MigrateCommand | { usage: string } {
  if (args.length > 0) return { usage: `migrate takes no arguments, got "${args.join(' ')}"` };
  return { name: 'migrate', dryRun: values['dry-run'] === true };
}

export interface MigrateCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** What a migration did, or (a dry run) would do: the versions before and after, and the steps. */
interface MigrationOutcome {
  before: number;
  steps: readonly Migration[];
}

/**
 * Migrates the store at `location` to the latest schema (or, `dryRun`, only reads its version)
 * and says what was done; returns the exit code. A database newer than this code is not touched
 * (exit 1). Never prints the URL: the database is named as the server's start log names it.
 */
export async function runMigrateCommand(command: MigrateCommand, location: LeadsStoreLocation, io: MigrateCommandIo): Promise<number> {
  const store = formatLeadsStore(location);
  const latest = location.kind === 'sqlite' ? LEAD_MIGRATIONS.length : POSTGRES_LEAD_MIGRATIONS.length;
  let outcome: MigrationOutcome;
  try {
    outcome = location.kind === 'sqlite' ? migrateSqlite(location.path, command.dryRun) : await migratePostgres(location.url, command.dryRun);
  } catch (error) {
    const message = location.kind === 'sqlite' ? describeError(error) : hidePassword(describeError(error), location.url);
    io.stderr(`leads: cannot migrate ${store}: ${message}${message.endsWith('.') ? '' : '.'} Nothing was changed.\n`);
    return EXIT_FAILURE;
  }
  io.stdout(formatOutcome(store, outcome, { latest, dryRun: command.dryRun }));
  return EXIT_OK;
}

function migrateSqlite(path: string, dryRun: boolean): MigrationOutcome {
  // A connection of its own, not a store's: a store migrates as it opens, and would not say what it did.
  const db = new DatabaseSync(path, { readOnly: dryRun, timeout: 5000, enableForeignKeyConstraints: true });
  try {
    if (dryRun) return plan(LEAD_MIGRATIONS, getSchemaVersion(db));
    const applied = applyMigrations(db, LEAD_MIGRATIONS);
    return done(LEAD_MIGRATIONS, getSchemaVersion(db), applied);
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, dryRun: boolean): Promise<MigrationOutcome> {
  const pool = createPostgresPool({ url, maxConnections: 1, readOnly: dryRun });
  try {
    if (dryRun) return plan(POSTGRES_LEAD_MIGRATIONS, await getPostgresSchemaVersion(pool));
    // Under the advisory lock the servers take at start (postgres/migrations.ts): one migrates, the others wait.
    const applied = await applyPostgresMigrations(pool, POSTGRES_LEAD_MIGRATIONS);
    return done(POSTGRES_LEAD_MIGRATIONS, await getPostgresSchemaVersion(pool), applied);
  } catch (error) {
    throw toPostgresStoreError(error, 'migrate the lead database');
  } finally {
    await pool.end().catch(() => {});
  }
}

function plan(migrations: readonly Migration[], current: number): MigrationOutcome {
  return { before: current, steps: migrations.slice(checkSchemaVersion(current, migrations.length)) };
}

// The version before is the one the migration found under its lock: another process may have
// migrated between a first read and the lock.
function done(migrations: readonly Migration[], after: number, applied: readonly number[]): MigrationOutcome {
  return { before: after - applied.length, steps: migrations.filter((migration) => applied.includes(migration.version)) };
}

function formatOutcome(store: string, outcome: MigrationOutcome, options: { latest: number; dryRun: boolean }): string {
  const { before, steps } = outcome;
  if (steps.length === 0) return `${store}: schema version ${before} → ${before}, nothing to do.\n`;
  const list = steps.map((migration) => `  ${String(migration.version).padStart(2)}  ${migration.name}\n`).join('');
  const count = `${steps.length} migration${steps.length === 1 ? '' : 's'}`;
  if (options.dryRun) return `${store}: schema version ${before} → ${options.latest} would apply ${count} (a dry run: nothing was changed):\n${list}`;
  return `${store}: schema version ${before} → ${before + steps.length}, applied ${count}:\n${list}`;
}
