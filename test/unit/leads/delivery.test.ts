import { describe, expect, it } from 'vitest';
import {
  decideAfterAttempt,
  getDueAt,
  getNextAttemptAt,
  isStillNeeded,
  planDeliveries,
  planFollowUps,
  RETRY_SCHEDULE_S,
  type DeliveryChannels,
  type DeliverySettings,
  type RouteTargets,
} from '@/lib/leads/delivery.ts';
import type { StoredLead } from '@/lib/leads/store.ts';

const CREATED = '2026-12-01T15:00:00.000Z';
const lead = (overrides: Partial<StoredLead> = {}): StoredLead => ({
  id: '01KBQ7ZR4X9E2M8N6T5V3W1Y0A',
  createdAt: CREATED,
  leadType: 'patient',
  status: 'new',
  fields: { name: 'Ada', phone: '503 555 0142', email: 'ada@patient.example' },
  attribution: {},
  channel: { channel: 'direct', rule: 'no-source' },
  route: { queue: 'urgent-care-desk', priority: 'urgent', responseTargetMinutes: 15, matchedRule: 'Urgent care' },
  score: 70,
  flags: [],
  fit: {},
  submissionKey: null,
  contentHash: 'h',
  ...overrides,
});
const settings = (overrides: Partial<DeliverySettings> = {}): DeliverySettings => ({
  organization: { name: 'Clinic', phone: '+15035550100', email: 'hello@clinic.example', timeZone: 'America/Los_Angeles' },
  confirmation: false,
  deliverSpam: false,
  webhooks: { crm: { payload: 'thin' }, referrals: { payload: 'full' } },
  retention: { closedLeadsDays: null, spamDays: null },
  ...overrides,
});
const targets: RouteTargets = { queue: 'urgent-care-desk', notify: ['desk@clinic.example'], escalate: ['manager@clinic.example'], webhooks: ['referrals'] };
const all: DeliveryChannels = { webhooks: new Set(['crm', 'referrals']), email: true };
const summary = (list: ReturnType<typeof planDeliveries>) => list.map((d) => `${d.purpose} ${d.destination} ${d.recipients.join(',')} ${d.notBefore.toISOString()}`);

