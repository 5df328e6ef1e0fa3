import { beforeAll, describe, expect, it } from 'vitest';
import type { EntryRecord } from '@/lib/content/integrity.ts';
import { buildSiteIndex, distanceKm, type SiteIndex, type TypedSnapshot } from '@/lib/content/relations.ts';
import { readContent } from '../../support/read-content.ts';

let snapshot: TypedSnapshot<string>;
let site: SiteIndex<string>;
beforeAll(async () => {
  const content = await readContent({ contentDir: 'test/fixtures/good' });
  expect(content.issues).toEqual([]);
  snapshot = content.snapshot;
  site = buildSiteIndex(snapshot);
});

const ids = (entries: EntryRecord<unknown>[]) => entries.map((e) => e.id);

describe('buildSiteIndex on the good fixture', () => {
  it('sorts locations, conditions and providers by name, services by order', () => {
    expect({
      locations: ids(site.locations),
      services: ids(site.services),
      conditions: ids(site.conditions),
      providers: ids(site.providers),
    }).toMatchInlineSnapshot(`
      {
        "conditions": [
          "high-blood-pressure",
          "sprained-ankle",
        ],
        "locations": [
          "harbor",
          "hill",
        ],
        "providers": [
          "ana-ruiz",
          "ben-cole",
          "dana-levi",
        ],
        "services": [
          "walk-in-care",
          "family-medicine",
        ],
      }
    `);
    expect(site.organization.id).toBe('organization');
  });

  it('lists every location × service pair in location, then service order', () => {
    expect(site.locationServicePairs.map((p) => `${p.location.id} × ${p.service.id}`)).toEqual([
      'harbor × walk-in-care',
      'harbor × family-medicine',
      'hill × family-medicine',
    ]);
  });

  it.each([
    { location: 'harbor', providers: ['ana-ruiz'] },
    { location: 'hill', providers: ['ana-ruiz', 'ben-cole', 'dana-levi'] },
    { location: 'nowhere', providers: [] },
  ])('providersAt($location)', ({ location, providers }) => {
    expect(ids(site.providersAt(location))).toEqual(providers);
  });

  it.each([
    { service: 'family-medicine', location: undefined, providers: ['ana-ruiz', 'ben-cole', 'dana-levi'] },
    { service: 'family-medicine', location: 'harbor', providers: ['ana-ruiz'] },
    { service: 'family-medicine', location: 'hill', providers: ['ana-ruiz', 'ben-cole', 'dana-levi'] },
    { service: 'walk-in-care', location: undefined, providers: ['ana-ruiz'] },
    { service: 'walk-in-care', location: 'hill', providers: ['ana-ruiz'] },
    { service: 'walk-in-care', location: 'harbor', providers: ['ana-ruiz'] },
  ])('providersFor($service, $location)', ({ service, location, providers }) => {
    expect(ids(site.providersFor(service, location))).toEqual(providers);
  });

  it.each([
    { location: 'harbor', service: 'walk-in-care', found: 'harbor--walk-in-care' },
    { location: 'harbor', service: 'family-medicine', found: undefined },
    { location: 'hill', service: 'walk-in-care', found: undefined },
    { location: 'walk-in-care', service: 'harbor', found: undefined },
  ])('localService($location, $service)', ({ location, service, found }) => {
    expect(site.localService(location, service)?.id).toBe(found);
  });

  it.each([
    { location: 'harbor', services: ['walk-in-care', 'family-medicine'] },
    { location: 'hill', services: ['family-medicine'] },
  ])('servicesAt($location) in service order', ({ location, services }) => {
    expect(ids(site.servicesAt(location))).toEqual(services);
  });

  it.each([
    { service: 'walk-in-care', locations: ['harbor'] },
    { service: 'family-medicine', locations: ['harbor', 'hill'] },
  ])('locationsOffering($service)', ({ service, locations }) => {
    expect(ids(site.locationsOffering(service))).toEqual(locations);
  });

  it.each([
    { service: 'family-medicine', conditions: ['high-blood-pressure', 'sprained-ankle'] },
    { service: 'walk-in-care', conditions: ['sprained-ankle'] },
  ])('conditionsTreatedBy($service) by name', ({ service, conditions }) => {
    expect(ids(site.conditionsTreatedBy(service))).toEqual(conditions);
  });

  it.each([
    // The condition lists family-medicine first; pages show services in their order.
    { condition: 'sprained-ankle', services: ['walk-in-care', 'family-medicine'] },
    { condition: 'high-blood-pressure', services: ['family-medicine'] },
  ])('servicesFor($condition) in service order', ({ condition, services }) => {
    expect(ids(site.servicesFor(condition))).toEqual(services);
  });

  it.each([
    { provider: 'ana-ruiz', conditions: ['sprained-ankle'] },
    { provider: 'ben-cole', conditions: ['high-blood-pressure'] },
  ])('conditionsReviewedBy($provider)', ({ provider, conditions }) => {
    expect(ids(site.conditionsReviewedBy(provider))).toEqual(conditions);
  });

  it.each([
    ['location', () => site.location('nowhere'), 'Unknown location id "nowhere"'],
    ['service', () => site.service('nothing'), 'Unknown service id "nothing"'],
    ['condition', () => site.condition('none'), 'Unknown condition id "none"'],
    ['provider', () => site.provider('nobody'), 'Unknown provider id "nobody"'],
  ])('a lookup of an unknown %s id throws', (_, lookup, message) => {
    expect(lookup).toThrow(message);
  });

  it('looks entries up by id', () => {
    expect(site.location('hill').data.name).toBe('Fixture Hill Clinic');
    expect(site.provider('ben-cole').data.npi).toBe('1000000020');
  });

  it('refuses content without an organization', () => {
    expect(() => buildSiteIndex({ ...snapshot, organization: [] })).toThrow('The content has no organization entry.');
  });
});

