import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { isLeadId } from '../../../src/server/lead-id.ts';
import { StoreUnavailableError } from '../../../src/lib/leads/store.ts';
import type { NewLead } from '../../../src/lib/leads/store.ts';
import { applyMigrations, LEAD_MIGRATIONS } from '../../../src/server/sqlite-migrations.ts';
import { buildNewLead } from './support/leads.ts';
import { useStoreFile } from './support/store-file.ts';

const MINUTE = 60_000;
const WINDOW = 10 * MINUTE;
const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

const file = useStoreFile();
const { openStore } = file;

describe('insert, get, list, count', () => {
  it('stores a lead and reads the same lead back', async () => {
    const store = openStore();
    const input = buildNewLead({ flags: ['after-hours'], submissionKey: 'key-1', score: 72.5 });
    const { lead, replayed } = await store.insert(input, { duplicateWindowMs: WINDOW, now: T0 });
    expect(replayed).toBe(false);
    expect(isLeadId(lead.id)).toBe(true);
    expect(lead).toEqual({ ...input, id: lead.id, createdAt: '2026-03-01T12:00:00.000Z' });
    expect(await store.get(lead.id)).toEqual(lead);
    expect(await store.count()).toBe(1);
  });

  it('keeps the channel and its rule in their own columns', async () => {
    const store = openStore();
    const { lead } = await store.insert(buildNewLead({ channel: { channel: 'paid-search', rule: 'ad-click-id' } }), { duplicateWindowMs: 0, now: T0 });
    expect((await store.get(lead.id))?.channel).toEqual({ channel: 'paid-search', rule: 'ad-click-id' });
    const db = new DatabaseSync(file.path, { readOnly: true });
    try {
      expect({ ...db.prepare('SELECT channel, channel_rule FROM leads WHERE id = ?').get(lead.id) }).toEqual({ channel: 'paid-search', channel_rule: 'ad-click-id' });
    } finally {
      db.close();
    }
  });

  it('reads a lead stored before channels were kept with no channel', async () => {
    const store = openStore();
    const { lead } = await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
    const db = new DatabaseSync(file.path);
    db.prepare('UPDATE leads SET channel = NULL, channel_rule = NULL WHERE id = ?').run(lead.id);
    db.close();
    expect((await store.get(lead.id))?.channel).toBeNull();
  });

  it('keeps leads after the store is closed and opened again', async () => {
    const first = openStore();
    const { lead } = await first.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
    await first.close();
    expect(await openStore().get(lead.id)).toEqual(lead);
  });

  it('returns null for an id it does not have', async () => {
    expect(await openStore().get('01KJMMA2G00000000000000000')).toBeNull();
  });

  it('lists newest first, filters by status and honours a limit', async () => {
    const store = openStore();
    const statuses = ['new', 'spam', 'new', 'booked', 'new'] as const;
    const ids: string[] = [];
    for (const [index, status] of statuses.entries()) {
      const input = buildNewLead({ status, contentHash: `hash-${index}` });
      ids.push((await store.insert(input, { duplicateWindowMs: WINDOW, now: at(index) })).lead.id);
    }
    const idsOf = (leads: { id: string }[]) => leads.map((lead) => lead.id);
    expect(idsOf(await store.list())).toEqual([...ids].reverse());
    expect(idsOf(await store.list({ status: 'new' }))).toEqual([ids[4], ids[2], ids[0]]);
    expect(idsOf(await store.list({ status: 'new', limit: 2 }))).toEqual([ids[4], ids[2]]);
    expect(idsOf(await store.list({ limit: 0 }))).toEqual([]);
    expect(await store.list({ status: 'closed' })).toEqual([]);
    expect(await store.count()).toBe(5);
    await expect(store.list({ limit: -1 })).rejects.toThrow(RangeError);
  });

  it('gives concurrent inserts distinct ids in the order they were made', async () => {
    const store = openStore();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        store.insert(buildNewLead({ contentHash: `hash-${index}` }), {
          duplicateWindowMs: WINDOW,
          now: T0,
        }),
      ),
    );
    const ids = results.map((result) => result.lead.id);
    expect(new Set(ids).size).toBe(50);
    expect([...ids].sort()).toEqual(ids);
    expect(await store.count()).toBe(50);
  });

  it.each<[string, Partial<NewLead>]>([
    ['an unknown lead type', { leadType: 'vendor' as NewLead['leadType'] }],
    ['an unknown status', { status: 'deleted' as NewLead['status'] }],
    ['a fractional response target', { route: { ...buildNewLead().route, responseTargetMinutes: 1.5 } }],
    ['a score that is not a number', { score: Number.NaN }],
    ['an unknown channel', { channel: { channel: 'print' as NewLead['channel']['channel'], rule: 'poster' } }],
    ['a channel without its rule', { channel: { channel: 'direct', rule: '' } }],
  ])('rejects %s without writing', async (_, overrides) => {
    const store = openStore();
    await expect(
      store.insert(buildNewLead(overrides), { duplicateWindowMs: WINDOW, now: T0 }),
    ).rejects.toThrow(TypeError);
    expect(await store.count()).toBe(0);
  });

  it('rejects calls after close', async () => {
    const store = openStore();
    await store.close();
    await expect(store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 })).rejects.toThrow(
      'The lead store is closed',
    );
    await expect(store.count()).rejects.toThrow('The lead store is closed');
  });

  it('finishes an insert that was queued before close', async () => {
    const store = openStore();
    const pending = store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
    await store.close();
    const { lead } = await pending;
    expect(await openStore().get(lead.id)).toEqual(lead);
  });
});

