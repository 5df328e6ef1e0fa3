import type { PageKind } from '../lib/page-kinds.ts';

/** What the post-build SEO step reads out of one emitted HTML page (see facts.ts). */
export interface PageFacts {
  /** Site path with trailing slash, e.g. `/locations/hawthorne/`; the 404 page is `/404.html`. */
  path: string;
  kind: PageKind;
  /** `<title>` text, or undefined when there is none. */
  title?: string | undefined;
  /** How many `<title>` elements the page has. */
  titleCount: number;
  description?: string | undefined;
  descriptionCount: number;
  /** href of `<link rel="canonical">`, as written. */
  canonical?: string | undefined;
  canonicalCount: number;
  /** True when a robots meta says noindex. */
  noindex: boolean;
  lang?: string | undefined;
  /** og:image and twitter:image, as written. */
  ogImage?: string | undefined;
  h1Count: number;
  h1Text?: string | undefined;
  images: { src: string; alt: string | null }[];
  /** Every `<a href>` on the page, as written. */
  links: string[];
  /** Every element id on the page, for fragment checks. */
  ids: string[];
  /** The content of each `<script type="application/ld+json">`, as written. */
  jsonLd: string[];
  /** Visible text of the whole body: tags, scripts and styles removed, whitespace collapsed. */
  visibleText: string;
  /**
   * The page's own text for similarity: `<main>` without elements marked `data-seo-ignore`
   * (breadcrumbs, call buttons, the request section), whitespace collapsed.
   */
  mainText: string;
}

/**
 * What the steps across pages keep of each page once its own checks have run: its head and ids,
 * without its text, links or images, so that a large site's facts fit in memory.
 */
export type PageOutline = Pick<PageFacts, 'path' | 'kind' | 'title' | 'description' | 'canonical' | 'canonicalCount' | 'noindex' | 'ogImage' | 'ids'>;

export type FindingSeverity = 'error' | 'warning';

/**
 * The part of a page a finding is about, when a writer may have written it: its title, its meta
 * description, or its text (a heading, a link, an image). Findings without one are about what the
 * templates write.
 */
export type FindingSubject = 'title' | 'description' | 'text' | 'image-alt';

/** One audit finding, as SEO staff and the build log read it. */
export interface Finding {
  severity: FindingSeverity;
  /** Site path of the page, or `(site)` for findings about the whole build. */
  path: string;
  /** Stable rule id, e.g. `title-missing`, `jsonld-unknown-property`. */
  rule: string;
  message: string;
  fix: string;
  subject?: FindingSubject | undefined;
  /** The content file to edit, relative to the project root (see locateFindings). */
  file?: string | undefined;
  /** The field of that file to edit, as a writer names it: `name`, `seo.title`, `summary`, `the page text`. */
  field?: string | undefined;
}
