import type { DayOfWeek, DiagnosticLab, MedicalClinic, OpeningHoursSpecification, PostalAddress } from 'schema-dts';
import type { Location, LOCATION_TYPES, Service } from '../content/schemas.ts';
import { getUpcomingHolidays } from '../format.ts';
import { closesAtMidnight, getSpan, type HolidayHours, type OpeningHours, type Weekday } from '../hours.ts';
import { formatIsoDate } from '../dates.ts';
import { ids, pageUrls, ref, schemaOrgUrl } from './ids.ts';
import type { NodeOf } from './types.ts';

export type LocationType = (typeof LOCATION_TYPES)[number];
export type ServiceKind = Service['kind'];

/** What a location's schema.org type can say, from the vocabulary (see test/unit/schema/vocabulary.test.ts). */
interface ClinicTyping {
  '@type': LocationType | readonly [LocationType, 'MedicalBusiness'];
  /** A MedicalOrganization: it may state `medicalSpecialty`, and a physician may practise at it (`practicesAt`). */
  medicalOrganization: boolean;
  /** The property that lists the medical services offered here, and the service kinds it takes. */
  offers?: { property: 'availableService' | 'availableTest'; kinds: readonly ServiceKind[] };
}

const MEDICAL_SERVICES = { property: 'availableService', kinds: ['procedure', 'therapy', 'test'] } as const;

/**
 * The typing of each location type. DiagnosticLab is a MedicalOrganization but not a place in
 * schema.org, so it has no `geo` or `openingHoursSpecification`; it is also typed MedicalBusiness
 * (a LocalBusiness) so that its address, map position and hours can be stated. Optician is a
 * MedicalBusiness but not a MedicalOrganization, so it has no `medicalSpecialty`.
 * `availableService` belongs to MedicalClinic, Hospital and Physician only, and takes
 * MedicalProcedure, MedicalTest and MedicalTherapy; `availableTest` belongs to DiagnosticLab.
 */
const CLINIC_TYPING: Record<LocationType, ClinicTyping> = {
  MedicalClinic: { '@type': 'MedicalClinic', medicalOrganization: true, offers: MEDICAL_SERVICES },
  Hospital: { '@type': 'Hospital', medicalOrganization: true, offers: MEDICAL_SERVICES },
  Dentist: { '@type': 'Dentist', medicalOrganization: true },
  DiagnosticLab: { '@type': ['DiagnosticLab', 'MedicalBusiness'], medicalOrganization: true, offers: { property: 'availableTest', kinds: ['test'] } },
  Optician: { '@type': 'Optician', medicalOrganization: false },
  Pharmacy: { '@type': 'Pharmacy', medicalOrganization: true },
};

/** Whether a location type is a MedicalOrganization, the range of a physician's `practicesAt`. */
export function isMedicalOrganization(type: LocationType): boolean {
  return CLINIC_TYPING[type].medicalOrganization;
}

/**
 * Which property links a location and a service it offers: the service's `provider` when the
 * service is a plain Service (only Service has `provider`); otherwise the location's
 * `availableService` or `availableTest` where its type has one that takes the service's kind;
 * otherwise none, and the two are not linked.
 */
export function getOfferLink(kind: ServiceKind, type: LocationType): 'provider' | 'availableService' | 'availableTest' | undefined {
  if (kind === 'service') return 'provider';
  const offers = CLINIC_TYPING[type].offers;
  return offers?.kinds.includes(kind) ? offers.property : undefined;
}

export type LocationFacts = Pick<Location, 'name' | 'summary' | 'type' | 'address' | 'geo' | 'phone' | 'hours' | 'holidayHours'> & { mobile?: boolean | undefined };
export type ServiceFacts = Pick<Service, 'name' | 'summary' | 'kind' | 'specialty' | 'delivery'>;

export interface ClinicSummaryInput {
  siteUrl: string;
  location: { id: string; data: Omit<LocationFacts, 'summary' | 'geo' | 'hours' | 'holidayHours'> };
  /** Services this graph shows as offered here; linked from the clinic where its type allows. */
  services?: { id: string; data: Pick<ServiceFacts, 'kind'> }[];
}

export interface ClinicInput extends ClinicSummaryInput {
  location: { id: string; data: LocationFacts };
  services: { id: string; data: Pick<ServiceFacts, 'kind' | 'specialty'> }[];
  /** Absolute URL of the location's photo, where the page shows it. */
  image?: string | undefined;
  /** Holidays before this day are past and left out, as on the page. */
  today: Date;
}

type MedicalClinicNode = NodeOf<MedicalClinic, 'MedicalClinic'>;

/**
 * A location node. MedicalClinic's properties are those of MedicalOrganization and LocalBusiness
 * together, so it types the values; the vocabulary test checks each property emitted against the
 * type actually named.
 */
export type ClinicNode = Omit<MedicalClinicNode, '@type'> & Pick<NodeOf<DiagnosticLab, 'DiagnosticLab'>, 'availableTest'> & { '@type': ClinicTyping['@type'] | 'MedicalOrganization' };

