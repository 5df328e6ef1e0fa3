import { z } from 'astro/zod';

/**
 * One Zod schema for every kind of inquiry, shared by the form (field list, client-side checks)
 * and the endpoint (validation). Each lead type asks only for what the next step needs. Every
 * string is trimmed, length-capped and free of control characters; unknown fields are rejected,
 * so a post cannot set status, route or score.
 */

import { LEAD_TYPES, type LeadType } from './kinds.ts';
import { isValidId } from '../ids.ts';

export { LEAD_TYPES, type LeadType };

/** How each lead type is named to a visitor. */
export const LEAD_TYPE_LABELS: Record<LeadType, string> = {
  patient: 'An appointment for me',
  caregiver: 'An appointment for someone I care for',
  referral: 'A referral from a clinician',
  employer: 'Services for my employees',
  insurance: 'Checking my insurance or benefits',
};

export const TIMINGS = {
  asap: 'As soon as possible',
  'this-week': 'This week',
  'next-weeks': 'In the next few weeks',
  flexible: 'I am flexible',
} as const;

export const CONTACT_TIMES = {
  any: 'Any time',
  morning: 'Morning',
  afternoon: 'Afternoon',
  evening: 'Evening',
} as const;

export const REFERRAL_URGENCIES = {
  routine: 'Routine',
  soon: 'Within a week',
  urgent: 'Urgent: within 48 hours',
} as const;

export const RELATIONSHIPS = {
  parent: 'Parent or guardian',
  partner: 'Spouse or partner',
  child: 'Adult child',
  other: 'Other family member or friend',
} as const;

export const COMPANY_SIZES = {
  '1-49': '1 to 49 employees',
  '50-249': '50 to 249',
  '250-999': '250 to 999',
  '1000+': '1,000 or more',
} as const;

export const EMPLOYER_INTERESTS = {
  'occupational-health': 'Occupational health and injury care',
  'on-site': 'On-site or near-site clinic',
  benefits: 'Adding our clinics to our benefits',
  other: 'Something else',
} as const;

// C0 and C1 control characters other than tab, line feed and carriage return (allowed in the
// message only), and the Unicode line/paragraph separators that break logs and CSV.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;
const LINE_BREAK = /[\r\n]/;

/** A one-line text field: trimmed, required unless `optional`, at most `max` characters. */
const line = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, { error: `Enter ${label}.` })
    .max(max, { error: `Keep ${label} under ${max} characters.` })
    .refine((v) => !CONTROL.test(v) && !LINE_BREAK.test(v) && v.isWellFormed(), { error: `Remove special characters from ${label}.` });

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const choice = <T extends Record<string, string>>(options: T, label: string) => z.enum(Object.keys(options) as [keyof T & string, ...(keyof T & string)[]], { error: `Choose ${label}.` });

const email = z
  .string()
  .trim()
  .max(254, { error: 'Enter an email address under 254 characters.' })
  .pipe(z.email({ error: 'Enter an email address like name@example.com.' }));

/** Phone numbers as people type them; at least 7 digits, at most 15 (E.164). */
const phone = z
  .string()
  .trim()
  .max(32, { error: 'Enter a phone number under 32 characters.' })
  .refine((v) => /^[+()\d\s.-]+$/.test(v), { error: 'Enter a phone number using digits, spaces, dashes or brackets.' })
  .refine(
    (v) => {
      const digits = v.replace(/\D/g, '').length;
      return digits >= 7 && digits <= 15;
    },
    { error: 'Enter a phone number with its area code, like 503 555 0142.' },
  );

/** An entry id from the content (location or service); checked against the content by the endpoint. */
const contentId = (label: string) =>
  z
    .string({ error: `Choose ${label}.` })
    .trim()
    .refine(isValidId, { error: `Choose ${label} from the list.` });

/** The form sends "yes" from a checkbox; JSON clients may send true. */
const consent = z.preprocess((v) => v === true || v === 'yes' || v === 'on' || v === 'true', z.literal(true, { error: 'Tick the box so that we may contact you about your request.' }));

const message = z
  .string()
  .trim()
  .max(500, { error: 'Keep the message under 500 characters.' })
  .refine((v) => !CONTROL.test(v) && v.isWellFormed(), { error: 'Remove special characters from the message.' });

/** Where the person came from; first-party only, never sent anywhere. All optional. */
export const AttributionSchema = z.strictObject({
  landingPage: optional(line('the landing page', 300)),
  page: optional(line('the page', 300)),
  referrer: optional(line('the referrer', 300)),
  utm_source: optional(line('utm_source', 100)),
  utm_medium: optional(line('utm_medium', 100)),
  utm_campaign: optional(line('utm_campaign', 100)),
  utm_term: optional(line('utm_term', 100)),
  utm_content: optional(line('utm_content', 100)),
  gclid: optional(line('gclid', 200)),
  msclkid: optional(line('msclkid', 200)),
});
export type Attribution = z.output<typeof AttributionSchema>;

