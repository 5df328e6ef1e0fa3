import { beforeAll, describe, expect, it } from 'vitest';
import { buildSiteIndex } from '@/lib/content/relations.ts';
import type { JsonLdGraph } from '@/lib/schema/graph.ts';
import { readContent } from '../../support/read-content.ts';
import { buildSiteGraphs } from './support/site-graphs.ts';

let graphs: Map<string, JsonLdGraph>;
beforeAll(async () => {
  const content = await readContent({ contentDir: 'test/fixtures/good' });
  expect(content.issues.filter((i) => i.severity === 'error')).toEqual([]);
  graphs = buildSiteGraphs(buildSiteIndex(content.snapshot), 'https://fixture.example');
});

const fullGraphAt = (path: string) => {
  const graph = graphs.get(path);
  if (!graph) throw new Error(`No graph for ${path}`);
  return graph;
};

/** Nodes every page's graph carries, the same on each: the home page's snapshot shows them. */
const SITE_WIDE_IDS = ['https://fixture.example/#website', 'https://fixture.example/#organization'];

/** A page's graph without the site-wide nodes, after checking they are exactly the home page's. */
const graphAt = (path: string) => {
  const graph = fullGraphAt(path);
  const siteWide = (g: JsonLdGraph) => g['@graph'].filter((node) => SITE_WIDE_IDS.includes(String(node['@id'])));
  expect(siteWide(graph), `site-wide nodes of ${path}`).toEqual(siteWide(fullGraphAt('/')));
  expect(siteWide(graph)).toHaveLength(SITE_WIDE_IDS.length);
  return { ...graph, '@graph': graph['@graph'].filter((node) => !SITE_WIDE_IDS.includes(String(node['@id']))) };
};

