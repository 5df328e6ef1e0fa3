import { describe, expect, it } from 'vitest';
import { LEAD_TYPES, LEAD_TYPE_LABELS, parseLead } from '@/lib/leads/schema.ts';

const valid = {
  patient: { leadType: 'patient', name: 'Ana Ruiz', phone: '(503) 555-0142', timing: 'asap', consent: 'yes' },
  caregiver: { leadType: 'caregiver', name: 'Ben Cole', relationship: 'parent', email: 'ben@example.com', timing: 'this-week', consent: 'yes' },
  referral: { leadType: 'referral', name: 'Dr. Lee', practice: 'Eastside Family Practice', phone: '503-555-0199', service: 'orthopedics', urgency: 'soon', consent: 'yes' },
  employer: { leadType: 'employer', organization: 'Acme Freight', name: 'Kim Park', email: 'kim@acme.example', companySize: '250-999', interest: 'occupational-health', consent: true },
  insurance: { leadType: 'insurance', name: 'Sam Diaz', phone: '5035550100', plan: 'Cascade Mutual', consent: 'on' },
} as const;

describe('parseLead accepts the minimal form of every lead type', () => {
  it('has a valid example for each type', () => {
    expect(Object.keys(valid).sort()).toEqual([...LEAD_TYPES].sort());
  });

  it.each(Object.values(valid))('$leadType', (input) => {
    const result = parseLead(input);
    expect(result).toMatchObject({ ok: true, lead: { leadType: input.leadType, consent: true } });
  });

  it('trims, drops empty optional fields and fills defaults', () => {
    expect(parseLead({ ...valid.patient, name: '  Ana  ', email: '', location: '  ', message: '' })).toEqual({
      ok: true,
      lead: { leadType: 'patient', name: 'Ana', phone: '(503) 555-0142', timing: 'asap', contactTime: 'any', consent: true },
    });
  });
});

describe.each(LEAD_TYPES)('a %s lead needs a way to reach the person', (type) => {
  const unreachable = Object.fromEntries(Object.entries(valid[type]).filter(([field]) => field !== 'phone' && field !== 'email'));

  it('refuses neither phone nor email, naming the phone field', () => {
    expect(parseLead(unreachable)).toEqual({ ok: false, errors: { phone: 'Enter a phone number or an email address so that we can reach you.' } });
    expect(parseLead({ ...unreachable, phone: ' ', email: '' })).toEqual({
      ok: false,
      errors: { phone: 'Enter a phone number or an email address so that we can reach you.' },
    });
  });

  it.each([
    ['a phone number', { phone: '503 555 0142' }],
    ['an email address', { email: 'a@example.com' }],
  ])('accepts %s alone', (_, contact) => {
    expect(parseLead({ ...unreachable, ...contact })).toMatchObject({ ok: true, lead: contact });
  });
});

