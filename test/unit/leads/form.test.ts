import { describe, expect, it } from 'vitest';
import { FORM_FIELDS, GROUP_OPTIONS_ABOVE, PLACE_FIELD_USE, SHARED_FIELDS, arrangeOptions, readFormPost, toFormErrors, type FormField } from '@/lib/leads/form.ts';
import { LEAD_TYPES, parseLead, type LeadType } from '@/lib/leads/schema.ts';

/** A valid answer for each field, to build complete posts from the form description. */
function answer(field: FormField): string {
  if (field.options === 'locations') return 'gateway';
  if (field.options === 'services') return 'primary-care';
  if (field.options) return Object.keys(field.options)[0] ?? '';
  if (field.kind === 'tel') return '503 555 0142';
  if (field.kind === 'email') return 'a@example.com';
  return 'Some text';
}
const complete = (leadType: LeadType): Record<string, string> => ({
  leadType,
  consent: 'yes',
  ...Object.fromEntries(FORM_FIELDS[leadType].map((f) => [f.name, answer(f)])),
});

describe('the form description agrees with the schema', () => {
  it.each(LEAD_TYPES)('a %s form filled in completely is valid', (leadType) => {
    expect(parseLead(complete(leadType))).toMatchObject({ ok: true });
  });

  describe.each(LEAD_TYPES)('%s', (leadType) => {
    const required = FORM_FIELDS[leadType].filter((f) => f.required);
    it.each(required.map((f) => [f.name, f] as const))('%s is required by the schema too, with the same message', (_, field) => {
      const { [field.name]: _removed, ...rest } = complete(leadType);
      const result = parseLead(rest);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[field.name]).toBe(field.missing);
    });

    const limited = FORM_FIELDS[leadType].filter((f) => f.maxLength !== undefined && f.kind === 'text');
    it.each(limited.map((f) => [f.name, f] as const))('%s has the schema’s length limit', (_, field) => {
      const max = field.maxLength ?? 0;
      expect(parseLead({ ...complete(leadType), [field.name]: 'x'.repeat(max) })).toMatchObject({ ok: true });
      expect(parseLead({ ...complete(leadType), [field.name]: 'x'.repeat(max + 1) })).toMatchObject({ ok: false });
    });
  });

  it.each(LEAD_TYPES)('a %s field is required in the form exactly when the schema refuses a post without it', (leadType) => {
    const fields = [...FORM_FIELDS[leadType], ...Object.values(SHARED_FIELDS)];
    const requiredBySchema = fields.filter((field) => {
      const { [field.name]: _removed, ...rest } = complete(leadType);
      return !parseLead(rest).ok;
    });
    expect(fields.filter((f) => f.required).map((f) => f.name)).toEqual(requiredBySchema.map((f) => f.name));
  });

  it('offers the shared message field under the name the schema reads', () => {
    expect(parseLead({ ...complete('patient'), [SHARED_FIELDS.message.name]: 'Mornings, please.' })).toMatchObject({ ok: true, lead: { message: 'Mornings, please.' } });
  });

  it('limits the message as the schema does', () => {
    expect(parseLead({ ...complete('patient'), message: 'x'.repeat(SHARED_FIELDS.message.maxLength) })).toMatchObject({ ok: true });
    expect(parseLead({ ...complete('patient'), message: 'x'.repeat(SHARED_FIELDS.message.maxLength + 1) })).toMatchObject({ ok: false });
  });
});

