import { beforeAll, describe, expect, it } from 'vitest';
import { readVocabulary } from '../../../src/seo-audit/vocabulary-file.ts';
import { buildPageList } from '@/lib/content/pages.ts';
import { buildSiteIndex, type SiteIndex } from '@/lib/content/relations.ts';
import { LOCATION_TYPES, type Service } from '@/lib/content/schemas.ts';
import { buildClinic, buildClinicSummary } from '@/lib/schema/clinic.ts';
import { buildOrganization } from '@/lib/schema/organization.ts';
import { buildService } from '@/lib/schema/service.ts';
import type { JsonLdGraph } from '@/lib/schema/graph.ts';
import { readContent } from '../../support/read-content.ts';
import { checkGraph } from './support/check-graph.ts';
import { buildSiteGraphs, TODAY } from './support/site-graphs.ts';

const vocabulary = readVocabulary();

describe('checkGraph', () => {
  // The checker has to catch each kind of mistake, or a passing vocabulary test means nothing.
  const graph = (...nodes: unknown[]) => ({ '@context': 'https://schema.org', '@graph': nodes });
  it.each([
    { mistake: 'an unknown type', nodes: [{ '@type': 'Clinic', name: 'A' }], problem: '@graph[0]: unknown type Clinic' },
    { mistake: 'an unknown property', nodes: [{ '@type': 'Person', phone: '1' }], problem: '@graph[0].phone: unknown property' },
    {
      mistake: 'a property of another type',
      nodes: [{ '@type': 'Person', medicalSpecialty: 'https://schema.org/PrimaryCare' }],
      problem: '@graph[0].medicalSpecialty: not allowed on Person',
    },
    {
      mistake: 'a node outside the range',
      nodes: [{ '@type': 'MedicalClinic', '@id': 'c', availableService: { '@type': 'Service', name: 'S' } }],
      problem: '@graph[0].availableService: a Service is not a MedicalProcedure or MedicalTest or MedicalTherapy',
    },
    {
      mistake: 'a reference outside the range',
      nodes: [
        { '@type': 'MedicalCondition', '@id': 'c', possibleTreatment: { '@id': 's' } },
        { '@type': 'Service', '@id': 's', name: 'S' },
      ],
      problem: '@graph[0].possibleTreatment: s, a Service, is not a MedicalTherapy or Drug or LifestyleModification or DrugClass',
    },
    {
      mistake: 'an enumeration member of another enumeration',
      nodes: [{ '@type': 'MedicalClinic', medicalSpecialty: 'https://schema.org/Monday' }],
      problem: '@graph[0].medicalSpecialty: "https://schema.org/Monday" is not a MedicalSpecialty',
    },
    { mistake: 'a malformed date', nodes: [{ '@type': 'WebPage', lastReviewed: '1 May 2026' }], problem: '@graph[0].lastReviewed: "1 May 2026" is not a Date' },
    { mistake: 'a dangling reference', nodes: [{ '@type': 'WebPage', publisher: { '@id': 'x' } }], problem: '@graph[0].publisher: {"@id": "x"} is not in the graph' },
    {
      mistake: 'an @id defined twice',
      nodes: [
        { '@type': 'Person', '@id': 'p', name: 'A' },
        { '@type': 'Person', '@id': 'p', name: 'B' },
      ],
      problem: '@graph[1]: @id p is defined twice',
    },
    { mistake: 'an empty list', nodes: [{ '@type': 'Person', knowsLanguage: [] }], problem: '@graph[0].knowsLanguage: empty array' },
    { mistake: '"undefined"', nodes: [{ '@type': 'Person', name: 'undefined' }], problem: '@graph[0].name: "undefined"' },
    { mistake: 'null', nodes: [{ '@type': 'Person', name: null }], problem: '@graph[0].name: null' },
  ])('reports $mistake', ({ nodes, problem }) => {
    expect(checkGraph(graph(...nodes), vocabulary)).toEqual([problem]);
  });

  it('accepts enumeration members, dates, times, numbers, booleans and resolved references', () => {
    const nodes = [
      { '@type': ['Person', 'IndividualPhysician'], '@id': 'p', name: 'A', isAcceptingNewPatients: true, practicesAt: { '@id': 'c' } },
      {
        '@type': 'MedicalClinic',
        '@id': 'c',
        medicalSpecialty: ['https://schema.org/PrimaryCare'],
        geo: { '@type': 'GeoCoordinates', latitude: 45.5, longitude: -122.6 },
        openingHoursSpecification: { '@type': 'OpeningHoursSpecification', dayOfWeek: 'https://schema.org/Monday', opens: '08:00', closes: '17:30' },
      },
      { '@type': 'WebPage', lastReviewed: '2026-05-01', dateModified: '2026-05-01' },
    ];
    expect(checkGraph(graph(...nodes), vocabulary)).toEqual([]);
  });
});

