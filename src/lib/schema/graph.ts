import type { Faq } from '../content/schemas.ts';
import type { BreadcrumbListNode } from './breadcrumbs.ts';
import { buildClinic, buildClinicSummary, type ClinicInput, type ClinicNode } from './clinic.ts';
import { buildCondition, getTreatmentLink, type ConditionInput, type ConditionNode } from './condition.ts';
import { buildQuestions } from './faq.ts';
import { ids, ref } from './ids.ts';
import { buildOrganization, type OrganizationNode } from './organization.ts';
import { buildPerson, buildPersonSummary, type PersonInput, type PersonNode, type PersonSummaryInput } from './person.ts';
import { buildService, buildServiceSummary, type ServiceInput, type ServiceNode } from './service.ts';
import { buildPageBreadcrumbs, buildWebPage, type PageContext, type WebPageInput, type WebPageNode } from './web-page.ts';
import { buildWebSite, type WebSiteNode } from './website.ts';

export type { PageContext } from './web-page.ts';

/** Every node a Carepath graph holds. */
export type GraphNode = WebPageNode | BreadcrumbListNode | OrganizationNode | WebSiteNode | ClinicNode | ServiceNode | ConditionNode | PersonNode;

/** One page's structured data: one `@graph` in one `<script type="application/ld+json">`. */
export interface JsonLdGraph {
  '@context': 'https://schema.org';
  '@graph': GraphNode[];
}

type LocationRecord = ClinicInput['location'];
type ServiceRecord = ServiceInput['service'];

/**
 * The graph of every page: the page, its breadcrumbs, the nodes it is about, then the website
 * and the organization that publishes it, so that every `@id` the page refers to is in its graph.
 */
function assemble(webPage: WebPageInput, nodes: GraphNode[] = []): JsonLdGraph {
  const { page } = webPage;
  const breadcrumb = buildPageBreadcrumbs(page);
  return {
    '@context': 'https://schema.org',
    '@graph': [
      buildWebPage(webPage),
      ...(breadcrumb ? [breadcrumb] : []),
      ...nodes,
      buildWebSite({ siteUrl: page.siteUrl, name: page.organization.name, language: page.language }),
      buildOrganization({ siteUrl: page.siteUrl, organization: page.organization, logoUrl: page.logoUrl }),
    ],
  };
}

/** A page with no entity of its own (lists, privacy, 404): a WebPage in the website. */
export function buildPageGraph({ page }: { page: PageContext }): JsonLdGraph {
  return assemble({ page, type: 'WebPage' });
}

/** The home page: a WebPage about the organization. */
export function buildHomeGraph({ page }: { page: PageContext }): JsonLdGraph {
  return assemble({ page, type: 'WebPage', about: [ref(ids.organization(page.siteUrl))] });
}

export interface LocationGraphInput {
  page: PageContext;
  location: LocationRecord;
  /** The services offered there, in page order. */
  services: ServiceRecord[];
  /** Holidays before this day are past and left out, as on the page. */
  today: Date;
}

/** A location page: a MedicalWebPage about the clinic in full, with the services it offers. */
export function buildLocationGraph({ page, location, services, today }: LocationGraphInput): JsonLdGraph {
  const { siteUrl } = page;
  const clinic = buildClinic({ siteUrl, location, services, image: page.imageUrl, today });
  return assemble({ page, type: 'MedicalWebPage', about: [ref(ids.clinic(siteUrl, location.id))], showsImage: true }, [
    clinic,
    ...services.map((service) => buildServiceSummary({ siteUrl, service, offeredAt: [location] })),
  ]);
}

export interface ServiceGraphInput {
  page: PageContext;
  service: ServiceRecord;
  /** The locations that offer it. */
  locations: LocationRecord[];
}

/** A service page: a MedicalWebPage about the service, with the clinics that offer it. */
export function buildServiceGraph({ page, service, locations }: ServiceGraphInput): JsonLdGraph {
  const { siteUrl } = page;
  const node = buildService({ siteUrl, service, offeredAt: locations });
  return assemble({ page, type: 'MedicalWebPage', about: [ref(ids.service(siteUrl, service.id))] }, [
    node,
    ...locations.map((location) => buildClinicSummary({ siteUrl, location, services: [service] })),
  ]);
}

export interface LocationServiceGraphInput {
  page: PageContext;
  location: LocationRecord;
  service: ServiceRecord;
  /** The local questions and answers the page shows. */
  faqs: Faq[];
  /** The language of the local text, when it is not the site's. */
  lang?: string | undefined;
  today: Date;
}

/**
 * A location × service page: a MedicalWebPage about the service as offered at the clinic (and an
 * FAQPage when the page shows local questions).
 */
export function buildLocationServiceGraph({ page, location, service, faqs, lang, today }: LocationServiceGraphInput): JsonLdGraph {
  const { siteUrl } = page;
  const clinic = buildClinic({ siteUrl, location, services: [service], today });
  const node = buildServiceSummary({ siteUrl, service, offeredAt: [location] });
  return assemble(
    {
      page,
      type: 'MedicalWebPage',
      about: [ref(ids.service(siteUrl, service.id)), ref(ids.clinic(siteUrl, location.id))],
      questions: buildQuestions(faqs, { lang }),
    },
    [node, clinic],
  );
}

export interface ConditionGraphInput {
  page: PageContext;
  condition: ConditionInput['condition'] & { data: { faqs: Faq[]; review: { date: Date }; lang?: string | undefined } };
  /** The services for it, in page order. */
  services: ServiceRecord[];
  /** The provider who reviewed the page. */
  reviewer: PersonSummaryInput['provider'];
}

/**
 * A condition page: a MedicalWebPage and FAQPage about the condition, reviewed by a provider,
 * with its questions and answers and the therapies and tests for it.
 */
export function buildConditionGraph({ page, condition, services, reviewer }: ConditionGraphInput): JsonLdGraph {
  const { siteUrl } = page;
  const node = buildCondition({ siteUrl, condition, services });
  const person = buildPersonSummary({ siteUrl, provider: reviewer });
  const linked = services.filter((s) => getTreatmentLink(s.data.kind) !== undefined);
  return assemble(
    {
      page,
      type: 'MedicalWebPage',
      about: [ref(ids.condition(siteUrl, condition.id))],
      questions: buildQuestions(condition.data.faqs, { lang: condition.data.lang }),
      review: { date: condition.data.review.date, by: ref(ids.person(siteUrl, reviewer.id)) },
    },
    [node, ...linked.map((service) => buildServiceSummary({ siteUrl, service })), person],
  );
}

export interface ProviderGraphInput {
  page: PageContext;
  provider: PersonInput['provider'];
  /** The locations where they see patients. */
  locations: LocationRecord[];
}

/** A provider page: a ProfilePage whose main entity is the provider, with the clinics they work at. */
export function buildProviderGraph({ page, provider, locations }: ProviderGraphInput): JsonLdGraph {
  const { siteUrl } = page;
  const person = buildPerson({ siteUrl, provider, locations, image: page.imageUrl });
  return assemble({ page, type: 'ProfilePage', mainEntity: ref(ids.person(siteUrl, provider.id)), showsImage: true }, [
    person,
    ...locations.map((location) => buildClinicSummary({ siteUrl, location })),
  ]);
}
