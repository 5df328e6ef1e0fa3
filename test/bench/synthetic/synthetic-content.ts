import { stringify } from 'yaml';
import { completeNpi } from '../../../src/lib/content/npi.ts';
import { formatList } from '../../../src/lib/format.ts';
import { DESCRIPTION_MAX, DESCRIPTION_MIN } from '../../../src/lib/seo/head.ts';
import { createRandom, type Random } from './seeded-random.ts';
import {
  ACCESSIBILITY_EXTRAS,
  ACCESSIBILITY_TEMPLATES,
  BUILDING_FEATURES,
  BUS_ROUTES,
  CITIES,
  CONDITION_FAQS,
  CONDITION_PARAGRAPHS,
  CONDITION_QUALIFIERS,
  CONDITIONS,
  DIRECTIONS_TEMPLATES,
  FIRST_NAMES,
  HOBBIES,
  INSURANCE_PLANS,
  LANDMARKS,
  LANGUAGES,
  LAST_NAMES,
  LOCAL_FAQS,
  LOCATION_BODY_SENTENCES,
  NEIGHBORHOOD_FIRST,
  NEIGHBORHOOD_SECOND,
  PARKING_EXTRAS,
  PARKING_TEMPLATES,
  PAST_JOBS,
  PROVIDER_BIO,
  REGION,
  SCHOOLS,
  SERVICE_QUALIFIERS,
  SERVICE_SECTIONS,
  SERVICES,
  STEP_TEMPLATES,
  STREET_DIRECTIONS,
  STREET_NAMES,
  STREET_TYPES,
  TIME_ZONE,
  URGENT_STEPS,
  type CityBank,
  type ConditionBank,
  type Credential,
  type ServiceBank,
} from './synthetic-phrases.ts';

/**
 * Synthetic content for scale tests: a whole organization laid out like content/, valid against
 * the collection schemas and the integrity check, with text combined from phrase banks so that
 * pages read differently. Pure: the same options give the same files, byte for byte.
 */
export interface SyntheticOptions {
  locations: number;
  /** Service lines in the catalog. */
  services: number;
  conditions: number;
  providers: number;
  seed: string;
  /** Average number of services each location offers; 90% of the catalog when absent. */
  servicesPerLocation?: number | undefined;
  /** Location × service pairs with their own file in location-services/; about 1% when absent. */
  localServices?: number | undefined;
  /** Locations per city (up to the 10 cities of the phrase banks); 25 when absent. */
  locationsPerCity?: number | undefined;
}

/** The few JPEGs every image is a copy of (test/bench/synthetic/images/). */
export type SyntheticImage = 'clinic-1.jpg' | 'clinic-2.jpg' | 'clinic-3.jpg' | 'portrait-1.jpg' | 'portrait-2.jpg' | 'portrait-3.jpg' | 'share.jpg';

/** A file to write, relative to the content folder: text, or a copy of one of the images. */
export type SyntheticFile = { path: string; text: string } | { path: string; image: SyntheticImage };

const ORG = { name: 'Cedarline Health', legalName: 'Cedarline Health Partners, P.C.', website: 'https://cedarline.example' };

interface LocationPlan {
  id: string;
  place: string;
  name: string;
  city: CityBank;
  /** Position among the locations of its city: picks its phone number and postal code. */
  cityIndex: number;
  street: string;
  services: string[];
  hours: { days: string[]; opens: string; closes: string }[];
  /** The weekday it stays open into the evening, if any. */
  lateDay: string | undefined;
}

interface ServicePlan {
  id: string;
  name: string;
  bank: ServiceBank;
  qualifier: string | undefined;
}

interface ProviderPlan {
  id: string;
  name: string;
  first: string;
  locations: string[];
  services: string[];
}

