import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import {
  CREDENTIALS,
  HolidayHoursSchema,
  LOCATION_TYPES,
  MEDICAL_SPECIALTIES,
  OpeningHoursSchema,
  makeConditionSchema,
  makeLocalServiceSchema,
  makeLocationSchema,
  makeOrganizationSchema,
  makeProviderSchema,
  makeServiceSchema,
} from '@/lib/content/schemas.ts';

// The schemas only need something that parses an image field; the path check lives in read-content.
const image = () => z.string();
const LocationSchema = makeLocationSchema(image);
const ProviderSchema = makeProviderSchema(image);
const ConditionSchema = makeConditionSchema();
const OrganizationSchema = makeOrganizationSchema(image);
const ServiceSchema = makeServiceSchema();
const LocalServiceSchema = makeLocalServiceSchema();

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

const validService = {
  name: 'Primary care',
  summary: 'Checkups.',
  audience: 'Adults.',
  reasons: ['Checkups'],
  steps: ['Call us.'],
  intent: 'planned',
  specialty: 'PrimaryCare',
  kind: 'service',
};

const validCondition = {
  name: 'Flu',
  summary: 'A virus.',
  symptoms: ['Fever'],
  services: ['primary-care'],
  faqs: [{ question: 'Q?', answer: 'A.' }],
  review: { reviewer: 'ana-ruiz', date: '2026-01-01' },
};

const validLocalService = { location: 'hill', service: 'primary-care' };

const E164 = 'phone: Write the phone number in E.164 form: a plus sign, the country code, then the digits, e.g. "+15555550123".';
const HHMM = 'Write times as 24-hour HH:MM, e.g. "08:00" or "17:30".';
const ORDER = 'closes: Closing time must be after opening time.';
const HOLIDAY = ': A holiday is either `closed: true` or has both `opens` and `closes`.';

describe('the valid samples', () => {
  it.each([
    ['organization', OrganizationSchema, validOrganization],
    ['location', LocationSchema, validLocation],
    ['service', ServiceSchema, validService],
    ['condition', ConditionSchema, validCondition],
    ['provider', ProviderSchema, validProvider],
    ['local service', LocalServiceSchema, validLocalService],
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
      service: ServiceSchema,
      condition: ConditionSchema,
      provider: ProviderSchema,
      localService: LocalServiceSchema,
    };
    const withPhone = Object.entries(schemas).filter(([, schema]) => 'phone' in schema.shape).map(([name]) => name);
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
    { phone: 'tel:+15035550100', issues: [E164] },
    { phone: '+1234567', issues: [E164] },
    { phone: '+1234567890123456', issues: [E164] },
    { phone: 15035550100, issues: ['phone: Give a phone number in E.164 form, e.g. "+15555550123".'] },
  ])('$phone', ({ phone, issues }) => {
    expect(getIssues(schema, { ...valid, phone })).toEqual(issues);
  });
});

describe('weekly hours', () => {
  it.each([
    { opens: '08:00', closes: '17:30', issues: [] },
    { opens: '00:00', closes: '23:59', issues: [] },
    { opens: '8:00', closes: '17:00', issues: [`opens: ${HHMM}`] },
    { opens: '0800', closes: '17:00', issues: [`opens: ${HHMM}`] },
    { opens: '08:00', closes: '24:00', issues: [`closes: ${HHMM}`] },
    { opens: '08:00', closes: '12:60', issues: [`closes: ${HHMM}`] },
    { opens: '08:00', closes: '17:00:00', issues: [`closes: ${HHMM}`] },
    { opens: '08:00', closes: '5pm', issues: [`closes: ${HHMM}`] },
    { opens: '18:00', closes: '08:00', issues: [ORDER] },
    { opens: '09:00', closes: '09:00', issues: [ORDER] },
  ])('$opens–$closes', ({ opens, closes, issues }) => {
    expect(getIssues(OpeningHoursSchema, { days: ['monday'], opens, closes })).toEqual(issues);
  });

  it('names the allowed days', () => {
    expect(getIssues(OpeningHoursSchema, { days: ['mon'], opens: '08:00', closes: '17:00' })).toEqual([
      'days.0: Days are one of: monday, tuesday, wednesday, thursday, friday, saturday, sunday.',
    ]);
  });

  it('needs at least one set of hours at a location', () => {
    expect(getIssues(LocationSchema, { ...validLocation, hours: [] })).toEqual(['hours: List at least one set of opening hours.']);
  });
});

