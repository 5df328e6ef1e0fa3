import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { FormTokenUse, InsertResult, NewLead } from '../../../src/lib/leads/store.ts';
import type { SqliteLeadStore } from '../../../src/server/sqlite-lead-store.ts';
import { buildNewLead } from './support/leads.ts';
import { useStoreFile } from './support/store-file.ts';

// A form token's uses are counted by the store, in the lead's own savepoint of the group commit:
// the count goes with the lead, is undone with it, and is kept in the file across restarts.

const T0 = new Date('2026-03-01T12:00:00.000Z');
const DAY = 24 * 60 * 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

const file = useStoreFile();
const { openStore } = file;

const token = (nonce: string, overrides: Partial<FormTokenUse> = {}): FormTokenUse => ({
  nonce,
  expiresAt: at(DAY),
  maxUses: 3,
  whenOverused: { status: 'spam', route: { queue: 'spam-quarantine', priority: 'low', responseTargetMinutes: 10_080, matchedRule: 'spam checks' }, score: 0, flags: ['token-reused'] },
  ...overrides,
});

const insert = (store: SqliteLeadStore, lead: NewLead, use: FormTokenUse | undefined, now = T0) =>
  store.insert(lead, { duplicateWindowMs: 0, now, formToken: use });

/** Starts all inserts in one turn, so that they share one transaction. */
const insertTogether = (store: SqliteLeadStore, leads: NewLead[], use: FormTokenUse) =>
  Promise.allSettled(leads.map((lead) => insert(store, lead, use)));

const statusOf = (outcome: PromiseSettledResult<InsertResult> | undefined) =>
  outcome?.status === 'fulfilled' ? outcome.value.lead.status : `rejected`;

/** The counts as a second connection reads them from the file. */
function readUses(): Record<string, number> {
  const db = new DatabaseSync(file.path, { readOnly: true });
  try {
    return Object.fromEntries(db.prepare('SELECT nonce, uses FROM form_token_uses').all().map((row) => [String(row['nonce']), Number(row['uses'])]));
  } finally {
    db.close();
  }
}

describe('form token uses', () => {
  it('stores the first maxUses leads as they are and the next as whenOverused says', async () => {
    const store = openStore();
    const stored = [];
    for (let i = 0; i < 5; i++) stored.push((await insert(store, buildNewLead({ contentHash: `h${i}`, flags: ['after-hours'] }), token('n1'))).lead);
    expect(stored.map((lead) => lead.status)).toEqual(['new', 'new', 'new', 'spam', 'spam']);
    expect(stored[3]).toMatchObject({ route: { queue: 'spam-quarantine', matchedRule: 'spam checks' }, score: 0, flags: ['token-reused'] });
    // Everything else is the lead as it was given.
    expect(stored[3]).toMatchObject({ fields: stored[0]?.fields, contentHash: 'h3', leadType: 'patient' });
    expect(readUses()).toEqual({ n1: 5 });
  });

  it('counts each token on its own, and nothing for a lead without one', async () => {
    const store = openStore();
    for (let i = 0; i < 3; i++) await insert(store, buildNewLead({ contentHash: `a${i}` }), token('a'));
    await insert(store, buildNewLead({ contentHash: 'none' }), undefined);
    expect((await insert(store, buildNewLead({ contentHash: 'b0' }), token('b'))).lead.status).toBe('new');
    expect(readUses()).toEqual({ a: 3, b: 1 });
  });

  it('counts in arrival order inside one group', async () => {
    const store = openStore();
    const outcomes = await insertTogether(store, Array.from({ length: 4 }, (_, i) => buildNewLead({ contentHash: `g${i}` })), token('n1'));
    expect(store.getGroupCommitStats()).toEqual({ groups: 1, inserts: 4, largestGroup: 4 });
    expect(outcomes.map(statusOf)).toEqual(['new', 'new', 'new', 'spam']);
  });

  it('undoes the use of a lead that fails on its own, with the lead', async () => {
    const store = openStore();
    const other = new DatabaseSync(file.path, { timeout: 1000 });
    other.exec(`CREATE TRIGGER refuse_flagged BEFORE INSERT ON leads WHEN NEW.content_hash = 'refused'
      BEGIN SELECT RAISE(ABORT, 'refused by a database check'); END;`);
    other.close();
    const leads = ['first', 'refused', 'third', 'fourth'].map((contentHash) => buildNewLead({ contentHash }));
    const outcomes = await insertTogether(store, leads, token('n1'));
    expect(store.getGroupCommitStats().largestGroup).toBe(4);
    // Three leads stored, three uses: the refused one's use went with it.
    expect(outcomes.map(statusOf)).toEqual(['new', 'rejected', 'new', 'new']);
    expect(readUses()).toEqual({ n1: 3 });
  });

  it('counts nothing for a replay, which stores nothing', async () => {
    const store = openStore();
    const lead = buildNewLead({ submissionKey: 'key-1' });
    for (let i = 0; i < 5; i++) expect((await insert(store, lead, token('n1'))).replayed).toBe(i > 0);
    expect(readUses()).toEqual({ n1: 1 });
  });

  it('keeps the count across a restart', async () => {
    const first = openStore();
    for (let i = 0; i < 3; i++) await insert(first, buildNewLead({ contentHash: `h${i}` }), token('n1'));
    await first.close();
    const second = openStore();
    expect((await insert(second, buildNewLead({ contentHash: 'after-restart' }), token('n1'))).lead.status).toBe('spam');
  });

  it('forgets the counts of tokens past their expiry as leads with tokens come in', async () => {
    const store = openStore();
    await insert(store, buildNewLead({ contentHash: 'old' }), token('old', { expiresAt: at(DAY) }));
    await insert(store, buildNewLead({ contentHash: 'young' }), token('young', { expiresAt: at(3 * DAY) }));
    await insert(store, buildNewLead({ contentHash: 'untokened' }), undefined, at(2 * DAY));
    expect(Object.keys(readUses()).sort()).toEqual(['old', 'young']);
    await insert(store, buildNewLead({ contentHash: 'next' }), token('next', { expiresAt: at(4 * DAY) }), at(2 * DAY));
    expect(Object.keys(readUses()).sort()).toEqual(['next', 'young']);
  });

  it.each([
    ['an empty nonce', token('')],
    ['an invalid expiry', token('n', { expiresAt: new Date(Number.NaN) })],
    ['no uses allowed', token('n', { maxUses: 0 })],
    ['an unknown status when overused', token('n', { whenOverused: { ...token('n').whenOverused, status: 'deleted' as never } })],
  ])('refuses a token use with %s, storing nothing', async (_, use) => {
    const store = openStore();
    await expect(insert(store, buildNewLead(), use)).rejects.toThrow();
    expect(await store.count()).toBe(0);
  });
});