/** Every file of a synthetic organization, in a stable order. */
export function generateSyntheticContent(options: SyntheticOptions): SyntheticFile[] {
  checkOptions(options);
  const random = createRandom(options.seed);
  const services = planServices(options.services);
  const locations = planLocations(options, services, random.fork('locations'));
  const providers = planProviders(options.providers, locations, services, random.fork('providers'));
  const conditions = planConditions(options.conditions, services, random.fork('conditions'));
  const serviceConditions = new Map<string, string[]>(services.map((s) => [s.id, []]));
  for (const condition of conditions) for (const s of condition.services) serviceConditions.get(s)?.push(condition.id);

  const files: SyntheticFile[] = [
    { path: 'organization/organization.yaml', text: buildOrganization(locations) },
    { path: 'organization/logo.svg', text: buildLogo() },
    { path: 'organization/share.jpg', image: 'share.jpg' },
  ];
  const locationRandom = random.fork('location-text');
  locations.forEach((location, i) => {
    files.push({ path: `locations/${location.id}.mdx`, text: buildLocation(location, services, locationRandom) });
    files.push({ path: `locations/images/${location.id}.jpg`, image: (['clinic-1.jpg', 'clinic-2.jpg', 'clinic-3.jpg'] as const)[i % 3] as SyntheticImage });
  });
  const serviceRandom = random.fork('service-text');
  services.forEach((service, i) => {
    files.push({ path: `services/${service.id}.mdx`, text: buildService(service, i, serviceConditions.get(service.id) ?? [], serviceRandom) });
  });
  const conditionRandom = random.fork('condition-text');
  for (const condition of conditions) {
    files.push({ path: `conditions/${condition.id}.mdx`, text: buildCondition(condition, services, providers, conditionRandom) });
  }
  const providerRandom = random.fork('provider-text');
  const placeById = new Map(locations.map((l) => [l.id, l.place]));
  providers.forEach((provider, i) => {
    files.push({ path: `providers/${provider.id}.mdx`, text: buildProvider(provider, i, { services, placeById, seed: options.seed }, providerRandom) });
    files.push({ path: `providers/images/${provider.id}.jpg`, image: (['portrait-1.jpg', 'portrait-2.jpg', 'portrait-3.jpg'] as const)[i % 3] as SyntheticImage });
  });
  for (const local of planLocalServices(options, locations, services, random.fork('local-services'))) {
    files.push({ path: `location-services/${local.location.id}--${local.service.id}.mdx`, text: buildLocalService(local, random.fork(`local/${local.location.id}/${local.service.id}`)) });
  }
  files.push({ path: 'routing/routing.yaml', text: buildRouting(locations, services) });
  return files;
}

