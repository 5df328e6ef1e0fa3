import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/lib/leads/store.ts';
import { applyMigrations, LEAD_MIGRATIONS } from '../../../src/server/sqlite-migrations.ts';
import { buildNewLead } from './support/leads.ts';
import { useStoreFile } from './support/store-file.ts';

const MINUTE = 60_000;
const WINDOW = 10 * MINUTE;
const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

const file = useStoreFile();
const { openStore } = file;

describe('replays', () => {
  it('leave no transaction open', async () => {
    const store = openStore();
    await store.insert(buildNewLead({ submissionKey: 'key-1' }), { duplicateWindowMs: WINDOW, now: T0 });
    await store.insert(buildNewLead({ submissionKey: 'key-1' }), { duplicateWindowMs: WINDOW, now: T0 });
    expect(store.isInTransaction).toBe(false);
  });
});

describe('the database file', () => {
  it('creates missing folders 0700 and the database and its WAL files 0600', async () => {
    file.path = join(file.dir, 'data', 'nested', 'leads.db');
    const store = openStore();
    await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
    const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);
    expect({
      data: mode(join(file.dir, 'data')),
      nested: mode(join(file.dir, 'data', 'nested')),
      db: mode(file.path),
      wal: mode(`${file.path}-wal`),
      shm: mode(`${file.path}-shm`),
    }).toEqual({ data: '700', nested: '700', db: '600', wal: '600', shm: '600' });
  });

  it('runs with the durability settings in effect', () => {
    expect(openStore().getSettings()).toEqual({
      journalMode: 'wal',
      synchronous: 2,
      busyTimeoutMs: 5000,
      foreignKeys: true,
      secureDelete: true,
      journalSizeLimitBytes: 64 * 1024 * 1024,
    });
  });
});

describe('migrations', () => {
  const migrationRows = () => {
    const db = new DatabaseSync(file.path, { readOnly: true });
    try {
      return db.prepare('SELECT * FROM schema_migrations ORDER BY version').all();
    } finally {
      db.close();
    }
  };

  it('migrates a new database once; reopening applies nothing', async () => {
    await openStore().close();
    const first = migrationRows();
    expect(first.map((row) => row['version'])).toEqual(LEAD_MIGRATIONS.map((m) => m.version));
    await openStore().close();
    expect(migrationRows()).toEqual(first);
  });

  it('upgrades a database at an older version and keeps its leads', async () => {
    const old = new DatabaseSync(file.path);
    applyMigrations(old, LEAD_MIGRATIONS.slice(0, 1));
    old.exec(`INSERT INTO leads VALUES ('01KJMMA2G00000000000000000', '2026-03-01T12:00:00.000Z',
      'patient', 'new', '{"name":"Old"}', '{}', 'intake', 'normal', 60, NULL, 1, '[]', '{}', NULL, 'h')`);
    old.close();

    const store = openStore();
    expect(migrationRows().map((row) => row['version'])).toEqual(LEAD_MIGRATIONS.map((migration) => migration.version));
    expect(await store.get('01KJMMA2G00000000000000000')).toMatchObject({ fields: { name: 'Old' }, channel: null });
  });

  it('refuses to open a database newer than the code', () => {
    const newer = new DatabaseSync(file.path);
    applyMigrations(newer, [...LEAD_MIGRATIONS, { version: LEAD_MIGRATIONS.length + 1, name: 'future', sql: 'SELECT 1' }]);
    newer.close();
    expect(() => openStore()).toThrow(/newer than this code knows/);
  });
});

describe('when storage is unavailable', () => {
  // As root, chmod 0400 doesn't stop writes. A read-only connection does, for root too: SQLite
  // itself refuses the write (SQLITE_READONLY), which is the code file.path a read-only file or mount
  // takes. The CLI opens the store this way. The integration tests add an immutable file (root
  // can't write it either) and a file-size limit that fails writes like a full disk.
  it('fails an insert on a read-only database with StoreUnavailableError and writes nothing', async () => {
    const writer = openStore();
    await writer.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
    const reader = openStore({ readOnly: true });

    const failure = reader.insert(buildNewLead({ contentHash: 'new' }), {
      duplicateWindowMs: 0,
      now: at(1),
    });
    await expect(failure).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(failure).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    expect(reader.isInTransaction).toBe(false);
    expect(await reader.count()).toBe(1);
    expect(await writer.count()).toBe(1);
  });

  it('rolls back a failed insert and keeps working', async () => {
    const store = openStore({ newId: () => '01KJMMA2G00000000000000000' });
    await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
    const clash = store.insert(buildNewLead({ contentHash: 'other' }), { duplicateWindowMs: 0, now: T0 });
    // A bug, not an outage: the constraint error comes through as it is.
    await expect(clash).rejects.toThrow(/UNIQUE constraint failed: leads.id/);
    await expect(clash).rejects.not.toBeInstanceOf(StoreUnavailableError);
    expect(store.isInTransaction).toBe(false);
    expect(await store.count()).toBe(1);
    expect(await store.list()).toHaveLength(1);
  });

  it('fails with StoreUnavailableError (SQLITE_NOTADB) on a file that is not SQLite, and opens once it is fixed', async () => {
    writeFileSync(file.path, 'notes, not a database\n'.repeat(200));
    expect(() => openStore()).toThrow(expect.objectContaining({ name: 'StoreUnavailableError', code: 'SQLITE_NOTADB', reason: 'file is not a database' }));
    expect(() => openStore({ readOnly: true })).toThrow(StoreUnavailableError);
    rmSync(file.path);
    const store = openStore();
    await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
    expect(await store.count()).toBe(1);
  });

  it('fails with StoreUnavailableError when a read-only database is missing', () => {
    expect(() => openStore({ readOnly: true })).toThrow(StoreUnavailableError);
  });

  it('refuses to read a database at an older schema version', () => {
    const old = new DatabaseSync(file.path);
    applyMigrations(old, LEAD_MIGRATIONS.slice(0, 1));
    old.close();
    expect(() => openStore({ readOnly: true })).toThrow(`The lead database is at schema version 1; this code reads version ${LEAD_MIGRATIONS.length}.`);
  });

  it('waits the busy timeout for a lock, fails with StoreUnavailableError, then recovers', async () => {
    const store = openStore({ busyTimeoutMs: 150 });
    const other = new DatabaseSync(file.path, { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      const failure = store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
      await expect(failure).rejects.toMatchObject({
        name: 'StoreUnavailableError',
        code: 'SQLITE_BUSY',
      });
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      expect(store.isInTransaction).toBe(false);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const { replayed } = await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
    expect(replayed).toBe(false);
    expect(await store.count()).toBe(1);
  });
});
