import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { createLeadIdFactory } from '../../../src/server/lead-id.ts';
import { StoreUnavailableError } from '../../../src/lib/leads/store.ts';
import type { InsertResult, NewLead } from '../../../src/lib/leads/store.ts';
import type { SqliteLeadStore } from '../../../src/server/sqlite-lead-store.ts';
import { buildNewLead } from './support/leads.ts';
import { useStoreFile } from './support/store-file.ts';

// Inserts called in the same turn of the event loop share one transaction and one fsync. Each
// test checks with getGroupCommitStats() that its inserts really were one group, so that it
// tests the rules inside a group and not one insert after another.

const WINDOW = 10 * 60_000;
const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

const file = useStoreFile();
const { openStore, execOther } = file;

/** Ids from a real factory, except the ones a test wants to clash. */
function idsWith(overrides: Record<number, string>) {
  const real = createLeadIdFactory();
  let call = 0;
  return (now: Date) => overrides[call++] ?? real(now);
}

/** Starts all inserts in one turn (one group) and waits for each to settle. */
function insertTogether(store: SqliteLeadStore, leads: { lead: NewLead; now?: Date; windowMs?: number }[]) {
  return Promise.allSettled(leads.map(({ lead, now = T0, windowMs = WINDOW }) => store.insert(lead, { duplicateWindowMs: windowMs, now })));
}

function storedLead(outcome: PromiseSettledResult<InsertResult> | undefined): InsertResult {
  if (outcome?.status !== 'fulfilled') throw new Error(`Expected a stored lead, got ${String(outcome?.status)}`);
  return outcome.value;
}

const SAME_ID = '01KJMMA2G00000000000000000';