function checkOptions(options: SyntheticOptions): void {
  for (const key of ['locations', 'services', 'conditions', 'providers'] as const) {
    const value = options[key];
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${key} must be a whole number of at least 1; got ${value}.`);
  }
  const perLocation = options.servicesPerLocation;
  if (perLocation !== undefined && (!Number.isInteger(perLocation) || perLocation < 1 || perLocation > options.services)) {
    throw new Error(`--services-per-location must be a whole number from 1 to --services (${options.services}); got ${perLocation}.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Plans: ids, names and relations, before any text.

function planServices(count: number): ServicePlan[] {
  const plans: ServicePlan[] = [];
  for (let i = 0; plans.length < count; i++) {
    const bank = SERVICES[i % SERVICES.length] as ServiceBank;
    const round = Math.floor(i / SERVICES.length);
    const qualifier = round === 0 ? undefined : (SERVICE_QUALIFIERS[(round - 1) % SERVICE_QUALIFIERS.length] as string);
    const suffix = round > SERVICE_QUALIFIERS.length ? ` ${Math.ceil(round / SERVICE_QUALIFIERS.length)}` : '';
    const name = qualifier ? `${qualifier} ${lowerFirst(bank.name)}${suffix}` : bank.name;
    plans.push({ id: slug(name), name, bank, qualifier });
  }
  return plans;
}

function planLocations(options: SyntheticOptions, services: ServicePlan[], random: Random): LocationPlan[] {
  const count = options.locations;
  const cityCount = Math.min(CITIES.length, Math.max(1, Math.ceil(count / Math.max(1, options.locationsPerCity ?? 25))));
  const places = random.shuffle(NEIGHBORHOOD_FIRST.flatMap((a) => NEIGHBORHOOD_SECOND.map((b) => `${a} ${b}`)));
  const perLocation = options.servicesPerLocation ?? Math.max(1, Math.round(options.services * 0.9));
  const spread = Math.max(0, Math.min(5, Math.floor(perLocation / 8), options.services - perLocation, perLocation - 1));
  const plans: LocationPlan[] = [];
  const perCity = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const round = Math.floor(i / places.length);
    const place = `${places[i % places.length] as string}${round > 0 ? ` ${round + 1}` : ''}`;
    const city = CITIES[i % cityCount] as CityBank;
    const street = `${random.pick(STREET_NAMES)} ${random.pick(STREET_TYPES)}`;
    const offered = random.sample(services, perLocation + random.int(-spread, spread));
    const cityIndex = perCity.get(city.name) ?? 0;
    perCity.set(city.name, cityIndex + 1);
    plans.push({
      id: slug(place),
      place,
      name: `${ORG.name} – ${place}`,
      city,
      cityIndex,
      street,
      // In catalog order, as a writer would list them.
      services: services.filter((s) => offered.includes(s)).map((s) => s.id),
      hours: [],
      lateDay: undefined,
    });
  }
  // A service no location offers only draws a warning, but has no pages: give each one a home.
  for (const service of services) {
    if (plans.some((l) => l.services.includes(service.id))) continue;
    const location = random.pick(plans);
    location.services = services.filter((s) => s.id === service.id || location.services.includes(s.id)).map((s) => s.id);
  }
  const urgent = new Set(services.filter((s) => s.bank.intent === 'urgent').map((s) => s.id));
  for (const location of plans) {
    location.hours = buildHours(
      random,
      location.services.some((id) => urgent.has(id)),
    );
    const late = location.hours.find((h) => h.closes >= '19:00' && h.days.length === 1);
    location.lateDay = late ? capitalize(late.days[0] as string) : undefined;
  }
  return plans;
}

function planProviders(count: number, locations: LocationPlan[], services: ServicePlan[], random: Random): ProviderPlan[] {
  const names = random.shuffle(FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => [first, last] as const)));
  const offeredAt = new Map(services.map((s) => [s.id, locations.filter((l) => l.services.includes(s.id))]));
  const plans: ProviderPlan[] = [];
  for (let i = 0; i < count; i++) {
    const [first, last] = names[i % names.length] as readonly [string, string];
    const round = Math.floor(i / names.length);
    const name = round === 0 ? `${first} ${last}` : `${first} ${String.fromCharCode(65 + ((round - 1) % 26))}. ${last}${round > 26 ? ` ${round}` : ''}`;
    const service = random.pick(services.filter((s) => (offeredAt.get(s.id) ?? []).length > 0));
    const where = random.sample(offeredAt.get(service.id) ?? [], random.int(1, 3));
    const related = services.filter((s) => s !== service && s.bank.specialty === service.bank.specialty && where.some((l) => l.services.includes(s.id)));
    const extra = related.length > 0 && random.chance(0.5) ? [random.pick(related).id] : [];
    plans.push({
      id: slug(name),
      name,
      first,
      locations: locations.filter((l) => where.includes(l)).map((l) => l.id),
      services: [service.id, ...extra],
    });
  }
  return plans;
}

interface ConditionPlan {
  id: string;
  name: string;
  bank: ConditionBank;
  services: string[];
  qualifier: string | undefined;
}

function planConditions(count: number, services: ServicePlan[], random: Random): ConditionPlan[] {
  const byName = new Map(services.map((s) => [s.name, s.id]));
  // Conditions the catalog treats come first, so a small catalog still gets fitting ones.
  const ranked = [...CONDITIONS].sort((a, b) => Number(b.services.some((s) => byName.has(s))) - Number(a.services.some((s) => byName.has(s))));
  const plans: ConditionPlan[] = [];
  for (let i = 0; plans.length < count; i++) {
    const bank = ranked[i % ranked.length] as ConditionBank;
    const round = Math.floor(i / ranked.length);
    const qualifier = round === 0 ? undefined : (CONDITION_QUALIFIERS[(round - 1) % CONDITION_QUALIFIERS.length] as string);
    const suffix = round > CONDITION_QUALIFIERS.length ? ` (${Math.ceil(round / CONDITION_QUALIFIERS.length)})` : '';
    const name = qualifier ? `${bank.name} ${qualifier}${suffix}` : bank.name;
    let treating = bank.services.flatMap((s) => byName.get(s) ?? []).slice(0, 3);
    if (treating.length === 0) treating = random.sample(services, random.int(1, 2)).map((s) => s.id);
    plans.push({ id: slug(name), name, bank, services: treating, qualifier });
  }
  return plans;
}

interface LocalPlan {
  location: LocationPlan;
  service: ServicePlan;
}

