import { z } from 'astro/zod';
import { strictFields } from '../strict-fields.ts';
import { isValidNpi } from './npi.ts';
import { ID_RULE, isValidId } from '../ids.ts';
import { RoutingSchema } from '../leads/routing.ts';
import { CalendarDaySchema, HolidayHoursSchema, TimeZoneSchema, WeeklyHoursSchema } from '../hours.ts';

/**
 * The shape of every content collection. Each schema is a factory that takes the `image()`
 * helper, so that Astro's content layer (which resolves images through astro:assets) and the
 * plain file reader used in tests (which keeps the path) validate with the very same rules.
 *
 * Objects are strict: a misspelled key is an error, not a silently ignored field.
 * References to other entries are entry ids (file names without extension); the integrity check
 * in `integrity.ts` resolves every one of them and fails the build on a miss.
 */

/** Schema.org MedicalSpecialty values (release 30.0), used for `medicalSpecialty` in JSON-LD. */
export const MEDICAL_SPECIALTIES = [
  'Anesthesia', 'Cardiovascular', 'CommunityHealth', 'Dentistry', 'Dermatology', 'DietNutrition',
  'Emergency', 'Endocrine', 'Gastroenterologic', 'Genetic', 'Geriatric', 'Gynecologic',
  'Hematologic', 'Infectious', 'LaboratoryScience', 'Midwifery', 'Musculoskeletal', 'Neurologic',
  'Nursing', 'Obstetric', 'Oncologic', 'Optometric', 'Otolaryngologic', 'Pathology', 'Pediatric',
  'PharmacySpecialty', 'Physiotherapy', 'PlasticSurgery', 'Podiatric', 'PrimaryCare', 'Psychiatric',
  'PublicHealth', 'Pulmonary', 'Radiography', 'Renal', 'RespiratoryTherapy', 'Rheumatologic',
  'SpeechPathology', 'Surgical', 'Toxicologic', 'Urologic',
] as const;

/** Schema.org types a location may be published as (MedicalBusiness / MedicalOrganization subtypes). */
export const LOCATION_TYPES = ['MedicalClinic', 'Dentist', 'DiagnosticLab', 'Hospital', 'Optician', 'Pharmacy'] as const;

/** The longest credential a writer may give, e.g. "PMHNP-BC" or "MB BCh BAO". */
export const CREDENTIAL_MAX = 40;

const E164_PATTERN = /^\+[1-9]\d{7,14}$/;

const fields = strictFields;

/** A reference to another entry, by its id (its file name without `.mdx`). */
const id = (collection: string) =>
  z.string({ error: `Give the id of an entry in ${collection}/ (its file name without extension).` }).refine(isValidId, {
    error: `An id is the file name in ${collection}/ without extension: ${ID_RULE}.`,
  });

/**
 * What to say when YAML read a value as a number or true/false because it was not in quotes (a
 * phone number, a postal code, "yes"), or undefined for any other value.
 */
function describeUnquoted(what: string, input: unknown, quoted: (input: number | boolean) => string = String): string | undefined {
  if (typeof input !== 'number' && typeof input !== 'boolean') return undefined;
  return `Put ${what} in quotes, like "${quoted(input)}": without them YAML reads it as ${typeof input === 'number' ? `the number ${input}` : `the value ${input}`}.`;
}

const text = (what: string) =>
  z.string({ error: (issue) => describeUnquoted(what, issue.input) ?? `Write ${what}.` }).trim().min(1, { error: `Write ${what}; it may not be empty.` });

/**
 * One credential as the writer gives it ("MD", "LICSW", "MS", "MB ChB"): any text, shown after the
 * name as written, short, on one line, without markup; one per list item, so a comma is refused.
 * Which credentials make a physician is decided in src/lib/schema/person.ts.
 */
const credential = text('the credential')
  .max(CREDENTIAL_MAX, { error: `A credential is at most ${CREDENTIAL_MAX} characters; write its abbreviation, e.g. "LICSW".` })
  // Control characters include line breaks and the invisible direction marks that would reorder the name beside it.
  .refine((c) => !/[\p{Cc}\u202a-\u202e\u2066-\u2069<>]/u.test(c), { error: 'Write the credential as plain text, without <, >, line breaks or control characters.' })
  .refine((c) => !c.includes(','), { error: 'Give one credential per item, e.g. [MD, FACP], not "MD, FACP".' });

