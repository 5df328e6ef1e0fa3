import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { FormTokenUse, InsertResult, NewLead } from '../../../src/lib/leads/store.ts';
import type { SqliteLeadStore } from '../../../src/server/sqlite-lead-store.ts';
import { buildNewLead } from './support/leads.ts';
import { useStoreFile } from './support/store-file.ts';

// How SQLite's group commit counts a form token's uses: in each lead's own savepoint, in arrival
// order. What every store does with them is in form-token-uses.test.ts.

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

const insert = (store: SqliteLeadStore, lead: NewLead, use: FormTokenUse | undefined, now = T0) => store.insert(lead, { duplicateWindowMs: 0, now, formToken: use });

/** Starts all inserts in one turn, so that they share one transaction. */
const insertTogether = (store: SqliteLeadStore, leads: NewLead[], use: FormTokenUse) => Promise.allSettled(leads.map((lead) => insert(store, lead, use)));

const statusOf = (outcome: PromiseSettledResult<InsertResult> | undefined) => (outcome?.status === 'fulfilled' ? outcome.value.lead.status : `rejected`);

/** The counts as a second connection reads them from the file. */
function readUses(): Record<string, number> {
  const db = new DatabaseSync(file.path, { readOnly: true });
  try {
    return Object.fromEntries(
      db
        .prepare('SELECT nonce, uses FROM form_token_uses')
        .all()
        .map((row) => [String(row['nonce']), Number(row['uses'])]),
    );
  } finally {
    db.close();
  }
}

describe('form token uses in a group commit', () => {
  it('counts in arrival order inside one group', async () => {
    const store = openStore();
    const outcomes = await insertTogether(
      store,
      Array.from({ length: 4 }, (_, i) => buildNewLead({ contentHash: `g${i}` })),
      token('n1'),
    );
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
});