describe('holiday hours: closed all day, or both opens and closes', () => {
  it.each([
    { hours: { closed: true }, issues: [] },
    { hours: { opens: '10:00', closes: '14:00' }, issues: [] },
    { hours: { closed: false, opens: '10:00', closes: '14:00' }, issues: [] },
    { hours: {}, issues: [HOLIDAY] },
    { hours: { closed: false }, issues: [HOLIDAY] },
    { hours: { opens: '10:00' }, issues: [HOLIDAY] },
    { hours: { closes: '14:00' }, issues: [HOLIDAY] },
    { hours: { closed: true, opens: '10:00', closes: '14:00' }, issues: [HOLIDAY] },
    { hours: { opens: '14:00', closes: '10:00' }, issues: [ORDER] },
    { hours: { opens: '10:00', closes: '10:00' }, issues: [ORDER] },
    { hours: { opens: '10:00', closes: '2pm' }, issues: [`closes: ${HHMM}`] },
  ])('$hours', ({ hours, issues }) => {
    expect(getIssues(HolidayHoursSchema, { date: '2026-12-25', label: 'Christmas Day', ...hours })).toEqual(issues);
  });

  it.each([
    ['2026-12-25', new Date('2026-12-25')],
    [new Date('2026-12-25'), new Date('2026-12-25')],
  ])('reads the date %j as a date', (date, expected) => {
    expect(HolidayHoursSchema.parse({ date, label: 'Christmas Day', closed: true }).date).toEqual(expected);
  });

  it('rejects a date that is not one', () => {
    expect(getIssues(HolidayHoursSchema, { date: 'Christmas', label: 'Christmas Day', closed: true })).toEqual([
      'date: Write the date as YYYY-MM-DD, e.g. 2026-03-01.',
    ]);
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
    { services: ['Primary Care'], issues: ['services.0: An id is lowercase words joined by hyphens, e.g. "primary-care" (the file name in services/ without extension).'] },
    { services: ['primary-care.mdx'], issues: ['services.0: An id is lowercase words joined by hyphens, e.g. "primary-care" (the file name in services/ without extension).'] },
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
        ': Unknown field "phnoe". Fields allowed here: name, summary, updated, seo, type, address, geo, phone, hours, holidayHours, services, insurance, parking, accessibility, directions, serviceArea, photo.',
      ],
    },
    {
      where: 'nested object',
      schema: LocationSchema,
      data: { ...validLocation, address: { ...validLocation.address, citty: 'Salem' } },
      issues: ['address: Unknown field "citty". Fields allowed here: street, street2, city, region, postalCode, country.'],
    },
    {
      where: 'object in a list',
      schema: ProviderSchema,
      data: { ...validProvider, education: [{ degree: 'MD', institution: 'X', yaer: 2010 }] },
      issues: ['education.0: Unknown field "yaer". Fields allowed here: degree, institution, year.'],
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
      issues: ['faqs.0: Unknown field "anwser", "extra". Fields allowed here: question, answer.'],
    },
  ])('$where', ({ schema, data, issues }) => {
    expect(getIssues(schema, data)).toEqual(issues);
  });
});

/** `data` with the value at a dotted path (`address.city`, `faqs.0.question`) replaced. */
function withValue(data: object, path: string, value: unknown): unknown {
  const copy: Record<string, unknown> = structuredClone(data) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    at[key] ??= /^\d+$/.test(keys[keys.indexOf(key) + 1] ?? '') ? [] : {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys.at(-1) ?? ''] = value;
  return copy;
}