function planLocalServices(options: SyntheticOptions, locations: LocationPlan[], services: ServicePlan[], random: Random): LocalPlan[] {
  const pairs = locations.flatMap((location) => location.services.map((id) => ({ location, service: services.find((s) => s.id === id) as ServicePlan })));
  const count = Math.min(pairs.length, options.localServices ?? Math.max(Math.min(2, pairs.length), Math.round(pairs.length / 100)));
  const chosen = new Set(random.sample(pairs, count));
  return pairs.filter((pair) => chosen.has(pair));
}

// ---------------------------------------------------------------------------------------------
// Files.

function buildOrganization(locations: LocationPlan[]): string {
  const cities = [...new Set(locations.map((l) => l.city.name))];
  const home = CITIES[0] as CityBank;
  return yamlDocument({
    name: ORG.name,
    legalName: ORG.legalName,
    description: `Neighborhood clinics across ${formatList(cities.slice(0, 4))}${cities.length > 4 ? ' and nearby towns' : ''}: everyday care, specialists, therapy and tests for people of all ages.`,
    logo: { src: './logo.svg', alt: ORG.name },
    shareImage: { src: './share.jpg', alt: `Illustration of a ${ORG.name} clinic building` },
    phone: `+1${home.areaCodes[0]}5550100`,
    website: ORG.website,
    socialProfiles: [],
    serviceArea: cities,
  });
}

function buildLogo(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40"><rect width="40" height="40" rx="8" fill="#0b5c6b"/><path d="M17 8h6v9h9v6h-9v9h-6v-9H8v-6h9z" fill="#fff"/><text x="48" y="27" font-family="sans-serif" font-size="18" font-weight="700" fill="#0b5c6b">${ORG.name}</text></svg>\n`;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const HOLIDAYS = [
  { date: '2026-12-24', label: 'Christmas Eve', opens: '08:00', closes: '13:00' },
  { date: '2026-12-25', label: 'Christmas Day', closed: true },
  { date: '2026-12-31', label: 'New Year’s Eve', opens: '08:00', closes: '15:00' },
  { date: '2027-01-01', label: 'New Year’s Day', closed: true },
  { date: '2027-01-18', label: 'Martin Luther King Jr. Day', opens: '09:00', closes: '16:00' },
  { date: '2027-05-31', label: 'Memorial Day', closed: true },
  { date: '2027-07-05', label: 'Independence Day (observed)', closed: true },
] as const;

function buildHours(random: Random, urgent: boolean): { days: string[]; opens: string; closes: string }[] {
  const opens = random.pick(['07:00', '07:30', '08:00', '08:30']);
  if (urgent) {
    return [
      { days: [...WEEKDAYS], opens, closes: random.pick(['20:00', '21:00', '22:00']) },
      { days: ['saturday', 'sunday'], opens: '09:00', closes: random.pick(['17:00', '18:00', '19:00']) },
    ];
  }
  const closes = random.pick(['17:00', '17:30', '18:00']);
  const late = random.pick(WEEKDAYS);
  const hours: { days: string[]; opens: string; closes: string }[] = [
    { days: WEEKDAYS.filter((d) => d !== late), opens, closes },
    { days: [late], opens, closes: random.pick(['19:00', '19:30', '20:00']) },
  ];
  if (random.chance(0.5)) hours.push({ days: ['saturday'], opens: '09:00', closes: random.pick(['12:00', '13:00', '14:00']) });
  return hours;
}

