import { describe, expect, it } from 'vitest';
import { LOCATION_TYPES } from '@/lib/content/schemas.ts';
import { buildAddress, buildClinic, buildClinicSummary, buildOpeningHours, getOfferLink, isMedicalOrganization } from '@/lib/schema/clinic.ts';

const siteUrl = 'https://r.example';
const location = {
  id: 'harbor',
  data: {
    name: 'Harbor Clinic',
    summary: 'Walk-in and family care by the harbor.',
    type: 'MedicalClinic' as const,
    address: { street: '1 Harbor Way', city: 'Harbor City', region: 'OR', postalCode: '97000', country: 'US' },
    geo: { latitude: 45.5, longitude: -122.6 },
    phone: '+15555550101',
    hours: [
      { days: ['monday' as const, 'tuesday' as const], opens: '08:00', closes: '18:00' },
      { days: ['saturday' as const], opens: '09:00', closes: '12:30' },
    ],
    holidayHours: [
      { date: new Date('2026-05-25'), label: 'Memorial Day', closed: true },
      { date: new Date('2026-12-24'), label: 'Christmas Eve', opens: '09:00', closes: '14:00' },
      { date: new Date('2026-12-25'), label: 'Christmas Day', closed: true },
    ],
  },
};
const service = (id: string, kind: 'procedure' | 'therapy' | 'test' | 'service', specialty: 'PrimaryCare' | 'Physiotherapy' = 'PrimaryCare') => ({
  id,
  data: { kind, specialty },
});

describe('buildClinic', () => {
  it('states the location in full: address, map position, hours, photo, parent and specialties', () => {
    expect(
      buildClinic({
        siteUrl,
        location,
        services: [service('walk-in-care', 'service'), service('family-medicine', 'service'), service('physical-therapy', 'therapy', 'Physiotherapy')],
        image: 'https://r.example/_astro/harbor.jpg',
        today: new Date('2026-06-01T08:00:00Z'),
      }),
    ).toMatchInlineSnapshot(`
      {
        "@id": "https://r.example/locations/harbor/#clinic",
        "@type": "MedicalClinic",
        "address": {
          "@type": "PostalAddress",
          "addressCountry": "US",
          "addressLocality": "Harbor City",
          "addressRegion": "OR",
          "postalCode": "97000",
          "streetAddress": "1 Harbor Way",
        },
        "availableService": [
          {
            "@id": "https://r.example/services/physical-therapy/#service",
          },
        ],
        "description": "Walk-in and family care by the harbor.",
        "geo": {
          "@type": "GeoCoordinates",
          "latitude": 45.5,
          "longitude": -122.6,
        },
        "image": "https://r.example/_astro/harbor.jpg",
        "medicalSpecialty": [
          "https://schema.org/PrimaryCare",
          "https://schema.org/Physiotherapy",
        ],
        "name": "Harbor Clinic",
        "openingHoursSpecification": [
          {
            "@type": "OpeningHoursSpecification",
            "closes": "18:00",
            "dayOfWeek": [
              "https://schema.org/Monday",
              "https://schema.org/Tuesday",
            ],
            "opens": "08:00",
          },
          {
            "@type": "OpeningHoursSpecification",
            "closes": "12:30",
            "dayOfWeek": [
              "https://schema.org/Saturday",
            ],
            "opens": "09:00",
          },
          {
            "@type": "OpeningHoursSpecification",
            "closes": "14:00",
            "opens": "09:00",
            "validFrom": "2026-12-24",
            "validThrough": "2026-12-24",
          },
          {
            "@type": "OpeningHoursSpecification",
            "closes": "00:00",
            "opens": "00:00",
            "validFrom": "2026-12-25",
            "validThrough": "2026-12-25",
          },
        ],
        "parentOrganization": {
          "@id": "https://r.example/#organization",
        },
        "telephone": "+15555550101",
        "url": "https://r.example/locations/harbor/",
      }
    `);
  });

  it('leaves out the photo where the page does not show it, and specialties and offers it does not have', () => {
    const node = buildClinic({ siteUrl, location, services: [], today: new Date('2026-06-01') });
    expect(Object.keys(node).filter((k) => ['image', 'medicalSpecialty', 'availableService', 'availableTest'].includes(k))).toEqual([]);
  });

  it.each([
    { type: 'MedicalClinic' as const, types: 'MedicalClinic', specialty: true },
    { type: 'Dentist' as const, types: 'Dentist', specialty: true },
    { type: 'DiagnosticLab' as const, types: ['DiagnosticLab', 'MedicalBusiness'], specialty: true },
    { type: 'Hospital' as const, types: 'Hospital', specialty: true },
    { type: 'Optician' as const, types: 'Optician', specialty: false },
    { type: 'Pharmacy' as const, types: 'Pharmacy', specialty: true },
  ])('types a $type as $types', ({ type, types, specialty }) => {
    const node = buildClinic({ siteUrl, location: { ...location, data: { ...location.data, type } }, services: [service('s', 'service')], today: new Date() });
    expect(node['@type']).toEqual(types);
    expect('medicalSpecialty' in node).toBe(specialty);
  });

  it('covers every location type the content allows', () => {
    expect([...LOCATION_TYPES].sort()).toEqual(['Dentist', 'DiagnosticLab', 'Hospital', 'MedicalClinic', 'Optician', 'Pharmacy']);
  });
});