describe('grouping', () => {
  it('commits inserts made in the same turn in one transaction, each in order with its own id', async () => {
    const store = openStore();
    const outcomes = await insertTogether(
      store,
      Array.from({ length: 5 }, (_, index) => ({ lead: buildNewLead({ contentHash: `hash-${index}` }) })),
    );
    const ids = outcomes.map((outcome) => storedLead(outcome).lead.id);
    expect(store.getGroupCommitStats()).toEqual({ groups: 1, inserts: 5, largestGroup: 5 });
    expect(new Set(ids).size).toBe(5);
    expect([...ids].sort()).toEqual(ids);
    expect((await store.list()).map((lead) => lead.id).reverse()).toEqual(ids);
    expect(store.isInTransaction).toBe(false);
  });

  it('groups inserts made by different callbacks of the same event-loop turn, as concurrent requests are', async () => {
    const store = openStore();
    // Each request reaches insert() from its own I/O callback; these two callbacks stand for two
    // requests taken in together after a COMMIT.
    const pending = await new Promise<Promise<InsertResult>[]>((resolve) => {
      const inserts: Promise<InsertResult>[] = [];
      const insertOne = (hash: string) => inserts.push(store.insert(buildNewLead({ contentHash: hash }), { duplicateWindowMs: WINDOW, now: T0 }));
      setImmediate(() => insertOne('first-request'));
      setImmediate(() => {
        insertOne('second-request');
        resolve(inserts);
      });
    });
    await Promise.all(pending);
    expect(store.getGroupCommitStats()).toEqual({ groups: 1, inserts: 2, largestGroup: 2 });
  });

  it('does not hold back an insert made alone: each awaited insert is its own group', async () => {
    const store = openStore();
    for (let index = 0; index < 3; index++) {
      await store.insert(buildNewLead({ contentHash: `hash-${index}` }), { duplicateWindowMs: 0, now: at(index) });
    }
    expect(store.getGroupCommitStats()).toEqual({ groups: 3, inserts: 3, largestGroup: 1 });
  });

  it('splits a large burst into groups of at most 256', async () => {
    const store = openStore();
    const outcomes = await insertTogether(
      store,
      Array.from({ length: 300 }, (_, index) => ({ lead: buildNewLead({ contentHash: `hash-${index}` }) })),
    );
    expect(outcomes.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(store.getGroupCommitStats()).toEqual({ groups: 2, inserts: 300, largestGroup: 256 });
    expect(await store.count()).toBe(300);
  });

  it('stores the lead as it was when insert was called, whatever the caller changes later', async () => {
    const store = openStore();
    const lead = buildNewLead({ flags: ['after-hours'] });
    const now = new Date(T0);
    const pending = store.insert(lead, { duplicateWindowMs: 0, now });
    lead.fields['name'] = 'Changed';
    lead.flags.push('changed');
    now.setTime(0);
    const { lead: stored } = await pending;
    expect(stored.fields['name']).toBe('Ada Lovelace');
    expect(stored.flags).toEqual(['after-hours']);
    expect(stored.createdAt).toBe(T0.toISOString());
  });
});

describe('per-lead rules inside one group', () => {
  it('stores one lead for two posts with the same submission key and replays it to the second', async () => {
    const store = openStore();
    const [first, second] = await insertTogether(store, [
      { lead: buildNewLead({ submissionKey: 'key-1', contentHash: 'a' }) },
      { lead: buildNewLead({ submissionKey: 'key-1', contentHash: 'b' }), now: at(1) },
    ]);
    expect(store.getGroupCommitStats().largestGroup).toBe(2);
    expect(storedLead(first).replayed).toBe(false);
    expect(storedLead(second)).toEqual({ lead: storedLead(first).lead, replayed: true });
    expect(await store.count()).toBe(1);
  });

  it('replays the same content without a key inside the duplicate window, not with a window of 0', async () => {
    const store = openStore();
    const [first, repeat, unchecked] = await insertTogether(store, [{ lead: buildNewLead() }, { lead: buildNewLead(), now: at(1) }, { lead: buildNewLead(), now: at(2), windowMs: 0 }]);
    expect(store.getGroupCommitStats()).toEqual({ groups: 1, inserts: 3, largestGroup: 3 });
    expect(storedLead(repeat)).toEqual({ lead: storedLead(first).lead, replayed: true });
    expect(storedLead(unchecked).replayed).toBe(false);
    expect(await store.count()).toBe(2);
  });

  it('does not replay a lead of the group that was undone: the next one with its key is stored', async () => {
    const store = openStore({ newId: idsWith({ 0: SAME_ID, 1: SAME_ID }) });
    await store.insert(buildNewLead({ contentHash: 'existing' }), { duplicateWindowMs: 0, now: T0 });
    const [clash, retry] = await insertTogether(store, [
      { lead: buildNewLead({ submissionKey: 'key-1', contentHash: 'a' }) },
      { lead: buildNewLead({ submissionKey: 'key-1', contentHash: 'b' }), now: at(1) },
    ]);
    expect(store.getGroupCommitStats().largestGroup).toBe(2);
    expect(clash?.status).toBe('rejected');
    expect(storedLead(retry).replayed).toBe(false);
    expect(storedLead(retry).lead.contentHash).toBe('b');
    expect(await store.count()).toBe(2);
  });
});

describe('a lead that fails on its own', () => {
  it('is rejected with its constraint error while the rest of its group is stored', async () => {
    const store = openStore({ newId: idsWith({ 0: SAME_ID, 2: SAME_ID }) });
    await store.insert(buildNewLead({ contentHash: 'existing' }), { duplicateWindowMs: 0, now: T0 });
    const [before, clash, after] = await insertTogether(store, [
      { lead: buildNewLead({ contentHash: 'before' }) },
      { lead: buildNewLead({ contentHash: 'clash' }) },
      { lead: buildNewLead({ contentHash: 'after' }) },
    ]);
    expect(store.getGroupCommitStats()).toEqual({ groups: 2, inserts: 4, largestGroup: 3 });
    expect(clash?.status).toBe('rejected');
    const reason: unknown = clash?.status === 'rejected' ? clash.reason : undefined;
    // A bug, not an outage: the constraint error comes through as it is.
    expect(reason).toBeInstanceOf(Error);
    expect(String(reason)).toMatch(/UNIQUE constraint failed: leads.id/);
    expect(reason).not.toBeInstanceOf(StoreUnavailableError);
    const stored = (await store.list()).map((lead) => lead.contentHash).sort();
    expect(stored).toEqual(['after', 'before', 'existing']);
    expect([storedLead(before).lead.contentHash, storedLead(after).lead.contentHash]).toEqual(['before', 'after']);
    expect(store.isInTransaction).toBe(false);
  });

  it('is rejected when a database check refuses it (a trigger), and only it', async () => {
    const store = openStore();
    execOther(`CREATE TRIGGER refuse_flagged BEFORE INSERT ON leads WHEN NEW.content_hash = 'refused'
      BEGIN SELECT RAISE(ABORT, 'refused by a database check'); END;`);
    const outcomes = await insertTogether(store, [
      { lead: buildNewLead({ contentHash: 'first' }) },
      { lead: buildNewLead({ contentHash: 'refused' }) },
      { lead: buildNewLead({ contentHash: 'third' }) },
    ]);
    expect(store.getGroupCommitStats()).toEqual({ groups: 1, inserts: 3, largestGroup: 3 });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[1]).toMatchObject({ reason: { message: expect.stringMatching(/refused by a database check/) } });
    expect((await store.list()).map((lead) => lead.contentHash).sort()).toEqual(['first', 'third']);
  });
});

