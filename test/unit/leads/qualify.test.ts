import { describe, expect, it } from 'vitest';
import { qualifyLead, type QualifyContext } from '@/lib/leads/qualify.ts';
import { parseLead, type LeadInput } from '@/lib/leads/schema.ts';

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