/** Fields every post carries besides the person's answers: anti-spam and idempotency. */
const controlFields = {
  /** A UUID the form script makes once per form; a repeat post with it stores no second lead. */
  submissionKey: optional(z.uuid({ error: 'The form key is not valid; reload the page.' })),
  /** When the form was shown, signed by the server (`<ms>.<signature>`), for the minimum fill time. */
  formToken: optional(z.string().max(200)),
  /** The honeypot: hidden from people, filled in by bots. Any value marks the post as spam. */
  website: z.string().max(2000).optional(),
  message: optional(message),
  attribution: AttributionSchema.optional(),
};

/** Contact: a phone number or an email address, one is enough. */
const reachable = { phone: optional(phone), email: optional(email) };
const needsContact = (lead: { phone?: string | undefined; email?: string | undefined }) => lead.phone !== undefined || lead.email !== undefined;
const CONTACT_ERROR = { error: 'Enter a phone number or an email address so that we can reach you.', path: ['phone'] };

export const PatientLeadSchema = z
  .strictObject({
    leadType: z.literal('patient'),
    name: line('your name', 100),
    ...reachable,
    location: optional(contentId('a location')),
    service: optional(contentId('a service')),
    timing: choice(TIMINGS, 'when you hope to be seen'),
    contactTime: choice(CONTACT_TIMES, 'when we may call').default('any'),
    consent,
    ...controlFields,
  })
  .refine(needsContact, CONTACT_ERROR);

export const CaregiverLeadSchema = z
  .strictObject({
    leadType: z.literal('caregiver'),
    name: line('your name', 100),
    relationship: choice(RELATIONSHIPS, 'how you are related'),
    ...reachable,
    location: optional(contentId('a location')),
    service: optional(contentId('a service')),
    timing: choice(TIMINGS, 'when they hope to be seen'),
    contactTime: choice(CONTACT_TIMES, 'when we may call').default('any'),
    consent,
    ...controlFields,
  })
  .refine(needsContact, CONTACT_ERROR);

export const ReferralLeadSchema = z
  .strictObject({
    leadType: z.literal('referral'),
    name: line('the referring clinician', 100),
    practice: line('the practice or organization', 150),
    ...reachable,
    service: contentId('the service'),
    location: optional(contentId('a location')),
    urgency: choice(REFERRAL_URGENCIES, 'how soon the patient should be seen'),
    consent,
    ...controlFields,
  })
  .refine(needsContact, CONTACT_ERROR);

export const EmployerLeadSchema = z
  .strictObject({
    leadType: z.literal('employer'),
    organization: line('your organization', 150),
    name: line('your name', 100),
    ...reachable,
    companySize: choice(COMPANY_SIZES, 'the size of your organization'),
    interest: choice(EMPLOYER_INTERESTS, 'what you are interested in'),
    consent,
    ...controlFields,
  })
  .refine(needsContact, CONTACT_ERROR);

export const InsuranceLeadSchema = z
  .strictObject({
    leadType: z.literal('insurance'),
    name: line('your name', 100),
    ...reachable,
    plan: line('your insurance plan', 100),
    location: optional(contentId('a location')),
    service: optional(contentId('a service')),
    consent,
    ...controlFields,
  })
  .refine(needsContact, CONTACT_ERROR);

export const LeadSchema = z.discriminatedUnion('leadType', [PatientLeadSchema, CaregiverLeadSchema, ReferralLeadSchema, EmployerLeadSchema, InsuranceLeadSchema], {
  error: 'Choose what your request is about.',
});
export type LeadInput = z.output<typeof LeadSchema>;

/** Field errors as the form shows them: the first message per field, in field order. */
export type FieldErrors = Record<string, string>;

/** Validates a submission; on failure returns one message per field (`form` for whole-form errors). */
export function parseLead(input: unknown): { ok: true; lead: LeadInput } | { ok: false; errors: FieldErrors } {
  const result = LeadSchema.safeParse(input);
  if (result.success) return { ok: true, lead: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.code === 'unrecognized_keys' ? 'form' : issue.path.map(String).join('.') || 'form';
    const message = issue.code === 'unrecognized_keys' ? `Unexpected fields: ${issue.keys.join(', ')}.` : issue.message;
    errors[key] ??= message;
  }
  return { ok: false, errors };
}
