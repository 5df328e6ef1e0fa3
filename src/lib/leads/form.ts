import { COMPANY_SIZES, CONTACT_TIMES, EMPLOYER_INTERESTS, LEAD_TYPES, REFERRAL_URGENCIES, RELATIONSHIPS, TIMINGS, type FieldErrors, type LeadType } from './schema.ts';
import { describeRepeatedField } from './repeated-keys.ts';

/**
 * The request form, described as data: which fields each lead type shows, in which order, with
 * the same limits and messages as the schema in schema.ts (a unit test holds the two together).
 * The component renders it; the browser's constraint checks and the form script read the limits
 * and messages from the rendered attributes, so no validation library ships to the browser.
 */
export interface FormField {
  /**
   * The schema key. In the HTML form, fields are named `<leadType>.<name>`, except the place
   * fields (PLACE_FIELDS), which the form shows once for every type that asks for them.
   */
  name: string;
  label: string;
  kind: 'text' | 'tel' | 'email' | 'select' | 'textarea';
  required: boolean;
  autocomplete?: string;
  maxLength?: number;
  /** A short line under the label. */
  hint?: string;
  /** For selects: value → label; `locations` and `services` are filled from the content. */
  options?: Record<string, string> | 'locations' | 'services';
  /** What to say when a required field is empty. */
  missing?: string;
}

const name = (label = 'Your name', missing = 'Enter your name.'): FormField => ({
  name: 'name',
  label,
  kind: 'text',
  required: true,
  autocomplete: 'name',
  maxLength: 100,
  missing,
});
const phone: FormField = { name: 'phone', label: 'Phone', kind: 'tel', required: false, autocomplete: 'tel', maxLength: 32, hint: 'A phone number or an email address: one is enough.' };
const email: FormField = { name: 'email', label: 'Email', kind: 'email', required: false, autocomplete: 'email', maxLength: 254 };
const location = (required = false): FormField => ({ name: 'location', label: 'Location', kind: 'select', required, options: 'locations', missing: 'Choose a location.' });
const service = (required = false): FormField => ({ name: 'service', label: 'Service', kind: 'select', required, options: 'services', missing: 'Choose the service.' });
const timing = (label: string): FormField => ({ name: 'timing', label, kind: 'select', required: true, options: TIMINGS, missing: `Choose ${label.toLowerCase()}.` });
const contactTime: FormField = { name: 'contactTime', label: 'Best time to call', kind: 'select', required: false, options: CONTACT_TIMES };

export const FORM_FIELDS: Record<LeadType, FormField[]> = {
  patient: [name(), phone, email, location(), service(), timing('When you hope to be seen'), contactTime],
  caregiver: [
    name(),
    { name: 'relationship', label: 'You are their', kind: 'select', required: true, options: RELATIONSHIPS, missing: 'Choose how you are related.' },
    phone,
    email,
    location(),
    service(),
    timing('When they hope to be seen'),
    contactTime,
  ],
  referral: [
    name('Referring clinician', 'Enter the referring clinician.'),
    { name: 'practice', label: 'Practice or organization', kind: 'text', required: true, autocomplete: 'organization', maxLength: 150, missing: 'Enter the practice or organization.' },
    phone,
    email,
    service(true),
    location(),
    { name: 'urgency', label: 'How soon should the patient be seen?', kind: 'select', required: true, options: REFERRAL_URGENCIES, missing: 'Choose how soon the patient should be seen.' },
  ],
  employer: [
    { name: 'organization', label: 'Organization', kind: 'text', required: true, autocomplete: 'organization', maxLength: 150, missing: 'Enter your organization.' },
    name(),
    phone,
    email,
    { name: 'companySize', label: 'Number of employees', kind: 'select', required: true, options: COMPANY_SIZES, missing: 'Choose the size of your organization.' },
    { name: 'interest', label: 'Interested in', kind: 'select', required: true, options: EMPLOYER_INTERESTS, missing: 'Choose what you are interested in.' },
  ],
  insurance: [
    name(),
    phone,
    email,
    { name: 'plan', label: 'Insurance plan', kind: 'text', required: true, maxLength: 100, hint: 'As it is written on your card.', missing: 'Enter your insurance plan.' },
    location(),
    service(),
  ],
};

/**
 * Where and what: the location and service lists, the longest fields (for a large organization,
 * a bounded choice of its locations: location-choices.ts). Several lead types ask for them, so
 * the form shows each once, named without a prefix, above the chosen type's own fields, and only
 * for the types that ask for it. Whether it is required still depends on the type (a referral
 * must name a service).
 */
export const PLACE_FIELDS = ['location', 'service'] as const;
export type PlaceFieldName = (typeof PLACE_FIELDS)[number];

export const isPlaceField = (name: string): name is PlaceFieldName => (PLACE_FIELDS as readonly string[]).includes(name);

export interface PlaceField {
  field: FormField;
  /** The lead types that ask for it, in form order. */
  types: LeadType[];
  /** The lead types for which it is required. */
  requiredFor: LeadType[];
}

/** Each place field with the lead types that ask for it, read from FORM_FIELDS. */
export const PLACE_FIELD_USE: PlaceField[] = PLACE_FIELDS.map((placeName) => {
  const uses = LEAD_TYPES.flatMap((type) => FORM_FIELDS[type].filter((f) => f.name === placeName).map((field) => ({ type, field })));
  const [first] = uses;
  if (!first) throw new Error(`No lead type asks for the place field "${placeName}".`);
  return { field: { ...first.field, required: false }, types: uses.map((u) => u.type), requiredFor: uses.filter((u) => u.field.required).map((u) => u.type) };
});

