import { describe, expect, it } from 'vitest';
import { LOCATION_CARDS_MAX, buildLocationIndex, isLocationIndexCompact } from '@/lib/location-index.ts';
import { MOBILE_CLINICS } from '@/lib/format.ts';

describe('isLocationIndexCompact', () => {
  it('keeps the cards up to LOCATION_CARDS_MAX locations', () => {
    expect(isLocationIndexCompact(7)).toBe(false);
    expect(isLocationIndexCompact(LOCATION_CARDS_MAX)).toBe(false);
    expect(isLocationIndexCompact(LOCATION_CARDS_MAX + 1)).toBe(true);
  });
});

describe('buildLocationIndex', () => {
  it('groups by region then city, in name order, mobile clinics last, each location once in the order given', () => {
    const at = (city: string, region: string) => ({ city, region });
    const regions = buildLocationIndex([
      { id: 'van', name: 'Health van' },
      { id: 'pearl', name: 'Pearl', address: at('Portland', 'OR') },
      { id: 'vancouver', name: 'Vancouver Mall', address: at('Vancouver', 'WA') },
      { id: 'gateway', name: 'Gateway', address: at('Portland', 'OR') },
      { id: 'salem', name: 'Downtown Salem', address: at('Salem', 'OR') },
    ]);
    expect(regions.map((r) => [r.name, r.count, r.cities.map((c) => [c.name, c.anchor, c.locations.map((l) => l.id)])])).toEqual([
      [
        'OR',
        3,
        [
          ['Portland', 'in-or-portland', ['pearl', 'gateway']],
          ['Salem', 'in-or-salem', ['salem']],
        ],
      ],
      ['WA', 1, [['Vancouver', 'in-wa-vancouver', ['vancouver']]]],
      [MOBILE_CLINICS, 1, [[MOBILE_CLINICS, 'in-mobile-clinics-mobile-clinics', ['van']]]],
    ]);
    expect(regions.map((r) => r.anchor)).toEqual(['in-or', 'in-wa', 'in-mobile-clinics']);
  });

  it('keeps anchors unique when two regions have a city of the same name', () => {
    const regions = buildLocationIndex([
      { id: 'a', name: 'A', address: { city: 'Portland', region: 'OR' } },
      { id: 'b', name: 'B', address: { city: 'Portland', region: 'ME' } },
    ]);
    const anchors = regions.flatMap((r) => [r.anchor, ...r.cities.map((c) => c.anchor)]);
    expect(new Set(anchors).size).toBe(anchors.length);
  });
});