describe('planDeliveries', () => {
  it('plans the webhooks and the team email, which carries who hears of an escalation', () => {
    const list = planDeliveries(lead(), { targets, settings: settings(), channels: all });
    expect(summary(list)).toEqual([`lead webhook:crm  ${CREATED}`, `lead webhook:referrals  ${CREATED}`, `lead email:urgent-care-desk desk@clinic.example ${CREATED}`]);
    expect(list[2]?.escalate).toEqual(['manager@clinic.example']);
    expect(list[0]).not.toHaveProperty('escalate');
  });

  it('plans the escalation at once for a route that escalates but notifies no one', () => {
    expect(summary(planDeliveries(lead(), { targets: { ...targets, notify: [] }, settings: settings(), channels: { webhooks: new Set(), email: true } }))).toEqual([
      'escalation email:urgent-care-desk manager@clinic.example 2026-12-01T15:30:00.000Z',
    ]);
  });

  it.each([
    ['no channel at all', { webhooks: new Set<string>(), email: false }, []],
    ['only the CRM webhook', { webhooks: new Set(['crm']), email: false }, ['lead webhook:crm']],
    ['email only', { webhooks: new Set<string>(), email: true }, ['lead email:urgent-care-desk']],
  ])('plans only what the environment can send: %s', (_, channels, expected) => {
    expect(planDeliveries(lead(), { targets, settings: settings(), channels }).map((d) => `${d.purpose} ${d.destination}`)).toEqual(expected);
  });

  it('sends no team email to a route without addresses, and no escalation without escalate', () => {
    const none = planDeliveries(lead(), { targets: { ...targets, notify: [], escalate: [] }, settings: settings(), channels: all });
    expect(none.map((d) => d.destination)).toEqual(['webhook:crm', 'webhook:referrals']);
    const notifyOnly = planDeliveries(lead(), { targets: { ...targets, escalate: [] }, settings: settings(), channels: all });
    expect(notifyOnly.map((d) => d.purpose)).toEqual(['lead', 'lead', 'lead']);
    expect(notifyOnly[2]).not.toHaveProperty('escalate');
  });

  it('confirms to the person only when the organization turns it on and they gave an email', () => {
    const on = settings({ confirmation: true });
    expect(planDeliveries(lead(), { targets, settings: on, channels: all }).at(-1)).toMatchObject({ purpose: 'confirmation', destination: 'email:confirmation', recipients: [] });
    expect(planDeliveries(lead({ fields: { name: 'Ada', phone: '1' } }), { targets, settings: on, channels: all }).some((d) => d.purpose === 'confirmation')).toBe(false);
    expect(planDeliveries(lead(), { targets, settings: settings(), channels: all }).some((d) => d.purpose === 'confirmation')).toBe(false);
  });

  it('delivers no spam, unless asked, and then only to the CRM webhook', () => {
    const spam = lead({ status: 'spam' });
    expect(planDeliveries(spam, { targets, settings: settings(), channels: all })).toEqual([]);
    expect(summary(planDeliveries(spam, { targets, settings: settings({ deliverSpam: true }), channels: all }))).toEqual([`lead webhook:crm  ${CREATED}`]);
    expect(planDeliveries(spam, { targets, settings: settings({ deliverSpam: true }), channels: { webhooks: new Set(['referrals']), email: true } })).toEqual([]);
  });

  it('marks the team emails of a concealed route, and nothing else', () => {
    const list = planDeliveries(lead(), { targets: { ...targets, conceal: true }, settings: settings(), channels: all });
    expect(list.map((d) => `${d.purpose} ${d.destination} ${d.concealQueue === true}`)).toEqual(['lead webhook:crm false', 'lead webhook:referrals false', 'lead email:urgent-care-desk true']);
    expect(planFollowUps(list[2] ?? list[0]!, lead()).map((d) => `${d.purpose} ${d.concealQueue === true}`)).toEqual(['reminder true', 'escalation true']);
  });

  it('sends to the CRM webhook once even when a route names it', () => {
    const list = planDeliveries(lead(), { targets: { ...targets, webhooks: ['crm', 'referrals', 'referrals'] }, settings: settings(), channels: all });
    expect(list.filter((d) => d.channel === 'webhook').map((d) => d.destination)).toEqual(['webhook:crm', 'webhook:referrals']);
  });
});

describe('planFollowUps', () => {
  const notification = { channel: 'email', purpose: 'lead', recipients: ['desk@clinic.example'], escalate: ['manager@clinic.example'] } as const;
  it('plans a reminder to the team at the due time and the escalation at twice the target', () => {
    expect(summary(planFollowUps(notification, lead()))).toEqual([
      'reminder email:urgent-care-desk desk@clinic.example 2026-12-01T15:15:00.000Z',
      'escalation email:urgent-care-desk manager@clinic.example 2026-12-01T15:30:00.000Z',
    ]);
    expect(summary(planFollowUps({ ...notification, escalate: [] }, lead()))).toEqual(['reminder email:urgent-care-desk desk@clinic.example 2026-12-01T15:15:00.000Z']);
  });

  it.each([
    ['a lead already contacted', notification, lead({ status: 'contacted' })],
    ['a webhook', { ...notification, channel: 'webhook' as const }, lead()],
    ['a reminder', { ...notification, purpose: 'reminder' as const }, lead()],
    ['a confirmation', { ...notification, purpose: 'confirmation' as const }, lead()],
  ])('plans nothing after %s', (_, delivery, forLead) => {
    expect(planFollowUps(delivery, forLead)).toEqual([]);
  });
});

describe('due times and reminders', () => {
  it('is due at creation plus the response target', () => {
    expect(getDueAt(lead()).toISOString()).toBe('2026-12-01T15:15:00.000Z');
  });

  it.each([
    ['reminder', 'new', true],
    ['reminder', 'contacted', false],
    ['escalation', 'booked', false],
    ['escalation', 'new', true],
    ['lead', 'contacted', true],
    ['confirmation', 'closed', true],
  ] as const)('a %s for a lead that is %s is needed: %s', (purpose, status, needed) => {
    expect(isStillNeeded(purpose, { status })).toBe(needed);
  });
});

