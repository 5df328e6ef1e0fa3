import { MOBILE_CLINICS } from './format.ts';
import { toToken } from './ids.ts';

/**
 * The most locations /locations/ shows as cards (name, address, phone). A larger organization's
 * page lists them as plain links by region and city instead, with the cities to jump to first,
 * so that 1,000 locations stay one page a phone loads quickly.
 */
export const LOCATION_CARDS_MAX = 24;

/** A location as the index needs it. */
export interface IndexLocation {
  id: string;
  name: string;
  /** Absent for a mobile clinic. */
  address?: { city: string; region: string } | undefined;
}

export interface CityGroup {
  name: string;
  /** An element id for the city's heading, unique on the page. */
  anchor: string;
  locations: { id: string; name: string }[];
}

export interface RegionGroup {
  /** The region as the addresses write it ("OR"), or MOBILE_CLINICS. */
  name: string;
  anchor: string;
  cities: CityGroup[];
  count: number;
}

/** Whether an organization of this many locations gets the compact index. */
export function isLocationIndexCompact(locationCount: number): boolean {
  return locationCount > LOCATION_CARDS_MAX;
}

/**
 * The locations by region, then city, each in name order, with the mobile clinics (no address)
 * last as a region of their own with one group. Locations keep the order they are given in.
 */
export function buildLocationIndex(locations: readonly IndexLocation[]): RegionGroup[] {
  const regions = new Map<string, Map<string, { id: string; name: string }[]>>();
  for (const location of locations) {
    const region = location.address?.region ?? MOBILE_CLINICS;
    const city = location.address?.city ?? MOBILE_CLINICS;
    const cities = regions.get(region) ?? new Map<string, { id: string; name: string }[]>();
    regions.set(region, cities);
    cities.set(city, [...(cities.get(city) ?? []), { id: location.id, name: location.name }]);
  }
  const mobileLast = (a: string, b: string) => Number(a === MOBILE_CLINICS) - Number(b === MOBILE_CLINICS) || a.localeCompare(b);
  return [...regions]
    .sort(([a], [b]) => mobileLast(a, b))
    .map(([region, cities]) => {
      const groups = [...cities].sort(([a], [b]) => a.localeCompare(b)).map(([city, list]) => ({ name: city, anchor: `in-${toToken(region)}-${toToken(city)}`, locations: list }));
      return { name: region, anchor: `in-${toToken(region)}`, cities: groups, count: groups.reduce((n, c) => n + c.locations.length, 0) };
    });
}