describe('replays', () => {
  it('returns the stored lead for a repeated submission key, whatever else changed', async () => {
    const store = openStore();
    const first = await store.insert(buildNewLead({ submissionKey: 'key-1' }), {
      duplicateWindowMs: WINDOW,
      now: T0,
    });
    const again = await store.insert(
      buildNewLead({ submissionKey: 'key-1', contentHash: 'edited', status: 'spam' }),
      { duplicateWindowMs: WINDOW, now: at(24 * 60 * MINUTE) },
    );
    expect(again).toEqual({ lead: first.lead, replayed: true });
    expect(await store.count()).toBe(1);
    expect(store.isInTransaction).toBe(false);
  });

  it('backs the key with a UNIQUE constraint', async () => {
    const store = openStore();
    await store.insert(buildNewLead({ submissionKey: 'key-1' }), { duplicateWindowMs: 0, now: T0 });
    const other = new DatabaseSync(file.path, { timeout: 1000 });
    try {
      expect(() =>
        other.exec(
          `INSERT INTO leads SELECT 'X' || id, created_at, lead_type, status, fields, attribution,
             route_queue, route_priority, route_response_target_minutes, route_matched_rule, score,
             flags, fit, submission_key, 'other', version, first_contacted_at, purged_at, channel, channel_rule FROM leads`,
        ),
      ).toThrow(/UNIQUE constraint failed: leads.submission_key/);
    } finally {
      other.close();
    }
  });

  // The duplicate window catches posts without a key (no JavaScript) sent twice.
  it.each([
    ['just after', 1, true],
    ['inside', WINDOW - 1, true],
    ['exactly at the end of', WINDOW, false],
    ['after', WINDOW + MINUTE, false],
  ])('same content %s the window → replayed %s', async (_, elapsed, replayed) => {
    const store = openStore();
    const first = await store.insert(buildNewLead(), { duplicateWindowMs: WINDOW, now: T0 });
    const second = await store.insert(buildNewLead(), { duplicateWindowMs: WINDOW, now: at(elapsed) });
    expect(second.replayed).toBe(replayed);
    expect(second.lead.id === first.lead.id).toBe(replayed);
    expect(await store.count()).toBe(replayed ? 1 : 2);
  });

  it('replays the newest match when several share the content', async () => {
    const store = openStore();
    await store.insert(buildNewLead(), { duplicateWindowMs: WINDOW, now: T0 });
    const newer = await store.insert(buildNewLead(), { duplicateWindowMs: WINDOW, now: at(WINDOW + 1) });
    const again = await store.insert(buildNewLead(), { duplicateWindowMs: WINDOW, now: at(WINDOW + 2) });
    expect(again).toEqual({ lead: newer.lead, replayed: true });
  });

  it('stores different content inside the window, and anything when the window is 0', async () => {
    const store = openStore();
    await store.insert(buildNewLead(), { duplicateWindowMs: WINDOW, now: T0 });
    const other = await store.insert(buildNewLead({ contentHash: 'hash-other' }), {
      duplicateWindowMs: WINDOW,
      now: at(1),
    });
    const unchecked = await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: at(2) });
    expect([other.replayed, unchecked.replayed]).toEqual([false, false]);
    expect(await store.count()).toBe(3);
  });

  it('treats the same content under a new key inside the window as a duplicate', async () => {
    const store = openStore();
    const first = await store.insert(buildNewLead({ submissionKey: 'key-1' }), {
      duplicateWindowMs: WINDOW,
      now: T0,
    });
    const second = await store.insert(buildNewLead({ submissionKey: 'key-2' }), {
      duplicateWindowMs: WINDOW,
      now: at(MINUTE),
    });
    expect(second).toEqual({ lead: first.lead, replayed: true });
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
    applyMigrations(newer, [
      ...LEAD_MIGRATIONS,
      { version: LEAD_MIGRATIONS.length + 1, name: 'future', sql: 'SELECT 1' },
    ]);
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
    expect(() => openStore({ readOnly: true })).toThrow(
      `The lead database is at schema version 1; this code reads version ${LEAD_MIGRATIONS.length}.`,
    );
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
