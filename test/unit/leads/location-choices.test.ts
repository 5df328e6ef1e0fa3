import { describe, expect, it } from 'vitest';
import { distanceKm } from '@/lib/content/relations.ts';
import { RELATED_GROUP, type OptionGroup } from '@/lib/leads/form.ts';
import { LOCATION_OPTIONS_MAX, NEARBY_GROUP, NEARBY_LOCATION_OPTIONS, buildLocationList, chooseLocationOptions, describeOtherLocations, type LocationChoice } from '@/lib/leads/location-choices.ts';

/**
 * An organization of `n` clinics, 25 a city, cities half a degree apart, clinics in a city on a
 * line about 1 km apart; even clinics offer primary care, odd ones dental, every 100th also sleep
 * medicine. Ids and names sort the same way (`c0007`).
 */
function organization(n: number): LocationChoice[] {
  return Array.from({ length: n }, (_, i) => {
    const city = Math.floor(i / 25);
    const services = [i % 2 === 0 ? 'primary-care' : 'dental', ...(i % 100 === 0 ? ['sleep'] : [])];
    return {
      id: `c${String(i).padStart(4, '0')}`,
      name: `Clinic ${String(i).padStart(4, '0')}`,
      city: `City ${city}`,
      geo: { latitude: 40 + city * 0.5, longitude: -120 + (i % 25) * 0.0127 },
      services,
    };
  });
}
const van: LocationChoice = { id: 'van', name: 'Clinic van', city: 'Mobile clinics', services: ['primary-care', 'dental'] };
const BIG = [...organization(1000), van].sort((a, b) => a.name.localeCompare(b.name));

const values = (groups: OptionGroup[]) => groups.flatMap((g) => g.options.map((o) => o.value));
const shape = (groups: OptionGroup[]) => groups.map((g) => [g.label ?? '(none)', g.options.map((o) => o.value).join(' ')]);
const choose = (locations: string[], services: string[] = [], chosen?: string) => chooseLocationOptions({ locations: BIG, preset: { locations, services }, chosen });

describe('chooseLocationOptions for a small organization', () => {
  it(`lists every location of an organization of ${LOCATION_OPTIONS_MAX}, the page's own marked, as the form always did`, () => {
    const small = organization(LOCATION_OPTIONS_MAX);
    const choices = chooseLocationOptions({ locations: small, preset: { locations: ['c0003'], services: ['dental'] } });
    expect(choices).toMatchObject({ complete: true, total: LOCATION_OPTIONS_MAX });
    expect(values(choices.groups)).toEqual(small.map((l) => l.id));
    expect(
      choices.groups
        .flatMap((g) => g.options)
        .filter((o) => o.related)
        .map((o) => o.value),
    ).toEqual(['c0003']);
    expect(describeOtherLocations(choices)).toBeUndefined();
  });

  it('puts several own locations first, as arrangeOptions does', () => {
    const choices = chooseLocationOptions({ locations: organization(4), preset: { locations: ['c0002', 'c0001'], services: [] } });
    expect(shape(choices.groups)).toEqual([
      [RELATED_GROUP, 'c0001 c0002'],
      ['(none)', 'c0000 c0003'],
    ]);
  });

  it(`lists some of an organization of ${LOCATION_OPTIONS_MAX + 1}`, () => {
    const choices = chooseLocationOptions({ locations: organization(LOCATION_OPTIONS_MAX + 1), preset: { locations: ['c0000'], services: [] } });
    expect(choices).toMatchObject({ complete: false, total: LOCATION_OPTIONS_MAX + 1 });
    expect(values(choices.groups)).toHaveLength(1 + NEARBY_LOCATION_OPTIONS);
  });
});