describe('parseLead explains what is wrong, one message per field', () => {
  it.each([
    ['no way to reach the person', { ...valid.patient, phone: '' }, { phone: 'Enter a phone number or an email address so that we can reach you.' }],
    ['a phone without enough digits', { ...valid.patient, phone: '555-01' }, { phone: 'Enter a phone number with its area code, like 503 555 0142.' }],
    ['letters in a phone number', { ...valid.patient, phone: 'call me' }, { phone: 'Enter a phone number using digits, spaces, dashes or brackets.' }],
    ['a malformed email', { ...valid.caregiver, email: 'ben@' }, { email: 'Enter an email address like name@example.com.' }],
    ['no consent', { ...valid.patient, consent: undefined }, { consent: 'Tick the box so that we may contact you about your request.' }],
    ['an unknown timing', { ...valid.patient, timing: 'yesterday' }, { timing: 'Choose when you hope to be seen.' }],
    ['a location id that is not an id', { ...valid.patient, location: '../etc/passwd' }, { location: 'Choose a location from the list.' }],
    ['a name that is too long', { ...valid.patient, name: 'x'.repeat(101) }, { name: 'Keep your name under 100 characters.' }],
    ['a line break in a name (header injection)', { ...valid.patient, name: 'Ana\r\nBcc: x@y.z' }, { name: 'Remove special characters from your name.' }],
    ['a control character', { ...valid.patient, name: 'Ana\u0000' }, { name: 'Remove special characters from your name.' }],
    ['a lone surrogate (not valid Unicode)', { ...valid.patient, name: 'Ana \ud800' }, { name: 'Remove special characters from your name.' }],
    ['a line separator in the message', { ...valid.patient, message: 'a\u2028b' }, { message: 'Remove special characters from the message.' }],
    ['a message that is too long', { ...valid.patient, message: 'x'.repeat(501) }, { message: 'Keep the message under 500 characters.' }],
    ['an unknown lead type', { ...valid.patient, leadType: 'admin' }, { leadType: 'Choose what your request is about.' }],
    ['a referral without a service', { ...valid.referral, service: undefined }, { service: 'Choose the service.' }],
    ['a submission key that is not a UUID', { ...valid.patient, submissionKey: 'abc' }, { submissionKey: 'The form key is not valid; reload the page.' }],
  ])('%s', (_, input, errors) => {
    expect(parseLead(input)).toEqual({ ok: false, errors });
  });

  it.each([
    ['status', { status: 'booked' }],
    ['route', { route: 'vip' }],
    ['score', { score: 100 }],
    ['id', { id: 'x' }],
  ])('refuses a post that tries to set %s', (field, extra) => {
    expect(parseLead({ ...valid.patient, ...extra })).toEqual({ ok: false, errors: { form: `Unexpected fields: ${field}.` } });
  });

  it('refuses unknown attribution keys and accepts the known ones', () => {
    expect(parseLead({ ...valid.patient, attribution: { utm_source: 'google', utm_x: '1' } })).toEqual({ ok: false, errors: { form: 'Unexpected fields: utm_x.' } });
    expect(parseLead({ ...valid.patient, attribution: { utm_source: 'google', gclid: 'abc', landingPage: '/services/' } })).toMatchObject({
      ok: true,
      lead: { attribution: { utm_source: 'google', gclid: 'abc', landingPage: '/services/' } },
    });
  });

  it.each([null, undefined, 'text', 42, []])('refuses %j as a whole', (input) => {
    expect(parseLead(input)).toEqual({ ok: false, errors: { form: 'Choose what your request is about.' } });
  });

  it('refuses an empty post at the choice of request type', () => {
    expect(parseLead({})).toEqual({ ok: false, errors: { leadType: 'Choose what your request is about.' } });
  });

  it('names every unexpected field', () => {
    expect(parseLead({ ...valid.patient, status: 'booked', score: 100 })).toEqual({ ok: false, errors: { form: 'Unexpected fields: status, score.' } });
  });
});

describe('each lead type is offered with a label of its own', () => {
  it.each(LEAD_TYPES)('%s', (type) => {
    expect(LEAD_TYPE_LABELS[type].trim()).not.toBe('');
  });

  it('no two types share a label', () => {
    expect(new Set(Object.values(LEAD_TYPE_LABELS)).size).toBe(LEAD_TYPES.length);
  });
});

describe('what a person types is read as they meant it', () => {
  const parsed = (input: Record<string, unknown>) => {
    const result = parseLead(input);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.lead;
  };

  it('trims spaces around the email, the phone, the ids and the message', () => {
    expect(parsed({ ...valid.patient, email: '  ana@example.com ', phone: ' 503 555 0142 ', location: ' gateway ', service: ' primary-care ', message: '  Mornings, please.  ' })).toMatchObject({
      email: 'ana@example.com',
      phone: '503 555 0142',
      location: 'gateway',
      service: 'primary-care',
      message: 'Mornings, please.',
    });
  });

  it.each(['yes', 'on', 'true', true])('takes %j as consent', (consent) => {
    expect(parsed({ ...valid.patient, consent }).consent).toBe(true);
  });

  it.each(['no', 'false', false, ''])('does not take %j as consent', (consent) => {
    expect(parseLead({ ...valid.patient, consent })).toEqual({ ok: false, errors: { consent: 'Tick the box so that we may contact you about your request.' } });
  });

  it.each(['patient', 'caregiver'] as const)('a %s who says nothing about call times may be called any time', (type) => {
    expect(parsed(valid[type])).toMatchObject({ contactTime: 'any' });
  });
});

