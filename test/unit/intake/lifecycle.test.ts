import { describe, expect, it } from 'vitest';
import { getResponseTime, NEXT_STEPS, parseStep } from '@/lib/intake/lifecycle.ts';
import { LEAD_STATUSES } from '@/lib/leads/store.ts';

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('parseStep', () => {
  it.each([
    ['new', { step: 'contacted' }, { to: 'contacted' }],
    ['new', { step: 'not-a-fit', reason: 'duplicate' }, { to: 'not-a-fit', reason: 'duplicate' }],
    ['contacted', { step: 'qualified' }, { to: 'qualified' }],
    ['contacted', { step: 'lost', reason: 'no-answer' }, { to: 'lost', reason: 'no-answer' }],
    ['qualified', { step: 'scheduled', scheduledFor: '2026-12-08' }, { to: 'scheduled', scheduledFor: '2026-12-08' }],
    ['scheduled', { step: 'scheduled', scheduledFor: '2026-12-09' }, { to: 'scheduled', scheduledFor: '2026-12-09' }],
    ['scheduled', { step: 'booked' }, { to: 'booked' }],
  ] as const)('a %s lead may take %j', (status, fields, step) => {
    expect(parseStep(form(fields), status)).toEqual({ ok: true, step });
  });

  it.each([
    ['new', { step: 'booked' }, 'A new lead cannot be marked booked. Reload the lead'],
    ['booked', { step: 'lost', reason: 'cost' }, 'A booked lead cannot be marked lost'],
    ['spam', { step: 'contacted' }, 'A spam lead cannot be marked contacted'],
    ['new', {}, 'A new lead cannot be marked that'],
    ['new', { step: 'not-a-fit' }, 'Choose why it is not a fit.'],
    ['contacted', { step: 'lost', reason: 'bored' }, 'Choose why it was lost.'],
    ['qualified', { step: 'scheduled', scheduledFor: 'next week' }, 'Give the date of the visit.'],
    ['qualified', { step: 'scheduled', scheduledFor: '2026-13-45' }, 'Give the date of the visit.'],
  ] as const)('a %s lead refuses %j', (status, fields, message) => {
    const result = parseStep(form(fields), status);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(message);
  });

  it('knows the next steps of every status', () => {
    expect(Object.keys(NEXT_STEPS).sort()).toEqual([...LEAD_STATUSES].sort());
  });
});

describe('getResponseTime', () => {
  it.each([
    [null, 15, null],
    ['2026-12-01T15:12:00.000Z', 15, { minutes: 12, onTime: true }],
    ['2026-12-01T15:15:00.000Z', 15, { minutes: 15, onTime: true }],
    ['2026-12-01T15:16:00.000Z', 15, { minutes: 16, onTime: false }],
  ])('first contact %s with a %i-minute target → %j', (firstContactedAt, responseTargetMinutes, expected) => {
    expect(getResponseTime({ createdAt: '2026-12-01T15:00:00.000Z', firstContactedAt, responseTargetMinutes })).toEqual(expected);
  });
});