function buildLocation(location: LocationPlan, services: ServicePlan[], random: Random): string {
  const { city, cityIndex: index, hours } = location;
  // 555-0100 is the organization's main line; beyond 199 locations in a city, numbers repeat.
  const number = index + 1;
  const phone = `+1${city.areaCodes[Math.floor(number / 100) % 2]}55501${String(number % 100).padStart(2, '0')}`;
  const street2 = random.pick([undefined, undefined, 'Suite 100', 'Suite 200', 'Floor 2', 'Building B', 'Unit 3']);
  const streetNumber = random.int(100, 9899);
  const direction = random.pick(STREET_DIRECTIONS);
  const streetAddress = `${streetNumber} ${direction ? `${direction} ` : ''}${location.street}`;
  const crossStreet = `${random.pick(STREET_NAMES)} ${random.pick(STREET_TYPES)}`;
  const landmark = random.pick(LANDMARKS);
  const fill = {
    street: location.street,
    street2: crossStreet,
    landmark,
    bus: random.pick(BUS_ROUTES),
    bus2: random.pick(BUS_ROUTES),
    spaces: String(random.int(12, 80)),
    accessible: String(random.int(2, 6)),
    floor: random.pick(['first', 'second', 'ground']),
  };
  const serviceNames = location.services.map((id, i) => {
    const name = services.find((s) => s.id === id)?.name ?? id;
    return i === 0 ? name : lowerFirst(name);
  });
  const others = serviceNames.length - 2;
  const offered = others > 0 ? `${serviceNames.slice(0, 2).join(', ')} and ${others} more service${others === 1 ? '' : 's'}` : formatList(serviceNames);
  const summary = fitSummary(
    [`${offered} in ${location.place}, ${city.name}, near ${landmark}.`, `${offered} in ${location.place}, ${city.name}.`],
    `Care close to home in ${location.place}, ${city.name}, from the ${ORG.name} team.`,
  );
  const data = {
    name: location.name,
    summary,
    ...(random.chance(0.6) && { updated: isoDate(2026, random.int(1, 10), random.int(1, 28)) }),
    type: 'MedicalClinic',
    address: { street: streetAddress, ...(street2 && { street2 }), city: city.name, region: REGION, postalCode: String(city.zip + (index % 40)), country: 'US' },
    geo: { latitude: round4(city.latitude + (random.next() - 0.5) * 0.16), longitude: round4(city.longitude + (random.next() - 0.5) * 0.2) },
    phone,
    hours,
    holidayHours: random
      .sample(HOLIDAYS, random.int(2, 4))
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((h) => ({ ...h })),
    services: location.services,
    insurance: INSURANCE_PLANS.filter((plan) => random.chance(0.45) || plan === 'Medicare'),
    parking: [fillTemplate(random.pick(PARKING_TEMPLATES), fill), ...random.sample(PARKING_EXTRAS, random.int(0, 2))].join(' '),
    accessibility: [fillTemplate(random.pick(ACCESSIBILITY_TEMPLATES), fill), ...random.sample(ACCESSIBILITY_EXTRAS, random.int(1, 2))].join(' '),
    directions: fillTemplate(random.pick(DIRECTIONS_TEMPLATES), fill),
    ...(random.chance(0.7) && { serviceArea: [location.place, city.name] }),
    photo: {
      src: `./images/${location.id}.jpg`,
      alt: random.pick([`The ${location.place} clinic seen from the street`, `Front entrance of the ${location.place} clinic`, `Illustration of the ${location.place} clinic building`]),
    },
  };
  const sentenceFill = {
    neighborhood: location.place,
    building: random.pick(BUILDING_FEATURES),
    street: location.street,
    landmark,
    area: random.pick(NEIGHBORHOOD_FIRST),
    year: String(random.int(1998, 2024)),
    city: city.name,
    direction: random.pick(['north', 'south', 'east', 'west']),
    lateDay: location.lateDay ?? 'Wednesday',
    language: random.pick(LANGUAGES),
    minutes: String(random.int(10, 35)),
  };
  const sentences = random
    .shuffle(LOCATION_BODY_SENTENCES.slice(1).filter((s) => location.lateDay !== undefined || !s.includes('{lateDay}')))
    .slice(0, random.int(6, 9))
    .map((s) => fillTemplate(s, sentenceFill));
  const first = fillTemplate(LOCATION_BODY_SENTENCES[0], sentenceFill);
  const split = Math.ceil(sentences.length / 2);
  const body = [[first, ...sentences.slice(0, split)].join(' '), sentences.slice(split).join(' ')].join('\n\n');
  return mdxDocument(data, body);
}

