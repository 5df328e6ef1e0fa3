import type { MedicalAudience, MedicalWebPage, Question } from 'schema-dts';
import type { Crumb } from '../paths.ts';
import { buildCanonical } from '../seo/head.ts';
import { buildBreadcrumbList, type BreadcrumbListNode } from './breadcrumbs.ts';
import { formatIsoDate } from '../dates.ts';
import { ids, ref } from './ids.ts';
import { buildImage } from './image.ts';
import type { OrganizationFacts } from './organization.ts';
import type { IdRef, NodeOf } from './types.ts';

/** What every page knows about itself, handed by the layout to the page's graph builder. */
export interface PageContext {
  /** Site origin, e.g. https://riverbend.example. */
  siteUrl: string;
  /** Absolute canonical URL; absent on the 404 page, which answers for many URLs. */
  canonical?: string | undefined;
  /** The page's `<title>`. */
  name: string;
  /** The page's meta description. */
  description: string;
  /** BCP 47 language, as in `<html lang>`. */
  language: string;
  /** The visible breadcrumb trail, Home first; paths are site paths. */
  crumbs: Crumb[];
  /** When the page's content last changed (the sitemap's lastmod), when known. */
  dateModified?: Date | undefined;
  organization: OrganizationFacts;
  /** Absolute URL of the organization's logo. */
  logoUrl: string;
  /** Absolute URL of the page's own picture (a location's photo, a provider's headshot), if it has one. */
  imageUrl?: string | undefined;
}

/**
 * `MedicalWebPage` for pages about a clinic, a service, a condition or a provider's care;
 * `ProfilePage` for a provider's page; `WebPage` otherwise.
 */
export type WebPageType = 'WebPage' | 'MedicalWebPage' | 'ProfilePage';

export interface WebPageInput {
  page: PageContext;
  type: WebPageType;
  /** What the page is about: a clinic, a service, a condition. */
  about?: IdRef[];
  /** The one thing the page is (a provider's profile). Not with `questions`. */
  mainEntity?: IdRef;
  /** Questions and answers the page shows; the page is then also an FAQPage. */
  questions?: QuestionNode[];
  /** Put the page's own picture (`page.imageUrl`) forward as its primary image: only where the page shows it. */
  showsImage?: boolean;
  /** The medical review of the page. */
  review?: { date: Date; by: IdRef };
}

type QuestionNode = NodeOf<Question, 'Question'>;
type MedicalWebPageNode = NodeOf<MedicalWebPage, 'MedicalWebPage'>;

/**
 * A page node. MedicalWebPage carries every property of WebPage and ProfilePage; the vocabulary
 * test checks that each property emitted is allowed on the type actually named.
 */
export type WebPageNode = Omit<MedicalWebPageNode, '@type'> & {
  '@type': WebPageType | readonly [WebPageType, 'FAQPage'];
};

const PATIENTS: NodeOf<MedicalAudience, 'MedicalAudience'> = { '@type': 'MedicalAudience', audienceType: 'Patient' };

/**
 * The page itself, at `<canonical>#webpage`: part of the website, published by the organization,
 * with its breadcrumb trail, language and last change. The 404 page has no URL of its own, so
 * its node has no `@id`, `url` or breadcrumb.
 */
export function buildWebPage(input: WebPageInput): WebPageNode {
  const { page, type, about = [], mainEntity, questions = [], showsImage = false, review } = input;
  if (mainEntity && questions.length > 0) throw new Error('A page node has either a mainEntity or questions, not both.');
  const { canonical, siteUrl } = page;
  const breadcrumb = buildPageBreadcrumbs(page)?.['@id'];
  return {
    '@type': questions.length > 0 ? [type, 'FAQPage'] : type,
    ...(canonical !== undefined && { '@id': ids.webPage(canonical), url: canonical }),
    name: page.name,
    description: page.description,
    inLanguage: page.language,
    isPartOf: ref(ids.website(siteUrl)),
    publisher: ref(ids.organization(siteUrl)),
    ...(breadcrumb !== undefined && { breadcrumb: ref(breadcrumb) }),
    ...(page.dateModified && { dateModified: formatIsoDate(page.dateModified) }),
    ...(showsImage && page.imageUrl !== undefined && { primaryImageOfPage: buildImage(page.imageUrl) }),
    ...(about.length > 0 && { about }),
    ...(mainEntity && { mainEntity }),
    ...(questions.length > 0 && { mainEntity: questions }),
    ...(review && { lastReviewed: formatIsoDate(review.date), reviewedBy: review.by }),
    ...(type === 'MedicalWebPage' && { medicalAudience: PATIENTS }),
  };
}

/** The page's BreadcrumbList, at `<canonical>#breadcrumb`; none on the home page or the 404 page. */
export function buildPageBreadcrumbs(page: PageContext): BreadcrumbListNode | undefined {
  if (page.canonical === undefined) return undefined;
  return buildBreadcrumbList({
    id: ids.breadcrumb(page.canonical),
    crumbs: page.crumbs.map((crumb) => ({
      name: crumb.name,
      url: crumb.path === undefined ? undefined : buildCanonical(page.siteUrl, crumb.path),
    })),
  });
}
