import { describe, expect, it } from 'vitest';
import { formatIsoDate } from '@/lib/dates.ts';
import { ids, pageUrls, ref, schemaOrgUrl } from '@/lib/schema/ids.ts';

describe('ids', () => {
  it.each(['https://riverbend.example', 'https://riverbend.example/'])('hangs site-wide nodes off the home page of %s', (siteUrl) => {
    expect(ids.organization(siteUrl)).toBe('https://riverbend.example/#organization');
    expect(ids.website(siteUrl)).toBe('https://riverbend.example/#website');
  });

  it.each([
    { kind: 'clinic', id: ids.clinic('https://r.example', 'pearl-district'), expected: 'https://r.example/locations/pearl-district/#clinic' },
    { kind: 'service', id: ids.service('https://r.example', 'urgent-care'), expected: 'https://r.example/services/urgent-care/#service' },
    { kind: 'condition', id: ids.condition('https://r.example', 'concussion'), expected: 'https://r.example/conditions/concussion/#condition' },
    { kind: 'person', id: ids.person('https://r.example', 'maya-okafor'), expected: 'https://r.example/providers/maya-okafor/#person' },
    { kind: 'webPage', id: ids.webPage('https://r.example/privacy/'), expected: 'https://r.example/privacy/#webpage' },
    { kind: 'breadcrumb', id: ids.breadcrumb('https://r.example/privacy/'), expected: 'https://r.example/privacy/#breadcrumb' },
  ])('names a $kind after its own page', ({ id, expected }) => {
    expect(id).toBe(expected);
  });

  it('gives each entity page its canonical URL', () => {
    expect(pageUrls.location('https://r.example', 'gateway')).toBe('https://r.example/locations/gateway/');
    expect(pageUrls.home('https://r.example')).toBe('https://r.example/');
  });

  it('writes references, enumeration members and dates', () => {
    expect(ref('https://r.example/#organization')).toEqual({ '@id': 'https://r.example/#organization' });
    expect(schemaOrgUrl('PrimaryCare')).toBe('https://schema.org/PrimaryCare');
    expect(formatIsoDate(new Date('2026-03-09'))).toBe('2026-03-09');
  });
});
