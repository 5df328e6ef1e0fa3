import { beforeAll, describe, expect, it } from 'vitest';
import type { EntryRecord } from '@/lib/content/integrity.ts';
import { buildSiteIndex, type SiteIndex, type TypedSnapshot } from '@/lib/content/relations.ts';
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
    { location: 'hill', providers: ['ana-ruiz', 'ben-cole'] },
    { location: 'nowhere', providers: [] },
  ])('providersAt($location)', ({ location, providers }) => {
    expect(ids(site.providersAt(location))).toEqual(providers);
  });

  it.each([
    { service: 'family-medicine', location: undefined, providers: ['ana-ruiz', 'ben-cole'] },
    { service: 'family-medicine', location: 'harbor', providers: ['ana-ruiz'] },
    { service: 'family-medicine', location: 'hill', providers: ['ana-ruiz', 'ben-cole'] },
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