function buildService(service: ServicePlan, index: number, conditions: string[], random: Random): string {
  const { bank } = service;
  const lower = lowerFirst(service.name);
  const minutes = random.pick(['30', '40', '45', '60']);
  const focus = service.qualifier ? `${lowerFirst(service.qualifier)} care for ${bank.focus}` : bank.focus;
  const steps = bank.intent === 'urgent' ? [...URGENT_STEPS] : STEP_TEMPLATES.map((row) => fillTemplate(random.pick(row), { minutes }));
  const data = {
    name: service.name,
    summary: fitSummary(
      [`${service.name} for ${focus}, close to home, from clinicians who listen and explain each step.`, `${service.name} for ${focus}, close to home.`],
      `${service.name} at ${ORG.name}: care close to home, with clear next steps.`,
    ),
    ...(random.chance(0.5) && { updated: isoDate(2026, random.int(1, 10), random.int(1, 28)) }),
    audience: service.qualifier ? `${bank.audience} This ${lowerFirst(service.qualifier)} program adds its own hours and teams.` : bank.audience,
    reasons: random.shuffle(bank.reasons),
    conditions,
    steps,
    intent: bank.intent,
    specialty: bank.specialty,
    kind: bank.kind,
    order: (index + 1) * 10,
  };
  const fill = { name: service.name, lower, org: ORG.name, focus, minutes, days: String(random.int(2, 10)) };
  const sections = [
    `## How ${lower} helps`,
    random
      .sample(SERVICE_SECTIONS.intro, 2)
      .map((s) => fillTemplate(s, fill))
      .join(' '),
    `## What to expect`,
    random
      .sample(SERVICE_SECTIONS.expect, 3)
      .map((s) => fillTemplate(s, fill))
      .join(' '),
    bank.intent === 'planned'
      ? `<Callout type="note" title="Bring to your visit">Your insurance card, a list of your medicines and any questions you have.</Callout>`
      : `<Callout type="warning" title="Not sure where to go?">Call us and a nurse will help you decide between urgent care and a regular visit.</Callout>`,
    `## Getting started`,
    random
      .sample(SERVICE_SECTIONS.start, 2)
      .map((s) => fillTemplate(s, fill))
      .join(' '),
    `<CallToAction action="request" />`,
  ];
  return mdxDocument(data, sections.join('\n\n'));
}

function buildCondition(condition: ConditionPlan, services: ServicePlan[], providers: ProviderPlan[], random: Random): string {
  const { bank } = condition;
  const lower = lowerFirst(condition.name);
  const serviceNames = condition.services.map((id) => lowerFirst(services.find((s) => s.id === id)?.name ?? id));
  // The reviewer sees patients for the condition where the catalog allows.
  const fitting = providers.filter((p) => p.services.some((s) => condition.services.includes(s)));
  const reviewer = random.pick(fitting.length > 0 ? fitting : providers);
  const symptom = lowerFirst(random.pick(bank.symptoms));
  const fill = {
    name: condition.name,
    lower,
    about: bank.about,
    symptom,
    service: serviceNames[0] ?? 'primary care',
    service2: serviceNames[1] ?? serviceNames[0] ?? 'primary care',
  };
  const faqs = random.sample(CONDITION_FAQS, random.int(3, 5)).map((faq) => ({ question: fillTemplate(faq.question, fill), answer: fillTemplate(faq.answer, fill) }));
  const data = {
    name: condition.name,
    summary: fitSummary(
      [
        `${condition.name} is ${bank.about}. Signs to watch for, when to get care and how we can help.`,
        `${condition.name} is ${bank.about}. When to get care and how we can help.`,
        `${condition.name} is ${bank.about}.`,
      ],
      `${condition.name}: the signs to watch for, when to get care and how our clinicians can help.`,
    ),
    otherNames: condition.qualifier ? [] : bank.otherNames,
    symptoms: bank.symptoms,
    services: condition.services,
    faqs,
    review: { reviewer: reviewer.id, date: isoDate(2026, random.int(1, 10), random.int(1, 28)) },
  };
  const paragraphs = [
    fillTemplate(CONDITION_PARAGRAPHS[0], fill),
    random
      .sample(CONDITION_PARAGRAPHS.slice(1), random.int(3, 4))
      .map((s) => fillTemplate(s, fill))
      .join(' '),
    '## When to get care',
    `Call us if ${lower} gets worse, or if new symptoms start. Call 911 for chest pain, trouble breathing or signs of a stroke.`,
    ...(random.chance(0.5) ? [`## Who reviewed this page`, `<ProviderCard id="${reviewer.id}" />`] : []),
  ];
  return mdxDocument(data, paragraphs.join('\n\n'));
}

const DEGREES: Record<Credential, string> = {
  MD: 'Doctor of Medicine',
  DO: 'Doctor of Osteopathic Medicine',
  NP: 'Master of Science in Nursing',
  'PA-C': 'Master of Physician Assistant Studies',
  RN: 'Bachelor of Science in Nursing',
  PT: 'Master of Physical Therapy',
  DPT: 'Doctor of Physical Therapy',
  OT: 'Master of Occupational Therapy',
  DDS: 'Doctor of Dental Surgery',
  DMD: 'Doctor of Dental Medicine',
  RDH: 'Associate of Science, Dental Hygiene',
  PhD: 'Doctor of Philosophy',
  PsyD: 'Doctor of Psychology',
  LCSW: 'Master of Social Work',
  LPC: 'Master of Arts, Counseling',
  LMFT: 'Master of Arts, Marriage and Family Therapy',
  OD: 'Doctor of Optometry',
  PharmD: 'Doctor of Pharmacy',
  RD: 'Master of Science, Nutrition',
  MPH: 'Master of Public Health',
  FAAP: 'Residency, Pediatrics',
  FACP: 'Residency, Internal Medicine',
};