const SITES = [
  { content: 'the good fixture', contentDir: 'test/fixtures/good', siteUrl: 'https://fixture.example' },
  { content: 'the real content', contentDir: 'content', siteUrl: 'https://riverbend.example' },
];

describe.each(SITES)('every graph of $content', ({ contentDir, siteUrl }) => {
  let site: SiteIndex<string>;
  let graphs: Map<string, JsonLdGraph>;
  beforeAll(async () => {
    const content = await readContent({ contentDir });
    expect(content.issues.filter((i) => i.severity === 'error')).toEqual([]);
    site = buildSiteIndex(content.snapshot);
    graphs = buildSiteGraphs(site, siteUrl);
  });

  it('covers every page the content makes, and the 404 page', () => {
    const pages = buildPageList(site, () => undefined).map((page) => page.path);
    expect([...graphs.keys()].sort()).toEqual([...pages, '/404.html'].sort());
  });

  it('uses only schema.org types and properties allowed on them, with values in range and every @id resolved', () => {
    const problems = [...graphs].flatMap(([path, graph]) => checkGraph(graph, vocabulary).map((p) => `${path} ${p}`));
    expect(problems).toEqual([]);
  });

  it('has no review or aggregateRating anywhere', () => {
    const text = JSON.stringify([...graphs.values()]);
    expect(text).not.toMatch(/"(review|reviews|aggregateRating)"\s*:/);
  });
});

describe.each(LOCATION_TYPES)('a %s location', (type) => {
  // Every location type the content model allows, offering every kind of service, so a type the
  // sample content does not use yet cannot emit a property its schema.org type lacks.
  const siteUrl = 'https://fixture.example';
  const kinds: Service['kind'][] = ['procedure', 'therapy', 'test', 'service'];
  const services = kinds.map((kind) => ({
    id: `a-${kind}`,
    data: { name: `A ${kind}`, summary: `A ${kind}.`, kind, specialty: 'PrimaryCare' as const, delivery: ['in-person' as const] },
  }));
  const location = {
    id: 'hill',
    data: {
      name: 'Hill',
      summary: 'On the hill.',
      type,
      address: { street: '9 Hill Road', street2: 'Floor 2', city: 'Harbor City', region: 'OR', postalCode: '97001', country: 'US' },
      geo: { latitude: 45.51, longitude: -122.61 },
      phone: '+15555550102',
      hours: [{ days: ['monday' as const], opens: '09:00', closes: '17:00' }],
      holidayHours: [{ date: new Date('2026-12-25'), label: 'Christmas Day', closed: true }],
    },
  };

  const organization = {
    name: 'Fixture Health',
    legalName: 'Fixture Health, P.C.',
    description: 'Two clinics.',
    phone: '+15555550100',
    socialProfiles: [],
    serviceArea: ['Harbor City'],
  };

  it('emits only what its type allows, linked to services within their ranges', () => {
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        buildClinic({ siteUrl, location, services, image: `${siteUrl}/hill.jpg`, today: TODAY }),
        ...services.map((service) => buildService({ siteUrl, service, offeredAt: [location] })),
        buildOrganization({ siteUrl, organization, logoUrl: `${siteUrl}/logo.svg` }),
      ],
    };
    expect(checkGraph(graph, vocabulary)).toEqual([]);
    expect(checkGraph({ '@context': 'https://schema.org', '@graph': [buildClinicSummary({ siteUrl, location })] }, vocabulary)).toEqual([]);
  });
});