describe('buildClinicSummary', () => {
  it('states name, page, address and phone, and lists the medical services of the graph it offers', () => {
    expect(buildClinicSummary({ siteUrl, location, services: [service('imaging', 'test'), service('urgent-care', 'service')] })).toMatchInlineSnapshot(`
      {
        "@id": "https://r.example/locations/harbor/#clinic",
        "@type": "MedicalClinic",
        "address": {
          "@type": "PostalAddress",
          "addressCountry": "US",
          "addressLocality": "Harbor City",
          "addressRegion": "OR",
          "postalCode": "97000",
          "streetAddress": "1 Harbor Way",
        },
        "availableService": [
          {
            "@id": "https://r.example/services/imaging/#service",
          },
        ],
        "name": "Harbor Clinic",
        "telephone": "+15555550101",
        "url": "https://r.example/locations/harbor/",
      }
    `);
  });
});

describe('getOfferLink', () => {
  it.each([
    { kind: 'service' as const, type: 'MedicalClinic' as const, link: 'provider' },
    { kind: 'service' as const, type: 'Dentist' as const, link: 'provider' },
    { kind: 'therapy' as const, type: 'MedicalClinic' as const, link: 'availableService' },
    { kind: 'procedure' as const, type: 'Hospital' as const, link: 'availableService' },
    { kind: 'test' as const, type: 'MedicalClinic' as const, link: 'availableService' },
    { kind: 'test' as const, type: 'DiagnosticLab' as const, link: 'availableTest' },
    { kind: 'therapy' as const, type: 'DiagnosticLab' as const, link: undefined },
    { kind: 'procedure' as const, type: 'Dentist' as const, link: undefined },
    { kind: 'test' as const, type: 'Pharmacy' as const, link: undefined },
  ])('links a $kind at a $type by $link', ({ kind, type, link }) => {
    expect(getOfferLink(kind, type)).toBe(link);
  });
});

describe('isMedicalOrganization', () => {
  it('is false only for an Optician', () => {
    expect(LOCATION_TYPES.filter((t) => !isMedicalOrganization(t))).toEqual(['Optician']);
  });
});

describe('buildOpeningHours', () => {
  it('writes one specification per weekly entry, with schema.org weekdays', () => {
    expect(buildOpeningHours(location.data.hours, [])).toEqual([
      {
        '@type': 'OpeningHoursSpecification',
        dayOfWeek: ['https://schema.org/Monday', 'https://schema.org/Tuesday'],
        opens: '08:00',
        closes: '18:00',
      },
      { '@type': 'OpeningHoursSpecification', dayOfWeek: ['https://schema.org/Saturday'], opens: '09:00', closes: '12:30' },
    ]);
  });

  it.each([
    { name: 'hours past midnight, as one specification that closes the next morning', opens: '18:00', closes: '02:00', expected: ['18:00', '02:00'] },
    { name: 'until midnight written 24:00, as 23:59', opens: '08:00', closes: '24:00', expected: ['08:00', '23:59'] },
    { name: 'until midnight written 00:00, as 23:59', opens: '20:00', closes: '00:00', expected: ['20:00', '23:59'] },
    { name: 'open 24 hours written 00:00–24:00, as 00:00–23:59', opens: '00:00', closes: '24:00', expected: ['00:00', '23:59'] },
    { name: 'open 24 hours written 00:00–23:59, as written', opens: '00:00', closes: '23:59', expected: ['00:00', '23:59'] },
  ])('writes $name', ({ opens, closes, expected }) => {
    const weekly = { days: ['tuesday' as const], opens, closes };
    const holiday = { date: new Date('2026-12-31T00:00:00Z'), label: "New Year's Eve", opens, closes };
    expect(buildOpeningHours([weekly], [holiday])).toEqual([
      { '@type': 'OpeningHoursSpecification', dayOfWeek: ['https://schema.org/Tuesday'], opens: expected[0], closes: expected[1] },
      { '@type': 'OpeningHoursSpecification', validFrom: '2026-12-31', validThrough: '2026-12-31', opens: expected[0], closes: expected[1] },
    ]);
  });

  it('writes a holiday as valid that day only, 00:00–00:00 when closed', () => {
    expect(buildOpeningHours([], location.data.holidayHours.slice(1))).toEqual([
      { '@type': 'OpeningHoursSpecification', validFrom: '2026-12-24', validThrough: '2026-12-24', opens: '09:00', closes: '14:00' },
      { '@type': 'OpeningHoursSpecification', validFrom: '2026-12-25', validThrough: '2026-12-25', opens: '00:00', closes: '00:00' },
    ]);
  });
});

describe('buildAddress', () => {
  it.each([
    { street2: undefined, streetAddress: '1 Harbor Way' },
    { street2: 'Suite 100', streetAddress: '1 Harbor Way, Suite 100' },
  ])('writes the street address as "$streetAddress"', ({ street2, streetAddress }) => {
    const address = { ...location.data.address, ...(street2 && { street2 }) };
    expect(buildAddress(address)).toEqual({
      '@type': 'PostalAddress',
      streetAddress,
      addressLocality: 'Harbor City',
      addressRegion: 'OR',
      postalCode: '97000',
      addressCountry: 'US',
    });
  });
});

describe('a mobile clinic', () => {
  it('is a MedicalOrganization with no address, map position or hours', () => {
    const { address: _a, geo: _g, hours: _h, ...rest } = location.data;
    const node = buildClinic({ siteUrl, location: { id: 'van', data: { ...rest, mobile: true } }, services: [service('s', 'therapy')], today: new Date('2026-11-01') });
    expect(node['@type']).toBe('MedicalOrganization');
    for (const property of ['address', 'geo', 'openingHoursSpecification', 'availableService']) expect(node).not.toHaveProperty(property);
    expect(node).toMatchObject({ name: location.data.name, telephone: location.data.phone, parentOrganization: { '@id': expect.stringContaining('#organization') } });
  });
});
