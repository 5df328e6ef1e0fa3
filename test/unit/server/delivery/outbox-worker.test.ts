import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Delivery, NewDelivery, SendOutcome } from '../../../../src/lib/leads/delivery.ts';
import type { DeliveryOutbox, LeadStore, StoredLead } from '../../../../src/lib/leads/store.ts';
import { createDeliveryWorker } from '../../../../src/server/delivery/worker.ts';
import { buildNewLead } from '../support/leads.ts';
import { LEAD_STORE_KINDS } from '../support/lead-stores.ts';

type Store = LeadStore & DeliveryOutbox;

const T0 = new Date('2026-12-01T15:00:00.000Z');
const SCHEDULE = [0, 5, 300];

const webhook = (name = 'crm', notBefore = T0): NewDelivery => ({ channel: 'webhook', purpose: 'lead', destination: `webhook:${name}`, recipients: [], notBefore });

/** A clock the test moves by hand. */
function useClock(start = T0) {
  let time = start.getTime();
  return { now: () => new Date(time), advance: (ms: number) => (time += ms) };
}

async function storeLead(store: Store, deliveries: readonly NewDelivery[], index = 0, now = T0): Promise<StoredLead> {
  const { lead } = await store.insert(buildNewLead({ contentHash: `hash-${index}` }), { duplicateWindowMs: 0, now, planDeliveries: () => deliveries });
  return lead;
}

/** A sender that answers from a script of outcomes per destination and records each call. */
function scriptedSender(script: Record<string, SendOutcome[]> = {}) {
  const calls: { id: string; destination: string; leadId: string }[] = [];
  const send = (delivery: Delivery): Promise<SendOutcome> => {
    calls.push({ id: delivery.id, destination: delivery.destination, leadId: delivery.leadId });
    return Promise.resolve(script[delivery.destination]?.shift() ?? { kind: 'delivered', detail: 'HTTP 200' });
  };
  return { calls, send };
}

describe.each(LEAD_STORE_KINDS)('the outbox, written with the lead, in the $name store', (kind) => {
  const { openStore } = kind.use();

  it('stores a lead’s deliveries in its transaction, pending from their time, and none for a replay', async () => {
    const store = await openStore();
    const reminder: NewDelivery = {
      channel: 'email',
      purpose: 'reminder',
      destination: 'email:desk',
      recipients: ['desk@clinic.example'],
      notBefore: new Date(T0.getTime() + 60_000),
      concealQueue: true,
    };
    const lead = await storeLead(store, [webhook(), reminder]);
    const replay = await store.insert(buildNewLead({ contentHash: 'hash-0' }), { duplicateWindowMs: 60_000, now: T0, planDeliveries: () => [webhook()] });
    expect(replay.replayed).toBe(true);
    // Written as one planned row with the lead; the worker makes it into deliveries.
    expect(await store.countPlanned()).toBe(1);
    expect(await store.listDeliveries()).toEqual([]);
    expect(await store.expandPlanned(100)).toBe(1);
    expect(await store.countPlanned()).toBe(0);
    const deliveries = await store.listDeliveries({ leadId: lead.id });
    expect(deliveries.map((d) => [d.destination, d.purpose, d.state, d.attempts, d.nextAttemptAt.toISOString(), d.recipients])).toEqual([
      ['email:desk', 'reminder', 'pending', 0, '2026-12-01T15:01:00.000Z', ['desk@clinic.example']],
      ['webhook:crm', 'lead', 'pending', 0, T0.toISOString(), []],
    ]);
    expect(deliveries.map((d) => d.concealQueue === true)).toEqual([true, false]);
    expect(await store.listDeliveries()).toHaveLength(2);
    expect(await store.listDueDestinations(T0, 'me')).toEqual(['webhook:crm']);
  });

  it('stores neither the lead nor its deliveries when planning them fails', async () => {
    const store = await openStore();
    const failing = store.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0, planDeliveries: () => [{ ...webhook(), destination: '' }] });
    await expect(failing).rejects.toThrow('A delivery needs its destination');
    expect(await store.count()).toBe(0);
    expect(await store.countPlanned()).toBe(0);
  });
});

