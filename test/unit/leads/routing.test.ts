import { beforeAll, describe, expect, it } from 'vitest';
import { RoutingSchema, isOpenAt, routeLead, type RoutingContext } from '@/lib/leads/routing.ts';
import { parseLead, type LeadInput } from '@/lib/leads/schema.ts';
import { readContent } from '../../support/read-content.ts';

const routing = RoutingSchema.parse({
  timeZone: 'America/Los_Angeles',
  defaultRoute: { queue: 'central-scheduling', priority: 'normal', responseTargetMinutes: 240 },
  rules: [
    { name: 'Urgent care after hours', when: { urgentService: true, open: false }, route: { queue: 'nurse-line', priority: 'urgent', responseTargetMinutes: 30 } },
    { name: 'Urgent care', when: { urgentService: true }, route: { queue: 'urgent-care-desk', priority: 'urgent', responseTargetMinutes: 15 } },
    { name: 'Urgent referrals', when: { leadTypes: ['referral'], referralUrgencies: ['urgent'] }, route: { queue: 'referrals', priority: 'high', responseTargetMinutes: 60 } },
    { name: 'Referrals', when: { leadTypes: ['referral'] }, route: { queue: 'referrals', priority: 'normal', responseTargetMinutes: 480 } },
    { name: 'Employers', when: { leadTypes: ['employer'] }, route: { queue: 'employer-partnerships', priority: 'low', responseTargetMinutes: 1440 } },
    { name: 'Salem, as soon as possible', when: { locations: ['salem'], timings: ['asap'] }, route: { queue: 'salem-front-desk', priority: 'high', responseTargetMinutes: 60 } },
    // After Salem's rule, so that only the location tells the two apart.
    { name: 'Portland, as soon as possible', when: { locations: ['portland'], timings: ['asap'] }, route: { queue: 'portland-front-desk', priority: 'high', responseTargetMinutes: 60 } },
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
    ['portland', { hours: weekdays }],
    ['salem', { hours: weekdays }],
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
    ['Portland as soon as possible: not Salem\'s rule', { leadType: 'patient', name: 'A', location: 'portland', timing: 'asap' }, OPEN, 'Portland, as soon as possible', 'portland-front-desk'],
    ['as soon as possible at no chosen location: no location rule', { leadType: 'patient', name: 'A', timing: 'asap' }, OPEN, null, 'central-scheduling'],
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

// The rules the site ships, with the locations and services they name, as the lead endpoint
// reads them: a rule order or a condition that sends a lead to the wrong team shows here.
describe('the sample routing in content/routing/', () => {
  let sample: (now: Date) => RoutingContext;
  beforeAll(async () => {
    const { snapshot, issues } = await readContent({ contentDir: 'content' });
    expect(issues).toEqual([]);
    const [routingEntry] = snapshot.routing;
    if (!routingEntry) throw new Error('The content has no routing file.');
    sample = (now) => ({
      routing: routingEntry.data,
      services: new Map(snapshot.services.map((s) => [s.id, { urgent: s.data.intent === 'urgent' }])),
      locations: new Map(snapshot.locations.map((l) => [l.id, { hours: l.data.hours }])),
      now,
    });
  });

  it.each([
    ['pearl-district', 'Portland, as soon as possible', 'portland-scheduling'],
    ['hawthorne', 'Portland, as soon as possible', 'portland-scheduling'],
    ['gateway', 'Portland, as soon as possible', 'portland-scheduling'],
    ['lloyd-imaging', 'Portland, as soon as possible', 'portland-scheduling'],
    ['downtown-salem', 'Salem, as soon as possible', 'salem-scheduling'],
    ['lancaster', 'Salem, as soon as possible', 'salem-scheduling'],
  ])('a patient at %s who asks to be seen as soon as possible: rule "%s", queue %s', (location, rule, queue) => {
    const decision = routeLead(lead({ leadType: 'patient', name: 'A', location, service: 'primary-care', timing: 'asap' }), sample(OPEN));
    expect([decision.matchedRule, decision.queue]).toEqual([rule, queue]);
  });

  it.each([
    ['urgent care while open', 'urgent-care-desk', { leadType: 'patient', name: 'A', location: 'gateway', service: 'urgent-care', timing: 'asap' }, OPEN],
    ['urgent care after hours', 'nurse-advice-line', { leadType: 'patient', name: 'A', location: 'gateway', service: 'urgent-care', timing: 'asap' }, CLOSED],
    ['counseling at a Portland clinic, as soon as possible', 'behavioral-health-intake', { leadType: 'caregiver', name: 'A', relationship: 'child', location: 'hawthorne', service: 'behavioral-health', timing: 'asap' }, OPEN],
    ['a Portland visit that can wait', 'central-scheduling', { leadType: 'patient', name: 'A', location: 'pearl-district', timing: 'flexible' }, OPEN],
    ['as soon as possible, at no chosen location', 'central-scheduling', { leadType: 'patient', name: 'A', timing: 'asap' }, OPEN],
  ])('%s reaches %s', (_, queue, input, now) => {
    expect(routeLead(lead(input), sample(now)).queue).toBe(queue);
  });
});

describe('isOpenAt', () => {
  it.each([
    ['2026-11-25T16:00:00Z', true], // 08:00 Wednesday in Portland: opening minute
    ['2026-11-25T15:59:00Z', false],
    ['2026-11-26T01:59:00Z', true], // 17:59
    ['2026-11-26T02:00:00Z', false], // 18:00: closed
    ['2026-11-28T18:00:00Z', false], // Saturday
  ])('%s → %s', (instant, open) => {
    expect(isOpenAt(weekdays, new Date(instant), 'America/Los_Angeles')).toBe(open);
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
