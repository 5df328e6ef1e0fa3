import { describe, expect, it } from 'vitest';
import { buildService, buildServiceSummary } from '@/lib/schema/service.ts';

const siteUrl = 'https://r.example';
const harbor = { id: 'harbor', data: { type: 'MedicalClinic' as const, address: { city: 'Harbor City' } } };
const hill = { id: 'hill', data: { type: 'MedicalClinic' as const, address: { city: 'Hill Town' } } };
const pier = { id: 'pier', data: { type: 'MedicalClinic' as const, address: { city: 'Harbor City' } } };
type Delivery = ('in-person' | 'video' | 'phone')[];
const service = (kind: 'procedure' | 'therapy' | 'test' | 'service', delivery: Delivery = ['in-person']) => ({
  id: 'a-service',
  data: { name: 'A service', summary: 'What it is.', kind, specialty: 'Physiotherapy' as const, delivery },
});

describe('buildService', () => {
  it.each([
    { kind: 'procedure' as const, type: 'MedicalProcedure' },
    { kind: 'therapy' as const, type: 'MedicalTherapy' },
    { kind: 'test' as const, type: 'MedicalTest' },
    { kind: 'service' as const, type: 'Service' },
  ])('publishes a $kind as a $type', ({ kind, type }) => {
    expect(buildService({ siteUrl, service: service(kind), offeredAt: [harbor] })['@type']).toBe(type);
  });

  it('names the providing clinics and their cities on a Service', () => {
    expect(buildService({ siteUrl, service: service('service'), offeredAt: [harbor, hill, pier] })).toMatchInlineSnapshot(`
      {
        "@id": "https://r.example/services/a-service/#service",
        "@type": "Service",
        "areaServed": [
          "Harbor City",
          "Hill Town",
        ],
        "description": "What it is.",
        "name": "A service",
        "provider": [
          {
            "@id": "https://r.example/locations/harbor/#clinic",
          },
          {
            "@id": "https://r.example/locations/hill/#clinic",
          },
          {
            "@id": "https://r.example/locations/pier/#clinic",
          },
        ],
        "url": "https://r.example/services/a-service/",
      }
    `);
  });

  it('gives a medical service its specialty, and no provider or area (which its type lacks)', () => {
    expect(buildService({ siteUrl, service: service('therapy'), offeredAt: [harbor, hill] })).toMatchInlineSnapshot(`
      {
        "@id": "https://r.example/services/a-service/#service",
        "@type": "MedicalTherapy",
        "description": "What it is.",
        "name": "A service",
        "relevantSpecialty": "https://schema.org/Physiotherapy",
        "url": "https://r.example/services/a-service/",
      }
    `);
  });

  it('leaves out provider and areaServed when no clinic offers it', () => {
    expect(Object.keys(buildService({ siteUrl, service: service('service') }))).toEqual(['@type', '@id', 'name', 'url', 'description']);
  });
});

describe('buildServiceSummary', () => {
  it('names the service and its page, with no description, specialty or area', () => {
    expect(buildServiceSummary({ siteUrl, service: service('service'), offeredAt: [harbor] })).toEqual({
      '@type': 'Service',
      '@id': 'https://r.example/services/a-service/#service',
      name: 'A service',
      url: 'https://r.example/services/a-service/',
      provider: [{ '@id': 'https://r.example/locations/harbor/#clinic' }],
    });
    expect(Object.keys(buildServiceSummary({ siteUrl, service: service('test'), offeredAt: [harbor] }))).toEqual(['@type', '@id', 'name', 'url']);
  });
});

describe('a service by video or phone', () => {
  it('names its channels, and no place, on a Service', () => {
    const node = buildService({ siteUrl, service: service('service', ['video', 'phone']) });
    expect(node).toMatchObject({
      '@type': 'Service',
      availableChannel: [
        { '@type': 'ServiceChannel', name: 'Video visit', serviceUrl: 'https://r.example/services/a-service/' },
        { '@type': 'ServiceChannel', name: 'Phone visit', serviceUrl: 'https://r.example/services/a-service/' },
      ],
    });
    expect(node).not.toHaveProperty('areaServed');
    expect(node).not.toHaveProperty('provider');
  });

  it('also names video beside the clinics that offer it in person', () => {
    const node = buildService({ siteUrl, service: service('service', ['in-person', 'video']), offeredAt: [harbor] });
    expect(node).toMatchObject({ areaServed: ['Harbor City'], availableChannel: [{ name: 'Video visit' }] });
  });

  it('has no specialty when it is a support service', () => {
    const support = { id: 'interpreters', data: { name: 'Interpreters', summary: 'Free interpreters.', kind: 'service' as const, delivery: ['in-person' as const] } };
    expect(buildService({ siteUrl, service: support })).not.toHaveProperty('relevantSpecialty');
  });
});