describe.each(LEAD_STORE_KINDS)('the delivery worker on the $name store', (kind) => {
  const { openStore } = kind.use();

  function worker(store: Store, send: ReturnType<typeof scriptedSender>['send'], clock = useClock()) {
    const lines: string[] = [];
    const w = createDeliveryWorker({ outbox: store, leads: store, send, log: (line) => lines.push(line), schedule: SCHEDULE, now: clock.now, random: () => 0 });
    return { w, lines, clock };
  }

  it('delivers each due delivery once, oldest first per destination, in batches', async () => {
    const store = await openStore();
    for (let i = 0; i < 25; i += 1) await storeLead(store, [webhook('crm'), webhook('referrals')], i);
    const sender = scriptedSender();
    const { w } = worker(store, sender.send);
    expect(await w.runOnce()).toEqual({ attempted: 50, delivered: 50 });
    expect(await w.runOnce()).toEqual({ attempted: 0, delivered: 0 });
    const crm = sender.calls.filter((c) => c.destination === 'webhook:crm').map((c) => c.id);
    expect(crm).toEqual([...crm].sort());
    expect(new Set(sender.calls.map((c) => c.id)).size).toBe(50);
    const stored = await store.listDeliveries({ state: 'delivered' });
    expect(stored).toHaveLength(50);
    expect(stored.every((d) => d.attempts === 1 && d.lastResult === 'HTTP 200' && d.deliveredAt !== null)).toBe(true);
  });

  it('retries on the schedule with the same id, and while a destination is down tries only its oldest delivery', async () => {
    const store = await openStore();
    const first = await storeLead(store, [webhook()], 0);
    await storeLead(store, [webhook()], 1);
    const down: SendOutcome = { kind: 'retry', detail: 'HTTP 503', destinationDown: true };
    const sender = scriptedSender({ 'webhook:crm': [down, down] });
    const { w, clock } = worker(store, sender.send);

    expect(await w.runOnce()).toEqual({ attempted: 1, delivered: 0 });
    const [head] = await store.listDeliveries({ leadId: first.id });
    expect(head).toMatchObject({ state: 'pending', attempts: 1, lastResult: 'HTTP 503', nextAttemptAt: new Date(T0.getTime() + 5_000) });
    expect((await store.listDestinations())[0]).toMatchObject({ destination: 'webhook:crm', pending: 2, pausedUntil: new Date(T0.getTime() + 5_000) });

    clock.advance(4_999);
    expect(await w.runOnce()).toEqual({ attempted: 0, delivered: 0 });
    clock.advance(1);
    expect(await w.runOnce()).toEqual({ attempted: 1, delivered: 0 });
    clock.advance(299_999);
    expect(await w.runOnce()).toEqual({ attempted: 0, delivered: 0 });
    clock.advance(1);
    expect(await w.runOnce()).toEqual({ attempted: 2, delivered: 2 });
    expect(sender.calls.map((c) => c.leadId)).toEqual([first.id, first.id, first.id, expect.not.stringMatching(first.id)]);
    expect(new Set(sender.calls.slice(0, 3).map((c) => c.id)).size).toBe(1);
    expect((await store.listDestinations())[0]).toMatchObject({ pausedUntil: null, pending: 0 });
  });

  it('honours Retry-After when it asks for longer than the schedule', async () => {
    const store = await openStore();
    const lead = await storeLead(store, [webhook()]);
    const sender = scriptedSender({ 'webhook:crm': [{ kind: 'retry', detail: 'HTTP 429', destinationDown: true, retryAfterMs: 120_000 }] });
    const { w } = worker(store, sender.send);
    await w.runOnce();
    const [delivery] = await store.listDeliveries({ leadId: lead.id });
    expect(delivery?.nextAttemptAt.toISOString()).toBe('2026-12-01T15:02:00.000Z');
  });

  it('dead-letters after the last attempt, and redeliver makes it pending again', async () => {
    const store = await openStore();
    const lead = await storeLead(store, [webhook()]);
    const fail: SendOutcome = { kind: 'retry', detail: 'HTTP 400', destinationDown: false };
    const sender = scriptedSender({ 'webhook:crm': [fail, fail, fail] });
    const { w, clock } = worker(store, sender.send);
    await w.runOnce();
    clock.advance(5_000);
    await w.runOnce();
    clock.advance(300_000);
    await w.runOnce();
    const [dead] = await store.listDeliveries({ state: 'dead' });
    expect(dead).toMatchObject({ leadId: lead.id, attempts: 3, lastResult: 'HTTP 400' });
    expect(await w.runOnce()).toEqual({ attempted: 0, delivered: 0 });

    const again = await store.redeliver(lead.id, clock.now());
    expect(again.map((d) => [d.id, d.state, d.attempts])).toEqual([[dead?.id, 'pending', 0]]);
    expect(await w.runOnce()).toEqual({ attempted: 1, delivered: 1 });
    expect(sender.calls.map((c) => c.id)).toEqual(Array(4).fill(dead?.id));
    expect(await store.redeliver('NO-SUCH-ID', clock.now())).toEqual([]);
  });

  it('disables a destination that answers 410, holds its deliveries, and sends them once enabled', async () => {
    const store = await openStore();
    await storeLead(store, [webhook()], 0);
    await storeLead(store, [webhook()], 1);
    const sender = scriptedSender({ 'webhook:crm': [{ kind: 'gone', detail: 'HTTP 410 Gone' }] });
    const { w, lines } = worker(store, sender.send);
    await w.runOnce();
    expect(lines.at(-1)).toContain('DELIVERY DISABLED: webhook:crm answered HTTP 410 Gone');
    expect(await w.runOnce()).toEqual({ attempted: 0, delivered: 0 });
    const [state] = await store.listDestinations();
    expect(state).toMatchObject({ destination: 'webhook:crm', pending: 2, disabled: { reason: 'HTTP 410 Gone at 2026-12-01T15:00:00.000Z' } });

    expect(await store.enableDestination('webhook:crm')).toBe(true);
    expect(await store.enableDestination('webhook:crm')).toBe(false);
    expect(await w.runOnce()).toEqual({ attempted: 2, delivered: 2 });
  });

  it('skips a reminder whose lead was contacted, and sends one whose lead was not', async () => {
    const store = await openStore();
    const reminder = (queue: string): NewDelivery => ({
      channel: 'email',
      purpose: 'reminder',
      destination: `email:${queue}`,
      recipients: ['a@clinic.example'],
      notBefore: new Date(T0.getTime() + 60_000),
    });
    const contacted = await storeLead(store, [reminder('one')], 0);
    await storeLead(store, [reminder('two')], 1);
    await store.setStatus(contacted.id, 'contacted');
    const sender = scriptedSender();
    const { w, clock } = worker(store, sender.send);
    expect(await w.runOnce()).toEqual({ attempted: 0, delivered: 0 });
    clock.advance(60_000);
    expect(await w.runOnce()).toEqual({ attempted: 1, delivered: 1 });
    expect(sender.calls.map((c) => c.destination)).toEqual(['email:two']);
    const [skipped] = await store.listDeliveries({ state: 'skipped' });
    expect(skipped).toMatchObject({ leadId: contacted.id, attempts: 0, lastResult: 'not needed: the lead is contacted' });
  });

  it('writes a notification’s reminder and escalation once it is delivered, numbered after the lead’s others', async () => {
    const store = await openStore();
    const notification: NewDelivery = { channel: 'email', purpose: 'lead', destination: 'email:desk', recipients: ['desk@clinic.example'], notBefore: T0, escalate: ['boss@clinic.example'] };
    const lead = await storeLead(store, [webhook(), notification]);
    const contacted = await storeLead(store, [{ ...notification, destination: 'email:other' }], 1);
    await store.setStatus(contacted.id, 'contacted');
    const sender = scriptedSender();
    const { w } = worker(store, sender.send);
    expect(await w.runOnce()).toEqual({ attempted: 3, delivered: 3 });
    const made = (await store.listDeliveries({ leadId: lead.id })).map((d) => [d.id.slice(-3), d.purpose, d.state, d.recipients.join(), d.nextAttemptAt.toISOString()]);
    expect(made).toEqual([
      ['-04', 'escalation', 'pending', 'boss@clinic.example', '2026-12-01T23:00:00.000Z'],
      ['-03', 'reminder', 'pending', 'desk@clinic.example', '2026-12-01T19:00:00.000Z'],
      ['-02', 'lead', 'delivered', 'desk@clinic.example', T0.toISOString()],
      ['-01', 'lead', 'delivered', '', T0.toISOString()],
    ]);
    expect((await store.listDeliveries({ leadId: contacted.id })).map((d) => d.purpose)).toEqual(['lead']);
  });

  it('lets only one worker at a time send to a destination', async () => {
    const store = await openStore();
    await storeLead(store, [webhook()]);
    expect(await store.leaseDestination('webhook:crm', { owner: 'other', now: T0, leaseMs: 60_000 })).toBe(true);
    const sender = scriptedSender();
    const { w, clock } = worker(store, sender.send);
    expect(await w.runOnce()).toEqual({ attempted: 0, delivered: 0 });
    clock.advance(60_000);
    expect(await w.runOnce()).toEqual({ attempted: 1, delivered: 1 });
  });

  it('takes over at once the lease of a worker on this machine whose process is gone', async () => {
    const store = await openStore();
    await storeLead(store, [webhook()]);
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    expect(await store.leaseDestination('webhook:crm', { owner: `${hostname()}:${gone}:crashed`, now: T0, leaseMs: 60_000 })).toBe(true);
    expect(await store.leaseDestination('webhook:other', { owner: `${hostname()}:${process.pid}:alive`, now: T0, leaseMs: 60_000 })).toBe(true);
    const sender = scriptedSender();
    const { w } = worker(store, sender.send);
    expect(await w.runOnce()).toEqual({ attempted: 1, delivered: 1 });
    expect((await store.listLeases(T0)).map((l) => l.destination)).toEqual(['webhook:other']);
  });

  it('records a sender that throws as a retry, without personal data in the log', async () => {
    const store = await openStore();
    await storeLead(store, [webhook()]);
    const { w, lines } = worker(store, () => Promise.reject(new TypeError('Ada Lovelace')));
    await w.runOnce();
    const [delivery] = await store.listDeliveries();
    expect(delivery).toMatchObject({ state: 'pending', attempts: 1, lastResult: 'the sender failed (TypeError)' });
    expect(lines.join('\n')).not.toContain('Ada');
  });
});
