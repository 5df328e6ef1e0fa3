import { describe, expect, it } from 'vitest';
import { pickContact } from '@/lib/contact.ts';

const organization = { name: 'Riverbend Health', phone: '+15035550100' };
const place = (id: string, phone: string) => ({ id, data: { name: `Clinic ${id}`, phone } });

describe('pickContact', () => {
  it('offers the only relevant location', () => {
    expect(pickContact({ organization, candidates: [place('a', '+15035550111')] })).toEqual({ label: 'Clinic a', phone: '+15035550111' });
  });

  it.each([
    ['no location', []],
    ['several locations', [place('a', '+15035550111'), place('b', '+15035550122')]],
  ])('falls back to the main line with %s', (_, candidates) => {
    expect(pickContact({ organization, candidates })).toEqual({ label: 'Riverbend Health', phone: '+15035550100' });
  });
});
