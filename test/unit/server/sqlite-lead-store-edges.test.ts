import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { createLeadIdFactory } from '../../../src/server/lead-id.ts';
import { StoreUnavailableError } from '../../../src/lib/leads/store.ts';
import type { InsertResult, NewLead } from '../../../src/lib/leads/store.ts';
import type { SqliteLeadStore } from '../../../src/server/sqlite-lead-store.ts';
import { applyMigrations, LEAD_MIGRATIONS } from '../../../src/server/sqlite-migrations.ts';
import { buildNewLead } from './support/leads.ts';
import { useStoreFile } from './support/store-file.ts';

// The edges of the SQLite lead store that the store contract (lead-store.test.ts, where the input
// every store refuses is) and the group-commit tests leave out: what its errors say, and failures
// that end a group in unusual places.

const T0 = new Date('2026-03-01T12:00:00.000Z');

const file = useStoreFile();
const { openStore, execOther } = file;

/** Starts all inserts in one turn (one group) and waits for each to settle. */
function insertTogether(store: SqliteLeadStore, leads: NewLead[]): Promise<PromiseSettledResult<InsertResult>[]> {
  return Promise.allSettled(leads.map((lead) => store.insert(lead, { duplicateWindowMs: 0, now: T0 })));
}

const reasonOf = (outcome: PromiseSettledResult<unknown> | undefined): unknown => (outcome?.status === 'rejected' ? outcome.reason : undefined);

describe('what its errors say', () => {
  it('names the database it cannot open', () => {
    expect(() => openStore({ readOnly: true })).toThrow(/^Lead store unavailable while trying to open the lead database: SQLITE_CANTOPEN \(/);
  });

  it('names a write that storage refused', async () => {
    await openStore().insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
    const reader = openStore({ readOnly: true });
    await expect(reader.insert(buildNewLead({ contentHash: 'new' }), { duplicateWindowMs: 0, now: T0 })).rejects.toThrow(/^Lead store unavailable while trying to store a lead: SQLITE_READONLY \(/);
  });

  it.each<[string, (store: SqliteLeadStore) => Promise<unknown>]>([
    ['read a lead', (store) => store.get('01KJMMA2G00000000000000000')],
    ['list leads', (store) => store.list()],
    ['count leads', (store) => store.count()],
  ])('names a read that found the database locked: %s', async (action, read) => {
    // A database in rollback-journal mode (as another tool may leave one), which the read-only
    // store opens as it is: a writer's exclusive lock keeps readers out, unlike in WAL mode.
    const db = new DatabaseSync(file.path);
    applyMigrations(db, LEAD_MIGRATIONS);
    const store = openStore({ readOnly: true, busyTimeoutMs: 20 });
    db.exec('BEGIN EXCLUSIVE');
    try {
      const failure = read(store);
      await expect(failure).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(failure).rejects.toThrow(`Lead store unavailable while trying to ${action}: SQLITE_BUSY (database is locked)`);
    } finally {
      db.exec('ROLLBACK');
      db.close();
    }
    await expect(read(store)).resolves.toBeDefined();
  });
});

describe('closing', () => {
  it('releases the database: its WAL is checkpointed and removed', async () => {
    const store = openStore();
    await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
    expect(existsSync(`${file.path}-wal`)).toBe(true);
    await store.close();
    expect(existsSync(`${file.path}-wal`)).toBe(false);
    expect(existsSync(file.path)).toBe(true);
  });
});

describe('failures that end a group', () => {
  it('keeps the own reason of a lead that failed before storage failed the group', async () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'ERR_SQLITE_ERROR', errcode: 13, errstr: 'database or disk is full' });
    const real = createLeadIdFactory();
    const clash = '01KJMMA2G00000000000000000';
    let calls = 0;
    const store = openStore({
      newId: (now) => {
        calls += 1;
        if (calls === 1 || calls === 2) return clash;
        if (calls === 4) throw full;
        return real(now);
      },
    });
    await store.insert(buildNewLead({ contentHash: 'existing' }), { duplicateWindowMs: 0, now: T0 });
    const outcomes = await insertTogether(
      store,
      ['clash', 'written', 'full'].map((contentHash) => buildNewLead({ contentHash })),
    );
    expect(store.getGroupCommitStats()).toEqual({ groups: 2, inserts: 4, largestGroup: 3 });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String(reasonOf(outcomes[0]))).toMatch(/UNIQUE constraint failed: leads.id/);
    expect(reasonOf(outcomes[1])).toMatchObject({ name: 'StoreUnavailableError', code: 'SQLITE_FULL' });
    expect(reasonOf(outcomes[2])).toMatchObject({ name: 'StoreUnavailableError', code: 'SQLITE_FULL' });
    expect((await store.list()).map((lead) => lead.contentHash)).toEqual(['existing']);
  });

  it('fails every lead of the group with the error of a check that only COMMIT makes (a deferred foreign key)', async () => {
    const store = openStore();
    execOther(`
      CREATE TABLE audit_log (lead_id TEXT NOT NULL REFERENCES audit_parent (id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TABLE audit_parent (id TEXT PRIMARY KEY);
      CREATE TRIGGER log_lead AFTER INSERT ON leads BEGIN INSERT INTO audit_log VALUES (NEW.id); END;`);
    const outcomes = await insertTogether(
      store,
      ['a', 'b'].map((contentHash) => buildNewLead({ contentHash })),
    );
    expect(store.getGroupCommitStats()).toEqual({ groups: 1, inserts: 2, largestGroup: 2 });
    for (const outcome of outcomes) {
      expect(String(reasonOf(outcome))).toMatch(/FOREIGN KEY constraint failed/);
      expect(reasonOf(outcome)).not.toBeInstanceOf(StoreUnavailableError);
    }
    expect(store.isInTransaction).toBe(false);
    expect(await store.count()).toBe(0);
  });

  it('writes no second group when the lead whose failure ended the transaction was alone', async () => {
    const store = openStore();
    execOther(`CREATE TRIGGER end_transaction BEFORE INSERT ON leads WHEN NEW.content_hash = 'ends-it'
      BEGIN SELECT RAISE(ROLLBACK, 'transaction ended by a database check'); END;`);
    const [outcome] = await insertTogether(store, [buildNewLead({ contentHash: 'ends-it' })]);
    expect(String(reasonOf(outcome))).toMatch(/transaction ended by a database check/);
    expect(store.getGroupCommitStats()).toEqual({ groups: 1, inserts: 1, largestGroup: 1 });
  });
});
