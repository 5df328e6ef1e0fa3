import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { applyMigrations, getSchemaVersion, LEAD_MIGRATIONS } from './sqlite-migrations.ts';

/** How a connection to the lead database is opened; shared by every store on that file. */
export interface LeadDatabaseOptions {
  /** The database file. Its folder (0700) and the file (0600) are created when missing. */
  path: string;
  /** How long a write waits for another connection's lock before failing as busy. Default 5000. */
  busyTimeoutMs?: number;
  /** Open for reading only: nothing is created, migrated or written; the schema must be current. */
  readOnly?: boolean;
  /** `full` (the default) fsyncs every commit; `normal` only at checkpoints (see SqliteLeadStore). */
  synchronous?: 'full' | 'normal';
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
// Caps the WAL file left behind after a checkpoint; without it, one large burst keeps its size.
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Opens the lead database configured as every store uses it: foreign keys on, WAL (unless
 * read-only), the chosen synchronous level, secure_delete, a capped journal; then migrates it to
 * LEAD_MIGRATIONS, or, read-only, checks that it is already there. Throws the underlying error
 * (map it with toStoreError); the connection is closed when opening fails.
 */
export function openLeadDatabase(options: LeadDatabaseOptions): DatabaseSync {
  const readOnly = options.readOnly ?? false;
  let db: DatabaseSync | undefined;
  try {
    if (!readOnly) prepareDatabaseFile(options.path);
    db = new DatabaseSync(options.path, {
      readOnly,
      timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
      enableForeignKeyConstraints: true,
    });
    configureConnection(db, readOnly, options.synchronous ?? 'full');
    if (readOnly) assertSchemaCurrent(db);
    else applyMigrations(db, LEAD_MIGRATIONS);
    return db;
  } catch (error) {
    db?.close();
    throw error;
  }
}

/**
 * Runs `write` in a `BEGIN IMMEDIATE` transaction and commits; rolls back and rethrows when it
 * or the COMMIT fails. IMMEDIATE takes the write lock up front: a deferred transaction that
 * reads and then writes fails with SQLITE_BUSY at once, ignoring the busy timeout.
 */
export function runInWriteTransaction<T>(db: DatabaseSync, write: () => T): T {
  try {
    db.exec('BEGIN IMMEDIATE');
    const result = write();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    rollBack(db);
    throw error;
  }
}

/** Rolls back the open transaction, if any, ignoring a failure to (the caller has the error to report). */
export function rollBack(db: DatabaseSync): void {
  // SQLite rolls back by itself after some errors (SQLITE_FULL, IOERR, BUSY on COMMIT), not all.
  if (!db.isTransaction) return;
  try {
    db.exec('ROLLBACK');
  } catch {
    // The original error is the one to report; a failed ROLLBACK leaves SQLite to roll back
    // from the journal on the next open.
  }
}

function prepareDatabaseFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    // An empty file is an empty SQLite database. Creating it here sets its mode; SQLite gives
    // the -wal and -shm files the same mode as the database file.
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    // SQLite quietly opens a file it can't write read-only, and the store would then refuse
    // every lead until restarted. Opening it for writing first fails here instead (EACCES,
    // EPERM for an immutable file, EROFS), before the app starts taking leads.
    closeSync(openSync(path, 'r+'));
  }
}

function configureConnection(db: DatabaseSync, readOnly: boolean, synchronous: 'full' | 'normal'): void {
  if (!readOnly) {
    const mode = db.prepare('PRAGMA journal_mode = WAL').get()?.['journal_mode'];
    if (mode !== 'wal') {
      throw new Error(`SQLite refused WAL mode for the lead database (journal_mode=${String(mode)})`);
    }
  }
  db.exec(`
    PRAGMA synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'};
    PRAGMA secure_delete = ON;
    PRAGMA journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES};
  `);
}

function assertSchemaCurrent(db: DatabaseSync): void {
  const version = getSchemaVersion(db);
  if (version !== LEAD_MIGRATIONS.length) {
    throw new Error(
      `The lead database is at schema version ${version}; this code reads version ` +
        `${LEAD_MIGRATIONS.length}. Run \`npm run leads -- migrate\` (or start the app once) to migrate it, or use matching code.`,
    );
  }
}