describe('phone numbers as people type them', () => {
  const AREA_CODE = 'Enter a phone number with its area code, like 503 555 0142.';
  const CHARACTERS = 'Enter a phone number using digits, spaces, dashes or brackets.';
  it.each([
    ['seven digits', '555 0142', undefined],
    ['six digits', '555 014', AREA_CODE],
    ['fifteen digits (the E.164 maximum)', '+44 20 7183 8750 123', undefined],
    ['sixteen digits', '+44 20 7183 8750 1234', AREA_CODE],
    ['dots and brackets', '(503) 555.0142', undefined],
    ['words before the number', 'call 503 555 0142', CHARACTERS],
    ['words after the number', '503 555 0142 evenings', CHARACTERS],
    ['more than 32 characters', '5'.repeat(33), 'Enter a phone number under 32 characters.'],
  ])('%s: %s', (_, phone, error) => {
    expect(parseLead({ ...valid.patient, phone })).toEqual(error === undefined ? expect.objectContaining({ ok: true }) : { ok: false, errors: { phone: error } });
  });
});

describe('more messages, one per field', () => {
  it.each([
    ['a blank name', { ...valid.patient, name: '   ' }, { name: 'Enter your name.' }],
    ['a blank practice', { ...valid.referral, practice: ' ' }, { practice: 'Enter the practice or organization.' }],
    ['an email over 254 characters', { ...valid.caregiver, email: `${'a'.repeat(250)}@example.com` }, { email: 'Enter an email address under 254 characters.' }],
    ['an unknown call time (patient)', { ...valid.patient, contactTime: 'midnight' }, { contactTime: 'Choose when we may call.' }],
    ['an unknown call time (caregiver)', { ...valid.caregiver, contactTime: 'midnight' }, { contactTime: 'Choose when we may call.' }],
    ['a path as a location id', { ...valid.patient, location: 'gateway/../../etc' }, { location: 'Choose a location from the list.' }],
  ])('%s', (_, input, errors) => {
    expect(parseLead(input)).toEqual({ ok: false, errors });
  });

  describe.each([
    ['patient', ['location', 'service']],
    ['caregiver', ['location', 'service']],
    ['referral', ['location']],
    ['insurance', ['location', 'service']],
  ] as const)('a %s lead', (type, fields) => {
    it.each(fields)('asks to choose the %s from the list', (field) => {
      expect(parseLead({ ...valid[type], [field]: 'Not An Id' })).toEqual({ ok: false, errors: { [field]: `Choose a ${field} from the list.` } });
    });
  });

  it('asks a referral to choose the service from the list', () => {
    expect(parseLead({ ...valid.referral, service: 'Not An Id' })).toEqual({ ok: false, errors: { service: 'Choose the service from the list.' } });
  });
});

describe('attribution', () => {
  it.each([
    ['landingPage', 'the landing page', 300],
    ['page', 'the page', 300],
    ['referrer', 'the referrer', 300],
    ['utm_source', 'utm_source', 100],
    ['utm_medium', 'utm_medium', 100],
    ['utm_campaign', 'utm_campaign', 100],
    ['utm_term', 'utm_term', 100],
    ['utm_content', 'utm_content', 100],
    ['gclid', 'gclid', 200],
    ['msclkid', 'msclkid', 200],
  ])('keeps %s to its limit, naming it', (field, label, max) => {
    expect(parseLead({ ...valid.patient, attribution: { [field]: 'x'.repeat(max) } })).toMatchObject({ ok: true });
    expect(parseLead({ ...valid.patient, attribution: { [field]: 'x'.repeat(max + 1) } })).toEqual({
      ok: false,
      errors: { [`attribution.${field}`]: `Keep ${label} under ${max} characters.` },
    });
  });
});