/**
 * A mobile clinic is published as a MedicalOrganization: a LocalBusiness (MedicalClinic and the
 * rest) is a place, and Google expects a place to have an address; a van with stops has none.
 */
const MOBILE_TYPING: ClinicTyping = { '@type': 'MedicalClinic', medicalOrganization: true };
const getTyping = (data: Pick<LocationFacts, 'type' | 'mobile'>): ClinicTyping => (data.mobile ? MOBILE_TYPING : CLINIC_TYPING[data.type]);

/**
 * A location as other pages mention it, at `<location page>#clinic`: its type, name, page,
 * address and phone, and the medical services of this graph it offers.
 */
export function buildClinicSummary({ siteUrl, location, services = [] }: ClinicSummaryInput): ClinicNode {
  const { data } = location;
  return {
    '@type': data.mobile ? 'MedicalOrganization' : CLINIC_TYPING[data.type]['@type'],
    '@id': ids.clinic(siteUrl, location.id),
    name: data.name,
    url: pageUrls.location(siteUrl, location.id),
    ...(data.address !== undefined && !data.mobile && { address: buildAddress(data.address) }),
    telephone: data.phone,
    ...(!data.mobile && buildOffers(siteUrl, data.type, services)),
  };
}

/**
 * A location in full, on its own page and its service pages: the summary plus description, map
 * position, weekly and upcoming holiday hours, photo, parent organization and the medical
 * specialties of its services.
 */
export function buildClinic({ siteUrl, location, services, image, today }: ClinicInput): ClinicNode {
  const { data } = location;
  const typing = getTyping(data);
  // A support service (interpreters, transport) has no specialty and adds none.
  const specialties = [...new Set(services.flatMap((s) => s.data.specialty ?? []))].map((s) => schemaOrgUrl(s));
  const summary = buildClinicSummary({ siteUrl, location, services });
  return {
    ...summary,
    description: data.summary,
    ...(data.geo !== undefined && { geo: { '@type': 'GeoCoordinates', latitude: data.geo.latitude, longitude: data.geo.longitude } }),
    ...(data.hours !== undefined && { openingHoursSpecification: buildOpeningHours(data.hours, getUpcomingHolidays(data.holidayHours, today)) }),
    ...(image !== undefined && { image }),
    parentOrganization: ref(ids.organization(siteUrl)),
    ...(typing.medicalOrganization && specialties.length > 0 && { medicalSpecialty: specialties }),
  };
}

function buildOffers(siteUrl: string, type: LocationType, services: { id: string; data: Pick<ServiceFacts, 'kind'> }[]) {
  const refs = (property: 'availableService' | 'availableTest') => services.filter((s) => getOfferLink(s.data.kind, type) === property).map((s) => ref(ids.service(siteUrl, s.id)));
  const availableService = refs('availableService');
  const availableTest = refs('availableTest');
  return {
    ...(availableService.length > 0 && { availableService }),
    ...(availableTest.length > 0 && { availableTest }),
  };
}

export function buildAddress(address: NonNullable<Location['address']>): NodeOf<PostalAddress, 'PostalAddress'> {
  return {
    '@type': 'PostalAddress',
    streetAddress: [address.street, address.street2].filter(Boolean).join(', '),
    addressLocality: address.city,
    addressRegion: address.region,
    postalCode: address.postalCode,
    addressCountry: address.country,
  };
}

type HoursNode = NodeOf<OpeningHoursSpecification, 'OpeningHoursSpecification'>;

/**
 * One specification per weekly hours entry, then one per holiday, valid that day only, in the
 * forms Google documents: hours past midnight as one specification that closes the next
 * morning (18:00–02:00), midnight as 23:59 (so open all day is 00:00–23:59), and closed all day
 * as 00:00–00:00.
 */
export function buildOpeningHours(hours: readonly OpeningHours[], holidays: readonly HolidayHours[]): HoursNode[] {
  return [
    ...hours.map(
      (h): HoursNode => ({
        '@type': 'OpeningHoursSpecification',
        dayOfWeek: h.days.map(toDayOfWeek),
        ...toSpecificationTimes(h),
      }),
    ),
    ...holidays.map(
      (h): HoursNode => ({
        '@type': 'OpeningHoursSpecification',
        validFrom: formatIsoDate(h.date),
        validThrough: formatIsoDate(h.date),
        ...(h.closed || h.opens === undefined || h.closes === undefined ? { opens: '00:00', closes: '00:00' } : toSpecificationTimes({ opens: h.opens, closes: h.closes })),
      }),
    ),
  ];
}

// "24:00" is a valid xsd:time, but Google documents 23:59 for "until midnight" and 00:00 as "closed".
function toSpecificationTimes(h: { opens: string; closes: string }): { opens: string; closes: string } {
  return { opens: h.opens, closes: closesAtMidnight(getSpan(h)) ? '23:59' : h.closes };
}

function toDayOfWeek(day: Weekday): DayOfWeek {
  return schemaOrgUrl(`${day.charAt(0).toUpperCase()}${day.slice(1)}` as Capitalize<Weekday>);
}