function buildProvider(provider: ProviderPlan, index: number, context: { services: ServicePlan[]; placeById: Map<string, string>; seed: string }, random: Random): string {
  const service = context.services.find((s) => s.id === provider.services[0]) as ServicePlan;
  const { role } = service.bank;
  const credentials = random.pick(role.credentials);
  const places = formatList(provider.locations.map((id) => context.placeById.get(id) ?? id));
  const languages = ['English', ...random.sample(LANGUAGES, random.int(0, 2))];
  const interest = random.pick(service.bank.reasons).toLowerCase();
  const year = random.int(2004, 2022);
  const fill = {
    first: provider.first,
    last: provider.name.slice(provider.first.length + 1),
    role: lowerFirst(role.specialty),
    places,
    focus: service.bank.focus,
    org: ORG.name,
    year: String(year),
    school: random.pick(SCHOOLS),
    interest,
    languages: formatList(languages),
    pastJob: random.pick(PAST_JOBS),
    hobby: random.pick(HOBBIES),
  };
  const degree = credentials[0] as Credential;
  const data = {
    name: provider.name,
    summary: fitSummary(
      [
        `${provider.name} is a ${lowerFirst(role.specialty)} clinician at ${places} with an interest in ${interest}.`,
        `${provider.name} is a ${lowerFirst(role.specialty)} clinician at ${places}.`,
        `${provider.name}, ${lowerFirst(role.specialty)} at ${ORG.name}.`,
      ],
      `${provider.name} is a ${lowerFirst(role.specialty)} clinician at ${ORG.name} who sees patients of all ages.`,
    ),
    credentials,
    specialty: role.specialty,
    medicalSpecialty: service.bank.specialty,
    locations: provider.locations,
    services: provider.services,
    languages,
    acceptingNewPatients: random.chance(0.8),
    education: [
      { degree: DEGREES[degree], institution: fill.school, year: year - random.int(2, 5) },
      ...(random.chance(0.5)
        ? [{ degree: `Bachelor of Science, ${random.pick(['Biology', 'Chemistry', 'Psychology', 'Kinesiology', 'Public Health'])}`, institution: random.pick(SCHOOLS), year: year - random.int(7, 10) }]
        : []),
    ],
    certifications: random.chance(0.5) ? [`Board certified in ${lowerFirst(role.specialty)}`] : [],
    headshot: { src: `./images/${provider.id}.jpg`, alt: `Portrait of ${provider.name}` },
    npi: completeNpi(String(100000000 + ((hashText(context.seed) + index * 7919) % 900000000)).padStart(9, '0')),
  };
  const [lead, ...rest] = PROVIDER_BIO;
  const sentences = random.sample(rest, random.int(3, 5)).map((s) => fillTemplate(s, fill));
  const body = `${[fillTemplate(lead as string, fill), ...sentences.slice(0, 2)].join(' ')}\n\n${sentences.slice(2).join(' ')}`;
  return mdxDocument(data, body.trim());
}

function buildLocalService({ location, service }: LocalPlan, random: Random): string {
  const lower = lowerFirst(service.name);
  const fill = { service: service.name, lower, place: location.place, street: location.street, day: location.lateDay ?? 'Wednesday' };
  const faqs = random
    .sample(
      LOCAL_FAQS.filter((faq) => location.lateDay !== undefined || !faq.answer.includes('{day}')),
      random.int(2, 3),
    )
    .map((faq) => ({ question: fillTemplate(faq.question, fill), answer: fillTemplate(faq.answer, fill) }));
  const data = {
    location: location.id,
    service: service.id,
    summary: fitSummary(
      [
        `${service.name} at ${location.place} in ${location.city.name}, with ${random.pick(['early morning visits', 'evening visits', 'free parking', 'a quiet waiting room', 'interpreters on site'])} and a team that knows the neighborhood.`,
        `${service.name} at ${location.place} in ${location.city.name}, close to home.`,
      ],
      `${service.name} at the ${location.place} clinic in ${location.city.name}, close to home.`,
    ),
    faqs,
  };
  const body = [
    `${service.name} at ${location.place} has its own rooms on the ${random.pick(['first', 'second', 'third'])} floor, ${random.pick(['next to the lab', 'past the main waiting room', 'across from the elevators', 'at the quiet end of the hall'])}.`,
    `The team here has worked together for ${random.int(3, 15)} years and knows many families in ${location.place} and nearby neighborhoods.`,
    `If you are coming from ${location.street}, use the ${random.pick(['main', 'side', 'north', 'south'])} entrance; it is the shortest way in.`,
    `Ask at the front desk about ${random.pick(['group classes', 'evening visits', 'video follow-ups', 'help with forms', 'rides to appointments'])} for ${lower}.`,
  ];
  return mdxDocument(data, `${body.slice(0, 2).join(' ')}\n\n${body.slice(2).join(' ')}`);
}