describe('a failure of the group', () => {
  it('rolls back every insert of the group and rejects each with StoreUnavailableError when storage fails midway', async () => {
    // The third insert's id comes with storage failing (SQLITE_FULL as node:sqlite reports it),
    // after two leads of the group were written inside the transaction.
    const full = Object.assign(new Error('database or disk is full'), { code: 'ERR_SQLITE_ERROR', errcode: 13, errstr: 'database or disk is full' });
    const real = createLeadIdFactory();
    let calls = 0;
    const store = openStore({
      newId: (now) => {
        calls += 1;
        if (calls === 3) throw full;
        return real(now);
      },
    });
    const outcomes = await insertTogether(
      store,
      Array.from({ length: 4 }, (_, index) => ({ lead: buildNewLead({ contentHash: `hash-${index}` }) })),
    );
    expect(store.getGroupCommitStats()).toEqual({ groups: 1, inserts: 4, largestGroup: 4 });
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const reason: unknown = outcome.status === 'rejected' ? outcome.reason : undefined;
      expect(reason).toBeInstanceOf(StoreUnavailableError);
      expect(reason).toMatchObject({ code: 'SQLITE_FULL' });
    }
    expect(store.isInTransaction).toBe(false);
    expect(await store.count()).toBe(0);
    // Storage is back: the next insert works.
    const { replayed } = await store.insert(buildNewLead({ contentHash: 'later' }), { duplicateWindowMs: 0, now: T0 });
    expect(replayed).toBe(false);
    expect(await store.count()).toBe(1);
  });

  it("writes the others again when one lead's own failure ends the transaction (not storage)", async () => {
    const store = openStore();
    execOther(`CREATE TRIGGER end_transaction BEFORE INSERT ON leads WHEN NEW.content_hash = 'ends-it'
      BEGIN SELECT RAISE(ROLLBACK, 'transaction ended by a database check'); END;`);
    const outcomes = await insertTogether(store, [
      { lead: buildNewLead({ contentHash: 'first' }) },
      { lead: buildNewLead({ contentHash: 'ends-it' }) },
      { lead: buildNewLead({ contentHash: 'third' }) },
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[1]).toMatchObject({ reason: { message: expect.stringMatching(/transaction ended by a database check/) } });
    expect(outcomes[1]).not.toMatchObject({ reason: expect.any(StoreUnavailableError) });
    expect(store.getGroupCommitStats()).toEqual({ groups: 2, inserts: 5, largestGroup: 3 });
    expect(store.isInTransaction).toBe(false);
    expect((await store.list()).map((lead) => lead.contentHash).sort()).toEqual(['first', 'third']);
  });

  it('waits the busy timeout once for the whole group, then rejects all of it as busy', async () => {
    const store = openStore({ busyTimeoutMs: 150 });
    const other = new DatabaseSync(file.path, { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    let outcomes: PromiseSettledResult<InsertResult>[];
    try {
      outcomes = await insertTogether(
        store,
        Array.from({ length: 3 }, (_, index) => ({ lead: buildNewLead({ contentHash: `hash-${index}` }) })),
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(store.getGroupCommitStats()).toEqual({ groups: 1, inserts: 3, largestGroup: 3 });
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: { name: 'StoreUnavailableError', code: 'SQLITE_BUSY' } });
    }
    expect(await store.count()).toBe(0);
  });

  it('keeps the groups before and after a failed one', async () => {
    const store = openStore({ busyTimeoutMs: 50 });
    const before = await insertTogether(store, [{ lead: buildNewLead({ contentHash: 'a' }) }, { lead: buildNewLead({ contentHash: 'b' }) }]);
    const other = new DatabaseSync(file.path, { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    const failed = await insertTogether(store, [{ lead: buildNewLead({ contentHash: 'c' }) }, { lead: buildNewLead({ contentHash: 'd' }) }]);
    other.exec('ROLLBACK');
    other.close();
    const after = await insertTogether(store, [{ lead: buildNewLead({ contentHash: 'e' }) }, { lead: buildNewLead({ contentHash: 'f' }) }]);
    expect([...before, ...failed, ...after].map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
    expect((await store.list()).map((lead) => lead.contentHash).sort()).toEqual(['a', 'b', 'e', 'f']);
    expect(store.getGroupCommitStats()).toEqual({ groups: 3, inserts: 6, largestGroup: 2 });
  });
});
