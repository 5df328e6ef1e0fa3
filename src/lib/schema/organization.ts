import type { MedicalOrganization } from 'schema-dts';
import type { Organization } from '../content/schemas.ts';
import { ids, pageUrls } from './ids.ts';
import { buildImage } from './image.ts';
import type { NodeOf } from './types.ts';

export type OrganizationFacts = Pick<Organization, 'name' | 'legalName' | 'description' | 'phone' | 'email' | 'socialProfiles' | 'serviceArea'>;

export interface OrganizationInput {
  siteUrl: string;
  organization: OrganizationFacts;
  /** Absolute URL of the logo file as the site serves it. */
  logoUrl: string;
}

export type OrganizationNode = NodeOf<MedicalOrganization, 'MedicalOrganization'>;

/** The organization that runs every location and publishes every page, at `<site>/#organization`. */
export function buildOrganization({ siteUrl, organization, logoUrl }: OrganizationInput): OrganizationNode {
  return {
    '@type': 'MedicalOrganization',
    '@id': ids.organization(siteUrl),
    name: organization.name,
    legalName: organization.legalName,
    description: organization.description,
    url: pageUrls.home(siteUrl),
    logo: buildImage(logoUrl),
    telephone: organization.phone,
    ...(organization.email !== undefined && { email: organization.email }),
    ...(organization.socialProfiles.length > 0 && { sameAs: organization.socialProfiles }),
    areaServed: organization.serviceArea,
  };
}
