import { describe, expect, it } from 'vitest';
import type { Provider } from '@/lib/content/schemas.ts';
import { buildPerson, buildPersonSummary, isPhysician, PHYSICIAN_CREDENTIALS } from '@/lib/schema/person.ts';

const siteUrl = 'https://r.example';
const provider = (credentials: Provider['credentials'], acceptingNewPatients = true) => ({
  id: 'ana-ruiz',
  data: {
    name: 'Ana Ruiz',
    summary: 'Family physician at Harbor and Hill.',
    credentials,
    specialty: 'Family medicine',
    medicalSpecialty: 'PrimaryCare' as const,
    languages: ['English', 'Spanish'],
    acceptingNewPatients,
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
    { credentials: ['FACP', 'MD'], physician: true },
    { credentials: ['MBBS'], physician: true },
    { credentials: ['MBChB'], physician: true },
    { credentials: ['MB ChB'], physician: true },
    { credentials: ['M.B.B.S.'], physician: true },
    { credentials: ['M.D.'], physician: true },
    { credentials: ['md'], physician: true },
    { credentials: ['MB BCh BAO'], physician: true },
    { credentials: ['MDCM'], physician: true },
    { credentials: ['NP'], physician: false },
    { credentials: ['PA-C'], physician: false },
    { credentials: ['DDS'], physician: false },
    { credentials: ['PsyD'], physician: false },
    { credentials: ['DPT'], physician: false },
    { credentials: ['LICSW'], physician: false },
    { credentials: ['MS'], physician: false },
    { credentials: ['ATC'], physician: false },
    // A doctorate that is not in medicine, and letters that merely contain "MD".
    { credentials: ['PhD'], physician: false },
    { credentials: ['DMD'], physician: false },
    { credentials: [], physician: false },
  ] as const)('is $physician for $credentials', ({ credentials, physician }) => {
    expect(isPhysician(credentials)).toBe(physician);
  });

  it('counts every listed physician credential, whatever its dots, spaces and case', () => {
    for (const credential of PHYSICIAN_CREDENTIALS) {
      expect(isPhysician([credential]), credential).toBe(true);
      expect(isPhysician([credential.toLowerCase().split('').join('.')]), credential).toBe(true);
    }
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

  it('types anyone else as a Person and MedicalOrganization, without the physician properties', () => {
    const node = buildPerson({ siteUrl, provider: provider(['LICSW']), locations });
    expect(node['@type']).toEqual(['Person', 'MedicalOrganization']);
    expect(Object.keys(node).filter((k) => ['medicalSpecialty', 'practicesAt', 'usNPI'].includes(k))).toEqual([]);
    expect(node.honorificSuffix).toBe('LICSW');
    expect(node.worksFor).toHaveLength(2);
  });

  it('types an MBBS as a physician', () => {
    const node = buildPerson({ siteUrl, provider: provider(['MBBS']), locations });
    expect(node['@type']).toEqual(['Person', 'IndividualPhysician']);
    expect(node).toMatchObject({ honorificSuffix: 'MBBS', usNPI: '1000000012', medicalSpecialty: 'https://schema.org/PrimaryCare' });
  });

  it.each([
    { credentials: ['NP'], accepting: false },
    { credentials: ['NP'], accepting: true },
    { credentials: [], accepting: false },
    { credentials: ['MD'], accepting: false },
  ])('says whether $credentials take new patients ($accepting), whatever the credential', ({ credentials, accepting }) => {
    expect(buildPerson({ siteUrl, provider: provider(credentials, accepting), locations }).isAcceptingNewPatients).toBe(accepting);
  });

  it('claims no image without a headshot', () => {
    expect(buildPerson({ siteUrl, provider: provider(['NP']), locations })).not.toHaveProperty('image');
    expect(buildPerson({ siteUrl, provider: provider(['NP']), locations, image: undefined })).not.toHaveProperty('image');
  });

  it('gives no honorificSuffix to someone without credentials', () => {
    const node = buildPerson({ siteUrl, provider: provider([]), locations });
    expect(node).not.toHaveProperty('honorificSuffix');
    expect(node.name).toBe('Ana Ruiz');
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
