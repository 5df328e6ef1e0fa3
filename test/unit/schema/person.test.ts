import { describe, expect, it } from 'vitest';
import type { Provider } from '@/lib/content/schemas.ts';
import { buildPerson, buildPersonSummary, isPhysician } from '@/lib/schema/person.ts';

const siteUrl = 'https://r.example';
const provider = (credentials: Provider['credentials']) => ({
  id: 'ana-ruiz',
  data: {
    name: 'Ana Ruiz',
    summary: 'Family physician at Harbor and Hill.',
    credentials,
    specialty: 'Family medicine',
    medicalSpecialty: 'PrimaryCare' as const,
    languages: ['English', 'Spanish'],
    acceptingNewPatients: true,
    education: [
      { degree: 'Residency, Family Medicine', institution: 'Harbor General' },
      { degree: 'Doctor of Medicine', institution: 'Fixture Medical School', year: 2010 },
    ],
    certifications: ['American Board of Family Medicine'],
    npi: '1000000012',
  },
});
const locations = [
  { id: 'harbor', data: { type: 'MedicalClinic' as const } },
  { id: 'eyes', data: { type: 'Optician' as const } },
];

describe('isPhysician', () => {
  it.each([
    { credentials: ['MD'], physician: true },
    { credentials: ['DO'], physician: true },
    { credentials: ['MD', 'FAAP'], physician: true },
    { credentials: ['NP'], physician: false },
    { credentials: ['PA-C'], physician: false },
    { credentials: ['DDS'], physician: false },
    { credentials: ['PsyD'], physician: false },
    { credentials: ['DPT'], physician: false },
  ] as const)('is $physician for $credentials', ({ credentials, physician }) => {
    expect(isPhysician(credentials)).toBe(physician);
  });
});

describe('buildPerson', () => {
  it('types a physician as Person and IndividualPhysician, with the properties of both', () => {
    expect(buildPerson({ siteUrl, provider: provider(['MD', 'FAAP']), locations, image: 'https://r.example/_astro/ana-ruiz.jpg' })).toMatchInlineSnapshot(`
      {
        "@id": "https://r.example/providers/ana-ruiz/#person",
        "@type": [
          "Person",
          "IndividualPhysician",
        ],
        "alumniOf": [
          {
            "@type": "EducationalOrganization",
            "name": "Harbor General",
          },
          {
            "@type": "EducationalOrganization",
            "name": "Fixture Medical School",
          },
        ],
        "description": "Family physician at Harbor and Hill.",
        "hasCredential": [
          {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": "Board certification",
            "recognizedBy": {
              "@type": "Organization",
              "name": "American Board of Family Medicine",
            },
          },
        ],
        "honorificSuffix": "MD, FAAP",
        "identifier": {
          "@type": "PropertyValue",
          "propertyID": "NPI",
          "value": "1000000012",
        },
        "image": "https://r.example/_astro/ana-ruiz.jpg",
        "isAcceptingNewPatients": true,
        "jobTitle": "Family medicine",
        "knowsLanguage": [
          "English",
          "Spanish",
        ],
        "medicalSpecialty": "https://schema.org/PrimaryCare",
        "name": "Ana Ruiz",
        "practicesAt": [
          {
            "@id": "https://r.example/locations/harbor/#clinic",
          },
        ],
        "url": "https://r.example/providers/ana-ruiz/",
        "usNPI": "1000000012",
        "worksFor": [
          {
            "@id": "https://r.example/locations/harbor/#clinic",
          },
          {
            "@id": "https://r.example/locations/eyes/#clinic",
          },
        ],
      }
    `);
  });

  it('types anyone else as a Person, without the physician properties', () => {
    const node = buildPerson({ siteUrl, provider: provider(['NP']), locations });
    expect(node['@type']).toBe('Person');
    expect(Object.keys(node).filter((k) => ['medicalSpecialty', 'isAcceptingNewPatients', 'practicesAt', 'usNPI', 'image'].includes(k))).toEqual([]);
    expect(node.worksFor).toHaveLength(2);
  });

  it('leaves out schools and certifications when there are none', () => {
    const base = provider(['NP']);
    const node = buildPerson({ siteUrl, provider: { ...base, data: { ...base.data, education: [], certifications: [] } }, locations });
    expect(node).not.toHaveProperty('alumniOf');
    expect(node).not.toHaveProperty('hasCredential');
  });
});

describe('buildPersonSummary', () => {
  it('names the provider, with credentials, and their page', () => {
    expect(buildPersonSummary({ siteUrl, provider: provider(['DO']) })).toEqual({
      '@type': ['Person', 'IndividualPhysician'],
      '@id': 'https://r.example/providers/ana-ruiz/#person',
      name: 'Ana Ruiz',
      honorificSuffix: 'DO',
      url: 'https://r.example/providers/ana-ruiz/',
    });
  });
});
