import { describe, expect, it } from 'vitest';
import { RoutingSchema, routeLead, type RoutingContext } from '@/lib/leads/routing.ts';
import { parseLead, type LeadInput } from '@/lib/leads/schema.ts';

const routing = RoutingSchema.parse({
  defaultRoute: { queue: 'central-scheduling', priority: 'normal', responseTargetMinutes: 240 },
  rules: [
    { name: 'Urgent care after hours', when: { urgentService: true, open: false }, route: { queue: 'nurse-line', priority: 'urgent', responseTargetMinutes: 30 } },
    { name: 'Urgent care', when: { urgentService: true }, route: { queue: 'urgent-care-desk', priority: 'urgent', responseTargetMinutes: 15 } },
    { name: 'Urgent referrals', when: { leadTypes: ['referral'], referralUrgencies: ['urgent'] }, route: { queue: 'referrals', priority: 'high', responseTargetMinutes: 60 } },
    { name: 'Referrals', when: { leadTypes: ['referral'] }, route: { queue: 'referrals', priority: 'normal', responseTargetMinutes: 480 } },
    { name: 'Employers', when: { leadTypes: ['employer'] }, route: { queue: 'employer-partnerships', priority: 'low', responseTargetMinutes: 1440 } },
    { name: 'Salem, as soon as possible', when: { locations: ['salem'], timings: ['asap'] }, route: { queue: 'salem-front-desk', priority: 'high', responseTargetMinutes: 60 } },
  ],
});

// Wednesday 2026-11-25, 10:00 in Portland (18:00 UTC) and 22:00 in Portland (06:00 UTC next day).
const OPEN = new Date('2026-11-25T18:00:00Z');
const CLOSED = new Date('2026-11-26T06:00:00Z');
const weekdays = [{ days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const, opens: '08:00', closes: '18:00' }].map((h) => ({ ...h, days: [...h.days] }));

const context = (now: Date): RoutingContext => ({
  routing,
  services: new Map([['urgent-care', { urgent: true }]]),
  locations: new Map([
    ['portland', { hours: weekdays, timeZone: 'America/Los_Angeles' }],
    ['salem', { hours: weekdays, timeZone: 'America/Los_Angeles' }],
  ]),
  now,
});