describe('the graph of each kind of page, on the good fixture', () => {
  it('home: a WebPage about the organization, no breadcrumb', () => {
    expect(fullGraphAt('/')).toMatchInlineSnapshot(`
      {
        "@context": "https://schema.org",
        "@graph": [
          {
            "@id": "https://fixture.example/#webpage",
            "@type": "WebPage",
            "about": [
              {
                "@id": "https://fixture.example/#organization",
              },
            ],
            "dateModified": "2026-05-04",
            "description": "A small test organization with two clinics.",
            "inLanguage": "en",
            "isPartOf": {
              "@id": "https://fixture.example/#website",
            },
            "name": "Fixture Health",
            "publisher": {
              "@id": "https://fixture.example/#organization",
            },
            "url": "https://fixture.example/",
          },
          {
            "@id": "https://fixture.example/#website",
            "@type": "WebSite",
            "inLanguage": "en",
            "name": "Fixture Health",
            "publisher": {
              "@id": "https://fixture.example/#organization",
            },
            "url": "https://fixture.example/",
          },
          {
            "@id": "https://fixture.example/#organization",
            "@type": "MedicalOrganization",
            "areaServed": [
              "Harbor City",
            ],
            "description": "A small test organization with two clinics.",
            "legalName": "Fixture Health Partners, P.C.",
            "logo": {
              "@type": "ImageObject",
              "contentUrl": "https://fixture.example/_astro/logo.svg",
              "url": "https://fixture.example/_astro/logo.svg",
            },
            "name": "Fixture Health",
            "telephone": "+15555550100",
            "url": "https://fixture.example/",
          },
        ],
      }
    `);
  });

  it('a list page: a WebPage with its breadcrumb', () => {
    expect(graphAt('/locations/')).toMatchInlineSnapshot(`
      {
        "@context": "https://schema.org",
        "@graph": [
          {
            "@id": "https://fixture.example/locations/#webpage",
            "@type": "WebPage",
            "breadcrumb": {
              "@id": "https://fixture.example/locations/#breadcrumb",
            },
            "dateModified": "2026-05-04",
            "description": "Locations at Fixture Health.",
            "inLanguage": "en",
            "isPartOf": {
              "@id": "https://fixture.example/#website",
            },
            "name": "Locations",
            "publisher": {
              "@id": "https://fixture.example/#organization",
            },
            "url": "https://fixture.example/locations/",
          },
          {
            "@id": "https://fixture.example/locations/#breadcrumb",
            "@type": "BreadcrumbList",
            "itemListElement": [
              {
                "@type": "ListItem",
                "item": "https://fixture.example/",
                "name": "Home",
                "position": 1,
              },
              {
                "@type": "ListItem",
                "item": "https://fixture.example/locations/",
                "name": "Locations",
                "position": 2,
              },
            ],
          },
        ],
      }
    `);
  });

  it('404: a WebPage without @id, URL or breadcrumb', () => {
    expect(graphAt('/404.html')).toMatchInlineSnapshot(`
      {
        "@context": "https://schema.org",
        "@graph": [
          {
            "@type": "WebPage",
            "description": "No such page.",
            "inLanguage": "en",
            "isPartOf": {
              "@id": "https://fixture.example/#website",
            },
            "name": "Page not found",
            "publisher": {
              "@id": "https://fixture.example/#organization",
            },
          },
        ],
      }
    `);
  });

  it('location: a MedicalWebPage about the clinic, with the services it offers', () => {
    expect(graphAt('/locations/harbor/')).toMatchInlineSnapshot(`
      {
        "@context": "https://schema.org",
        "@graph": [
          {
            "@id": "https://fixture.example/locations/harbor/#webpage",
            "@type": "MedicalWebPage",
            "about": [
              {
                "@id": "https://fixture.example/locations/harbor/#clinic",
              },
            ],
            "breadcrumb": {
              "@id": "https://fixture.example/locations/harbor/#breadcrumb",
            },
            "dateModified": "2026-05-04",
            "description": "Walk-in and family care by the harbor.",
            "inLanguage": "en",
            "isPartOf": {
              "@id": "https://fixture.example/#website",
            },
            "medicalAudience": {
              "@type": "MedicalAudience",
              "audienceType": "Patient",
            },
            "name": "Fixture Harbor Clinic",
            "primaryImageOfPage": {
              "@type": "ImageObject",
              "contentUrl": "https://fixture.example/_astro/harbor.jpg",
              "url": "https://fixture.example/_astro/harbor.jpg",
            },
            "publisher": {
              "@id": "https://fixture.example/#organization",
            },
            "url": "https://fixture.example/locations/harbor/",
          },
          {
            "@id": "https://fixture.example/locations/harbor/#breadcrumb",
            "@type": "BreadcrumbList",
            "itemListElement": [
              {
                "@type": "ListItem",
                "item": "https://fixture.example/",
                "name": "Home",
                "position": 1,
              },
              {
                "@type": "ListItem",
                "item": "https://fixture.example/locations/",
                "name": "Locations",
                "position": 2,
              },
              {
                "@type": "ListItem",
                "item": "https://fixture.example/locations/harbor/",
                "name": "Fixture Harbor Clinic",
                "position": 3,
              },
            ],
          },
          {
            "@id": "https://fixture.example/locations/harbor/#clinic",
            "@type": "MedicalClinic",
            "address": {
              "@type": "PostalAddress",
              "addressCountry": "US",
              "addressLocality": "Harbor City",
              "addressRegion": "OR",
              "postalCode": "97000",
              "streetAddress": "1 Harbor Way",
            },
            "description": "Walk-in and family care by the harbor.",
            "geo": {
              "@type": "GeoCoordinates",
              "latitude": 45.5,
              "longitude": -122.6,
            },
            "image": "https://fixture.example/_astro/harbor.jpg",
            "medicalSpecialty": [
              "https://schema.org/Emergency",
              "https://schema.org/PrimaryCare",
            ],
            "name": "Fixture Harbor Clinic",
            "openingHoursSpecification": [
              {
                "@type": "OpeningHoursSpecification",
                "closes": "18:00",
                "dayOfWeek": [
                  "https://schema.org/Monday",
                  "https://schema.org/Tuesday",
                  "https://schema.org/Wednesday",
                  "https://schema.org/Thursday",
                  "https://schema.org/Friday",
                ],
                "opens": "08:00",
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
              "@id": "https://fixture.example/#organization",
            },
            "telephone": "+15555550101",
            "url": "https://fixture.example/locations/harbor/",
          },
          {
            "@id": "https://fixture.example/services/walk-in-care/#service",
            "@type": "Service",
            "name": "Walk-in care",
            "provider": [
              {
                "@id": "https://fixture.example/locations/harbor/#clinic",
              },
            ],
            "url": "https://fixture.example/services/walk-in-care/",
          },
          {
            "@id": "https://fixture.example/services/family-medicine/#service",
            "@type": "Service",
            "name": "Family medicine",
            "provider": [
              {
                "@id": "https://fixture.example/locations/harbor/#clinic",
              },
            ],
            "url": "https://fixture.example/services/family-medicine/",
          },
        ],
      }
    `);
  });

  it('location × service with local FAQs: a MedicalWebPage and FAQPage about the service at the clinic', () => {
    expect(graphAt('/locations/harbor/walk-in-care/')).toMatchInlineSnapshot(`
      {
        "@context": "https://schema.org",
        "@graph": [
          {
            "@id": "https://fixture.example/locations/harbor/walk-in-care/#webpage",
            "@type": [
              "MedicalWebPage",
              "FAQPage",
            ],
            "about": [
              {
                "@id": "https://fixture.example/services/walk-in-care/#service",
              },
              {
                "@id": "https://fixture.example/locations/harbor/#clinic",
              },
            ],
            "breadcrumb": {
              "@id": "https://fixture.example/locations/harbor/walk-in-care/#breadcrumb",
            },
            "dateModified": "2026-05-04",
            "description": "Walk-in care at the Harbor clinic, open weekdays.",
            "inLanguage": "en",
            "isPartOf": {
              "@id": "https://fixture.example/#website",
            },
            "mainEntity": [
              {
                "@type": "Question",
                "acceptedAnswer": {
                  "@type": "Answer",
                  "text": "<p>Mornings are quietest.</p>",
                },
                "name": "Is there a wait at the Harbor clinic?",
              },
            ],
            "medicalAudience": {
              "@type": "MedicalAudience",
              "audienceType": "Patient",
            },
            "name": "Walk-in care at Fixture Harbor Clinic",
            "publisher": {
              "@id": "https://fixture.example/#organization",
            },
            "url": "https://fixture.example/locations/harbor/walk-in-care/",
          },
          {
            "@id": "https://fixture.example/locations/harbor/walk-in-care/#breadcrumb",
            "@type": "BreadcrumbList",
            "itemListElement": [
              {
                "@type": "ListItem",
                "item": "https://fixture.example/",
                "name": "Home",
                "position": 1,
              },
              {
                "@type": "ListItem",
                "item": "https://fixture.example/locations/",
                "name": "Locations",
                "position": 2,
              },
              {
                "@type": "ListItem",
                "item": "https://fixture.example/locations/harbor/",
                "name": "Fixture Harbor Clinic",
                "position": 3,
              },
              {
                "@type": "ListItem",
                "item": "https://fixture.example/locations/harbor/walk-in-care/",
                "name": "Walk-in care",
                "position": 4,
              },
            ],
          },
          {
            "@id": "https://fixture.example/services/walk-in-care/#service",
            "@type": "Service",
            "name": "Walk-in care",
            "provider": [
              {
                "@id": "https://fixture.example/locations/harbor/#clinic",
              },
            ],
            "url": "https://fixture.example/services/walk-in-care/",
          },
          {
            "@id": "https://fixture.example/locations/harbor/#clinic",
            "@type": "MedicalClinic",
            "address": {
              "@type": "PostalAddress",
              "addressCountry": "US",
              "addressLocality": "Harbor City",
              "addressRegion": "OR",
              "postalCode": "97000",
              "streetAddress": "1 Harbor Way",
            },
            "description": "Walk-in and family care by the harbor.",
            "geo": {
              "@type": "GeoCoordinates",
              "latitude": 45.5,
              "longitude": -122.6,
            },
            "medicalSpecialty": [
              "https://schema.org/Emergency",
            ],
            "name": "Fixture Harbor Clinic",
            "openingHoursSpecification": [
              {
                "@type": "OpeningHoursSpecification",
                "closes": "18:00",
                "dayOfWeek": [
                  "https://schema.org/Monday",
                  "https://schema.org/Tuesday",
                  "https://schema.org/Wednesday",
                  "https://schema.org/Thursday",
                  "https://schema.org/Friday",
                ],
                "opens": "08:00",
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
              "@id": "https://fixture.example/#organization",
            },
            "telephone": "+15555550101",
            "url": "https://fixture.example/locations/harbor/",
          },
        ],
      }
    `);
  });

  it('location × service without local FAQs: no FAQPage', () => {
    const [page] = graphAt('/locations/hill/family-medicine/')['@graph'];
    expect(page?.['@type']).toBe('MedicalWebPage');
  });

  it('service: a MedicalWebPage about the service, with the clinics that provide it', () => {
    expect(graphAt('/services/walk-in-care/')).toMatchInlineSnapshot(`
      {
        "@context": "https://schema.org",
        "@graph": [
          {
            "@id": "https://fixture.example/services/walk-in-care/#webpage",
            "@type": "MedicalWebPage",
            "about": [
              {
                "@id": "https://fixture.example/services/walk-in-care/#service",
              },
            ],
            "breadcrumb": {
              "@id": "https://fixture.example/services/walk-in-care/#breadcrumb",
            },
            "dateModified": "2026-05-04",
            "description": "Same-day care for minor illness and injury.",
            "inLanguage": "en",
            "isPartOf": {
              "@id": "https://fixture.example/#website",
            },
            "medicalAudience": {
              "@type": "MedicalAudience",
              "audienceType": "Patient",
            },
            "name": "Walk-in care",
            "publisher": {
              "@id": "https://fixture.example/#organization",
            },
            "url": "https://fixture.example/services/walk-in-care/",
          },
          {
            "@id": "https://fixture.example/services/walk-in-care/#breadcrumb",
            "@type": "BreadcrumbList",
            "itemListElement": [
              {
                "@type": "ListItem",
                "item": "https://fixture.example/",
                "name": "Home",
                "position": 1,
              },
              {
                "@type": "ListItem",
                "item": "https://fixture.example/services/",
                "name": "Services",
                "position": 2,
              },
              {
                "@type": "ListItem",
                "item": "https://fixture.example/services/walk-in-care/",
                "name": "Walk-in care",
                "position": 3,
              },
            ],
          },
          {
            "@id": "https://fixture.example/services/walk-in-care/#service",
            "@type": "Service",
            "areaServed": [
              "Harbor City",
            ],
            "description": "Same-day care for minor illness and injury.",
            "name": "Walk-in care",
            "provider": [
              {
                "@id": "https://fixture.example/locations/harbor/#clinic",
              },
            ],
            "url": "https://fixture.example/services/walk-in-care/",
          },
          {
            "@id": "https://fixture.example/locations/harbor/#clinic",
            "@type": "MedicalClinic",
            "address": {
              "@type": "PostalAddress",
              "addressCountry": "US",
              "addressLocality": "Harbor City",
              "addressRegion": "OR",
              "postalCode": "97000",
              "streetAddress": "1 Harbor Way",
            },
            "name": "Fixture Harbor Clinic",
            "telephone": "+15555550101",
            "url": "https://fixture.example/locations/harbor/",
          },
        ],
      }
    `);
  });

  it('condition: a MedicalWebPage and FAQPage about the condition, with its reviewer', () => {
    expect(graphAt('/conditions/sprained-ankle/')).toMatchInlineSnapshot(`
      {
        "@context": "https://schema.org",
        "@graph": [
          {
            "@id": "https://fixture.example/conditions/sprained-ankle/#webpage",
            "@type": [
              "MedicalWebPage",
              "FAQPage",
            ],
            "about": [
              {
                "@id": "https://fixture.example/conditions/sprained-ankle/#condition",
              },
            ],
            "breadcrumb": {
              "@id": "https://fixture.example/conditions/sprained-ankle/#breadcrumb",
            },
            "dateModified": "2026-05-04",
            "description": "A stretched or torn ankle ligament.",
            "inLanguage": "en",
            "isPartOf": {
              "@id": "https://fixture.example/#website",
            },
            "lastReviewed": "2026-01-15",
            "mainEntity": [
              {
                "@type": "Question",
                "acceptedAnswer": {
                  "@type": "Answer",
                  "text": "<p>Often not. A clinician checks <strong>whether</strong> you can bear weight.</p>",
                },
                "name": "Do I need an X-ray?",
              },
            ],
            "medicalAudience": {
              "@type": "MedicalAudience",
              "audienceType": "Patient",
            },
            "name": "Sprained ankle",
            "publisher": {
              "@id": "https://fixture.example/#organization",
            },
            "reviewedBy": {
              "@id": "https://fixture.example/providers/ana-ruiz/#person",
            },
            "url": "https://fixture.example/conditions/sprained-ankle/",
          },
          {
            "@id": "https://fixture.example/conditions/sprained-ankle/#breadcrumb",
            "@type": "BreadcrumbList",
            "itemListElement": [
              {
                "@type": "ListItem",
                "item": "https://fixture.example/",
                "name": "Home",
                "position": 1,
              },
              {
                "@type": "ListItem",
                "item": "https://fixture.example/conditions/",
                "name": "Health topics",
                "position": 2,
              },
              {
                "@type": "ListItem",
                "item": "https://fixture.example/conditions/sprained-ankle/",
                "name": "Sprained ankle",
                "position": 3,
              },
            ],
          },
          {
            "@id": "https://fixture.example/conditions/sprained-ankle/#condition",
            "@type": "MedicalCondition",
            "alternateName": [
              "Ankle sprain",
            ],
            "description": "A stretched or torn ankle ligament.",
            "name": "Sprained ankle",
            "signOrSymptom": [
              {
                "@type": "MedicalSignOrSymptom",
                "name": "Pain",
              },
              {
                "@type": "MedicalSignOrSymptom",
                "name": "Swelling",
              },
            ],
          },
          {
            "@id": "https://fixture.example/providers/ana-ruiz/#person",
            "@type": [
              "Person",
              "IndividualPhysician",
            ],
            "honorificSuffix": "MD",
            "name": "Ana Ruiz",
            "url": "https://fixture.example/providers/ana-ruiz/",
          },
        ],
      }
    `);
  });

  it('provider: a ProfilePage whose main entity is the provider, with their clinics', () => {
    expect(graphAt('/providers/ana-ruiz/')).toMatchInlineSnapshot(`
      {
        "@context": "https://schema.org",
        "@graph": [
          {
            "@id": "https://fixture.example/providers/ana-ruiz/#webpage",
            "@type": "ProfilePage",
            "breadcrumb": {
              "@id": "https://fixture.example/providers/ana-ruiz/#breadcrumb",
            },
            "dateModified": "2026-05-04",
            "description": "Family physician at Harbor and Hill.",
            "inLanguage": "en",
            "isPartOf": {
              "@id": "https://fixture.example/#website",
            },
            "mainEntity": {
              "@id": "https://fixture.example/providers/ana-ruiz/#person",
            },
            "name": "Ana Ruiz, MD",
            "primaryImageOfPage": {
              "@type": "ImageObject",
              "contentUrl": "https://fixture.example/_astro/ana-ruiz.jpg",
              "url": "https://fixture.example/_astro/ana-ruiz.jpg",
            },
            "publisher": {
              "@id": "https://fixture.example/#organization",
            },
            "url": "https://fixture.example/providers/ana-ruiz/",
          },
          {
            "@id": "https://fixture.example/providers/ana-ruiz/#breadcrumb",
            "@type": "BreadcrumbList",
            "itemListElement": [
              {
                "@type": "ListItem",
                "item": "https://fixture.example/",
                "name": "Home",
                "position": 1,
              },
              {
                "@type": "ListItem",
                "item": "https://fixture.example/providers/",
                "name": "Providers",
                "position": 2,
              },
              {
                "@type": "ListItem",
                "item": "https://fixture.example/providers/ana-ruiz/",
                "name": "Ana Ruiz, MD",
                "position": 3,
              },
            ],
          },
          {
            "@id": "https://fixture.example/providers/ana-ruiz/#person",
            "@type": [
              "Person",
              "IndividualPhysician",
            ],
            "alumniOf": [
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
            "honorificSuffix": "MD",
            "identifier": {
              "@type": "PropertyValue",
              "propertyID": "NPI",
              "value": "1000000012",
            },
            "image": "https://fixture.example/_astro/ana-ruiz.jpg",
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
                "@id": "https://fixture.example/locations/harbor/#clinic",
              },
              {
                "@id": "https://fixture.example/locations/hill/#clinic",
              },
            ],
            "url": "https://fixture.example/providers/ana-ruiz/",
            "usNPI": "1000000012",
            "worksFor": [
              {
                "@id": "https://fixture.example/locations/harbor/#clinic",
              },
              {
                "@id": "https://fixture.example/locations/hill/#clinic",
              },
            ],
          },
          {
            "@id": "https://fixture.example/locations/harbor/#clinic",
            "@type": "MedicalClinic",
            "address": {
              "@type": "PostalAddress",
              "addressCountry": "US",
              "addressLocality": "Harbor City",
              "addressRegion": "OR",
              "postalCode": "97000",
              "streetAddress": "1 Harbor Way",
            },
            "name": "Fixture Harbor Clinic",
            "telephone": "+15555550101",
            "url": "https://fixture.example/locations/harbor/",
          },
          {
            "@id": "https://fixture.example/locations/hill/#clinic",
            "@type": "MedicalClinic",
            "address": {
              "@type": "PostalAddress",
              "addressCountry": "US",
              "addressLocality": "Harbor City",
              "addressRegion": "OR",
              "postalCode": "97001",
              "streetAddress": "9 Hill Road",
            },
            "name": "Fixture Hill Clinic",
            "telephone": "+15555550102",
            "url": "https://fixture.example/locations/hill/",
          },
        ],
      }
    `);
  });
});