describe('getNextAttemptAt', () => {
  const now = new Date(CREATED);
  it('follows the Standard Webhooks schedule, then stops', () => {
    const waits = RETRY_SCHEDULE_S.map((_, attempts) => getNextAttemptAt({ attempts, now, random: 0 })).map((d) => (d === null ? null : (d.getTime() - now.getTime()) / 1000));
    expect(waits).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(getNextAttemptAt({ attempts: 8, now })).toBeNull();
  });

  it('stretches a wait by up to 10 % at random', () => {
    expect(getNextAttemptAt({ attempts: 2, now, random: 0.999 })?.getTime()).toBe(now.getTime() + Math.round(300_000 * 1.0999));
  });

  it.each([
    [120_000, 120_000],
    [1_000, 5_000],
    [-5, 5_000],
    [10 * 24 * 3600_000, 24 * 3600_000],
  ])('honours Retry-After of %i ms when later than the schedule, up to a day', (retryAfterMs, expected) => {
    expect((getNextAttemptAt({ attempts: 1, now, retryAfterMs })?.getTime() ?? 0) - now.getTime()).toBe(expected);
  });
});

describe('decideAfterAttempt', () => {
  const at = new Date('2026-12-01T15:00:10.000Z');
  const fresh = { attempts: 0, createdAt: new Date(CREATED) };
  it('marks a delivery delivered, and ends a pause only after earlier failures', () => {
    expect(decideAfterAttempt(fresh, { kind: 'delivered', detail: 'HTTP 200' }, { at })).toEqual({ at, state: 'delivered', nextAttemptAt: at, result: 'HTTP 200', counted: true });
    expect(decideAfterAttempt({ ...fresh, attempts: 2 }, { kind: 'delivered', detail: 'HTTP 200' }, { at })).toMatchObject({ pauseDestinationUntil: null });
  });

  it('pauses a destination that is down until the next attempt, and not one that refused only this delivery', () => {
    const down = decideAfterAttempt(fresh, { kind: 'retry', detail: 'HTTP 503', destinationDown: true }, { at });
    expect(down).toMatchObject({ state: 'pending', nextAttemptAt: new Date(at.getTime() + 5000), pauseDestinationUntil: new Date(at.getTime() + 5000) });
    const refused = decideAfterAttempt(fresh, { kind: 'retry', detail: 'HTTP 400', destinationDown: false }, { at });
    expect(refused).toMatchObject({ state: 'pending', nextAttemptAt: new Date(at.getTime() + 5000) });
    expect(refused).not.toHaveProperty('pauseDestinationUntil');
  });

  it('dead-letters after the last attempt, or once failing longer than the whole schedule', () => {
    expect(decideAfterAttempt({ ...fresh, attempts: 7 }, { kind: 'retry', detail: 'HTTP 500', destinationDown: false }, { at }).state).toBe('dead');
    const old = { attempts: 0, createdAt: new Date(at.getTime() - 28 * 3600_000) };
    expect(decideAfterAttempt(old, { kind: 'retry', detail: 'HTTP 503', destinationDown: true }, { at })).toMatchObject({ state: 'dead', pauseDestinationUntil: new Date(at.getTime() + 5000) });
    expect(decideAfterAttempt({ ...fresh, attempts: 6 }, { kind: 'retry', detail: 'HTTP 500', destinationDown: false }, { at }).state).toBe('pending');
  });

  it('holds the delivery and disables the destination on 410', () => {
    expect(decideAfterAttempt(fresh, { kind: 'gone', detail: 'HTTP 410 Gone' }, { at })).toEqual({
      at,
      state: 'pending',
      nextAttemptAt: at,
      result: 'HTTP 410 Gone',
      counted: true,
      disableDestination: 'HTTP 410 Gone at 2026-12-01T15:00:10.000Z',
    });
  });
});
