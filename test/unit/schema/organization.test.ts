import { describe, expect, it } from 'vitest';
import { buildOrganization } from '@/lib/schema/organization.ts';
import { buildWebSite } from '@/lib/schema/website.ts';

const organization = {
  name: 'Fixture Health',
  legalName: 'Fixture Health Partners, P.C.',
  description: 'Two clinics.',
  phone: '+15555550100',
  socialProfiles: ['https://social.example/fixture'],
  serviceArea: ['Harbor City', 'Hill Town'],
};

describe('buildOrganization', () => {
  it('states the organization with an absolute logo', () => {
    expect(buildOrganization({ siteUrl: 'https://fixture.example', organization, logoUrl: 'https://fixture.example/_astro/logo.svg' })).toMatchInlineSnapshot(`
        {
          "@id": "https://fixture.example/#organization",
          "@type": "MedicalOrganization",
          "areaServed": [
            "Harbor City",
            "Hill Town",
          ],
          "description": "Two clinics.",
          "legalName": "Fixture Health Partners, P.C.",
          "logo": {
            "@type": "ImageObject",
            "contentUrl": "https://fixture.example/_astro/logo.svg",
            "url": "https://fixture.example/_astro/logo.svg",
          },
          "name": "Fixture Health",
          "sameAs": [
            "https://social.example/fixture",
          ],
          "telephone": "+15555550100",
          "url": "https://fixture.example/",
        }
      `);
  });

  it('gives the email people may write to, when there is one', () => {
    const node = buildOrganization({ siteUrl: 'https://fixture.example', organization: { ...organization, email: 'hello@fixture.example' }, logoUrl: 'x' });
    expect(node).toMatchObject({ telephone: '+15555550100', email: 'hello@fixture.example' });
    expect(buildOrganization({ siteUrl: 'https://fixture.example', organization, logoUrl: 'x' })).not.toHaveProperty('email');
  });

  it('leaves out sameAs when there are no profiles', () => {
    const node = buildOrganization({ siteUrl: 'https://fixture.example', organization: { ...organization, socialProfiles: [] }, logoUrl: 'x' });
    expect(node).not.toHaveProperty('sameAs');
  });
});

describe('buildWebSite', () => {
  it('names the website and its publisher', () => {
    expect(buildWebSite({ siteUrl: 'https://fixture.example', name: 'Fixture Health', language: 'en' })).toMatchInlineSnapshot(`
      {
        "@id": "https://fixture.example/#website",
        "@type": "WebSite",
        "inLanguage": "en",
        "name": "Fixture Health",
        "publisher": {
          "@id": "https://fixture.example/#organization",
        },
        "url": "https://fixture.example/",
      }
    `);
  });
});