describe('chooseLocationOptions for 1,000 locations', () => {
  it.each([
    ['a location page', ['c0500'], []],
    ['a location × service page', ['c0500'], ['dental']],
    ['a provider page (three locations, two services)', ['c0010', 'c0400', 'c0999'], ['dental', 'sleep']],
    ['a provider page (twenty locations)', Array.from({ length: 20 }, (_, i) => `c${String(i * 7).padStart(4, '0')}`), ['dental']],
    ['the home page', [], []],
    ['a service page', [], ['primary-care']],
    ['a condition page (two services)', [], ['primary-care', 'dental']],
    ['the mobile clinic', ['van'], ['dental']],
  ])('%s lists at most LOCATION_OPTIONS_MAX, and offers the rest', (_, locations, services) => {
    const choices = choose(locations, services);
    expect(values(choices.groups).length).toBeLessThanOrEqual(LOCATION_OPTIONS_MAX);
    expect(new Set(values(choices.groups)).size).toBe(values(choices.groups).length);
    expect(choices).toMatchObject({ complete: false, total: 1001 });
    expect(describeOtherLocations(choices)).toEqual({ emptyLabel: 'Any — we’ll help you choose', lead: 'Another location?', label: 'See all 1,001 locations' });
  });

  it('lists the page’s own location first, then the six nearest offering its service, nearest first', () => {
    const choices = choose(['c0500'], ['dental']);
    const here = BIG.find((l) => l.id === 'c0500')!;
    const expected = BIG.filter((l) => l.id !== here.id && l.geo && l.services.includes('dental'))
      .map((l) => ({ id: l.id, km: distanceKm(here.geo!, l.geo!) }))
      .sort((a, b) => a.km - b.km || a.id.localeCompare(b.id))
      .slice(0, NEARBY_LOCATION_OPTIONS)
      .map((l) => l.id);
    expect(shape(choices.groups)).toEqual([
      ['(none)', 'c0500'],
      [NEARBY_GROUP, expected.join(' ')],
    ]);
    // The first of its city's line: the odd clinics after it, 1, 3, 5… steps away.
    expect(expected).toEqual(['c0501', 'c0503', 'c0505', 'c0507', 'c0509', 'c0511']);
    expect(choices.groups[0]?.options[0]).toMatchObject({ value: 'c0500', related: true });
  });

  it('without a service, the nearest of all locations, ties by name', () => {
    expect(values(choose(['c0512']).groups)).toEqual(['c0512', 'c0511', 'c0513', 'c0510', 'c0514', 'c0509', 'c0515']);
  });

  it('keeps a provider’s locations first and fills the rest with those nearest to any of them', () => {
    const own = ['c0999', 'c0010', 'c0400'];
    const choices = choose(own, ['dental']);
    expect(choices.groups[0]).toMatchObject({ label: RELATED_GROUP });
    expect(choices.groups[0]?.options.map((o) => o.value)).toEqual(own);
    expect(choices.groups[1]?.label).toBe(NEARBY_GROUP);
    expect(choices.groups[1]?.options).toHaveLength(NEARBY_LOCATION_OPTIONS);
    const nearest = (l: LocationChoice) => Math.min(...own.map((id) => distanceKm(BIG.find((o) => o.id === id)!.geo!, l.geo!)));
    const km = (choices.groups[1]?.options ?? []).map((o) => nearest(BIG.find((l) => l.id === o.value)!));
    expect(km).toEqual([...km].sort((a, b) => a - b));
    expect(Math.max(...km)).toBeLessThan(3.5);
  });

  it('caps many own locations at LOCATION_OPTIONS_MAX, with no room for neighbours', () => {
    const own = Array.from({ length: 20 }, (_, i) => `c${String(i * 7).padStart(4, '0')}`);
    expect(shape(choose(own).groups)).toEqual([[RELATED_GROUP, own.slice(0, LOCATION_OPTIONS_MAX).join(' ')]]);
  });

  it('lists a mobile clinic on its own page with no neighbours, and never as another’s neighbour', () => {
    expect(shape(choose(['van'], ['dental']).groups)).toEqual([['(none)', 'van']]);
    for (const id of ['c0000', 'c0500', 'c0999']) expect(values(choose([id], ['dental']).groups)).not.toContain('van');
  });

  it('lists none by name on a page of no location whose service many offer', () => {
    expect(choose([], []).groups).toEqual([]);
    expect(choose([], ['primary-care']).groups).toEqual([]);
  });

  it('lists all that offer a service few offer, on a page of no location', () => {
    const sleep = BIG.filter((l) => l.services.includes('sleep')).map((l) => l.id);
    expect(sleep).toHaveLength(10);
    expect(values(choose([], ['sleep']).groups)).toEqual(sleep);
  });

  it('keeps a location chosen from the full list when the form is shown again, with its neighbours', () => {
    expect(values(choose([], [], 'c0712').groups)).toEqual(['c0712', 'c0711', 'c0713', 'c0710', 'c0714', 'c0709', 'c0715']);
    expect(shape(choose(['c0500'], ['dental'], 'c0900').groups).slice(0, 2)).toEqual([
      ['(none)', 'c0500'],
      ['(none)', 'c0900'],
    ]);
    expect(values(choose(['c0500'], ['dental'], 'c0500').groups).filter((v) => v === 'c0500')).toHaveLength(1);
  });

  it('ignores ids that name no location', () => {
    expect(choose(['atlantis'], [], 'nowhere').groups).toEqual([]);
  });

  it('lists every location when asked (the request page)', () => {
    const choices = chooseLocationOptions({ locations: BIG, preset: { locations: [], services: [] }, every: true });
    expect(choices.complete).toBe(true);
    expect(values(choices.groups)).toHaveLength(1001);
  });
});

describe('buildLocationList', () => {
  it('lists every location by city, cities in name order, with only values and labels', () => {
    const list = buildLocationList(BIG);
    expect(list.total).toBe(1001);
    expect(list.groups.map((g) => g.label)).toEqual([...new Set(BIG.map((l) => l.city))].sort((a, b) => a.localeCompare(b)));
    expect(list.groups.flatMap((g) => g.options)).toHaveLength(1001);
    expect(list.groups.find((g) => g.label === 'Mobile clinics')?.options).toEqual([{ value: 'van', label: 'Clinic van' }]);
  });

  it('lists a small organization as one list without groups', () => {
    expect(buildLocationList(organization(3))).toEqual({
      total: 3,
      groups: [{ options: ['c0000', 'c0001', 'c0002'].map((id) => ({ value: id, label: `Clinic ${id.slice(1)}` })) }],
    });
  });
});
