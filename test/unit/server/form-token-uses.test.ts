import { describe, expect, it } from 'vitest';
import type { FormTokenUse, LeadStore, NewLead } from '../../../src/lib/leads/store.ts';
import { buildNewLead } from './support/leads.ts';
import { LEAD_STORE_KINDS } from './support/lead-stores.ts';

// A form token's uses are counted by the store, in the lead's own transaction: the count goes
// with the lead, is undone with it, and is kept in the database across restarts.

const T0 = new Date('2026-03-01T12:00:00.000Z');
const DAY = 24 * 60 * 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

const token = (nonce: string, overrides: Partial<FormTokenUse> = {}): FormTokenUse => ({
  nonce,
  expiresAt: at(DAY),
  maxUses: 3,
  whenOverused: { status: 'spam', route: { queue: 'spam-quarantine', priority: 'low', responseTargetMinutes: 10_080, matchedRule: 'spam checks' }, score: 0, flags: ['token-reused'] },
  ...overrides,
});

const insert = (store: LeadStore, lead: NewLead, use: FormTokenUse | undefined, now = T0) => store.insert(lead, { duplicateWindowMs: 0, now, formToken: use });

describe.each(LEAD_STORE_KINDS)('form token uses in the $name store', (kind) => {
  const { openStore, queryOther } = kind.use();

  /** The counts as a second connection reads them from the database. */
  const readUses = async (): Promise<Record<string, number>> =>
    Object.fromEntries((await queryOther('SELECT nonce, uses FROM form_token_uses')).map((row) => [String(row['nonce']), Number(row['uses'])]));

  it('stores the first maxUses leads as they are and the next as whenOverused says', async () => {
    const store = await openStore();
    const stored = [];
    for (let i = 0; i < 5; i++) stored.push((await insert(store, buildNewLead({ contentHash: `h${i}`, flags: ['after-hours'] }), token('n1'))).lead);
    expect(stored.map((lead) => lead.status)).toEqual(['new', 'new', 'new', 'spam', 'spam']);
    expect(stored[3]).toMatchObject({ route: { queue: 'spam-quarantine', matchedRule: 'spam checks' }, score: 0, flags: ['token-reused'] });
    // Everything else is the lead as it was given.
    expect(stored[3]).toMatchObject({ fields: stored[0]?.fields, contentHash: 'h3', leadType: 'patient' });
    expect(await readUses()).toEqual({ n1: 5 });
  });

  it('counts each token on its own, and nothing for a lead without one', async () => {
    const store = await openStore();
    for (let i = 0; i < 3; i++) await insert(store, buildNewLead({ contentHash: `a${i}` }), token('a'));
    await insert(store, buildNewLead({ contentHash: 'none' }), undefined);
    expect((await insert(store, buildNewLead({ contentHash: 'b0' }), token('b'))).lead.status).toBe('new');
    expect(await readUses()).toEqual({ a: 3, b: 1 });
  });

  it('counts nothing for a replay, which stores nothing', async () => {
    const store = await openStore();
    const lead = buildNewLead({ submissionKey: 'key-1' });
    for (let i = 0; i < 5; i++) expect((await insert(store, lead, token('n1'))).replayed).toBe(i > 0);
    expect(await readUses()).toEqual({ n1: 1 });
  });

  it('keeps the count across a restart', async () => {
    const first = await openStore();
    for (let i = 0; i < 3; i++) await insert(first, buildNewLead({ contentHash: `h${i}` }), token('n1'));
    await first.close();
    const second = await openStore();
    expect((await insert(second, buildNewLead({ contentHash: 'after-restart' }), token('n1'))).lead.status).toBe('spam');
  });

  it('forgets the counts of tokens past their expiry as leads with tokens come in', async () => {
    const store = await openStore();
    await insert(store, buildNewLead({ contentHash: 'old' }), token('old', { expiresAt: at(DAY) }));
    await insert(store, buildNewLead({ contentHash: 'young' }), token('young', { expiresAt: at(3 * DAY) }));
    await insert(store, buildNewLead({ contentHash: 'untokened' }), undefined, at(2 * DAY));
    expect(Object.keys(await readUses()).sort()).toEqual(['old', 'young']);
    await insert(store, buildNewLead({ contentHash: 'next' }), token('next', { expiresAt: at(4 * DAY) }), at(2 * DAY));
    expect(Object.keys(await readUses()).sort()).toEqual(['next', 'young']);
  });

  it.each([
    ['an empty nonce', token('')],
    ['an invalid expiry', token('n', { expiresAt: new Date(Number.NaN) })],
    ['no uses allowed', token('n', { maxUses: 0 })],
    ['an unknown status when overused', token('n', { whenOverused: { ...token('n').whenOverused, status: 'deleted' as never } })],
  ])('refuses a token use with %s, storing nothing', async (_, use) => {
    const store = await openStore();
    await expect(insert(store, buildNewLead(), use)).rejects.toThrow();
    expect(await store.count()).toBe(0);
  });
});