const samples = {
  organization: [OrganizationSchema, validOrganization],
  location: [LocationSchema, validLocation],
  service: [ServiceSchema, validService],
  condition: [ConditionSchema, validCondition],
  provider: [ProviderSchema, validProvider],
  'local service': [LocalServiceSchema, validLocalService],
} as const;
type Sample = keyof typeof samples;

const texts: [Sample, string, string][] = [
  ['organization', 'name', 'the brand name'],
  ['organization', 'legalName', 'the legal name'],
  ['organization', 'description', 'a short description'],
  ['organization', 'logo.alt', 'alt text that says what the image shows'],
  ['organization', 'serviceArea.0', 'a city or region'],
  ['location', 'name', 'the location name'],
  ['location', 'summary', 'a one-line summary'],
  ['location', 'seo.title', 'the page title'],
  ['location', 'seo.description', 'the description'],
  ['location', 'address.street', 'the street address'],
  ['location', 'address.city', 'the city'],
  ['location', 'address.region', 'the state or region'],
  ['location', 'address.postalCode', 'the postal code'],
  ['location', 'insurance.0', 'an insurance plan'],
  ['location', 'parking', 'parking notes'],
  ['location', 'accessibility', 'accessibility notes'],
  ['location', 'serviceArea.0', 'a city or region'],
  ['location', 'photo.alt', 'alt text that says what the image shows'],
  ['location', 'holidayHours.0.label', 'the name of the day'],
  ['service', 'name', 'the service name'],
  ['service', 'audience', 'who the service is for'],
  ['service', 'reasons.0', 'a reason'],
  ['service', 'steps.0', 'a step'],
  ['condition', 'name', 'the condition name'],
  ['condition', 'otherNames.0', 'another name'],
  ['condition', 'symptoms.0', 'a symptom'],
  ['condition', 'faqs.0.question', 'the question'],
  ['condition', 'faqs.0.answer', 'the answer'],
  ['provider', 'name', 'the provider name'],
  ['provider', 'specialty', 'the specialty'],
  ['provider', 'languages.0', 'a language'],
  ['provider', 'education.0.degree', 'the degree or training'],
  ['provider', 'education.0.institution', 'the school or hospital'],
  ['provider', 'certifications.0', 'a certification'],
];

describe('what a writer is told about a text left empty or not written as text', () => {
  describe.each(texts)('%s %s', (sample, path, what) => {
    const [schema, valid] = samples[sample];
    // Education and holiday entries need their other fields; a list item or object absent from the sample is added.
    const base = path.startsWith('education.')
      ? withValue(valid, 'education', [{ degree: 'MD', institution: 'X' }])
      : path.startsWith('holidayHours.')
        ? withValue(valid, 'holidayHours', [{ date: '2026-12-25', label: 'Christmas Day', closed: true }])
        : valid;
    it.each([
      ['empty', '', `${path}: Write ${what}; it may not be empty.`],
      ['only spaces', '   ', `${path}: Write ${what}; it may not be empty.`],
      ['a number', 42, `${path}: Write ${what}.`],
    ])('%s', (_, value, issue) => {
      expect(getIssues(schema, withValue(base as object, path, value))).toEqual([issue]);
    });
  });
});

describe('what a writer is told about an empty list', () => {
  it.each<[Sample, string, string]>([
    ['organization', 'serviceArea', 'city or region served'],
    ['service', 'reasons', 'reason people come'],
    ['service', 'steps', 'step of what happens next'],
    ['condition', 'symptoms', 'symptom'],
    ['condition', 'services', 'service id'],
    ['condition', 'faqs', 'question with its answer'],
    ['provider', 'credentials', 'credential'],
    ['provider', 'locations', 'location id'],
    ['provider', 'services', 'service id'],
    ['provider', 'languages', 'language'],
    ['location', 'services', 'service id'],
  ])('%s %s', (sample, path, what) => {
    const [schema, valid] = samples[sample];
    expect(getIssues(schema, withValue(valid, path, []))).toEqual([`${path}: List at least one ${what}.`]);
  });

  it('names days in weekly hours', () => {
    expect(getIssues(OpeningHoursSchema, { days: [], opens: '08:00', closes: '17:00' })).toEqual(['days: List at least one day.']);
  });
});

