import { describe, expect, it } from 'vitest';
import { isLeadId } from '../../../src/server/lead-id.ts';
import type { NewLead } from '../../../src/lib/leads/store.ts';
import { buildNewLead } from './support/leads.ts';
import { LEAD_STORE_KINDS } from './support/lead-stores.ts';

const MINUTE = 60_000;
const WINDOW = 10 * MINUTE;
const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** What every lead store does, SQLite's and PostgreSQL's alike (support/lead-stores.ts opens each). */
describe.each(LEAD_STORE_KINDS)('$name lead store', (kind) => {
  const { openStore, queryOther, duplicateKeyError } = kind.use();

  describe('insert, get, list, count', () => {
    it('stores a lead and reads the same lead back', async () => {
      const store = await openStore();
      const input = buildNewLead({ flags: ['after-hours'], submissionKey: 'key-1', score: 72.5 });
      const { lead, replayed } = await store.insert(input, { duplicateWindowMs: WINDOW, now: T0 });
      expect(replayed).toBe(false);
      expect(isLeadId(lead.id)).toBe(true);
      expect(lead).toEqual({ ...input, id: lead.id, createdAt: '2026-03-01T12:00:00.000Z' });
      expect(await store.get(lead.id)).toEqual(lead);
      expect(await store.count()).toBe(1);
    });

    it('keeps the channel and its rule in their own columns', async () => {
      const store = await openStore();
      const { lead } = await store.insert(buildNewLead({ channel: { channel: 'paid-search', rule: 'ad-click-id' } }), { duplicateWindowMs: 0, now: T0 });
      expect((await store.get(lead.id))?.channel).toEqual({ channel: 'paid-search', rule: 'ad-click-id' });
      expect(await queryOther('SELECT channel, channel_rule FROM leads WHERE id = $1', [lead.id])).toEqual([{ channel: 'paid-search', channel_rule: 'ad-click-id' }]);
    });

    it('reads a lead stored before channels were kept with no channel', async () => {
      const store = await openStore();
      const { lead } = await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
      await queryOther('UPDATE leads SET channel = NULL, channel_rule = NULL WHERE id = $1', [lead.id]);
      expect((await store.get(lead.id))?.channel).toBeNull();
    });

    it('keeps leads after the store is closed and opened again', async () => {
      const first = await openStore();
      const { lead } = await first.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
      await first.close();
      expect(await (await openStore()).get(lead.id)).toEqual(lead);
    });

    it('returns null for an id it does not have', async () => {
      expect(await (await openStore()).get('01KJMMA2G00000000000000000')).toBeNull();
    });

    it('lists newest first, filters by status and honours a limit', async () => {
      const store = await openStore();
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
      const store = await openStore();
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
      const store = await openStore();
      await expect(store.insert(buildNewLead(overrides), { duplicateWindowMs: WINDOW, now: T0 })).rejects.toThrow(TypeError);
      expect(await store.count()).toBe(0);
    });

    it('rejects calls after close', async () => {
      const store = await openStore();
      await store.close();
      await expect(store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 })).rejects.toThrow('The lead store is closed');
      await expect(store.count()).rejects.toThrow('The lead store is closed');
    });

    it('finishes an insert that was queued before close', async () => {
      const store = await openStore();
      const pending = store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
      await store.close();
      const { lead } = await pending;
      expect(await (await openStore()).get(lead.id)).toEqual(lead);
    });
  });

  describe('replays', () => {
    it('returns the stored lead for a repeated submission key, whatever else changed', async () => {
      const store = await openStore();
      const first = await store.insert(buildNewLead({ submissionKey: 'key-1' }), {
        duplicateWindowMs: WINDOW,
        now: T0,
      });
      const again = await store.insert(buildNewLead({ submissionKey: 'key-1', contentHash: 'edited', status: 'spam' }), { duplicateWindowMs: WINDOW, now: at(24 * 60 * MINUTE) });
      expect(again).toEqual({ lead: first.lead, replayed: true });
      expect(await store.count()).toBe(1);
    });

    it('backs the key with a UNIQUE constraint', async () => {
      const store = await openStore();
      await store.insert(buildNewLead({ submissionKey: 'key-1' }), { duplicateWindowMs: 0, now: T0 });
      await expect(
        queryOther(
          `INSERT INTO leads SELECT 'X' || id, created_at, lead_type, status, fields, attribution,
             route_queue, route_priority, route_response_target_minutes, route_matched_rule, score,
             flags, fit, submission_key, 'other', version, first_contacted_at, purged_at, channel, channel_rule FROM leads`,
        ),
      ).rejects.toThrow(duplicateKeyError);
    });

    // The duplicate window catches posts without a key (no JavaScript) sent twice.
    it.each([
      ['just after', 1, true],
      ['inside', WINDOW - 1, true],
      ['exactly at the end of', WINDOW, false],
      ['after', WINDOW + MINUTE, false],
    ])('same content %s the window → replayed %s', async (_, elapsed, replayed) => {
      const store = await openStore();
      const first = await store.insert(buildNewLead(), { duplicateWindowMs: WINDOW, now: T0 });
      const second = await store.insert(buildNewLead(), { duplicateWindowMs: WINDOW, now: at(elapsed) });
      expect(second.replayed).toBe(replayed);
      expect(second.lead.id === first.lead.id).toBe(replayed);
      expect(await store.count()).toBe(replayed ? 1 : 2);
    });

    it('replays the newest match when several share the content', async () => {
      const store = await openStore();
      await store.insert(buildNewLead(), { duplicateWindowMs: WINDOW, now: T0 });
      const newer = await store.insert(buildNewLead(), { duplicateWindowMs: WINDOW, now: at(WINDOW + 1) });
      const again = await store.insert(buildNewLead(), { duplicateWindowMs: WINDOW, now: at(WINDOW + 2) });
      expect(again).toEqual({ lead: newer.lead, replayed: true });
    });

    it('stores different content inside the window, and anything when the window is 0', async () => {
      const store = await openStore();
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
      const store = await openStore();
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

  describe('what the store refuses to insert', () => {
    it.each<[string, Partial<NewLead>, { duplicateWindowMs?: number; now?: Date }, RegExp]>([
      ['an invalid time', {}, { now: new Date(Number.NaN) }, /^Insert needs a valid `now`$/],
      ['a negative duplicate window', {}, { duplicateWindowMs: -1 }, /^duplicateWindowMs must be a finite number ≥ 0$/],
      ['a duplicate window that is not a number', {}, { duplicateWindowMs: Number.NaN }, /^duplicateWindowMs must be a finite number ≥ 0$/],
      ['an endless duplicate window', {}, { duplicateWindowMs: Number.POSITIVE_INFINITY }, /^duplicateWindowMs must be a finite number ≥ 0$/],
      ['an unknown lead type', { leadType: 'vendor' as NewLead['leadType'] }, {}, /^Unknown lead type "vendor"$/],
      ['an unknown status', { status: 'deleted' as NewLead['status'] }, {}, /^Unknown lead status "deleted"$/],
      ['an unknown priority', { route: { ...buildNewLead().route, priority: 'asap' as NewLead['route']['priority'] } }, {}, /^Unknown route priority "asap"$/],
      ['a fractional response target', { route: { ...buildNewLead().route, responseTargetMinutes: 1.5 } }, {}, /^route.responseTargetMinutes must be a whole number$/],
      ['an endless score', { score: Number.POSITIVE_INFINITY }, {}, /^score must be a finite number$/],
    ])('%s, saying what is wrong, and writes nothing', async (_, overrides, options, message) => {
      const store = await openStore();
      const insert = store.insert(buildNewLead(overrides), { duplicateWindowMs: 0, now: T0, ...options });
      await expect(insert).rejects.toThrow(message);
      expect(await store.count()).toBe(0);
    });

    it('takes a duplicate window of 0', async () => {
      await expect((await openStore()).insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 })).resolves.toMatchObject({ replayed: false });
    });

    it('refuses a list limit that is not a whole number, saying which', async () => {
      await expect((await openStore()).list({ limit: 1.5 })).rejects.toThrow('List limit must be a whole number ≥ 0, got 1.5');
    });
  });

  describe('duplicates', () => {
    it('never replays with a window of 0, not even a lead stored at a later time (the clock stepped back)', async () => {
      const store = await openStore();
      const later = await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: new Date(T0.getTime() + 5 * MINUTE) });
      const { lead, replayed } = await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
      expect(replayed).toBe(false);
      expect(lead.id).not.toBe(later.lead.id);
      expect(await store.count()).toBe(2);
    });
  });
});