describe('a provider without a headshot or a physician credential, who takes no new patients', () => {
  const personAt = (path: string, id: string) => graphAt(path)['@graph'].find((node) => node['@id'] === `https://fixture.example/providers/${id}/#person`);

  it('claims no image of them, says they take no new patients, and types them as no physician', () => {
    const graph = graphAt('/providers/dana-levi/');
    const page = graph['@graph'][0];
    const person = personAt('/providers/dana-levi/', 'dana-levi');
    expect(page).not.toHaveProperty('primaryImageOfPage');
    expect(person).toMatchObject({
      '@type': ['Person', 'MedicalOrganization'],
      name: 'דנה לוי',
      honorificSuffix: 'LICSW',
      isAcceptingNewPatients: false,
    });
    expect(person).not.toHaveProperty('image');
    expect(JSON.stringify(graph)).not.toMatch(/ImageObject|\.jpe?g/);
  });

  it('says so for a nurse practitioner too', () => {
    const person = personAt('/providers/ben-cole/', 'ben-cole');
    expect(person).toMatchObject({ '@type': ['Person', 'MedicalOrganization'], honorificSuffix: 'NP', isAcceptingNewPatients: false });
  });
});

describe('every graph of the good fixture', () => {
  it('holds the organization and the website, and one page node first', () => {
    for (const [path, graph] of graphs) {
      const ids = graph['@graph'].map((node) => node['@id']);
      expect(ids, path).toContain('https://fixture.example/#organization');
      expect(ids, path).toContain('https://fixture.example/#website');
      expect(String(graph['@graph'][0]?.['@type']), path).toMatch(/WebPage|ProfilePage/);
    }
  });

  it('gives each page node the @id of its canonical URL, except the 404 page', () => {
    for (const [path, graph] of graphs) {
      const expected = path === '/404.html' ? undefined : `https://fixture.example${path}#webpage`;
      expect(graph['@graph'][0]?.['@id'], path).toBe(expected);
    }
  });
});
