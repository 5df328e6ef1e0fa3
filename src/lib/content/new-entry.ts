/**
 * The text of a new content file, as `npm run new` writes it: every field its content schema
 * (schemas.ts) knows, each with a comment in a writer's words, optional ones commented out where
 * no sensible value exists, and `# TODO:` where a value had to be made up to pass the checks.
 * Pure: the existing content comes in as plain data, the file system stays in src/build/new-entry.ts.
 *
 * Runs on Node directly (type stripping): relative `.ts` imports and erasable TypeScript only.
 */
import { stringify } from 'yaml';
import { formatIsoDate } from '../dates.ts';
import { ID_MAX_LENGTH, toSlug } from '../ids.ts';
import { findNearest } from '../nearest.ts';
import { completeNpi, isValidNpi } from './npi.ts';
import { LOCATION_TYPES } from './schemas.ts';
import { COLLECTION_FOLDERS } from './collections.ts';

/** The kinds of entry `npm run new` writes, as the writer types them. */
export const ENTRY_KINDS = ['location', 'service', 'condition', 'provider', 'location-service'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** An existing entry as the file has it: its id, its path, its frontmatter as YAML read it, its page text. */
export interface ExistingEntry {
  id: string;
  /** The path a writer knows it by, e.g. "content/services/walk-in-care.mdx". */
  file: string;
  data: Record<string, unknown>;
  body: string;
  /** The whole file, to change it without losing its comments and layout. */
  text: string;
}

/** The content a new entry is made beside; each list in file order. */
export interface ExistingContent {
  /** The content folder as the writer names it, e.g. "content". */
  contentDir: string;
  /** The organization file's fields, or {} when there is none. */
  organization: Record<string, unknown>;
  locations: ExistingEntry[];
  services: ExistingEntry[];
  conditions: ExistingEntry[];
  providers: ExistingEntry[];
  locationServices: ExistingEntry[];
}

export type NewEntryRequest =
  | { kind: Exclude<EntryKind, 'location-service'>; name: string; from?: string | undefined }
  | { kind: 'location-service'; location: string; service: string; from?: string | undefined };

/** Another file to change so that the new entry passes the checks (a service listing a new condition back). */
export interface FileEdit {
  file: string;
  text: string;
  /** What changed, in a sentence. */
  summary: string;
}

export interface NewEntryPlan {
  id: string;
  /** Where to write it, e.g. "content/services/travel-vaccines.mdx". */
  file: string;
  text: string;
  /** Fields holding a made-up value marked `# TODO:`, in file order, e.g. ["summary", "address.street"]. */
  todo: string[];
  edits: FileEdit[];
  /** What else the writer should do, one sentence each. */
  next: string[];
}

export type PlanResult = { ok: true; plan: NewEntryPlan } | { ok: false; error: string };

/** Folder of each kind inside the content folder. */
const FOLDERS: Record<EntryKind, string> = {
  location: COLLECTION_FOLDERS.locations.dir,
  service: COLLECTION_FOLDERS.services.dir,
  condition: COLLECTION_FOLDERS.conditions.dir,
  provider: COLLECTION_FOLDERS.providers.dir,
  'location-service': COLLECTION_FOLDERS.locationServices.dir,
};

/** The id a name gets, as the loader suggests it for a bad file name: "Travel Vaccines" → "travel-vaccines". */
export function toEntryId(name: string): string {
  return toSlug(name).slice(0, ID_MAX_LENGTH).replace(/-+$/, '');
}

/** A location × service page's id: `<location>--<service>`, as in content/location-services/. */
export const toLocationServiceId = (location: string, service: string) => `${location}--${service}`;

/** Plans the new entry, or says in one line why it cannot be made. `today` is YYYY-MM-DD. */
export function planNewEntry(request: NewEntryRequest, content: ExistingContent, today: string): PlanResult {
  try {
    return { ok: true, plan: request.kind === 'location-service' ? planLocationService(request, { content, today }) : planNamed(request, content, today) };
  } catch (error) {
    if (error instanceof RefusalError) return { ok: false, error: error.message };
    throw error;
  }
}

class RefusalError extends Error {}

const refuse = (message: string): never => {
  throw new RefusalError(message);
};

const LIST_KEYS: Record<EntryKind, Exclude<keyof ExistingContent, 'contentDir' | 'organization'>> = {
  location: 'locations',
  service: 'services',
  condition: 'conditions',
  provider: 'providers',
  'location-service': 'locationServices',
};

function planNamed(request: Extract<NewEntryRequest, { name: string }>, content: ExistingContent, today: string): NewEntryPlan {
  const name = request.name.trim();
  if (name === '') refuse(`Give the new ${request.kind}'s name, e.g. npm run new -- ${request.kind} "${EXAMPLE_NAMES[request.kind]}".`);
  const id = toEntryId(name);
  if (id === '') refuse(`"${name}" gives no id: the file name is made from its Latin letters and digits. Give a name with some, e.g. "${EXAMPLE_NAMES[request.kind]}".`);
  const entries = content[LIST_KEYS[request.kind]];
  const existing = entries.find((entry) => entry.id === id);
  if (existing) refuse(`${existing.file} exists already: edit it, or give the new ${request.kind} another name.`);
  const from = request.from === undefined ? undefined : findSource(request.kind, request.from, entries);
  const context: Context = { content, name, id, from, today };
  const built = BUILDERS[request.kind](context);
  return {
    id,
    file: `${content.contentDir}/${FOLDERS[request.kind]}/${id}.mdx`,
    text: renderFile(built.fields, built.body),
    todo: collectTodo(built.fields),
    edits: built.edits ?? [],
    next: [
      ...(from ? [`The page text and the fields without TODO are ${from.id}'s: change what is not true of ${name}.`] : []),
      ...(built.next ?? []),
      'The page stays out of search engines until you delete noindex: true under seo.',
    ],
  };
}

const EXAMPLE_NAMES: Record<Exclude<EntryKind, 'location-service'>, string> = {
  location: 'Riverbend Health – Hawthorne',
  service: 'Physical therapy',
  condition: 'Low back pain',
  provider: 'Maya Okafor',
};

function findSource(kind: EntryKind, from: string, entries: ExistingEntry[]): ExistingEntry {
  const source = entries.find((entry) => entry.id === from);
  if (source) return source;
  const nearest = findNearest(from, entries.map((entry) => entry.id));
  return refuse(`--from "${from}" is not the id of any ${kind} in ${FOLDERS[kind]}/.${nearest ? ` Did you mean "${nearest}"?` : ''}`);
}

function planLocationService(request: Extract<NewEntryRequest, { kind: 'location-service' }>, context: { content: ExistingContent; today: string }): NewEntryPlan {
  const { content } = context;
  const location = findReference('location', request.location, content.locations);
  const service = findReference('service', request.service, content.services);
  const offered = stringList(location.data['services']);
  if (!offered.includes(service.id)) {
    refuse(`${location.file} does not offer "${service.id}", so there is no page for this pair: add "${service.id}" to services there first.`);
  }
  const id = toLocationServiceId(location.id, service.id);
  const existing = content.locationServices.find((entry) => entry.id === id || (entry.data['location'] === location.id && entry.data['service'] === service.id));
  if (existing) refuse(`${existing.file} exists already: edit it to change the page for ${location.id} × ${service.id}.`);
  const from = request.from === undefined ? undefined : findSource('location-service', request.from, content.locationServices);
  const fields = buildLocationService({ location, service, from, today: context.today });
  return {
    id,
    file: `${content.contentDir}/${FOLDERS['location-service']}/${id}.mdx`,
    text: renderFile(fields, from ? from.body : defaultLocalText(location, service), `TODO: rewrite the page text below the --- line with what is local; it replaces the page's general paragraph.`),
    todo: collectTodo(fields),
    edits: [],
    next: [
      from
        ? `The page text and questions are ${from.id}'s: rewrite them with what is local here (the floor, who sees patients, what to bring). The text replaces the page's general paragraph.`
        : "The page text below the second --- line replaces the page's general paragraph: write what is local there (the floor, who sees patients, what to bring).",
    ],
  };
}

function findReference(kind: 'location' | 'service', value: string, entries: ExistingEntry[]): ExistingEntry {
  const entry = entries.find((e) => e.id === value);
  if (entry) return entry;
  const nearest = findNearest(value, entries.map((e) => e.id));
  return refuse(`"${value}" is not the id of any ${kind} in ${FOLDERS[kind]}/.${nearest ? ` Did you mean "${nearest}"?` : ''}`);
}

/** One field of the file. */
interface Field {
  key: string;
  /** What it is for, in a writer's words; written as the line's comment. */
  note: string;
  /** The value; with none, the field is written commented out, with `example`. */
  value?: unknown;
  /** The commented-out field's value as YAML, e.g. "es". */
  example?: string;
  /** A made-up value that passes the checks: the comment says what to write instead. */
  todo?: string;
  /** An object's own fields, written one per line below the key. */
  fields?: Field[];
}

interface Context {
  content: ExistingContent;
  name: string;
  id: string;
  from: ExistingEntry | undefined;
  today: string;
}

interface Built {
  fields: Field[];
  body: string;
  edits?: FileEdit[];
  next?: string[];
}

const BUILDERS: Record<Exclude<EntryKind, 'location-service'>, (context: Context) => Built> = {
  location: buildLocation,
  service: buildService,
  condition: buildCondition,
  provider: buildProvider,
};

/** The source's value of a field when starting --from an entry, else undefined. */
const copied = (context: Context, key: string): unknown => context.from?.data[key];

/** A page's own fields: lang, updated, seo. A new page starts out of search results until it is written. */
function pageFields(context: Context): Field[] {
  const lang = copied(context, 'lang');
  return [
    lang === undefined
      ? { key: 'lang', note: "the page text's language, when it is not the site's", example: 'es' }
      : { key: 'lang', note: "the page text's language, when it is not the site's", value: lang },
    { key: 'updated', note: 'the day the page last changed in a way readers notice', example: context.today },
    {
      key: 'seo',
      note: 'search settings',
      fields: [
        { key: 'title', note: 'replaces the title in search results; 60 characters or fewer', example: JSON.stringify(context.name) },
        { key: 'description', note: 'replaces the summary in search results; 70 to 160 characters', example: '"…"' },
        { key: 'noindex', note: 'TODO: delete this line when the page is ready, so search engines find it', value: true },
      ],
    },
  ];
}

function buildLocation(context: Context): Built {
  const { content, name } = context;
  const org = content.organization;
  const inPerson = content.services.filter(isInPerson);
  if (inPerson.length === 0) refuse('There is no service to offer yet: a location lists at least one service. Start with npm run new -- service "Name".');
  const others = content.locations.filter((l) => l.data['mobile'] !== true);
  const address = record(copied(context, 'address'));
  const city = stringOr(address['city'], mostCommon(others.map((l) => record(l.data['address'])['city'])) ?? stringList(org['serviceArea'])[0]);
  const region = stringOr(address['region'], mostCommon(others.map((l) => record(l.data['address'])['region'])));
  const geo = averageGeo(others);
  // One service to start with: each one listed gets a location × service page of its own at once.
  const services = context.from ? stringList(copied(context, 'services')) : byOrder(inPerson).slice(0, 1).map((s) => s.id);
  const shareImage = stringOr(record(org['shareImage'])['src'], './share.jpg').replace(/^\.\//, '');
  const orgName = stringOr(org['name'], 'We');
  const orgPhone = stringOr(org['phone'], '+15555550123');
  // Started --from a clinic on wheels: no fixed place, so those fields are written commented out.
  const mobile = copied(context, 'mobile') === true;
  const fixed = (field: Field): Field =>
    mobile ? { key: field.key, note: `${field.note}; not for a mobile clinic`, example: field.fields ? '{ street: …, city: …, region: …, postalCode: "…" }' : formatFlow(field.value) } : field;
  return {
    fields: [
      { key: 'name', note: 'the clinic’s name as patients know it', value: name },
      {
        key: 'summary',
        note: 'one or two plain sentences; shown in search results',
        value: stringOr(copied(context, 'summary'), `${orgName} in ${city ?? 'your city'}.`),
        todo: 'one or two sentences on what this clinic offers, and where',
      },
      ...pageFields(context),
      { key: 'type', note: `how search engines list it: ${LOCATION_TYPES.join(', ')}`, value: stringOr(copied(context, 'type'), 'MedicalClinic') },
      { key: 'mobile', note: 'true for a clinic on wheels (no address, map, hours or parking; stops in schedule)', ...(mobile ? { value: true } : { example: 'true' }) },
      {
        key: 'schedule',
        note: 'a mobile clinic’s stops, one line each',
        ...(mobile ? { value: copied(context, 'schedule') ?? ['Mondays, 9 AM – 1 PM: the stop'], todo: 'where and when it stops, one line each' } : { example: '["Tuesdays, 9 AM – 1 PM: Lincoln Elementary, 210 Oak St."]' }),
      },
      fixed({
        key: 'address',
        note: 'where patients come',
        fields: [
          { key: 'street', note: 'street and number', value: 'Street and number', todo: 'the street address' },
          { key: 'street2', note: 'suite, floor or building', example: 'Suite 200' },
          { key: 'city', note: 'the city', value: city ?? 'City', ...(city === undefined ? { todo: 'the city' } : {}) },
          { key: 'region', note: 'state or region code, e.g. OR', value: region ?? 'OR', ...(region === undefined ? { todo: 'the state or region code' } : {}) },
          { key: 'postalCode', note: 'the postal code, in quotes', value: '00000', todo: 'the postal code, in quotes' },
          { key: 'country', note: 'two-letter country code; US when left out', example: stringOr(address['country'], 'US') },
        ],
      }),
      fixed({
        key: 'geo',
        note: 'the map position',
        value: geo,
        todo: 'the clinic’s latitude and longitude (right-click it in a map); this is near the other clinics',
      }),
      {
        key: 'phone',
        note: 'the number patients call, E.164: plus sign, country code, number',
        value: orgPhone,
        todo: 'this clinic’s own number, if it has one (this is the organization’s)',
      },
      fixed({
        key: 'hours',
        note: 'days not listed are closed; times in quotes, 24-hour',
        value: copied(context, 'hours') ?? [{ days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], opens: '08:00', closes: '17:00' }],
        todo: 'the opening hours, one line per set of days',
      }),
      optionalList(context, 'holidayHours', 'days that differ from the weekly hours', `[{ date: ${context.today.slice(0, 4)}-12-25, label: Christmas Day, closed: true }]`),
      {
        key: 'timeZone',
        note: 'only when this clinic’s time zone differs from the organization’s',
        ...(copied(context, 'timeZone') === undefined ? { example: stringOr(org['timeZone'], 'America/Chicago') } : { value: copied(context, 'timeZone') }),
      },
      {
        key: 'services',
        note: `ids of the services offered here (files in services/): ${inPerson.map((s) => s.id).join(', ')}`,
        value: services,
        todo: 'the services offered here; each gets a page for this location',
      },
      optionalList(context, 'insurance', 'insurance plans accepted, by name', '[Medicare]'),
      fixed({ key: 'parking', note: 'where to park', value: stringOr(copied(context, 'parking'), 'Ask the front desk.'), todo: 'where patients park' }),
      {
        key: 'accessibility',
        note: 'step-free access, elevators, interpreters',
        value: stringOr(copied(context, 'accessibility'), 'Ask us about access when you book.'),
        todo: 'step-free entrance, elevators, interpreters',
      },
      optionalText(context, 'directions', 'how to get there: transit, landmarks, entrance', 'Bus line 14 stops at the corner.'),
      optionalList(context, 'serviceArea', 'cities or neighborhoods it serves, when not the organization’s', stringList(org['serviceArea']).length > 0 ? formatFlow(stringList(org['serviceArea']).slice(0, 2)) : '[Portland]'),
      {
        key: 'photo',
        note: 'a photo of the clinic, next to this file',
        fields: [
          { key: 'src', note: 'path relative to this file', value: `../organization/${shareImage}`, todo: `put a photo in ${FOLDERS.location}/images/ and name it here, e.g. ./images/${context.id}.jpg` },
          { key: 'alt', note: 'what the photo shows', value: `${name} seen from the street`, todo: 'say what the photo shows' },
        ],
      },
    ],
    body: context.from?.body ?? `${escapeMdx(name)} is a clinic of ${escapeMdx(orgName)}. Write here what is local: the neighborhood, transit, what is on each floor.\n`,
    next: [`Each service in services gets a page at this location, /locations/${context.id}/<service>/.`],
  };
}

function buildService(context: Context): Built {
  const { content, name, id } = context;
  const orders = content.services.map((s) => s.data['order']).filter((o): o is number => typeof o === 'number');
  const specialty = copied(context, 'specialty');
  // A support service (started --from one) needs no intent, specialty or kind: given only when the source gives them.
  const support = copied(context, 'support') === true;
  const ifMedical = (key: string, fallback: string): Partial<Field> => {
    const value = stringOr(copied(context, key), undefined);
    return value !== undefined ? { value } : support ? { example: fallback } : { value: fallback };
  };
  return {
    fields: [
      { key: 'name', note: 'the service as patients call it', value: name },
      { key: 'summary', note: 'one or two plain sentences; shown in search results', value: stringOr(copied(context, 'summary'), `${name}.`), todo: 'one or two sentences on what this service is' },
      ...pageFields(context),
      { key: 'audience', note: 'who it is for, in a sentence or two', value: stringOr(copied(context, 'audience'), 'Adults and children.'), todo: 'who the service is for' },
      { key: 'reasons', note: 'common reasons people come, in plain words', value: copied(context, 'reasons') ?? [name], todo: 'the reasons people come, one per item' },
      // Not copied: each condition listed must list this service back, which would put a draft on its page.
      {
        key: 'conditions',
        note: 'ids of the conditions it treats (files in conditions/); each must list this service back',
        example: formatFlow(stringList(copied(context, 'conditions')).length > 0 ? stringList(copied(context, 'conditions')) : content.conditions.slice(0, 1).map((c) => c.id)),
      },
      {
        key: 'steps',
        note: 'what happens after someone asks for an appointment',
        value: copied(context, 'steps') ?? ['You ask for an appointment online or by phone.', 'Our team calls you back to find a time.'],
        ...(context.from ? {} : { todo: 'what happens after someone asks, step by step' }),
      },
      { key: 'support', note: 'true for help that is not medical care (interpreters, transport, billing)', ...(support ? { value: true } : { example: 'true' }) },
      { key: 'intent', note: 'urgent: calling is the main action; planned: the request form is', ...ifMedical('intent', 'planned') },
      {
        key: 'specialty',
        note: 'the schema.org medical specialty, e.g. PrimaryCare, Physiotherapy, Dentistry',
        ...ifMedical('specialty', 'PrimaryCare'),
        ...(specialty === undefined && !support ? { todo: 'the closest schema.org specialty, e.g. PrimaryCare, Pediatric, Dentistry (a wrong one gets the list)' } : {}),
      },
      { key: 'kind', note: 'procedure, therapy, test or service', ...ifMedical('kind', 'service') },
      { key: 'bookable', note: 'whether the request form offers it; yes unless support: true', ...(typeof copied(context, 'bookable') === 'boolean' ? { value: copied(context, 'bookable') } : { example: 'false' }) },
      { key: 'delivery', note: 'in-person, video, phone: how people get it', value: copied(context, 'delivery') ?? ['in-person'] },
      { key: 'order', note: 'position in lists, lower first', value: orders.length > 0 ? Math.max(...orders) + 1 : 1 },
    ],
    body: context.from?.body ?? `## What a visit is like\n\nWrite here what happens at a visit for ${escapeMdx(name)}, in plain words.\n`,
    next: [
      `Add "${id}" to services in the locations that offer it (${content.locations.map((l) => l.file).join(', ') || `${content.contentDir}/${FOLDERS.location}/`}); until then the build warns that no location offers it.`,
    ],
  };
}

function buildCondition(context: Context): Built {
  const { content, id } = context;
  const services = context.from ? stringList(copied(context, 'services')) : byOrder(content.services).slice(0, 1).map((s) => s.id);
  if (services.length === 0) refuse('There is no service yet: a condition lists the services that treat it. Start with npm run new -- service "Name".');
  if (content.providers.length === 0) refuse('There is no provider yet: a condition names the provider who reviewed it. Start with npm run new -- provider "Name".');
  const reviewer =
    stringOr(record(copied(context, 'review'))['reviewer'], undefined) ??
    (content.providers.find((p) => stringList(p.data['services']).some((s) => services.includes(s))) ?? content.providers[0])?.id;
  const edits: FileEdit[] = [];
  for (const serviceId of services) {
    const service = content.services.find((s) => s.id === serviceId);
    if (!service || stringList(service.data['conditions']).includes(id)) continue;
    const text = addToFrontmatterList(service.text, 'conditions', id) ?? refuse(`Could not add "${id}" to conditions in ${service.file}; add it there by hand, then run this again.`);
    edits.push({ file: service.file, text, summary: `Added "${id}" to conditions in ${service.file}: a condition and the services that treat it name each other.` });
  }
  return {
    fields: [
      { key: 'name', note: 'the name patients know it by', value: context.name },
      { key: 'summary', note: 'one or two plain sentences; shown in search results', value: stringOr(copied(context, 'summary'), `${context.name}.`), todo: 'one or two sentences on what it is' },
      ...pageFields(context),
      optionalList(context, 'otherNames', 'other names people use for it', '[Another name]'),
      { key: 'symptoms', note: 'common symptoms, in plain words', value: copied(context, 'symptoms') ?? ['Symptom'], todo: 'the common symptoms, one per item' },
      {
        key: 'services',
        note: 'ids of the services that treat it (files in services/); each lists this condition back',
        value: services,
        ...(context.from ? {} : { todo: `the services that treat it; when you change them, change conditions in those services too` }),
      },
      {
        key: 'faqs',
        note: 'questions patients ask, with their answers',
        value: copied(context, 'faqs') ?? [{ question: `What is ${context.name.toLowerCase()}?`, answer: 'Answer in two or three plain sentences.' }],
        todo: 'questions patients ask, in their words, with plain answers',
      },
      {
        key: 'review',
        note: 'who checked the page, and when',
        fields: [
          { key: 'reviewer', note: `id of the reviewing provider (a file in ${FOLDERS.provider}/)`, value: reviewer, todo: 'the provider who checks this page' },
          { key: 'date', note: 'the day of the review, YYYY-MM-DD', value: context.today, todo: 'the day they checked it' },
        ],
      },
    ],
    body: context.from?.body ?? `Write here what ${escapeMdx(context.name.toLowerCase())} is, how it is treated and when to get care, in plain words.\n`,
    edits,
  };
}

function buildProvider(context: Context): Built {
  const { content, name } = context;
  const location = content.locations[0];
  if (!location) refuse('There is no location yet: a provider sees patients at one. Start with npm run new -- location "Name".');
  const locations = context.from ? stringList(copied(context, 'locations')) : [location?.id ?? ''];
  const offered = new Set(content.locations.filter((l) => locations.includes(l.id)).flatMap((l) => stringList(l.data['services'])));
  const services = context.from ? stringList(copied(context, 'services')) : byOrder(content.services.filter((s) => offered.has(s.id))).slice(0, 1).map((s) => s.id);
  const service = content.services.find((s) => s.id === services[0]);
  const npis = new Set(content.providers.map((p) => p.data['npi']));
  return {
    fields: [
      { key: 'name', note: 'full name, without credentials', value: name },
      { key: 'summary', note: 'one or two plain sentences; shown in search results', value: stringOr(copied(context, 'summary'), `${name}.`), todo: 'one or two sentences: their work, and where' },
      ...pageFields(context),
      optionalList(context, 'credentials', 'as written after the name, one per item', '[MD, FAAP]'),
      {
        key: 'specialty',
        note: 'their specialty in plain words',
        value: stringOr(copied(context, 'specialty'), stringOr(service?.data['name'], 'Family medicine')),
        ...(context.from ? {} : { todo: 'their specialty in plain words, e.g. Family medicine' }),
      },
      {
        key: 'medicalSpecialty',
        note: 'the schema.org medical specialty, e.g. PrimaryCare, Physiotherapy, Psychiatric',
        value: stringOr(copied(context, 'medicalSpecialty'), stringOr(service?.data['specialty'], 'PrimaryCare')),
      },
      {
        key: 'locations',
        note: `ids of the locations where they see patients: ${content.locations.map((l) => l.id).join(', ')}`,
        value: locations,
        ...(context.from ? {} : { todo: 'the locations where they see patients' }),
      },
      { key: 'services', note: 'ids of the services they provide, offered at one of those locations', value: services, ...(context.from ? {} : { todo: 'the services they provide' }) },
      { key: 'languages', note: 'languages they see patients in', value: copied(context, 'languages') ?? ['English'], todo: 'the languages they see patients in' },
      { key: 'acceptingNewPatients', note: 'true or false', value: copied(context, 'acceptingNewPatients') ?? true, todo: 'whether they take new patients now' },
      optionalList(context, 'education', 'degrees and training, most recent first', '[{ degree: Doctor of Medicine, institution: Oregon Health & Science University, year: 2010 }]'),
      optionalList(context, 'certifications', 'board certifications', '[American Board of Family Medicine]'),
      { key: 'headshot', note: 'their photo, next to this file; without it no picture is shown', example: `{ src: ./images/${context.id}.jpg, alt: Portrait of ${name} }` },
      { key: 'npi', note: 'National Provider Identifier, 10 digits in quotes', value: placeholderNpi(npis), todo: 'their NPI from the NPI registry (npiregistry.cms.hhs.gov); this one only passes the check' },
    ],
    body: context.from?.body ?? `Write here about ${escapeMdx(name)}: who they care for, how they work, and a little about them.\n`,
  };
}

function buildLocationService({ location, service, from, today }: { location: ExistingEntry; service: ExistingEntry; from: ExistingEntry | undefined; today: string }): Field[] {
  const source = from?.data ?? {};
  const given = (key: string, note: string, example: string): Field => (source[key] === undefined ? { key, note, example } : { key, note, value: source[key] });
  return [
    { key: 'location', note: `the location's id (${location.file})`, value: location.id },
    { key: 'service', note: `the service's id (${service.file}); the location must offer it`, value: service.id },
    // Never copied: the page is in search results at once, and two pages may not share a description.
    { key: 'summary', note: 'one or two sentences for this page; shown in search results', example: formatFlow(stringOr(source['summary'], `${stringOr(service.data['name'], service.id)} at ${stringOr(location.data['name'], location.id)}: …`)) },
    given('lang', "the page text's language, when it is not the site's", 'es'),
    {
      ...given('faqs', 'local questions patients ask, with their answers', '[{ question: "Is there parking?", answer: "Yes, behind the building." }]'),
      ...(from && source['faqs'] !== undefined ? { todo: `${from.id}'s questions: rewrite them for this page` } : {}),
    },
    given('delivery', 'only when it differs from the service’s; must include in-person', '[in-person, video]'),
    { key: 'updated', note: 'the day the page last changed in a way readers notice', example: today },
    { key: 'seo', note: 'search settings: title, description, noindex', example: '{ title: "…", description: "…" }' },
  ];
}

function defaultLocalText(location: ExistingEntry, service: ExistingEntry): string {
  const city = stringOr(record(location.data['address'])['city'], undefined);
  // The general paragraph the page shows without this file, so that the page reads as before until the text is written.
  const audience = stringOr(service.data['audience'], undefined);
  const text = `${stringOr(location.data['name'], location.id)} offers ${stringOr(service.data['name'], service.id)}${city ? ` in ${city}` : ''}.`;
  return `${escapeMdx(text)}\n${audience ? `\n**Who it is for:** ${escapeMdx(audience)}\n` : ''}`;
}

/** An optional list: the source's when it has one, else commented out with an example. */
function optionalList(context: Context, key: string, note: string, example: string): Field {
  const value = copied(context, key);
  return Array.isArray(value) && value.length > 0 ? { key, note, value } : { key, note, example };
}

function optionalText(context: Context, key: string, note: string, example: string): Field {
  const value = copied(context, key);
  return typeof value === 'string' ? { key, note, value } : { key, note, example };
}

/** The first valid NPI from 1999999999 down that no provider has. */
function placeholderNpi(taken: Set<unknown>): string {
  for (let first = 199_999_999; ; first--) {
    const npi = completeNpi(String(first));
    if (isValidNpi(npi) && !taken.has(npi)) return npi;
  }
}

/** Services as lists show them: lowest order first, then by id. */
const byOrder = (services: ExistingEntry[]) =>
  [...services].sort((a, b) => orderOf(a) - orderOf(b) || a.id.localeCompare(b.id));
const orderOf = (service: ExistingEntry) => (typeof service.data['order'] === 'number' ? service.data['order'] : 100);

const isInPerson = (service: ExistingEntry) => {
  const delivery = service.data['delivery'];
  return !Array.isArray(delivery) || delivery.includes('in-person');
};

function averageGeo(locations: ExistingEntry[]): { latitude: number; longitude: number } {
  const points = locations.map((l) => record(l.data['geo'])).filter((g) => typeof g['latitude'] === 'number' && typeof g['longitude'] === 'number');
  if (points.length === 0) return { latitude: 0, longitude: 0 };
  const mean = (key: string) => Math.round((points.reduce((sum, g) => sum + (g[key] as number), 0) / points.length) * 10_000) / 10_000;
  return { latitude: mean('latitude'), longitude: mean('longitude') };
}

function mostCommon(values: unknown[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) if (typeof value === 'string' && value.trim() !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function stringOr<T extends string | undefined>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' && value.trim() !== '' ? value : fallback;
}

function collectTodo(fields: Field[], prefix = ''): string[] {
  return fields.flatMap((field) => [...(field.todo ? [`${prefix}${field.key}`] : []), ...collectTodo(field.fields ?? [], `${prefix}${field.key}.`)]);
}

/** Where the comments start, so that they line up as in the README's examples. */
const COMMENT_COLUMN = 32;

function renderFile(fields: Field[], body: string, heading?: string): string {
  return `---\n${heading === undefined ? '' : `# ${heading}\n`}${renderFields(fields, '').join('\n')}\n---\n${body.replace(/^\n+/, '')}`;
}

function renderFields(fields: Field[], indent: string): string[] {
  return fields.flatMap((field) => {
    const comment = field.todo ? `TODO: ${field.todo}` : field.note;
    if (field.fields) return [withComment(`${indent}${field.key}:`, comment), ...renderFields(field.fields, `${indent}  `)];
    if (field.value === undefined) return [withComment(`${indent}# ${field.key}: ${field.example ?? ''}`, comment)];
    const line = `${indent}${field.key}: ${formatFlow(field.value)}`;
    const items: unknown[] | undefined = Array.isArray(field.value) ? field.value : undefined;
    if (!items || (line.length <= LINE_WIDTH && !items.some((item) => typeof item === 'object' && item !== null))) return [withComment(line, comment)];
    return [withComment(`${indent}${field.key}:`, comment), ...items.flatMap((item) => renderItem(item, `${indent}  `))];
  });
}

/** Longer lines break into one list item per line, and long items into one field per line. */
const LINE_WIDTH = 100;

function renderItem(item: unknown, indent: string): string[] {
  const line = `${indent}- ${formatFlow(item)}`;
  if (line.length <= LINE_WIDTH || typeof item !== 'object' || item === null || Array.isArray(item) || item instanceof Date) return [line];
  return Object.entries(item).map(([key, value], i) => `${indent}${i === 0 ? '- ' : '  '}${key}: ${formatFlow(value)}`);
}

function withComment(code: string, comment: string): string {
  return `${code.padEnd(Math.max(COMMENT_COLUMN, code.length + 2))}# ${comment}`;
}

/** A value on one line: lists as [a, b], objects as { key: value }, as the content files write them. */
export function formatFlow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatFlow).join(', ')}]`;
  if (value instanceof Date) return formatIsoDate(value);
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${formatFlow(item)}`).join(', ')} }`;
  }
  if (typeof value === 'string') return formatString(value);
  return String(value);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A string as a YAML scalar: plain when YAML reads it back as the same string inside a list,
 * quoted when it starts with a digit or a plus sign (phone numbers, postal codes, times, NPIs, as
 * the README asks) except a date, and whenever YAML would otherwise read it differently.
 */
function formatString(text: string): string {
  const plain = stringify(text, { lineWidth: 0 }).trimEnd();
  if (plain === text && !/[,[\]{}]/.test(text) && !(/^[\d+]/.test(text) && !DAY.test(text))) return text;
  return JSON.stringify(text);
}

/**
 * Adds `id` to the list `field` in a content file's frontmatter, keeping everything else as it is:
 * `conditions: [a]` becomes `conditions: [a, id]`, a list of `- a` lines gets `- id`, and a file
 * without the field gets `field: [id]`. Undefined when the field is written some other way.
 */
export function addToFrontmatterList(text: string, field: string, id: string): string | undefined {
  const match = /^(---\r?\n)([\s\S]*?\r?\n)(---)/.exec(text);
  if (!match) return undefined;
  const [, open = '', frontmatter = '', close = ''] = match;
  const lines = frontmatter.split('\n');
  const at = lines.findIndex((line) => line.startsWith(`${field}:`));
  if (at === -1) return `${open}${frontmatter}${field}: [${id}]\n${close}${text.slice(match[0].length)}`;
  const line = lines[at] ?? '';
  const rest = line.slice(field.length + 1);
  const flow = /^(\s*\[)([^\]#]*?)(\s*\])(\s*(?:#.*)?\r?)$/.exec(rest);
  if (flow) {
    const [, start = '', items = '', end = '', after = ''] = flow;
    lines[at] = `${field}:${start}${items.trim() === '' ? id : `${items}, ${id}`}${end}${after}`;
  } else if (/^\s*(?:#.*)?\r?$/.test(rest)) {
    let last = at;
    while (/^\s+-\s/.test(lines[last + 1] ?? '')) last++;
    if (last === at) return undefined;
    const indent = /^(\s+-\s+)/.exec(lines[last] ?? '')?.[1] ?? '  - ';
    lines.splice(last + 1, 0, `${indent}${id}`);
  } else return undefined;
  return `${open}${lines.join('\n')}${close}${text.slice(match[0].length)}`;
}

/** Text from a field as page text: MDX reads `<` as a component and `{` as code, so they are escaped. */
export function escapeMdx(text: string): string {
  return text.replace(/[{}]/g, '\\$&').replaceAll('<', '&lt;');
}

/** "Did you mean …?" for a kind the writer typed, with the list of kinds. */
export function describeUnknownKind(kind: string | undefined): string {
  const kinds = ENTRY_KINDS.join(', ');
  if (kind === undefined || kind === '') return `Say what to make: npm run new -- <kind> "Name", where kind is one of ${kinds}.`;
  const nearest = findNearest(kind, ENTRY_KINDS);
  return `"${kind}" is not a kind of page.${nearest ? ` Did you mean "${nearest}"?` : ''} Kinds: ${kinds}.`;
}