/** Fields every lead type shares, below the type's own fields. */
export const SHARED_FIELDS = {
  message: {
    name: 'message',
    label: 'Anything else we should know? (optional)',
    kind: 'textarea',
    required: false,
    maxLength: 500,
    hint: 'Please do not include medical details. We will ask what we need when we talk.',
  },
} satisfies Record<string, FormField>;

/** One choice of a select; `related` if the page is about it, `group` e.g. the location's city. */
export interface SelectOption {
  value: string;
  label: string;
  related?: boolean;
  group?: string;
}

export interface OptionGroup {
  /** The optgroup's label; none for options shown without a group. */
  label?: string;
  options: SelectOption[];
}

/** The group of a page's own options, when it has several. */
export const RELATED_GROUP = 'Related to this page';

/** Above this many options, a select with groups (cities) shows them by group. */
export const GROUP_OPTIONS_ABOVE = 12;

/**
 * The options as the select shows them: those related to the page first, when there are several
 * (one related option is chosen instead); then the rest, by group when the list is long and has
 * more than one group (a large organization's locations by city), groups in name order.
 */
export function arrangeOptions(options: SelectOption[]): OptionGroup[] {
  const related = options.filter((o) => o.related);
  const rest = related.length > 1 ? options.filter((o) => !o.related) : options;
  const groups = new Map<string, SelectOption[]>();
  for (const option of rest) if (option.group !== undefined) groups.set(option.group, [...(groups.get(option.group) ?? []), option]);
  const byGroup = options.length > GROUP_OPTIONS_ABOVE && groups.size > 1 && rest.every((o) => o.group !== undefined);
  return [
    ...(related.length > 1 ? [{ label: RELATED_GROUP, options: related }] : []),
    ...(byGroup ? [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([label, grouped]) => ({ label, options: grouped })) : rest.length > 0 ? [{ options: rest }] : []),
  ];
}

/** Values a page puts into the form before the person types anything, and what they typed. */
export type FormValues = Partial<Record<string, string>>;

/** A form post read for the schema, or refused because a field came more than once. */
export type FormPost = { ok: true; lead: Record<string, unknown> } | { ok: false; errors: FieldErrors };

/**
 * Turns a plain form post (`patient.name=…&service=…&consent=yes&attribution.utm_source=…`) into
 * the shape the schema validates: the chosen lead type's own fields, the place fields it asks for,
 * the shared fields and attribution. Fields of the other lead types (hidden in the page) are left
 * out; empty fields are dropped. A `<type>.location` from a page built before the place fields
 * were shared is still read.
 *
 * A key given twice is refused, and so is a place field given both ways (`location` and
 * `patient.location`): no page sends either. The error is keyed by the form's field name, or
 * `form` for a field the form does not show (attribution, the traps, unknown keys).
 */
export function readFormPost(entries: Iterable<[string, string]>): FormPost {
  const all = new Map<string, string>();
  for (const [key, value] of entries) {
    if (all.has(key)) return refuseRepeated(key);
    all.set(key, value);
  }
  const leadType = all.get('leadType') ?? '';
  const known = (LEAD_TYPES as readonly string[]).includes(leadType);
  for (const place of PLACE_FIELDS) if (known && all.has(place) && all.has(`${leadType}.${place}`)) return refuseRepeated(place);
  const lead: Record<string, unknown> = { leadType };
  const attribution: Record<string, string> = {};
  for (const [key, value] of all) {
    if (value.trim() === '' || key === 'leadType') continue;
    const dot = key.indexOf('.');
    if (dot === -1) {
      // A place field the chosen type does not ask for was hidden in the page: leave it out.
      if (isPlaceField(key) && !(known && FORM_FIELDS[leadType as LeadType].some((f) => f.name === key))) continue;
      lead[key] = value;
      continue;
    }
    const [scope, field] = [key.slice(0, dot), key.slice(dot + 1)];
    if (scope === 'attribution') attribution[field] = value;
    else if (known && scope === leadType) lead[field] = value;
    else if (!(LEAD_TYPES as readonly string[]).includes(scope)) lead[key] = value; // unknown: the schema refuses it
  }
  if (Object.keys(attribution).length > 0) lead['attribution'] = attribution;
  return { ok: true, lead };
}

function refuseRepeated(key: string): FormPost {
  const dot = key.indexOf('.');
  const [scope, field] = dot === -1 ? ['', key] : [key.slice(0, dot), key.slice(dot + 1)];
  const isTypeField = (LEAD_TYPES as readonly string[]).includes(scope) && FORM_FIELDS[scope as LeadType].some((f) => f.name === field);
  // An old page's `<type>.location` is the shared place field now.
  const name = isTypeField && isPlaceField(field) ? field : key;
  const shown = isTypeField || isPlaceField(name) || ['leadType', 'consent', 'message'].includes(name);
  return { ok: false, errors: { [shown ? name : 'form']: describeRepeatedField(name) } };
}

/** The HTML form's field name for an error key from the schema (`name` → `patient.name`, `service` → `service`). */
export function toFormFieldName(leadType: string, key: string): string {
  return key === 'form' || key === 'leadType' || key === 'consent' || key === 'message' || isPlaceField(key) ? key : `${leadType}.${key}`;
}

/** Errors keyed by the HTML form's field names. */
export function toFormErrors(leadType: string, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([key, message]) => [toFormFieldName(leadType, key), message]));
}