describe('buildSiteIndex whatever order the content comes in', () => {
  const reversed = () => {
    const harbor = snapshot.locations.find((l) => l.id === 'harbor')!;
    const familyMedicine = snapshot.services.find((s) => s.id === 'family-medicine')!;
    const imaging = { ...familyMedicine, id: 'imaging', data: { ...familyMedicine.data, name: 'Imaging', order: 3 } };
    // Harbor lists family medicine (order 2) and imaging (order 3) before walk-in care (order 1).
    const harborReversed = { ...harbor, data: { ...harbor.data, services: ['family-medicine', 'imaging', 'walk-in-care'] } };
    return buildSiteIndex({
      ...snapshot,
      locations: [...snapshot.locations.filter((l) => l.id !== 'harbor'), harborReversed],
      services: [imaging, ...snapshot.services].reverse(),
      conditions: [...snapshot.conditions].reverse(),
      providers: [...snapshot.providers].reverse(),
    });
  };

  it('lists locations, conditions and providers by name, services by order', () => {
    const index = reversed();
    expect([ids(index.locations), ids(index.services), ids(index.conditions), ids(index.providers)]).toEqual([
      ['harbor', 'hill'],
      ['walk-in-care', 'family-medicine', 'imaging'],
      ['high-blood-pressure', 'sprained-ankle'],
      ['ana-ruiz', 'ben-cole', 'dana-levi'],
    ]);
  });

  it('gives a location\'s services and pairs in service order, not the order the file lists them', () => {
    const index = reversed();
    expect(ids(index.servicesAt('harbor'))).toEqual(['walk-in-care', 'family-medicine', 'imaging']);
    expect(index.locationServicePairs.map((p) => `${p.location.id} × ${p.service.id}`)).toEqual([
      'harbor × walk-in-care',
      'harbor × family-medicine',
      'harbor × imaging',
      'hill × family-medicine',
    ]);
  });

  it('leaves the snapshot it was given as it was', () => {
    const locations = [...snapshot.locations].reverse();
    buildSiteIndex({ ...snapshot, locations });
    expect(ids(locations)).toEqual(['hill', 'harbor']);
  });
});

