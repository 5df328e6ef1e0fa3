import { paths } from '../paths.ts';
import { buildCanonical } from '../seo/head.ts';
import type { IdRef } from './types.ts';

/** The absolute URL of each kind of page a graph points at, from the site origin and an entry id. */
export const pageUrls = {
  home: (siteUrl: string) => buildCanonical(siteUrl, paths.home()),
  location: (siteUrl: string, id: string) => buildCanonical(siteUrl, paths.location(id)),
  service: (siteUrl: string, id: string) => buildCanonical(siteUrl, paths.service(id)),
  condition: (siteUrl: string, id: string) => buildCanonical(siteUrl, paths.condition(id)),
  provider: (siteUrl: string, id: string) => buildCanonical(siteUrl, paths.provider(id)),
};

/**
 * Stable `@id`s: `<canonical URL of the thing's own page>#<kind>`, so the same clinic, service or
 * person has the same `@id` on every page that mentions it; the organization and the website
 * belong to the home page.
 */
export const ids = {
  organization: (siteUrl: string) => `${pageUrls.home(siteUrl)}#organization`,
  website: (siteUrl: string) => `${pageUrls.home(siteUrl)}#website`,
  webPage: (canonical: string) => `${canonical}#webpage`,
  breadcrumb: (canonical: string) => `${canonical}#breadcrumb`,
  clinic: (siteUrl: string, locationId: string) => `${pageUrls.location(siteUrl, locationId)}#clinic`,
  service: (siteUrl: string, serviceId: string) => `${pageUrls.service(siteUrl, serviceId)}#service`,
  condition: (siteUrl: string, conditionId: string) => `${pageUrls.condition(siteUrl, conditionId)}#condition`,
  person: (siteUrl: string, providerId: string) => `${pageUrls.provider(siteUrl, providerId)}#person`,
};

/** A reference to the node with this `@id`. */
export function ref(id: string): IdRef {
  return { '@id': id };
}

/** "https://schema.org/PrimaryCare": how an enumeration member (a specialty, a weekday) is written. */
export function schemaOrgUrl<Member extends string>(member: Member): `https://schema.org/${Member}` {
  return `https://schema.org/${member}`;
}
