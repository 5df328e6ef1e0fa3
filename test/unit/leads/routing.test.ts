import { beforeAll, describe, expect, it } from 'vitest';
import { buildLeadSite } from '@/lib/content/lead-site.ts';
import { isOpenAt, type OpeningHours } from '@/lib/hours.ts';
import type { RouteTargets } from '@/lib/leads/delivery.ts';
import { RoutingSchema, routeLead, type RoutingContext } from '@/lib/leads/routing.ts';
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
    [
      'urgent care at a named location after hours',
      { leadType: 'caregiver', name: 'A', relationship: 'parent', service: 'urgent-care', location: 'salem', timing: 'asap' },
      CLOSED,
      'Urgent care after hours',
      'nurse-line',
    ],
    ['an urgent referral', { leadType: 'referral', name: 'Dr A', practice: 'P', service: 'orthopedics', urgency: 'urgent' }, OPEN, 'Urgent referrals', 'referrals'],
    ['a routine referral', { leadType: 'referral', name: 'Dr A', practice: 'P', service: 'orthopedics', urgency: 'routine' }, OPEN, 'Referrals', 'referrals'],
    ['an employer', { leadType: 'employer', organization: 'O', name: 'A', companySize: '1-49', interest: 'benefits' }, OPEN, 'Employers', 'employer-partnerships'],
    ['Salem as soon as possible', { leadType: 'patient', name: 'A', location: 'salem', service: 'primary-care', timing: 'asap' }, OPEN, 'Salem, as soon as possible', 'salem-front-desk'],
    ["Portland as soon as possible: not Salem's rule", { leadType: 'patient', name: 'A', location: 'portland', timing: 'asap' }, OPEN, 'Portland, as soon as possible', 'portland-front-desk'],
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
      notify: [],
      escalate: [],
      conceal: false,
      webhooks: [],
      matchedRule: null,
    });
  });

  it("gives the route's addresses and webhooks with it, as the delivery plan takes them", () => {
    const routing = RoutingSchema.parse({
      defaultRoute: { queue: 'central', priority: 'normal', responseTargetMinutes: 240, notify: ['central@clinic.example'] },
      rules: [
        {
          name: 'Urgent care',
          when: { urgentService: true },
          route: {
            queue: 'urgent-desk',
            priority: 'urgent',
            responseTargetMinutes: 15,
            notify: ['urgent@clinic.example', 'nurse@clinic.example'],
            escalate: ['manager@clinic.example'],
            webhooks: ['ehr'],
          },
        },
      ],
      delivery: { webhooks: { ehr: { payload: 'full' } } },
    });
    const targets = (input: Record<string, unknown>): RouteTargets => routeLead(lead(input), { ...context(OPEN), routing });
    expect(targets({ leadType: 'patient', name: 'A', service: 'urgent-care', timing: 'asap' })).toMatchObject({
      queue: 'urgent-desk',
      notify: ['urgent@clinic.example', 'nurse@clinic.example'],
      escalate: ['manager@clinic.example'],
      webhooks: ['ehr'],
    });
    expect(targets({ leadType: 'insurance', name: 'A', plan: 'X Plan' })).toMatchObject({ queue: 'central', notify: ['central@clinic.example'], escalate: [], webhooks: [] });
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

// The rules the site ships, with the locations and services they name, as the lead endpoint
// reads them: a rule order or a condition that sends a lead to the wrong team shows here.
describe('the sample routing in content/routing/', () => {
  let sample: (now: Date) => RoutingContext;
  beforeAll(async () => {
    const { snapshot, issues } = await readContent({ contentDir: 'content' });
    expect(issues).toEqual([]);
    const [routingEntry] = snapshot.routing;
    if (!routingEntry) throw new Error('The content has no routing file.');
    const [organization] = snapshot.organization;
    if (!organization) throw new Error('The content has no organization file.');
    const site = buildLeadSite({ organization: organization.data, locations: snapshot.locations, services: snapshot.services, routing: routingEntry.data });
    sample = (now) => ({ ...site.context, now });
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
    [
      'counseling at a Portland clinic, as soon as possible',
      'behavioral-health-intake',
      { leadType: 'caregiver', name: 'A', relationship: 'child', location: 'hawthorne', service: 'behavioral-health', timing: 'asap' },
      OPEN,
    ],
    ['a Portland visit that can wait', 'central-scheduling', { leadType: 'patient', name: 'A', location: 'pearl-district', timing: 'flexible' }, OPEN],
    ['as soon as possible, at no chosen location', 'central-scheduling', { leadType: 'patient', name: 'A', timing: 'asap' }, OPEN],
  ])('%s reaches %s', (_, queue, input, now) => {
    expect(routeLead(lead(input), sample(now)).queue).toBe(queue);
  });

  it('tells a team of every lead, and escalates the urgent and high ones', () => {
    const { routing } = sample(OPEN);
    const routes = [routing.defaultRoute, ...routing.rules.map((rule) => rule.route)];
    for (const route of routes) {
      expect(route.notify, route.queue).not.toEqual([]);
      expect(route.escalate.length > 0, route.queue).toBe(route.priority === 'urgent' || route.priority === 'high');
    }
  });
});

describe('routeLead: conditions and opening hours', () => {
  const rule = (when: Record<string, unknown>) => ({ name: 'The rule', when, route: { queue: 'the-queue', priority: 'high', responseTargetMinutes: 60 } });
  const only =
    (when: Record<string, unknown>, hours: Record<string, OpeningHours[]> = { portland: weekdays, salem: weekdays }) =>
    (input: Record<string, unknown>) =>
      routeLead(lead(input), {
        routing: RoutingSchema.parse({ timeZone: 'America/Los_Angeles', defaultRoute: { queue: 'default', priority: 'normal', responseTargetMinutes: 240 }, rules: [rule(when)] }),
        services: new Map([
          ['urgent-care', { urgent: true }],
          ['primary-care', { urgent: false }],
        ]),
        locations: new Map(Object.entries(hours).map(([id, h]) => [id, { hours: h, timeZone: 'America/Los_Angeles' }])),
        now: OPEN,
      }).matchedRule;

  it.each([
    ['leadTypes', { leadTypes: ['caregiver', 'patient'] }, { leadType: 'patient', name: 'A', timing: 'asap' }, { leadType: 'insurance', name: 'A', plan: 'P' }],
    [
      'services',
      { services: ['dental', 'primary-care'] },
      { leadType: 'patient', name: 'A', service: 'primary-care', timing: 'asap' },
      { leadType: 'patient', name: 'A', service: 'urgent-care', timing: 'asap' },
    ],
    [
      'locations',
      { locations: ['salem', 'portland'] },
      { leadType: 'patient', name: 'A', location: 'portland', timing: 'asap' },
      { leadType: 'patient', name: 'A', location: 'eugene', timing: 'asap' },
    ],
    ['timings', { timings: ['asap', 'this-week'] }, { leadType: 'patient', name: 'A', timing: 'this-week' }, { leadType: 'patient', name: 'A', timing: 'flexible' }],
    [
      'referralUrgencies',
      { referralUrgencies: ['urgent', 'soon'] },
      { leadType: 'referral', name: 'Dr A', practice: 'P', service: 'x', urgency: 'soon' },
      { leadType: 'referral', name: 'Dr A', practice: 'P', service: 'x', urgency: 'routine' },
    ],
  ])('a %s condition with several values matches any of them, and nothing else', (_, when, matching, other) => {
    expect(only(when)(matching)).toBe('The rule');
    expect(only(when)(other)).toBeNull();
  });

  it('a rule without conditions matches every lead', () => {
    expect(only({})({ leadType: 'insurance', name: 'A', plan: 'P' })).toBe('The rule');
  });

  it("with a location chosen, that location's hours decide whether it is open", () => {
    const saturdays: OpeningHours[] = [{ days: ['saturday'], opens: '08:00', closes: '18:00' }];
    const hours = { portland: weekdays, salem: saturdays };
    expect(only({ open: true }, hours)({ leadType: 'patient', name: 'A', location: 'portland', timing: 'asap' })).toBe('The rule');
    expect(only({ open: true }, hours)({ leadType: 'patient', name: 'A', location: 'salem', timing: 'asap' })).toBeNull();
    expect(only({ open: false }, hours)({ leadType: 'patient', name: 'A', location: 'salem', timing: 'asap' })).toBe('The rule');
  });

  it('with no location chosen, it is open while any location is', () => {
    const saturdays: OpeningHours[] = [{ days: ['saturday'], opens: '08:00', closes: '18:00' }];
    expect(only({ open: true }, { portland: saturdays, salem: weekdays })({ leadType: 'patient', name: 'A', timing: 'asap' })).toBe('The rule');
    expect(only({ open: true }, { portland: saturdays, salem: saturdays })({ leadType: 'patient', name: 'A', timing: 'asap' })).toBeNull();
  });

  it('a service that is not urgent care does not match urgentService, nor does no service', () => {
    expect(only({ urgentService: false })({ leadType: 'patient', name: 'A', service: 'primary-care', timing: 'asap' })).toBe('The rule');
    expect(only({ urgentService: true })({ leadType: 'patient', name: 'A', service: 'primary-care', timing: 'asap' })).toBeNull();
    expect(only({ urgentService: true })({ leadType: 'patient', name: 'A', timing: 'asap' })).toBeNull();
  });

  it('sends every lead to the default route when the file has no rules', () => {
    const routing = RoutingSchema.parse({ timeZone: 'America/Los_Angeles', defaultRoute: { queue: 'default', priority: 'normal', responseTargetMinutes: 240 } });
    expect(routeLead(lead({ leadType: 'patient', name: 'A', timing: 'asap' }), { ...context(OPEN), routing })).toEqual({
      queue: 'default',
      priority: 'normal',
      responseTargetMinutes: 240,
      notify: [],
      escalate: [],
      conceal: false,
      webhooks: [],
      matchedRule: null,
    });
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
    expect(isOpenAt({ hours: weekdays, timeZone: 'America/Los_Angeles' }, new Date(instant))).toBe(open);
  });
});

describe('isOpenAt, day by day', () => {
  // 10:00 in Portland on Monday 2026-11-23 and the six days after it.
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
  const tenAm = (i: number) => new Date(Date.UTC(2026, 10, 23 + i, 18));

  it.each(days.map((day, i) => [day, i] as const))('hours for %s only are open that day and no other', (day, i) => {
    const hours = [{ days: [day], opens: '09:00', closes: '11:00' }];
    expect(days.map((_, j) => isOpenAt({ hours, timeZone: 'America/Los_Angeles' }, tenAm(j)))).toEqual(days.map((_, j) => j === i));
  });

  it('is open during any of several sets of hours', () => {
    const hours: OpeningHours[] = [...weekdays, { days: ['saturday'], opens: '09:00', closes: '13:00' }];
    expect(isOpenAt({ hours, timeZone: 'America/Los_Angeles' }, tenAm(5))).toBe(true);
    expect(isOpenAt({ hours, timeZone: 'America/Los_Angeles' }, tenAm(6))).toBe(false);
  });

  it('reads the hours in the given time zone', () => {
    // 10:00 in Portland is 13:00 in New York.
    expect(isOpenAt({ hours: [{ days: ['monday'], opens: '12:00', closes: '14:00' }], timeZone: 'America/New_York' }, tenAm(0))).toBe(true);
    expect(isOpenAt({ hours: [{ days: ['monday'], opens: '12:00', closes: '14:00' }], timeZone: 'America/Los_Angeles' }, tenAm(0))).toBe(false);
  });
});

describe('RoutingSchema', () => {
  const valid = {
    timeZone: 'America/Los_Angeles',
    defaultRoute: { queue: 'front-desk', priority: 'normal', responseTargetMinutes: 240 },
    rules: [{ name: 'Walk-in', when: { services: ['walk-in-care'] }, route: { queue: 'walk-in-desk', priority: 'urgent', responseTargetMinutes: 15 } }],
  };
  const issues = (change: (routing: typeof valid) => unknown) => {
    const result = RoutingSchema.safeParse(change(structuredClone(valid)));
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const withRule = (rule: Record<string, unknown>) => (r: typeof valid) => ({ ...r, rules: [{ ...r.rules[0], ...rule }] });

  it.each([
    ['a valid file', (r: typeof valid) => r, []],
    [
      'a queue that is not an id',
      (r: typeof valid) => ({ ...r, defaultRoute: { ...r.defaultRoute, queue: 'front_desk' } }),
      ['defaultRoute.queue: Write an id: lowercase letters and digits, words joined by hyphens, at most 100 characters, like "low-back-pain".'],
    ],
    [
      'a queue with a space in front',
      (r: typeof valid) => ({ ...r, defaultRoute: { ...r.defaultRoute, queue: 'Main desk' } }),
      ['defaultRoute.queue: Write an id: lowercase letters and digits, words joined by hyphens, at most 100 characters, like "low-back-pain".'],
    ],
    ['an unknown priority', (r: typeof valid) => ({ ...r, defaultRoute: { ...r.defaultRoute, priority: 'asap' } }), ['defaultRoute.priority: Priority is one of: urgent, high, normal, low.']],
    [
      'a response target of zero minutes',
      (r: typeof valid) => ({ ...r, defaultRoute: { ...r.defaultRoute, responseTargetMinutes: 0 } }),
      ['defaultRoute.responseTargetMinutes: Give the response target in whole minutes.'],
    ],
    [
      'an unknown time zone',
      (r: typeof valid) => ({ ...r, timeZone: 'Pacific Time' }),
      ['timeZone: "Pacific Time" is not a time zone. Give an IANA time zone name such as America/Chicago or America/Denver.'],
    ],
    ['a rule without a name', withRule({ name: '  ' }), ['rules.0.name: Give the rule a name.']],
    ['an unknown lead type', withRule({ when: { leadTypes: ['vip'] } }), ['rules.0.when.leadTypes.0: Lead types are: patient, caregiver, referral, employer, insurance.']],
  ])('%s', (_, change, expected) => {
    expect(issues(change)).toEqual(expected);
  });

  it.each(['leadTypes', 'services', 'locations', 'timings', 'referralUrgencies'])('refuses an empty %s list (it would match nothing)', (condition) => {
    expect(issues(withRule({ when: { [condition]: [] } })).map((i) => i.split(':')[0])).toEqual([`rules.0.when.${condition}`]);
  });

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
