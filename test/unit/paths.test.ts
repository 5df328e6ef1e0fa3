import { describe, expect, it } from 'vitest';
import { buildBreadcrumbs, paths } from '@/lib/paths.ts';

describe('paths', () => {
  it('makes directory-style URLs with a trailing slash', () => {
    expect([
      paths.home(),
      paths.location('hawthorne'),
      paths.locationService('hawthorne', 'pediatrics'),
      paths.service('imaging'),
      paths.condition('anxiety'),
      paths.provider('maya-okafor'),
      paths.privacy(),
    ]).toEqual(['/', '/locations/hawthorne/', '/locations/hawthorne/pediatrics/', '/services/imaging/', '/conditions/anxiety/', '/providers/maya-okafor/', '/privacy/']);
  });

  it('starts every trail at Home', () => {
    expect(buildBreadcrumbs([{ name: 'Locations', path: '/locations/' }])).toEqual([
      { name: 'Home', path: '/' },
      { name: 'Locations', path: '/locations/' },
    ]);
  });
});