describe('what a writer is told about a reference that is not an id', () => {
  const notAnId = (folder: string) => `An id is lowercase words joined by hyphens, e.g. "primary-care" (the file name in ${folder}/ without extension).`;
  it.each<[Sample, string, string]>([
    ['service', 'conditions.0', 'conditions'],
    ['condition', 'services.0', 'services'],
    ['condition', 'review.reviewer', 'providers'],
    ['provider', 'locations.0', 'locations'],
    ['provider', 'services.0', 'services'],
    ['local service', 'location', 'locations'],
    ['local service', 'service', 'services'],
  ])('%s %s names %s/', (sample, path, folder) => {
    const [schema, valid] = samples[sample];
    expect(getIssues(schema, withValue(valid, path, 'Dr Ruiz'))).toEqual([`${path}: ${notAnId(folder)}`]);
    expect(getIssues(schema, withValue(valid, path, 7))).toEqual([`${path}: Give the id of an entry in ${folder}/ (its file name without extension).`]);
  });
});

describe('what a writer is told about a value not on the list', () => {
  const specialties = `Specialty is one of the schema.org values: ${MEDICAL_SPECIALTIES.join(', ')}.`;
  it.each<[Sample, string, unknown, string]>([
    ['location', 'type', 'Clinic', `Type is one of: ${LOCATION_TYPES.join(', ')}.`],
    ['service', 'intent', 'soon', 'Intent is "urgent" or "planned".'],
    ['service', 'specialty', 'Cardiology', specialties],
    ['service', 'kind', 'visit', 'Kind is one of: procedure, therapy, test, service.'],
    ['provider', 'credentials.0', 'MBA', `Credentials are from: ${CREDENTIALS.join(', ')}.`],
    ['provider', 'medicalSpecialty', 'Family medicine', specialties],
    ['provider', 'acceptingNewPatients', 'yes', 'Write acceptingNewPatients: true or false.'],
    ['location', 'geo.latitude', '45.5', 'Write latitude as a number.'],
    ['location', 'geo.longitude', '-122.6', 'Write longitude as a number.'],
    ['location', 'address.country', 'USA', 'Write the country as a two-letter code, e.g. "US".'],
    ['organization', 'website', 'fixture.example', 'Write a full web address starting with https://.'],
    ['organization', 'socialProfiles.0', '@fixture', 'Write a full web address starting with https://.'],
  ])('%s %s = %j', (sample, path, value, message) => {
    const [schema, valid] = samples[sample];
    expect(getIssues(schema, withValue(valid, path, value))).toEqual([`${path}: ${message}`]);
  });

  it('says what is wrong with an object written as text, not that a field is unknown', () => {
    const issues = getIssues(LocationSchema, { ...validLocation, address: '1 Main St, Salem' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^address: /);
    expect(issues[0]).not.toMatch(/Unknown field/);
  });

  it('refuses a blank local summary', () => {
    expect(getIssues(LocalServiceSchema, { ...validLocalService, summary: '   ' }).map((i) => i.split(':')[0])).toEqual(['summary']);
  });
});

describe('what a writer may leave out', () => {
  it.each<[Sample, Record<string, unknown>]>([
    ['organization', { socialProfiles: [] }],
    ['location', { type: 'MedicalClinic', holidayHours: [], insurance: [], address: expect.objectContaining({ country: 'US' }) }],
    ['service', { conditions: [], order: 100 }],
    ['condition', { otherNames: [] }],
    ['provider', { education: [], certifications: [] }],
    ['local service', { faqs: [] }],
  ])('a %s gets empty lists and defaults', (sample, defaults) => {
    const [schema, valid] = samples[sample];
    expect(schema.parse(valid)).toMatchObject(defaults);
  });

  it('may give a page its own search settings', () => {
    const seo = { title: 'Clinic in Salem', description: 'Our Salem clinic.', noindex: true };
    expect(LocationSchema.parse({ ...validLocation, seo }).seo).toEqual(seo);
  });
});