function buildRouting(locations: LocationPlan[], services: ServicePlan[]): string {
  const ids = new Set(services.map((s) => s.id));
  const cities = [...new Set(locations.map((l) => l.city.name))];
  const rules: unknown[] = [
    { name: 'Urgent care after hours', when: { urgentService: true, open: false }, route: { queue: 'nurse-advice-line', priority: 'urgent', responseTargetMinutes: 30 } },
    { name: 'Urgent care', when: { urgentService: true }, route: { queue: 'urgent-care-desk', priority: 'urgent', responseTargetMinutes: 15 } },
    { name: 'Urgent referrals', when: { leadTypes: ['referral'], referralUrgencies: ['urgent'] }, route: { queue: 'referral-coordinators', priority: 'high', responseTargetMinutes: 60 } },
    { name: 'Referrals', when: { leadTypes: ['referral'] }, route: { queue: 'referral-coordinators', priority: 'normal', responseTargetMinutes: 480 } },
    { name: 'Employers and benefits', when: { leadTypes: ['employer'] }, route: { queue: 'employer-partnerships', priority: 'low', responseTargetMinutes: 1440 } },
    { name: 'Insurance questions', when: { leadTypes: ['insurance'] }, route: { queue: 'billing-and-benefits', priority: 'normal', responseTargetMinutes: 480 } },
    ...(ids.has('behavioral-health')
      ? [{ name: 'Counseling requests', when: { services: ['behavioral-health'] }, route: { queue: 'behavioral-health-intake', priority: 'high', responseTargetMinutes: 240 } }]
      : []),
    ...cities.map((city) => ({
      name: `${city}, as soon as possible`,
      when: { locations: locations.filter((l) => l.city.name === city).map((l) => l.id), timings: ['asap'] },
      route: { queue: `${slug(city)}-scheduling`, priority: 'high', responseTargetMinutes: 60 },
    })),
  ];
  return yamlDocument({ timeZone: TIME_ZONE, defaultRoute: { queue: 'central-scheduling', priority: 'normal', responseTargetMinutes: 240 }, rules });
}

// ---------------------------------------------------------------------------------------------
// Helpers.

function yamlDocument(data: unknown): string {
  // YAML 1.1 quoting keeps "08:00", "+1…" and dates strings for every YAML reader.
  return stringify(data, { version: '1.1', lineWidth: 0 });
}

function mdxDocument(data: unknown, body: string): string {
  return `---\n${yamlDocument(data)}---\n${body}\n`;
}

function fillTemplate(template: string, values: Record<string, string>): string {
  const text = template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
  if (/\{\w+\}/.test(text)) throw new Error(`Unfilled slot in "${text}".`);
  return text;
}

/** The first candidate whose length fits a meta description, else the fallback (which must fit). */
function fitSummary(candidates: string[], fallback: string): string {
  const fits = (text: string) => text.length >= DESCRIPTION_MIN && text.length <= DESCRIPTION_MAX;
  const found = candidates.find(fits);
  if (found) return found;
  if (!fits(fallback)) throw new Error(`No summary fits ${DESCRIPTION_MIN}–${DESCRIPTION_MAX} characters: "${fallback}".`);
  return fallback;
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
// "ADHD", "COPD" and "Women’s" keep their capitals; other names read in lower case mid-sentence.
const lowerFirst = (text: string) => (/^[A-Z]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1));
const round4 = (n: number) => Math.round(n * 10000) / 10000;
const isoDate = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