describe('every field, as a person meets it', () => {
  const forms = LEAD_TYPES.map((type): [LeadType, FormField[]] => [type, [...FORM_FIELDS[type], ...Object.values(SHARED_FIELDS)]]);

  it.each(forms)('%s: each field has a label and no two share one', (_, fields) => {
    const labels = fields.map((f) => f.label.trim());
    expect(labels.filter((label) => label === '')).toEqual([]);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it.each(forms)('%s: a hint, when given, says something', (_, fields) => {
    expect(fields.filter((f) => f.hint !== undefined && f.hint.trim() === '').map((f) => f.name)).toEqual([]);
  });

  it.each(forms)('%s: lists are selects, phones tel, emails email, the rest text', (_, fields) => {
    const expectedKind = (f: FormField) => (f.options !== undefined ? 'select' : f.name === 'phone' ? 'tel' : f.name === 'email' ? 'email' : f.name === 'message' ? 'textarea' : 'text');
    expect(fields.map((f) => [f.name, f.kind])).toEqual(fields.map((f) => [f.name, expectedKind(f)]));
  });

  // The browser fills these from the person's saved details.
  it.each(forms)('%s: name, phone, email and organization autofill', (_, fields) => {
    const autofill: Record<string, string> = { name: 'name', phone: 'tel', email: 'email', organization: 'organization', practice: 'organization' };
    const present = fields.filter((f) => f.name in autofill);
    expect(present.map((f) => [f.name, f.autocomplete])).toEqual(present.map((f) => [f.name, autofill[f.name]]));
  });
});

describe('readFormPost', () => {
  it('leaves the lead type empty when the post has none, for the schema to refuse', () => {
    expect(readFormPost([['patient.name', 'Ana']])).toEqual({ ok: true, lead: { leadType: '' } });
  });

  it('drops fields that hold only spaces', () => {
    expect(
      readFormPost([
        ['leadType', 'patient'],
        ['patient.name', '   '],
        ['patient.email', ' a@example.com'],
      ]),
    ).toEqual({ ok: true, lead: { leadType: 'patient', email: ' a@example.com' } });
  });

  it("keeps the chosen type's fields and drops the hidden types' and empty ones", () => {
    expect(
      readFormPost([
        ['leadType', 'referral'],
        ['patient.name', 'Typed then switched'],
        ['referral.name', 'Dr. Lee'],
        ['referral.practice', 'Eastside'],
        ['referral.email', ''],
        ['consent', 'yes'],
        ['website', ''],
        ['attribution.utm_source', 'google'],
        ['attribution.gclid', ''],
      ]),
    ).toEqual({ ok: true, lead: { leadType: 'referral', name: 'Dr. Lee', practice: 'Eastside', consent: 'yes', attribution: { utm_source: 'google' } } });
  });

  it('passes unknown fields on for the schema to refuse', () => {
    expect(
      readFormPost([
        ['leadType', 'patient'],
        ['patient.name', 'First'],
        ['status', 'booked'],
        ['admin.role', 'root'],
      ]),
    ).toEqual({ ok: true, lead: { leadType: 'patient', name: 'First', status: 'booked', 'admin.role': 'root' } });
  });

  const PATIENT: [string, string][] = [
    ['leadType', 'patient'],
    ['patient.name', 'Ana'],
    ['consent', 'yes'],
  ];
  it.each([
    ['a field of the chosen type', [['patient.name', 'Someone else']], 'patient.name', 'patient.name'],
    [
      'a field of a hidden type',
      [
        ['caregiver.name', 'A'],
        ['caregiver.name', 'B'],
      ],
      'caregiver.name',
      'caregiver.name',
    ],
    [
      'even with an empty value',
      [
        ['patient.phone', ''],
        ['patient.phone', '5035550142'],
      ],
      'patient.phone',
      'patient.phone',
    ],
    ['the lead type', [['leadType', 'employer']], 'leadType', 'leadType'],
    ['the consent box', [['consent', 'no']], 'consent', 'consent'],
    [
      'the message',
      [
        ['message', 'a'],
        ['message', 'b'],
      ],
      'message',
      'message',
    ],
    [
      'a place field',
      [
        ['location', 'gateway'],
        ['location', 'salem'],
      ],
      'location',
      'location',
    ],
    [
      'a place field both shared and as an old page named it',
      [
        ['location', 'gateway'],
        ['patient.location', 'salem'],
      ],
      'location',
      'location',
    ],
    [
      'an old page’s place field twice',
      [
        ['patient.service', 'a'],
        ['patient.service', 'b'],
      ],
      'service',
      'service',
    ],
    [
      'attribution, which the form does not show',
      [
        ['attribution.page', '/a/'],
        ['attribution.page', '/b/'],
      ],
      'form',
      'attribution.page',
    ],
    [
      'the time-trap token',
      [
        ['formToken', 'a'],
        ['formToken', 'b'],
      ],
      'form',
      'formToken',
    ],
    [
      'an unknown key',
      [
        ['x', '1'],
        ['x', '2'],
      ],
      'form',
      'x',
    ],
  ] as [string, [string, string][], string, string][])('refuses %s given twice, naming it', (_, extra, errorKey, named) => {
    expect(readFormPost([...PATIENT, ...extra])).toEqual({ ok: false, errors: { [errorKey]: `"${named}" was sent more than once; send it once.` } });
  });

  it('takes the shared place field and an old page’s place field of a hidden type side by side', () => {
    expect(readFormPost([...PATIENT, ['location', 'gateway'], ['caregiver.location', 'salem']])).toEqual({
      ok: true,
      lead: { leadType: 'patient', name: 'Ana', consent: 'yes', location: 'gateway' },
    });
  });

  it('takes the place fields for the types that ask for them, and drops them for the others', () => {
    const post = (leadType: string) =>
      [
        ['leadType', leadType],
        ['location', 'gateway'],
        ['service', 'primary-care'],
      ] as [string, string][];
    expect(readFormPost(post('patient'))).toEqual({ ok: true, lead: { leadType: 'patient', location: 'gateway', service: 'primary-care' } });
    expect(readFormPost(post('referral'))).toEqual({ ok: true, lead: { leadType: 'referral', location: 'gateway', service: 'primary-care' } });
    // The employer form has no place fields: the page hid them, but a browser still sends them.
    expect(readFormPost(post('employer'))).toEqual({ ok: true, lead: { leadType: 'employer' } });
    expect(readFormPost(post('nonsense'))).toEqual({ ok: true, lead: { leadType: 'nonsense' } });
  });

  it('still reads a place field named after its type, from a page built before they were shared', () => {
    expect(
      readFormPost([
        ['leadType', 'insurance'],
        ['insurance.location', 'gateway'],
      ]),
    ).toEqual({ ok: true, lead: { leadType: 'insurance', location: 'gateway' } });
  });

  it('maps schema errors back to form field names', () => {
    expect(toFormErrors('caregiver', { name: 'Enter your name.', consent: 'Tick.', form: 'x', service: 'Choose the service.', leadType: 'Choose.', message: 'Shorter.' })).toEqual({
      'caregiver.name': 'Enter your name.',
      consent: 'Tick.',
      form: 'x',
      service: 'Choose the service.',
      leadType: 'Choose.',
      message: 'Shorter.',
    });
  });
});

describe('PLACE_FIELD_USE', () => {
  it('lists each place field once, with the types that ask for it and those that require it', () => {
    expect(PLACE_FIELD_USE.map(({ field, types, requiredFor }) => ({ name: field.name, types, requiredFor }))).toEqual([
      { name: 'location', types: ['patient', 'caregiver', 'referral', 'insurance'], requiredFor: [] },
      { name: 'service', types: ['patient', 'caregiver', 'referral', 'insurance'], requiredFor: ['referral'] },
    ]);
  });

  it('is not required as such: the form requires it only for the types in requiredFor', () => {
    expect(PLACE_FIELD_USE.map(({ field }) => field.required)).toEqual([false, false]);
  });

  it.each(LEAD_TYPES)('agrees with what the schema accepts for a %s', (leadType) => {
    for (const { field, types, requiredFor } of PLACE_FIELD_USE) {
      const value = field.options === 'locations' ? 'gateway' : 'primary-care';
      const { [field.name]: _dropped, ...without } = complete(leadType);
      expect(parseLead({ ...without, [field.name]: value }).ok, `${field.name} accepted`).toBe(types.includes(leadType));
      expect(parseLead(without).ok, `${field.name} left out`).toBe(!requiredFor.includes(leadType));
    }
  });
});

describe('arrangeOptions', () => {
  const place = (n: number, city: (i: number) => string, related: number[] = []) =>
    Array.from({ length: n }, (_, i) => ({ value: `l${i}`, label: `Clinic ${i}`, group: city(i), related: related.includes(i) }));
  const shape = (groups: ReturnType<typeof arrangeOptions>) => groups.map((g) => [g.label ?? '(none)', g.options.map((o) => o.value).join(' ')]);

  it('keeps a short list as it is, with one related option in its place', () => {
    expect(shape(arrangeOptions(place(4, (i) => (i < 2 ? 'Salem' : 'Portland'), [2])))).toEqual([['(none)', 'l0 l1 l2 l3']]);
  });

  it('puts several related options first, the rest after them', () => {
    expect(shape(arrangeOptions(place(4, () => 'Salem', [1, 3])))).toEqual([
      ['Related to this page', 'l1 l3'],
      ['(none)', 'l0 l2'],
    ]);
  });

  it('groups a long list by city, cities in name order, options in their order', () => {
    const n = GROUP_OPTIONS_ABOVE + 1;
    const cities = ['Salem', 'Eugene', 'Portland'];
    expect(shape(arrangeOptions(place(n, (i) => cities[i % 3]!, [0, 1])))).toEqual([
      ['Related to this page', 'l0 l1'],
      ['Eugene', 'l4 l7 l10'],
      ['Portland', 'l2 l5 l8 l11'],
      ['Salem', 'l3 l6 l9 l12'],
    ]);
  });

  it('does not group a long list of one city, or of options without groups', () => {
    const n = GROUP_OPTIONS_ABOVE + 1;
    const all = Array.from({ length: n }, (_, i) => `l${i}`).join(' ');
    expect(shape(arrangeOptions(place(n, () => 'Salem')))).toEqual([['(none)', all]]);
    expect(shape(arrangeOptions(place(n, (i) => `City ${i}`).map(({ group: _group, ...o }) => o)))).toEqual([['(none)', all]]);
  });

  it('does not group a list of exactly GROUP_OPTIONS_ABOVE options', () => {
    const all = Array.from({ length: GROUP_OPTIONS_ABOVE }, (_, i) => `l${i}`).join(' ');
    expect(shape(arrangeOptions(place(GROUP_OPTIONS_ABOVE, (i) => (i % 2 === 0 ? 'Salem' : 'Portland'))))).toEqual([['(none)', all]]);
  });

  it('does not group a long list where some options have no city', () => {
    const n = GROUP_OPTIONS_ABOVE + 1;
    const options = place(n, (i) => (i % 2 === 0 ? 'Salem' : 'Portland')).map((o, i) => (i === 0 ? { value: o.value, label: o.label } : o));
    expect(shape(arrangeOptions(options))).toEqual([['(none)', Array.from({ length: n }, (_, i) => `l${i}`).join(' ')]]);
  });

  it('shows no empty group when every option is related', () => {
    expect(shape(arrangeOptions(place(3, () => 'Salem', [0, 1, 2])))).toEqual([['Related to this page', 'l0 l1 l2']]);
  });
});
