import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import {
  CREDENTIAL_MAX,
  HolidayHoursSchema,
  OpeningHoursSchema,
  makeConditionSchema,
  makeLocationSchema,
  makeProviderSchema,
} from '@/lib/content/schemas.ts';

// The schemas only need something that parses an image field; the path check lives in read-content.
const image = () => z.string();
const LocationSchema = makeLocationSchema(image);
const ProviderSchema = makeProviderSchema(image);
const ConditionSchema = makeConditionSchema();

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
const HHMM = 'Write times as 24-hour HH:MM, e.g. "08:00" or "17:30".';
const ORDER = 'closes: Closing time must be after opening time.';
const HOLIDAY = ': A holiday is either `closed: true` or has both `opens` and `closes`.';

describe('the valid samples', () => {
  it.each([
    ['location', LocationSchema, validLocation],
    ['provider', ProviderSchema, validProvider],
  ])('a valid %s passes', (_, schema, data) => {
    expect(getIssues(schema, data)).toEqual([]);
  });
});

describe('phone', () => {
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
    { phone: 15035550100, issues: ['phone: Give a phone number in E.164 form, e.g. "+15555550123".'] },
  ])('$phone', ({ phone, issues }) => {
    expect(getIssues(LocationSchema, { ...validLocation, phone })).toEqual(issues);
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
    { credentials: [42], issues: ['credentials.0: Write the credential.'] },
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
