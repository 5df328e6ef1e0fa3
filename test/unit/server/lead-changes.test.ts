import { describe, expect, it } from 'vitest';
import { buildNewLead } from './support/leads.ts';
import { LEAD_STORE_KINDS } from './support/lead-stores.ts';

const T0 = new Date('2026-12-01T15:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(LEAD_STORE_KINDS)('working a lead in the $name store', (kind) => {
  const { openStore } = kind.use();

  it('records each step with who and when, keeps the first contact, and moves the version', async () => {
    const store = await openStore();
    const { lead } = await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
    expect(await store.getHistory(lead.id)).toEqual({ version: 0, firstContactedAt: null, events: [] });

    const contacted = await store.changeLead(lead.id, { kind: 'status', status: 'contacted' }, { expectedVersion: 0, actor: 'dana', now: at(12) });
    expect(contacted).toMatchObject({ ok: true, version: 1, lead: { status: 'contacted' } });
    await store.changeLead(lead.id, { kind: 'note', note: 'Left a voicemail' }, { expectedVersion: 1, actor: 'dana', now: at(13) });
    await store.changeLead(lead.id, { kind: 'status', status: 'qualified' }, { expectedVersion: 2, actor: 'sam', now: at(20) });
    await store.changeLead(lead.id, { kind: 'status', status: 'scheduled', scheduledFor: '2026-12-08' }, { expectedVersion: 3, actor: 'sam', now: at(21) });

    const history = await store.getHistory(lead.id);
    expect(history).toMatchObject({ version: 4, firstContactedAt: at(12).toISOString() });
    expect(history?.events.map((e) => [e.actor, e.kind, e.status, e.scheduledFor, e.note, e.at.toISOString()])).toEqual([
      ['dana', 'status', 'contacted', null, null, at(12).toISOString()],
      ['dana', 'note', null, null, 'Left a voicemail', at(13).toISOString()],
      ['sam', 'status', 'qualified', null, null, at(20).toISOString()],
      ['sam', 'status', 'scheduled', '2026-12-08', null, at(21).toISOString()],
    ]);
    expect((await store.get(lead.id))?.status).toBe('scheduled');
  });

  it('changes nothing for a stale version, and says who changed the lead last', async () => {
    const store = await openStore();
    const { lead } = await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
    await store.changeLead(lead.id, { kind: 'status', status: 'contacted' }, { expectedVersion: 0, actor: 'dana', now: at(5) });
    const late = await store.changeLead(lead.id, { kind: 'status', status: 'not-a-fit', reason: 'duplicate' }, { expectedVersion: 0, actor: 'sam', now: at(6) });
    expect(late).toEqual({ ok: false, reason: 'conflict', version: 1, by: 'dana', at: at(5) });
    expect((await store.get(lead.id))?.status).toBe('contacted');
    expect((await store.getHistory(lead.id))?.events).toHaveLength(1);
    expect(await store.changeLead('NO-SUCH-LEAD', { kind: 'note', note: 'x' }, { expectedVersion: 0, actor: 'sam', now: T0 })).toEqual({ ok: false, reason: 'not-found' });
  });

  it('records the CLI’s contacted as a step by cli', async () => {
    const store = await openStore();
    const { lead } = await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0 });
    await store.setStatus(lead.id, 'contacted', { now: at(3) });
    expect(await store.getHistory(lead.id)).toMatchObject({ version: 1, firstContactedAt: at(3).toISOString(), events: [{ actor: 'cli', status: 'contacted' }] });
    expect(await store.setStatus('NO-SUCH-LEAD', 'contacted')).toBeNull();
  });
});
