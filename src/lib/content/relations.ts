import type { ContentSnapshot, EntryRecord } from './integrity.ts';
import { getOrganizationTimeZone } from '../hours.ts';
import type { Condition, LocalService, Location, Organization, Provider, Service } from './schemas.ts';

/**
 * The content with its relations indexed once, so pages ask "which providers work here?" in
 * constant time instead of scanning whole collections per page. Built from a snapshot that has
 * passed the integrity check, so every id it follows resolves.
 */
export interface SiteIndex<Img> {
  organization: EntryRecord<Organization<Img>>;
  /** The organization's time zone, which a location's hours are in unless it gives its own. */
  timeZone: string;
  locations: EntryRecord<Location<Img>>[];
  services: EntryRecord<Service>[];
  conditions: EntryRecord<Condition>[];
  providers: EntryRecord<Provider<Img>>[];
  location(id: string): EntryRecord<Location<Img>>;
  service(id: string): EntryRecord<Service>;
  condition(id: string): EntryRecord<Condition>;
  provider(id: string): EntryRecord<Provider<Img>>;
  /** Every location × service pair that gets a page, in location then service order. */
  locationServicePairs: { location: EntryRecord<Location<Img>>; service: EntryRecord<Service> }[];
  /** The override entry for a pair, if a writer added one. */
  localService(locationId: string, serviceId: string): EntryRecord<LocalService> | undefined;
  servicesAt(locationId: string): EntryRecord<Service>[];
  locationsOffering(serviceId: string): EntryRecord<Location<Img>>[];
  /**
   * The other locations offering a service, nearest first (ties by name), at most `limit`: what a
   * location × service page suggests instead of listing every location.
   */
  nearbyLocationsOffering(serviceId: string, locationId: string, limit: number): EntryRecord<Location<Img>>[];
  providersAt(locationId: string): EntryRecord<Provider<Img>>[];
  providersFor(serviceId: string, locationId?: string): EntryRecord<Provider<Img>>[];
  /**
   * Who a patient could see instead of a provider who takes no new patients: the other providers
   * at one of their locations, for one of their services, who do take new patients; by name, at
   * most `limit`.
   */
  providersInsteadOf(providerId: string, limit: number): EntryRecord<Provider<Img>>[];
  conditionsTreatedBy(serviceId: string): EntryRecord<Condition>[];
  servicesFor(conditionId: string): EntryRecord<Service>[];
  conditionsReviewedBy(providerId: string): EntryRecord<Condition>[];
}

export interface TypedSnapshot<Img> extends ContentSnapshot {
  organization: EntryRecord<Organization<Img>>[];
  locations: EntryRecord<Location<Img>>[];
  providers: EntryRecord<Provider<Img>>[];
}

/** Entries by name: how locations, conditions and providers are listed. */
export const byName = (a: { data: { name: string } }, b: { data: { name: string } }) => a.data.name.localeCompare(b.data.name);
/** Services by their `order`, then by name. */
export const byServiceOrder = (a: { data: { name: string; order: number } }, b: { data: { name: string; order: number } }) =>
  a.data.order - b.data.order || byName(a, b);

export function buildSiteIndex<Img>(content: TypedSnapshot<Img>): SiteIndex<Img> {
  const [organization] = content.organization;
  if (!organization) throw new Error('The content has no organization entry.');
  const timeZone = getOrganizationTimeZone(organization.data, content.routing[0]?.data);
  if (timeZone === undefined) throw new Error('The content has no time zone; the integrity check should have caught this.');

  const locations = [...content.locations].sort(byName);
  const services = [...content.services].sort(byServiceOrder);
  const conditions = [...content.conditions].sort(byName);
  const providers = [...content.providers].sort(byName);

  const lookup = <T>(entries: EntryRecord<T>[], kind: string) => {
    const map = new Map(entries.map((e) => [e.id, e]));
    return (id: string): EntryRecord<T> => {
      const entry = map.get(id);
      if (!entry) throw new Error(`Unknown ${kind} id "${id}"; the integrity check should have caught this.`);
      return entry;
    };
  };
  const location = lookup(locations, 'location');
  const service = lookup(services, 'service');
  const condition = lookup(conditions, 'condition');
  const provider = lookup(providers, 'provider');

  const serviceOrder = new Map(services.map((s, i) => [s.id, i]));
  const inServiceOrder = (ids: readonly string[]) =>
    [...ids].sort((a, b) => (serviceOrder.get(a) ?? 0) - (serviceOrder.get(b) ?? 0)).map(service);

  const group = <T>(pairs: [string, T][]) => {
    const map = new Map<string, T[]>();
    for (const [key, value] of pairs) map.set(key, [...(map.get(key) ?? []), value]);
    return (key: string): T[] => map.get(key) ?? [];
  };
  const providersAt = group(providers.flatMap((p) => p.data.locations.map((l): [string, typeof p] => [l, p])));
  const providersForService = group(providers.flatMap((p) => p.data.services.map((s): [string, typeof p] => [s, p])));
  const locationsOffering = group(locations.flatMap((l) => l.data.services.map((s): [string, typeof l] => [s, l])));
  const conditionsReviewedBy = group(conditions.map((c): [string, typeof c] => [c.data.review.reviewer, c]));
  const localServices = new Map(content.locationServices.map((e) => [`${e.data.location}/${e.data.service}`, e]));
  const nearby = new Map<string, EntryRecord<Location<Img>>[]>();

  return {
    organization,
    timeZone,
    locations,
    services,
    conditions,
    providers,
    location,
    service,
    condition,
    provider,
    locationServicePairs: locations.flatMap((l) => inServiceOrder(l.data.services).map((s) => ({ location: l, service: s }))),
    localService: (locationId, serviceId) => localServices.get(`${locationId}/${serviceId}`),
    servicesAt: (locationId) => inServiceOrder(location(locationId).data.services),
    locationsOffering,
    // Asked once by the page and once for its lastmod: kept, since a large site has thousands.
    nearbyLocationsOffering: (serviceId, locationId, limit) => {
      const key = `${serviceId}\n${locationId}\n${limit}`;
      let found = nearby.get(key);
      if (!found) {
        // A mobile clinic has no fixed place: it is near nothing, and nothing is near it.
        const here = location(locationId).data.geo;
        found = locationsOffering(serviceId)
          .flatMap((l) => (here !== undefined && l.id !== locationId && l.data.geo !== undefined ? [{ l, km: distanceKm(here, l.data.geo) }] : []))
          .sort((a, b) => a.km - b.km || byName(a.l, b.l))
          .slice(0, limit)
          .map(({ l }) => l);
        nearby.set(key, found);
      }
      return found;
    },
    providersAt,
    providersFor: (serviceId, locationId) =>
      providersForService(serviceId).filter((p) => locationId === undefined || p.data.locations.includes(locationId)),
    providersInsteadOf: (providerId, limit) => {
      const { locations: at, services: offering } = provider(providerId).data;
      const near = new Set(at.flatMap(providersAt));
      return [...near]
        .filter((p) => p.id !== providerId && p.data.acceptingNewPatients && p.data.services.some((s) => offering.includes(s)))
        .sort(byName)
        .slice(0, limit);
    },
    conditionsTreatedBy: (serviceId) => service(serviceId).data.conditions.map(condition).sort(byName),
    servicesFor: (conditionId) => inServiceOrder(condition(conditionId).data.services),
    conditionsReviewedBy,
  };
}

const EARTH_RADIUS_KM = 6371;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance between two points (haversine). */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
