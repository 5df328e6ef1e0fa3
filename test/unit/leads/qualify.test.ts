import { describe, expect, it } from 'vitest';
import { qualifyLead, type QualifyContext } from '@/lib/leads/qualify.ts';
import { COMPANY_SIZES, REFERRAL_URGENCIES, TIMINGS, parseLead, type LeadInput } from '@/lib/leads/schema.ts';

const context: QualifyContext = {
  locations: new Map([
    ['gateway', { services: ['urgent-care', 'orthopedics'], insurance: ['Medicare', 'Cascade Mutual'] }],
    ['dental', { services: ['dental'], insurance: ['Summit Dental'] }],
  ]),
};

const lead = (input: Record<string, unknown>): LeadInput => {
  const result = parseLead({ consent: 'yes', ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.lead;
};

describe('qualifyLead', () => {
  it.each([
    [
      'a complete urgent request for a service the location offers',
      { leadType: 'patient', name: 'A', phone: '5035550142', email: 'a@example.com', location: 'gateway', service: 'urgent-care', timing: 'asap' },
      { fit: { serviceOfferedAtLocation: true, insuranceAccepted: null }, score: 90, flags: [] },
    ],
    [
      'a service the chosen location does not offer',
      { leadType: 'patient', name: 'A', phone: '5035550142', location: 'dental', service: 'orthopedics', timing: 'flexible' },
      { fit: { serviceOfferedAtLocation: false, insuranceAccepted: null }, score: 25, flags: ['service-not-offered-at-location'] },
    ],
    [
      'an email-only request with no choices',
      { leadType: 'patient', name: 'A', email: 'a@example.com', timing: 'flexible' },
      { fit: { serviceOfferedAtLocation: null, insuranceAccepted: null }, score: 15, flags: [] },
    ],
    [
      'an insurance plan on file somewhere',
      { leadType: 'insurance', name: 'A', phone: '5035550142', plan: 'cascade mutual' },
      { fit: { serviceOfferedAtLocation: null, insuranceAccepted: true }, score: 35, flags: [] },
    ],
    [
      'an insurance plan not on file at the chosen location',
      { leadType: 'insurance', name: 'A', phone: '5035550142', plan: 'Medicare', location: 'dental' },
      { fit: { serviceOfferedAtLocation: null, insuranceAccepted: false }, score: 30, flags: ['insurance-not-on-file'] },
    ],
    [
      'an urgent referral',
      { leadType: 'referral', name: 'Dr A', practice: 'P', phone: '5035550142', service: 'orthopedics', urgency: 'urgent' },
      { fit: { serviceOfferedAtLocation: null, insuranceAccepted: null }, score: 60, flags: [] },
    ],
    [
      'a large employer',
      { leadType: 'employer', organization: 'O', name: 'A', email: 'a@o.example', companySize: '1000+', interest: 'on-site' },
      { fit: { serviceOfferedAtLocation: null, insuranceAccepted: null }, score: 40, flags: [] },
    ],
  ])('%s', (_, input, expected) => {
    expect(qualifyLead(lead(input), context)).toEqual(expected);
  });
});

describe('insurance plans as people write them', () => {
  const plans: QualifyContext = { locations: new Map([['gateway', { services: [], insurance: ['Cascade Mutual', 'Summit HMO', 'Medicare'] }]]) };
  const accepted = (plan: string) => qualifyLead(lead({ leadType: 'insurance', name: 'A', phone: '5035550142', plan }), plans).fit.insuranceAccepted;

  it.each([
    ['the name on file', 'Cascade Mutual', true],
    ['other case, punctuation and spacing', 'CASCADE - mutual.', true],
    ['part of the name on file', 'Cascade', true],
    ['the name on file and more', 'Medicare Advantage', true],
    ['three letters', 'HMO', true],
    ['fewer than three letters', 'Ca', false],
    ['fewer than three letters, punctuated', '(Ca)', false],
    ['another plan', 'Blue Shield', false],
  ])('%s: %s', (_, plan, expected) => {
    expect(accepted(plan)).toBe(expected);
  });
});

// Every choice the form offers has its points, and sooner or larger means more. Each lead below
// has an email (10 points) and nothing else that scores, so its score is 10 plus the choice's points.
describe.each([
  {
    field: 'timing',
    choices: TIMINGS,
    points: { asap: 25, 'this-week': 20, 'next-weeks': 10, flexible: 5 },
    make: (timing: string) => ({ leadType: 'patient', name: 'A', email: 'a@example.com', timing }),
  },
  {
    field: 'urgency',
    choices: REFERRAL_URGENCIES,
    points: { urgent: 30, soon: 20, routine: 10 },
    // A referral must name a service (10 points); it is counted in `base`.
    make: (urgency: string) => ({ leadType: 'referral', name: 'Dr A', practice: 'P', email: 'a@example.com', service: 'orthopedics', urgency }),
    base: 20,
  },
  {
    field: 'companySize',
    choices: COMPANY_SIZES,
    points: { '1000+': 30, '250-999': 25, '50-249': 15, '1-49': 5 },
    make: (companySize: string) => ({ leadType: 'employer', organization: 'O', name: 'A', email: 'a@o.example', companySize, interest: 'other' }),
  },
])('the score for each $field', ({ choices, points, make, base = 10 }) => {
  it('covers every choice of the lead schema', () => {
    expect(Object.keys(points).sort()).toEqual(Object.keys(choices).sort());
  });

  it.each(Object.entries(points))('%s adds %i', (choice, added) => {
    expect(qualifyLead(lead(make(choice)), context).score).toBe(base + added);
  });

  it('ranks the choices from most to least pressing, each worth something', () => {
    const scores = Object.keys(points).map((choice) => qualifyLead(lead(make(choice)), context).score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(scores).size).toBe(scores.length);
    expect(Math.min(...scores)).toBeGreaterThan(base);
  });
});