const phone = z.string({ error: (issue) => describeUnquoted('the phone number', issue.input, (n) => `+${n}`) ?? 'Give a phone number in E.164 form, e.g. "+15555550123".' }).regex(E164_PATTERN, {
  error: 'Write the phone number in E.164 form: a plus sign, the country code, then the digits, e.g. "+15555550123".',
});

const date = CalendarDaySchema;

const nonEmptyList = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).min(1, { error: `List at least one ${what}.` });

/** How a service reaches people. */
export const DELIVERY_MODES = ['in-person', 'video', 'phone'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

const deliveryList = nonEmptyList(z.enum(DELIVERY_MODES, { error: `Delivery is one or more of: ${DELIVERY_MODES.join(', ')}.` }), 'way the service is delivered')
  .refine((modes) => new Set(modes).size === modes.length, { error: 'Name each way of delivery once.' });

const url = z.url({ error: 'Write a full web address starting with https://.' });

const email = z.email({ error: 'Write an email address such as hello@clinic.example.' });

/** Something that makes an image: astro's `image()` in the content layer, a path check in tests. */
export type ImageHelper<I extends z.ZodType> = () => I;

const picture = <I extends z.ZodType>(image: ImageHelper<I>) =>
  fields({
    /** Path to the image file, relative to the content file. */
    src: image(),
    /** What the image shows, for people who cannot see it. */
    alt: text('alt text that says what the image shows'),
  });

/** A BCP 47 language tag, as in HTML's `lang`: "es", "en-US", "zh-Hant". */
const language = z
  .string({ error: 'Write a language tag such as "es" (Spanish), "vi" (Vietnamese) or "en-US".' })
  .refine(isLanguageTag, { error: 'Write a language tag such as "es" (Spanish), "vi" (Vietnamese) or "en-US" (BCP 47, as in HTML\'s lang).' });

// A two- or three-letter language, then optional script, region or variant subtags.
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

function isLanguageTag(value: string): boolean {
  try {
    return LANGUAGE_TAG.test(value) && Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export const FaqSchema = fields({
  /** The question, as a patient would ask it. */
  question: text('the question'),
  /** The answer, in Markdown. */
  answer: text('the answer'),
  /** The language of this question and answer when it is not the page's, e.g. "es". */
  lang: language.optional(),
});

export const AddressSchema = fields({
  street: text('the street address'),
  /** Suite, floor or building. */
  street2: z.string().optional(),
  city: text('the city'),
  /** State or region code, e.g. "OR". */
  region: text('the state or region'),
  postalCode: text('the postal code'),
  /** ISO 3166-1 alpha-2 country code. */
  country: z.string().length(2, { error: 'Write the country as a two-letter code, e.g. "US".' }).default('US'),
});

/** Search settings a writer may give any page. */
export const SeoSchema = fields({
  /** Replaces the page's `<title>` (before the brand). Aim for 60 characters or fewer with the brand. */
  title: text('the page title').optional(),
  /** Replaces the meta description (otherwise the summary). Aim for 70 to 160 characters. */
  description: text('the description').optional(),
  /** Keep this page out of search results and the sitemap. */
  noindex: z.boolean().optional(),
});

/** Fields every page-backed entry may carry to steer its page. */
const pageFields = {
  /** One or two plain sentences that describe the page; used as its meta description. */
  summary: text('a one-line summary'),
  /** The language of the page's own text (its body and questions) when it is not the site's, e.g. "es". */
  lang: language.optional(),
  /** The date the content last changed in a way a reader would notice; the sitemap's lastmod. */
  updated: date.optional(),
  seo: SeoSchema.optional(),
};

/** `content/organization/*.yaml`: exactly one entry, the organization that runs every location. */
export const makeOrganizationSchema = <I extends z.ZodType>(image: ImageHelper<I>) =>
  fields({
    /** The name people know, e.g. "Riverbend Health". */
    name: text('the brand name'),
    /** The registered legal name. */
    legalName: text('the legal name'),
    /** One or two sentences on who the organization serves. */
    description: text('a short description'),
    logo: picture(image),
    /** The picture shown when a page without its own photo is shared (about 1200×630, JPEG or PNG). */
    shareImage: picture(image),
    /** Main phone number, E.164. */
    phone,
    /**
     * The address people may write to, e.g. hello@clinic.example: published in JSON-LD, and the
     * Reply-To of the "We received your request" email (needed when the routing file turns it on).
     */
    email: email.optional(),
    /**
     * IANA time zone of the locations' opening hours, e.g. America/Chicago; a location may have
     * its own. Without it, the routing file's `timeZone`.
     */
    timeZone: TimeZoneSchema.optional(),
    /** The website's public origin, e.g. https://riverbend.example. */
    website: url,
    /** Official profiles elsewhere (for schema.org sameAs). */
    socialProfiles: z.array(url).default([]),
    /** Cities or regions served by default. */
    serviceArea: nonEmptyList(text('a city or region'), 'city or region served'),
    /**
     * The description of the provider directory (/providers/), its lede and meta description. Aim
     * for 70 to 160 characters. Without it, one is made from the providers: how many, and their specialties.
     */
    providersDescription: text('the description of the provider directory').optional(),
  });

/** `content/locations/<id>.mdx`: a clinic a patient can visit. The MDX body is local copy. */
export const makeLocationSchema = <I extends z.ZodType>(image: ImageHelper<I>) =>
  fields({
    /** The clinic's name, e.g. "Riverbend Health – Pearl District". */
    name: text('the location name'),
    ...pageFields,
    /** The schema.org type this location is published as. */
    type: z.enum(LOCATION_TYPES, { error: `Type is one of: ${LOCATION_TYPES.join(', ')}.` }).default('MedicalClinic'),
    /**
     * `true` for a clinic on wheels (a van with stops): it has no fixed address, map position,
     * weekly hours or parking, and says where it stops in `schedule`.
     */
    mobile: z.boolean({ error: 'Write mobile: true or false.' }).default(false),
    /** Where and when a mobile clinic stops, one line per stop, e.g. "Tuesdays, 9 AM – 1 PM: Lincoln Elementary, 210 Oak St". */
    schedule: z.array(text('a stop')).optional(),
    /** Required unless `mobile: true`. */
    address: AddressSchema.optional(),
    /** Required unless `mobile: true`. */
    geo: fields({
      latitude: z.number({ error: 'Write latitude as a number.' }).min(-90).max(90),
      longitude: z.number({ error: 'Write longitude as a number.' }).min(-180).max(180),
    }).optional(),
    /** The number patients call for this location, E.164. */
    phone,
    /** Regular weekly hours. Days not listed are closed; hours past midnight belong to the day they open. Required unless `mobile: true`. */
    hours: WeeklyHoursSchema.optional(),
    /** Days that differ from the weekly hours. */
    holidayHours: z.array(HolidayHoursSchema).default([]),
    /** IANA time zone of these hours, where it differs from the organization's, e.g. America/Denver. */
    timeZone: TimeZoneSchema.optional(),
    /** Ids of the service lines offered here (files in services/). */
    services: nonEmptyList(id('services'), 'service id'),
    /** Insurance plans and benefits accepted, by name. */
    insurance: z.array(text('an insurance plan')).default([]),
    /** Where to park. Required unless `mobile: true`. */
    parking: text('parking notes').optional(),
    /** Step-free access, elevators, interpreters and other access notes. */
    accessibility: text('accessibility notes'),
    /** How to get there: transit, landmarks, entrance. */
    directions: z.string().optional(),
    /** Cities or neighborhoods this location serves; defaults to the organization's area. */
    serviceArea: z.array(text('a city or region')).optional(),
    photo: picture(image),
  }).superRefine((location, context) => {
    const fixed = ['address', 'geo', 'hours', 'parking'] as const;
    for (const field of fixed) {
      if (location.mobile && location[field] !== undefined) {
        context.addIssue({ code: 'custom', path: [field], message: `A mobile clinic has no fixed ${field === 'geo' ? 'map position' : field}: remove ${field} here, and say where it stops in schedule (or remove mobile: true).` });
      }
      if (!location.mobile && location[field] === undefined) {
        context.addIssue({ code: 'custom', path: [field], message: `The field ${field} is missing. Add ${field}${field === 'hours' ? ', e.g. [{ days: [monday], opens: "08:00", closes: "17:00" }]' : ''}; for a clinic on wheels with no fixed place, write mobile: true instead.` });
      }
    }
    if (!location.mobile && location.schedule !== undefined) {
      context.addIssue({ code: 'custom', path: ['schedule'], message: 'Only a mobile clinic has a schedule of stops: remove schedule, or add mobile: true.' });
    }
  });

/** `content/services/<id>.mdx`: a service line, e.g. urgent care or physical therapy. */
export const makeServiceSchema = () =>
  fields({
    /** Name of the service line, e.g. "Physical therapy". */
    name: text('the service name'),
    ...pageFields,
    /** Who the service is for, in one or two sentences. */
    audience: text('who the service is for'),
    /** Common reasons people come for this service, in plain words. */
    reasons: nonEmptyList(text('a reason'), 'reason people come'),
    /** Ids of the conditions this service treats (files in conditions/). */
    conditions: z.array(id('conditions')).default([]),
    /** What happens after someone asks for an appointment, step by step. */
    steps: nonEmptyList(text('a step'), 'step of what happens next'),
    /**
     * `true` for a service that is not medical care (interpreters, transport, billing help): it
     * needs no intent or specialty, is published as a plain schema.org Service, adds no specialty
     * to the locations that offer it, and is not offered in the request form unless `bookable`.
     */
    support: z.boolean({ error: 'Write support: true or false.' }).default(false),
    /**
     * `urgent`: people need care today, so calling is the main action.
     * `planned`: people book ahead, so requesting an appointment is the main action.
     * Required unless `support: true`.
     */
    intent: z.enum(['urgent', 'planned'], { error: 'Intent is "urgent" or "planned".' }).optional(),
    /** Schema.org medical specialty. Required unless `support: true`. */
    specialty: z.enum(MEDICAL_SPECIALTIES, { error: `Specialty is one of the schema.org values: ${MEDICAL_SPECIALTIES.join(', ')}.` }).optional(),
    /** How the service is published in schema.org: MedicalProcedure, MedicalTherapy, MedicalTest or Service. Required unless `support: true` (always Service). */
    kind: z.enum(['procedure', 'therapy', 'test', 'service'], { error: 'Kind is one of: procedure, therapy, test, service.' }).optional(),
    /** Whether people can ask for it in the request form: yes for medical services, no for support services, unless said here. */
    bookable: z.boolean({ error: 'Write bookable: true or false.' }).optional(),
    /**
     * How people get it: `in-person` (at the locations that list it), `video`, `phone`. A service
     * without `in-person` is virtual only: it has its service page and no location pages.
     */
    delivery: deliveryList.default(['in-person']),
    /** Position in lists; lower comes first. */
    order: z.number().int().default(100),
  })
  .superRefine((service, context) => {
    const need = (field: 'intent' | 'specialty' | 'kind', example: string) => {
      if (service[field] === undefined) {
        context.addIssue({ code: 'custom', path: [field], message: `Give ${field}, e.g. ${example}; or, for a service that is not medical care, support: true.` });
      }
    };
    if (!service.support) {
      need('intent', 'intent: planned');
      need('specialty', 'specialty: PrimaryCare');
      need('kind', 'kind: service');
    } else if (service.kind !== undefined && service.kind !== 'service') {
      context.addIssue({ code: 'custom', path: ['kind'], message: 'A support service is published as a plain Service: leave kind out, or write kind: service.' });
    }
  })
  // What the checks above leave unsaid: a support service is a plain Service, asked for like a
  // planned one, and bookable only when it says so. A service only by video or phone is a plain
  // Service too: schema.org's medical types cannot say that a visit happens at a distance.
  .transform(({ kind, intent, bookable, ...service }) => ({
    ...service,
    kind: service.delivery.includes('in-person') ? (kind ?? 'service') : 'service',
    intent: intent ?? 'planned',
    bookable: bookable ?? !service.support,
  }));

/** `content/conditions/<id>.mdx`: a health condition, with answers to common questions. */
export const makeConditionSchema = () =>
  fields({
    /** The condition's common name, e.g. "Low back pain". */
    name: text('the condition name'),
    ...pageFields,
    /** Other names people use for it. */
    otherNames: z.array(text('another name')).default([]),
    /** Common symptoms, in plain words. */
    symptoms: nonEmptyList(text('a symptom'), 'symptom'),
    /** Ids of the services that treat this condition (files in services/). */
    services: nonEmptyList(id('services'), 'service id'),
    /** Questions and answers shown on the page. */
    faqs: nonEmptyList(FaqSchema, 'question with its answer'),
    /** Who checked the page and when. */
    review: fields({
      /** Id of the reviewing provider (a file in providers/). */
      reviewer: id('providers'),
      /** The date of the review, YYYY-MM-DD. */
      date,
    }),
  });

/** `content/providers/<id>.mdx`: a clinician. The MDX body is their bio. */
export const makeProviderSchema = <I extends z.ZodType>(image: ImageHelper<I>) =>
  fields({
    /** Full name without credentials, e.g. "Maya Okafor". */
    name: text('the provider name'),
    ...pageFields,
    /**
     * Credentials as written after the name, e.g. [MD, FAAP] or [LICSW]; none for someone who has
     * none (an athletic trainer). Physician credentials (MD, DO, MBBS, …) publish them as a physician.
     */
    credentials: z.array(credential).default([]),
    /** Specialty in plain words, e.g. "Family medicine". */
    specialty: text('the specialty'),
    /** Schema.org medical specialty. */
    medicalSpecialty: z.enum(MEDICAL_SPECIALTIES, { error: `Specialty is one of the schema.org values: ${MEDICAL_SPECIALTIES.join(', ')}.` }),
    /** Ids of the locations where they see patients (files in locations/). */
    locations: nonEmptyList(id('locations'), 'location id'),
    /** Ids of the services they provide (files in services/). */
    services: nonEmptyList(id('services'), 'service id'),
    /** Languages they see patients in. */
    languages: nonEmptyList(text('a language'), 'language'),
    /**
     * Whether they take new patients now. `false` is shown on their card and page, published in
     * JSON-LD, and their page offers the other providers of the same service at their locations.
     */
    acceptingNewPatients: z.boolean({ error: 'Write acceptingNewPatients: true or false.' }),
    /** Degrees and training, most recent first. */
    education: z
      .array(
        fields({
          /** e.g. "Doctor of Medicine" or "Residency, Family Medicine". */
          degree: text('the degree or training'),
          institution: text('the school or hospital'),
          year: z.number().int().min(1950).max(2100).optional(),
        }),
      )
      .default([]),
    /** Board certifications, e.g. "American Board of Family Medicine". */
    certifications: z.array(text('a certification')).default([]),
    /** Their photo. Without one, no picture is shown or published for them (no placeholder). */
    headshot: picture(image).optional(),
    /** National Provider Identifier: 10 digits with a valid check digit. */
    npi: z
      .string({ error: 'Write the NPI as a quoted string of 10 digits, e.g. "1234567893".' })
      .regex(/^\d{10}$/, { error: 'An NPI is exactly 10 digits.', abort: true })
      .refine(isValidNpi, { error: 'This NPI fails its check digit; copy it again from the NPI registry.' }),
  });

/**
 * `content/location-services/<location>--<service>.mdx`: optional local copy and FAQs for one
 * location × service page. The MDX body replaces the generic local paragraph.
 */
export const makeLocalServiceSchema = () =>
  fields({
    /** Id of the location (a file in locations/). */
    location: id('locations'),
    /** Id of the service (a file in services/), which that location must offer. */
    service: id('services'),
    /** A one-line summary for this pair; used as the meta description. */
    summary: z.string().trim().min(1).optional(),
    /** The language of this page's own text when it is not the site's, e.g. "es". */
    lang: language.optional(),
    /** Local questions and answers. */
    faqs: z.array(FaqSchema).default([]),
    /** How people get this service here, when it differs from the service's: must include in-person (the page is for this place). */
    delivery: deliveryList
      .refine((modes) => modes.includes('in-person'), { error: 'A location page is for visits in person: include in-person, e.g. [in-person, video].' })
      .optional(),
    updated: date.optional(),
    seo: SeoSchema.optional(),
  });

/** `content/routing/*.yaml`: exactly one entry, how leads are routed (see src/lib/leads/routing.ts). */
export const makeRoutingSchema = () => RoutingSchema;

/** A schema's output with the image field kept as whatever the image helper produced. */
type Out<S extends z.ZodType> = z.output<S>;
export type Organization<Img = string> = Omit<Out<ReturnType<typeof makeOrganizationSchema>>, 'logo' | 'shareImage'> & {
  logo: { src: Img; alt: string };
  shareImage: { src: Img; alt: string };
};
export type Seo = z.output<typeof SeoSchema>;
export type Location<Img = string> = Omit<Out<ReturnType<typeof makeLocationSchema>>, 'photo'> & { photo: { src: Img; alt: string } };
export type Service = Out<ReturnType<typeof makeServiceSchema>>;
export type Condition = Out<ReturnType<typeof makeConditionSchema>>;
export type Provider<Img = string> = Omit<Out<ReturnType<typeof makeProviderSchema>>, 'headshot'> & { headshot?: { src: Img; alt: string } | undefined };
export type LocalService = Out<ReturnType<typeof makeLocalServiceSchema>>;
export type Routing = Out<ReturnType<typeof makeRoutingSchema>>;
export type Faq = z.output<typeof FaqSchema>;
