import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import {
  CREDENTIAL_MAX,
  makeConditionSchema,
  makeLocalServiceSchema,
  makeLocationSchema,
  makeOrganizationSchema,
  makeProviderSchema,
  makeRoutingSchema,
  makeServiceSchema,
} from '@/lib/content/schemas.ts';

// The schemas only need something that parses an image field; the path check lives in read-content.
const image = () => z.string();
const LocationSchema = makeLocationSchema(image);
const ProviderSchema = makeProviderSchema(image);
const ConditionSchema = makeConditionSchema();
const OrganizationSchema = makeOrganizationSchema(image);
const RoutingSchema = makeRoutingSchema();

/** Each issue as `path: message`, the way a writer reads it. */
function getIssues(schema: z.ZodType, data: unknown): string[] {
  const result = schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const validLocation = {
  name: 'Test Clinic',
  summary: 'A clinic.',
  address: { street: '1 Main St', city: 'Salem', region: 'OR', postalCode: '97301' },
  geo: { latitude: 44.9, longitude: -123 },
  phone: '+15035550100',
  hours: [{ days: ['monday'], opens: '08:00', closes: '17:00' }],
  services: ['primary-care'],
  parking: 'Lot.',
  accessibility: 'Step-free.',
  photo: { src: './images/x.jpg', alt: 'The clinic' },
};

const validOrganization = {
  name: 'Test Health',
  legalName: 'Test Health, P.C.',
  description: 'Clinics in Salem.',
  logo: { src: './logo.svg', alt: 'Test Health' },
  shareImage: { src: './share.jpg', alt: 'A clinic' },
  phone: '+15035550100',
  website: 'https://test.example',
  serviceArea: ['Salem'],
};

const validProvider = {
  name: 'Ana Ruiz',
  summary: 'A physician.',
  credentials: ['MD'],
  specialty: 'Family medicine',
  medicalSpecialty: 'PrimaryCare',
  locations: ['hill'],
  services: ['primary-care'],
  languages: ['English'],
  acceptingNewPatients: true,
  headshot: { src: './images/ana.jpg', alt: 'Ana Ruiz' },
  npi: '1234567893',
};

const E164 = 'phone: Write the phone number in E.164 form: a plus sign, the country code, then the digits, e.g. "+15555550123".';
const SAME_TIME =
  'Opening and closing times are the same. For a place open all day write opens "00:00" and closes "24:00"; a closing time before the opening time is on the next day, e.g. 18:00–02:00.';
const ONCE = "Give each day's hours once; hours past midnight belong to the day they open.";

describe('the valid samples', () => {
  it.each([
    ['organization', OrganizationSchema, validOrganization],
    ['location', LocationSchema, validLocation],
    ['provider', ProviderSchema, validProvider],
  ])('a valid %s passes', (_, schema, data) => {
    expect(getIssues(schema, data)).toEqual([]);
  });
});

/** Every schema with a phone field, each with a valid sample. */
const phoneSchemas = [
  ['organization', OrganizationSchema, validOrganization],
  ['location', LocationSchema, validLocation],
] as const;

describe('the schemas with a phone number', () => {
  it('are the ones the phone table checks', () => {
    const schemas = {
      organization: OrganizationSchema,
      location: LocationSchema,
      service: makeServiceSchema(),
      condition: ConditionSchema,
      provider: ProviderSchema,
      localService: makeLocalServiceSchema(),
    };
    // A schema with a transform (services) is a pipe: its fields are those of what goes in.
    const shapeOf = (schema: (typeof schemas)[keyof typeof schemas]) => ('shape' in schema ? schema.shape : schema.in.shape);
    const withPhone = Object.entries(schemas).filter(([, schema]) => 'phone' in shapeOf(schema)).map(([name]) => name);
    expect(withPhone).toEqual(phoneSchemas.map(([name]) => name));
  });
});

describe.each(phoneSchemas)('the phone of a %s', (_, schema, valid) => {
  it.each([
    { phone: '+15035550100', issues: [] },
    { phone: '+442071838750', issues: [] },
    { phone: '+12345678', issues: [] },
    { phone: '+123456789012345', issues: [] },
    { phone: '5035550100', issues: [E164] },
    { phone: '+1 503 555 0100', issues: [E164] },
    { phone: '+1-503-555-0100', issues: [E164] },
    { phone: '(503) 555-0100', issues: [E164] },
    { phone: '+05035550100', issues: [E164] },
    { phone: '+1234567', issues: [E164] },
    { phone: '+1234567890123456', issues: [E164] },
    // `phone: +15035550100` without quotes: YAML reads a number.
    { phone: 15035550100, issues: ['phone: Put the phone number in quotes, like "+15035550100": without them YAML reads it as the number 15035550100.'] },
  ])('$phone', ({ phone, issues }) => {
    expect(getIssues(schema, { ...valid, phone })).toEqual(issues);
  });
});

describe('hours and time zone at a location', () => {
  it('needs at least one set of hours at a location', () => {
    expect(getIssues(LocationSchema, { ...validLocation, hours: [] })).toEqual(['hours: List at least one set of opening hours.']);
  });

  it.each([
    { hours: [{ days: ['tuesday'], opens: '18:00', closes: '02:00' }], issues: [] },
    { hours: [{ days: ['monday', 'tuesday'], opens: '00:00', closes: '24:00' }], issues: [] },
    { hours: [{ days: ['friday'], opens: '22:00', closes: '06:00' }, { days: ['saturday'], opens: '06:00', closes: '12:00' }], issues: [] },
    { hours: [{ days: ['monday'], opens: '09:00', closes: '09:00' }], issues: [`hours.0.closes: ${SAME_TIME}`] },
    {
      hours: [
        { days: ['monday'], opens: '18:00', closes: '02:00' },
        { days: ['tuesday'], opens: '00:00', closes: '09:00' },
      ],
      issues: [`hours.1: These hours on tuesday overlap with hours[1] (monday). ${ONCE}`],
    },
  ])('$hours.0.opens–$hours.0.closes', ({ hours, issues }) => {
    expect(getIssues(LocationSchema, { ...validLocation, hours })).toEqual(issues);
  });

  it.each([
    { timeZone: 'America/Denver', issues: [] },
    { timeZone: 'Mars/Olympus', issues: ['timeZone: "Mars/Olympus" is not a time zone. Give an IANA time zone name such as America/Chicago or America/Denver.'] },
    { timeZone: 'america/denver', issues: ['timeZone: Write "America/Denver", the IANA name of the time zone "america/denver" stands for.'] },
  ])('timeZone $timeZone', ({ timeZone, issues }) => {
    expect(getIssues(LocationSchema, { ...validLocation, timeZone })).toEqual(issues);
  });
});

describe('NPI', () => {
  it.each([
    { npi: '1234567893', issues: [] },
    { npi: '1000000012', issues: [] },
    { npi: '1234567890', issues: ['npi: This NPI fails its check digit; copy it again from the NPI registry.'] },
    { npi: '2234567893', issues: ['npi: This NPI fails its check digit; copy it again from the NPI registry.'] },
    { npi: '123456789', issues: ['npi: An NPI is exactly 10 digits.'] },
    { npi: '12345678930', issues: ['npi: An NPI is exactly 10 digits.'] },
    { npi: '123456789X', issues: ['npi: An NPI is exactly 10 digits.'] },
    { npi: 1234567893, issues: ['npi: Write the NPI as a quoted string of 10 digits, e.g. "1234567893".'] },
  ])('$npi', ({ npi, issues }) => {
    expect(getIssues(ProviderSchema, { ...validProvider, npi })).toEqual(issues);
  });
});

describe('ids in references', () => {
  it.each([
    { services: ['primary-care', 'x-ray-2'], issues: [] },
    { services: ['Primary Care'], issues: ['services.0: An id is the file name in services/ without extension: lowercase letters and digits, words joined by hyphens, at most 100 characters, like "low-back-pain".'] },
    { services: ['primary-care.mdx'], issues: ['services.0: An id is the file name in services/ without extension: lowercase letters and digits, words joined by hyphens, at most 100 characters, like "low-back-pain".'] },
    { services: [], issues: ['services: List at least one service id.'] },
  ])('$services', ({ services, issues }) => {
    expect(getIssues(LocationSchema, { ...validLocation, services })).toEqual(issues);
  });
});

describe('strict objects: an unknown key is named with the fields allowed there', () => {
  it.each([
    {
      where: 'top level',
      schema: LocationSchema,
      data: { ...validLocation, phnoe: '+15035550100' },
      issues: [
        'phnoe: Unknown field. Did you mean "phone"? Fields allowed here: name, summary, lang, updated, seo, type, mobile, schedule, address, geo, phone, hours, holidayHours, timeZone, services, insurance, parking, accessibility, directions, serviceArea, photo.',
      ],
    },
    {
      where: 'nested object',
      schema: LocationSchema,
      data: { ...validLocation, address: { ...validLocation.address, citty: 'Salem' } },
      issues: ['address.citty: Unknown field. Did you mean "city"? Fields allowed here: street, street2, city, region, postalCode, country.'],
    },
    {
      where: 'object in a list',
      schema: ProviderSchema,
      data: { ...validProvider, education: [{ degree: 'MD', institution: 'X', yaer: 2010 }] },
      issues: ['education.0.yaer: Unknown field. Did you mean "year"? Fields allowed here: degree, institution, year.'],
    },
    {
      where: 'two unknown keys',
      schema: ConditionSchema,
      data: {
        name: 'Flu',
        summary: 'A virus.',
        symptoms: ['Fever'],
        services: ['primary-care'],
        faqs: [{ question: 'Q?', answer: 'A.', anwser: 'A.', extra: 1 }],
        review: { reviewer: 'ana-ruiz', date: '2026-01-01' },
      },
      issues: ['faqs.0.anwser: Unknown field. Did you mean "answer"? Fields allowed here: question, answer, lang.', 'faqs.0.extra: Unknown field. Fields allowed here: question, answer, lang.'],
    },
  ])('$where', ({ schema, data, issues }) => {
    expect(getIssues(schema, data)).toEqual(issues);
  });
});

describe('the language of a question or a page', () => {
  const condition = (faq: Record<string, unknown>, page: Record<string, unknown> = {}) => ({
    name: 'Flu',
    summary: 'A virus.',
    symptoms: ['Fever'],
    services: ['primary-care'],
    faqs: [{ question: '¿Necesito cita?', answer: 'No siempre.', ...faq }],
    review: { reviewer: 'ana-ruiz', date: '2026-01-01' },
    ...page,
  });
  it.each(['es', 'es-MX', 'zh-Hant', 'vi', 'en-US'])('takes %s', (lang) => {
    expect(getIssues(ConditionSchema, condition({ lang }, { lang }))).toEqual([]);
  });
  it.each(['Spanish', 'es_MX', '', 'e', '123'])('refuses %j with an example', (lang) => {
    expect(getIssues(ConditionSchema, condition({ lang }))).toEqual([
      `faqs.0.lang: Write a language tag such as "es" (Spanish), "vi" (Vietnamese) or "en-US" (BCP 47, as in HTML's lang).`,
    ]);
  });
});

describe('how a service is delivered, and support services', () => {
  const base = { name: 'Interpreters', summary: 'Free interpreters at every visit.', audience: 'Anyone.', reasons: ['A visit in your language'], steps: ['Tell us your language.'] };
  const ServiceSchema = makeServiceSchema();
  const parse = (data: Record<string, unknown>) => ServiceSchema.parse({ ...base, ...data });

  it('needs intent, specialty and kind for a medical service, each with an example', () => {
    expect(getIssues(ServiceSchema, base)).toEqual([
      'intent: Give intent, e.g. intent: planned; or, for a service that is not medical care, support: true.',
      'specialty: Give specialty, e.g. specialty: PrimaryCare; or, for a service that is not medical care, support: true.',
      'kind: Give kind, e.g. kind: service; or, for a service that is not medical care, support: true.',
    ]);
  });

  it('takes a support service with none of them: a plain, planned service, not bookable unless it says so', () => {
    expect(parse({ support: true })).toMatchObject({ support: true, kind: 'service', intent: 'planned', bookable: false, delivery: ['in-person'] });
    expect(parse({ support: true })).not.toHaveProperty('specialty');
    expect(parse({ support: true, bookable: true }).bookable).toBe(true);
    expect(getIssues(ServiceSchema, { ...base, support: true, kind: 'therapy' })).toEqual([
      'kind: A support service is published as a plain Service: leave kind out, or write kind: service.',
    ]);
  });

  it('makes a medical service bookable unless it says not', () => {
    const medical = { intent: 'planned', specialty: 'PrimaryCare', kind: 'therapy' };
    expect(parse(medical)).toMatchObject({ support: false, bookable: true, kind: 'therapy' });
    expect(parse({ ...medical, bookable: false }).bookable).toBe(false);
  });

  it('publishes a service only by video or phone as a plain Service, whatever its kind', () => {
    const medical = { intent: 'planned', specialty: 'Psychiatric', kind: 'therapy' };
    expect(parse({ ...medical, delivery: ['video'] }).kind).toBe('service');
    expect(parse({ ...medical, delivery: ['in-person', 'video'] }).kind).toBe('therapy');
  });

  it.each([
    [['teleport'], 'delivery.0: Delivery is one or more of: in-person, video, phone.'],
    [[], 'delivery: List at least one way the service is delivered.'],
    [['video', 'video'], 'delivery: Name each way of delivery once.'],
  ])('refuses delivery %j', (delivery, issue) => {
    expect(getIssues(ServiceSchema, { ...base, support: true, delivery })).toEqual([issue]);
  });

  it('lets a location × service page add ways, but not leave out the visit in person', () => {
    const LocalSchema = makeLocalServiceSchema();
    expect(getIssues(LocalSchema, { location: 'hill', service: 'primary-care', delivery: ['in-person', 'video'] })).toEqual([]);
    expect(getIssues(LocalSchema, { location: 'hill', service: 'primary-care', delivery: ['video'] })).toEqual([
      'delivery: A location page is for visits in person: include in-person, e.g. [in-person, video].',
    ]);
  });
});

describe('provider credentials: any short plain text, or none', () => {
  const PLAIN = 'Write the credential as plain text, without <, >, line breaks or control characters.';
  it.each([
    { credentials: ['MS'], issues: [] },
    { credentials: ['LICSW'], issues: [] },
    { credentials: ['MB ChB', 'FRCP'], issues: [] },
    { credentials: ['PMHNP-BC'], issues: [] },
    { credentials: ['M.Sc.'], issues: [] },
    { credentials: ['ד"ר'], issues: [] },
    { credentials: [], issues: [] },
    { credentials: [''], issues: ['credentials.0: Write the credential; it may not be empty.'] },
    { credentials: ['   '], issues: ['credentials.0: Write the credential; it may not be empty.'] },
    { credentials: ['X'.repeat(41)], issues: [`credentials.0: A credential is at most ${CREDENTIAL_MAX} characters; write its abbreviation, e.g. "LICSW".`] },
    { credentials: ['<b>MD</b>'], issues: [`credentials.0: ${PLAIN}`] },
    { credentials: ['MD\nPhD'], issues: [`credentials.0: ${PLAIN}`] },
    { credentials: ['MD\u202e'], issues: [`credentials.0: ${PLAIN}`] },
    { credentials: ['MD, FACP'], issues: ['credentials.0: Give one credential per item, e.g. [MD, FACP], not "MD, FACP".'] },
    { credentials: [42], issues: ['credentials.0: Put the credential in quotes, like "42": without them YAML reads it as the number 42.'] },
    { credentials: [true], issues: ['credentials.0: Put the credential in quotes, like "true": without them YAML reads it as the value true.'] },
  ])('$credentials', ({ credentials, issues }) => {
    expect(getIssues(ProviderSchema, { ...validProvider, credentials })).toEqual(issues);
  });

  it('keeps the credential as written, trimmed', () => {
    expect(ProviderSchema.parse({ ...validProvider, credentials: [' LICSW '] }).credentials).toEqual(['LICSW']);
  });

  it('lets a provider without credentials be listed: none given is none', () => {
    const { credentials: _, ...withoutCredentials } = validProvider;
    expect(ProviderSchema.parse(withoutCredentials).credentials).toEqual([]);
  });
});

describe('provider headshot', () => {
  it('may be left out, and is then absent rather than a placeholder', () => {
    const { headshot: _, ...withoutHeadshot } = validProvider;
    const parsed = ProviderSchema.parse(withoutHeadshot);
    expect(parsed).not.toHaveProperty('headshot');
  });

  it('still needs alt text when given', () => {
    expect(getIssues(ProviderSchema, { ...validProvider, headshot: { src: './images/ana.jpg' } })).toEqual([
      'headshot.alt: Write alt text that says what the image shows.',
    ]);
  });
});

describe('a mobile clinic', () => {
  const { address: _a, geo: _g, hours: _h, parking: _p, ...placeless } = validLocation;
  const mobile = { ...placeless, mobile: true, schedule: ['Tuesdays, 9 AM – 1 PM: Lincoln Elementary'] };

  it('has no address, map position, hours or parking, and may list its stops', () => {
    expect(getIssues(LocationSchema, mobile)).toEqual([]);
    expect(getIssues(LocationSchema, { ...mobile, schedule: undefined })).toEqual([]);
  });

  it('is refused a fixed address, naming the fix', () => {
    expect(getIssues(LocationSchema, { ...mobile, address: validLocation.address, hours: validLocation.hours })).toEqual([
      'address: A mobile clinic has no fixed address: remove address here, and say where it stops in schedule (or remove mobile: true).',
      'hours: A mobile clinic has no fixed hours: remove hours here, and say where it stops in schedule (or remove mobile: true).',
    ]);
  });

  it('is the only kind of location without an address, which a fixed clinic is told to give', () => {
    expect(getIssues(LocationSchema, placeless)).toEqual([
      'address: The field address is missing. Add address; for a clinic on wheels with no fixed place, write mobile: true instead.',
      'geo: The field geo is missing. Add geo; for a clinic on wheels with no fixed place, write mobile: true instead.',
      'hours: The field hours is missing. Add hours, e.g. [{ days: [monday], opens: "08:00", closes: "17:00" }]; for a clinic on wheels with no fixed place, write mobile: true instead.',
      'parking: The field parking is missing. Add parking; for a clinic on wheels with no fixed place, write mobile: true instead.',
    ]);
    expect(getIssues(LocationSchema, { ...validLocation, schedule: ['Mondays'] })).toEqual([
      'schedule: Only a mobile clinic has a schedule of stops: remove schedule, or add mobile: true.',
    ]);
  });
});

describe('email addresses: the organization\'s, and a route\'s notify and escalate', () => {
  const route = { queue: 'front-desk', priority: 'normal', responseTargetMinutes: 240 };
  const ROUTE_EMAIL = 'Write an email address such as desk@clinic.example.';
  const ORG_EMAIL = 'email: Write an email address such as hello@clinic.example.';
  it.each([
    { email: 'desk@clinic.example', valid: true },
    { email: "o'brien.intake+video@clinic.example", valid: true },
    { email: 'front-desk@mail.clinic.example', valid: true },
    { email: 'desk', valid: false },
    { email: 'desk@clinic', valid: false },
    { email: 'Front Desk <desk@clinic.example>', valid: false },
    { email: 'desk@@clinic.example', valid: false },
    { email: 'desk@clinic.example, nurse@clinic.example', valid: false },
    { email: '', valid: false },
  ])('$email', ({ email, valid }) => {
    expect(getIssues(OrganizationSchema, { ...validOrganization, email })).toEqual(valid ? [] : [ORG_EMAIL]);
    const routing = { defaultRoute: { ...route, notify: ['ok@clinic.example', email] }, rules: [{ name: 'R', when: {}, route: { ...route, escalate: [email] } }] };
    expect(getIssues(RoutingSchema, routing)).toEqual(valid ? [] : [`defaultRoute.notify.1: ${ROUTE_EMAIL}`, `rules.0.route.escalate.0: ${ROUTE_EMAIL}`]);
  });

  it('may be left out: the organization has none, a route notifies and escalates to no one', () => {
    expect(OrganizationSchema.parse(validOrganization)).not.toHaveProperty('email');
    expect(RoutingSchema.parse({ defaultRoute: route }).defaultRoute).toEqual({ ...route, notify: [], escalate: [], webhooks: [], conceal: false });
  });
});

describe('the routing file\'s delivery', () => {
  const defaultRoute = { queue: 'front-desk', priority: 'normal', responseTargetMinutes: 240 };
  const delivery = (value: unknown) => RoutingSchema.parse({ defaultRoute, delivery: value }).delivery;

  it.each([
    ['left out: no webhooks of its own, no confirmation, no spam', undefined, { webhooks: {}, confirmation: false, deliverSpam: false }],
    ['empty', {}, { webhooks: {}, confirmation: false, deliverSpam: false }],
    ['`webhooks:` with every entry commented out', { webhooks: null }, { webhooks: {}, confirmation: false, deliverSpam: false }],
    [
      'a webhook written with no keys, one with {}, one full, and crm set to full',
      { webhooks: { 'billing-crm': null, ehr: {}, 'research-db': { payload: 'full' }, crm: { payload: 'full' } } },
      { webhooks: { 'billing-crm': { payload: 'thin' }, ehr: { payload: 'thin' }, 'research-db': { payload: 'full' }, crm: { payload: 'full' } }, confirmation: false, deliverSpam: false },
    ],
    ['confirmation and spam turned on', { confirmation: true, deliverSpam: true }, { webhooks: {}, confirmation: true, deliverSpam: true }],
  ])('%s', (_, value, expected) => {
    expect(delivery(value)).toEqual(expected);
  });

  it.each([
    ['a misspelled key', { confirmaton: true }, ['delivery.confirmaton: Unknown field. Did you mean "confirmation"? Fields allowed here: webhooks, confirmation, deliverSpam.']],
    ['an unknown payload', { webhooks: { ehr: { payload: 'everything' } } }, ['delivery.webhooks.ehr.payload: Payload is one of: thin, full.']],
    ['a key inside a webhook other than payload', { webhooks: { ehr: { url: 'https://ehr.example/hook' } } }, ['delivery.webhooks.ehr.url: Unknown field. Fields allowed here: payload.']],
    ['a webhook name that is no id', { webhooks: { 'Billing CRM': {} } }, [/^delivery\.webhooks\.Billing CRM: Name each webhook with an id: lowercase letters/]],
    ['confirmation as text', { confirmation: 'yes' }, ['delivery.confirmation: Write confirmation: true or false.']],
    ['deliverSpam as text', { deliverSpam: 'no' }, ['delivery.deliverSpam: Write deliverSpam: true or false.']],
  ])('refuses %s', (_, value, expected) => {
    const issues = getIssues(RoutingSchema, { defaultRoute, delivery: value });
    expect(issues).toHaveLength(expected.length);
    expected.forEach((e, i) => (typeof e === 'string' ? expect(issues[i]).toBe(e) : expect(issues[i]).toMatch(e)));
  });

  it('refuses a route webhook name that is no id', () => {
    expect(getIssues(RoutingSchema, { defaultRoute: { ...defaultRoute, webhooks: ['Billing CRM'] } })).toEqual([
      expect.stringMatching(/^defaultRoute\.webhooks\.0: Write the webhook's name as an id: lowercase letters/),
    ]);
  });
});

describe('values YAML reads as something else when they are not in quotes', () => {
  it.each([
    [{ ...validLocation, address: { ...validLocation.address, postalCode: 97301 } }, 'address.postalCode: Put the postal code in quotes, like "97301": without them YAML reads it as the number 97301.'],
    [{ ...validLocation, updated: '12/24/2026' }, 'updated: Write the date as YYYY-MM-DD, e.g. 2026-03-01 (not "12/24/2026").'],
  ])('%j', (data, issue) => {
    expect(getIssues(LocationSchema, data)).toEqual([issue]);
  });

  it('still reads an unquoted YYYY-MM-DD, which YAML makes a date', () => {
    expect(LocationSchema.parse({ ...validLocation, updated: new Date('2026-12-24') }).updated).toEqual(new Date('2026-12-24'));
    expect(LocationSchema.parse({ ...validLocation, updated: '2026-12-24' }).updated).toEqual(new Date('2026-12-24'));
  });
});