const lead = (input: Record<string, unknown>): LeadInput => {
  const result = parseLead({ consent: 'yes', phone: '5035550142', ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.lead;
};

describe('routeLead', () => {
  it.each([
    ['urgent care while open', { leadType: 'patient', name: 'A', service: 'urgent-care', timing: 'asap' }, OPEN, 'Urgent care', 'urgent-care-desk'],
    ['urgent care after hours', { leadType: 'patient', name: 'A', service: 'urgent-care', timing: 'asap' }, CLOSED, 'Urgent care after hours', 'nurse-line'],
    ['urgent care at a named location after hours', { leadType: 'caregiver', name: 'A', relationship: 'parent', service: 'urgent-care', location: 'salem', timing: 'asap' }, CLOSED, 'Urgent care after hours', 'nurse-line'],
    ['an urgent referral', { leadType: 'referral', name: 'Dr A', practice: 'P', service: 'orthopedics', urgency: 'urgent' }, OPEN, 'Urgent referrals', 'referrals'],
    ['a routine referral', { leadType: 'referral', name: 'Dr A', practice: 'P', service: 'orthopedics', urgency: 'routine' }, OPEN, 'Referrals', 'referrals'],
    ['an employer', { leadType: 'employer', organization: 'O', name: 'A', companySize: '1-49', interest: 'benefits' }, OPEN, 'Employers', 'employer-partnerships'],
    ['Salem as soon as possible', { leadType: 'patient', name: 'A', location: 'salem', service: 'primary-care', timing: 'asap' }, OPEN, 'Salem, as soon as possible', 'salem-front-desk'],
    ['Salem, flexible: no rule', { leadType: 'patient', name: 'A', location: 'salem', timing: 'flexible' }, OPEN, null, 'central-scheduling'],
    ['an insurance question: no rule', { leadType: 'insurance', name: 'A', plan: 'Cascade Mutual' }, OPEN, null, 'central-scheduling'],
  ] as const)('%s', (_, input, now, rule, queue) => {
    const decision = routeLead(lead(input), context(now));
    expect([decision.matchedRule, decision.queue]).toEqual([rule, queue]);
  });

  it('returns the default route with its target when nothing matches', () => {
    expect(routeLead(lead({ leadType: 'insurance', name: 'A', plan: 'X Plan' }), context(OPEN))).toEqual({
      queue: 'central-scheduling',
      priority: 'normal',
      responseTargetMinutes: 240,
      matchedRule: null,
    });
  });
});

/**
 * A Texas organization on Central time with a clinic in El Paso, on Mountain time. Routed by one
 * clock, El Paso looked closed in its first hour each morning and open an hour after closing, and
 * its requests went to the after-hours callback queue instead of the front desk.
 */
describe('each location on its own clock', () => {
  const texas = RoutingSchema.parse({
    defaultRoute: { queue: 'central-scheduling', priority: 'normal', responseTargetMinutes: 240 },
    rules: [
      { name: 'El Paso front desk', when: { locations: ['el-paso'], open: true }, route: { queue: 'el-paso-front-desk', priority: 'high', responseTargetMinutes: 30 } },
      { name: 'Night clinic', when: { locations: ['san-antonio-night'], open: true }, route: { queue: 'night-desk', priority: 'high', responseTargetMinutes: 30 } },
      { name: 'After hours', when: { open: false }, route: { queue: 'after-hours-callback', priority: 'normal', responseTargetMinutes: 960 } },
    ],
  });
  const dayHours = [{ days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as ('monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday')[], opens: '08:00', closes: '17:00' }];
  const texasContext = (now: Date): RoutingContext => ({
    routing: texas,
    services: new Map(),
    locations: new Map([
      ['el-paso', { hours: dayHours, timeZone: 'America/Denver' }],
      ['san-antonio', { hours: dayHours, timeZone: 'America/Chicago' }],
      ['san-antonio-night', { hours: [{ days: ['tuesday'], opens: '18:00', closes: '02:00' }], timeZone: 'America/Chicago' }],
    ]),
    now,
  });
  const request = (location: string) => lead({ leadType: 'patient', name: 'A', location, timing: 'asap' });

  // Tuesday 2026-11-24: El Paso is UTC−7, San Antonio UTC−6.
  it.each([
    ['El Paso, 08:30 its time (09:30 in San Antonio)', 'el-paso', '2026-11-24T15:30:00Z', 'el-paso-front-desk'],
    ['El Paso, 16:30 its time (17:30 in San Antonio)', 'el-paso', '2026-11-24T23:30:00Z', 'el-paso-front-desk'],
    ['El Paso, 07:30 its time (08:30 in San Antonio)', 'el-paso', '2026-11-24T14:30:00Z', 'after-hours-callback'],
    ['El Paso, 17:00 its time', 'el-paso', '2026-11-25T00:00:00Z', 'after-hours-callback'],
    ['San Antonio, 16:30', 'san-antonio', '2026-11-24T22:30:00Z', 'central-scheduling'],
    ['San Antonio, 17:30 (16:30 in El Paso)', 'san-antonio', '2026-11-24T23:30:00Z', 'after-hours-callback'],
    ['the night clinic, Tuesday 23:30', 'san-antonio-night', '2026-11-25T05:30:00Z', 'night-desk'],
    ['the night clinic, Wednesday 00:30', 'san-antonio-night', '2026-11-25T06:30:00Z', 'night-desk'],
    ['the night clinic, Wednesday 02:30', 'san-antonio-night', '2026-11-25T08:30:00Z', 'after-hours-callback'],
    ['the night clinic, Tuesday 01:30', 'san-antonio-night', '2026-11-24T07:30:00Z', 'after-hours-callback'],
  ])('%s → %s', (_, location, at, queue) => {
    expect(routeLead(request(location), texasContext(new Date(at))).queue).toBe(queue);
  });

  it('counts a request with no location as open while any location is, each by its own clock', () => {
    const noLocation = lead({ leadType: 'insurance', name: 'A', plan: 'X Plan' });
    // 17:30 in San Antonio, 16:30 in El Paso: only El Paso is open.
    expect(routeLead(noLocation, texasContext(new Date('2026-11-24T23:30:00Z'))).queue).toBe('central-scheduling');
    // Tuesday 18:30 in San Antonio, 17:30 in El Paso: only the night clinic is open.
    expect(routeLead(noLocation, texasContext(new Date('2026-11-25T00:30:00Z'))).queue).toBe('central-scheduling');
    // Wednesday 18:30 in San Antonio: every location closed.
    expect(routeLead(noLocation, texasContext(new Date('2026-11-26T00:30:00Z'))).queue).toBe('after-hours-callback');
  });
});

describe('RoutingSchema', () => {
  it('refuses an unknown time zone, priority or lead type', () => {
    const result = RoutingSchema.safeParse({
      timeZone: 'Mars/Olympus',
      defaultRoute: { queue: 'q', priority: 'asap', responseTargetMinutes: 5 },
      rules: [{ name: 'x', when: { leadTypes: ['vip'] }, route: { queue: 'q', priority: 'low', responseTargetMinutes: 5 } }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['defaultRoute.priority', 'rules.0.when.leadTypes.0', 'timeZone']);
  });
});