describe('nearbyLocationsOffering', () => {
  // Copies of the fixture's harbor clinic placed along a line of latitude, 0.1° of longitude apart
  // (about 7.5 km here), named so that name order and distance order differ.
  const placed = (offsets: Record<string, number>) => {
    const harbor = snapshot.locations.find((l) => l.id === 'harbor')!;
    const copies = Object.entries(offsets).map(([id, offset]) => ({
      ...harbor,
      id,
      data: { ...harbor.data, name: `Clinic ${id}`, geo: { latitude: 45.5, longitude: -122.6 + offset } },
    }));
    return buildSiteIndex({ ...snapshot, locations: copies });
  };

  it('lists the other locations nearest first, at most the limit, ties by name', () => {
    const index = placed({ home: 0, far: 0.9, near: 0.1, 'also-near-east': 0.1, 'west-near': -0.1, mid: 0.4, farther: 1.5 });
    // near, also-near-east and west-near are the same distance from home: name order decides.
    expect(ids(index.nearbyLocationsOffering('walk-in-care', 'home', 4))).toEqual(['also-near-east', 'near', 'west-near', 'mid']);
    expect(ids(index.nearbyLocationsOffering('walk-in-care', 'far', 2))).toEqual(['mid', 'farther']);
    expect(ids(index.nearbyLocationsOffering('walk-in-care', 'home', 100))).toHaveLength(6);
  });

  it('leaves out locations that do not offer the service', () => {
    expect(ids(site.nearbyLocationsOffering('walk-in-care', 'hill', 6))).toEqual(['harbor']);
    expect(ids(site.nearbyLocationsOffering('walk-in-care', 'harbor', 6))).toEqual([]);
  });
});

describe('providersInsteadOf', () => {
  it.each([
    // Ben Cole and Dana Levi take no new patients; Ana Ruiz does, at Hill, for family medicine.
    { provider: 'ben-cole', others: ['ana-ruiz'] },
    { provider: 'dana-levi', others: ['ana-ruiz'] },
    { provider: 'ana-ruiz', others: [] },
  ])('on the good fixture, for $provider: $others', ({ provider, others }) => {
    expect(ids(site.providersInsteadOf(provider, 6))).toEqual(others);
  });

  // Providers who each differ from Ben Cole (hill, family medicine, not accepting) in one way.
  const ben = () => snapshot.providers.find((p) => p.id === 'ben-cole')!;
  const variant = (id: string, name: string, data: Partial<ReturnType<typeof ben>['data']>) => ({ ...ben(), id, data: { ...ben().data, name, ...data } });
  const index = () =>
    buildSiteIndex({
      ...snapshot,
      providers: [
        ben(),
        variant('zoe', 'Zoe Accepting', { acceptingNewPatients: true }),
        variant('yan', 'Yan Accepting', { acceptingNewPatients: true, locations: ['harbor', 'hill'] }),
        variant('elsewhere', 'Elsewhere Accepting', { acceptingNewPatients: true, locations: ['harbor'] }),
        variant('other-care', 'Other Care Accepting', { acceptingNewPatients: true, services: ['walk-in-care'] }),
        variant('full', 'Full Too', { acceptingNewPatients: false }),
      ],
    });

  it('lists only those at one of their locations, for one of their services, who take new patients, by name', () => {
    expect(ids(index().providersInsteadOf('ben-cole', 6))).toEqual(['yan', 'zoe']);
  });

  it('lists at most the limit', () => {
    expect(ids(index().providersInsteadOf('ben-cole', 1))).toEqual(['yan']);
  });
});

describe('distanceKm', () => {
  it.each([
    // Portland to Salem, Oregon, and a quarter of the equator.
    [{ latitude: 45.5152, longitude: -122.6784 }, { latitude: 44.9429, longitude: -123.0351 }, 70.0, 1],
    [{ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 90 }, 10_007.5, 1],
    [{ latitude: 10, longitude: 20 }, { latitude: 10, longitude: 20 }, 0, 0.001],
  ])('%o to %o is about %d km', (a, b, km, tolerance) => {
    expect(Math.abs(distanceKm(a, b) - km)).toBeLessThanOrEqual(tolerance);
    expect(distanceKm(b, a)).toBeCloseTo(distanceKm(a, b), 9);
  });
});
