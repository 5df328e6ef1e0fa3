import type { Seo } from '../content/schemas.ts';

/** Everything a page puts in its `<head>` for search engines and link previews. */
export interface HeadData {
  title: string;
  description: string;
  /** Absolute canonical URL; absent on pages that stand for no URL of their own (404). */
  canonical?: string | undefined;
  /** The robots meta content. */
  robots: string;
  noindex: boolean;
  openGraph: {
    type: 'website' | 'profile';
    siteName: string;
    title: string;
    description: string;
    url?: string | undefined;
    image: string;
    imageAlt: string;
  };
  twitter: { card: 'summary_large_image'; title: string; description: string; image: string; imageAlt: string };
}

export interface HeadInput {
  /** Site origin, e.g. https://riverbend.example. */
  siteUrl: string;
  /** Path of the page, with its trailing slash. */
  path: string;
  /** The page's own title, without the brand. */
  title: string;
  description: string;
  brand: string;
  /** The writer's overrides from frontmatter `seo`. */
  seo?: Seo | undefined;
  /** The page's preview image, as a URL on the site or absolute, with its alt text. */
  image: { url: string; alt: string };
  /** `profile` for a person's page. */
  type?: 'website' | 'profile';
  /** The page is kept out of search results by its template (404, thank-you pages). */
  noindex?: boolean;
  /** Preview deployments keep every page out of search results. */
  preview?: boolean;
  /** Leave out the canonical link (the 404 page answers for many URLs). */
  canonical?: boolean;
}

/**
 * Builds the head of a page: the title from buildTitle unless the writer
 * gave `seo.title`, the description (or `seo.description`), an absolute canonical URL, robots,
 * and Open Graph and Twitter tags that share the title, description and image.
 */
export function buildHead(input: HeadInput): HeadData {
  const title = input.seo?.title ?? buildTitle(input.title, input.brand);
  const description = input.seo?.description ?? input.description;
  const canonical = input.canonical === false ? undefined : buildCanonical(input.siteUrl, input.path);
  const noindex = Boolean(input.noindex || input.seo?.noindex || input.preview);
  const image = new URL(input.image.url, input.siteUrl).href;
  return {
    title,
    description,
    canonical,
    robots: noindex ? 'noindex, follow' : 'index, follow, max-image-preview:large',
    noindex,
    openGraph: {
      type: input.type ?? 'website',
      siteName: input.brand,
      title,
      description,
      url: canonical,
      image,
      imageAlt: input.image.alt,
    },
    twitter: { card: 'summary_large_image', title, description, image, imageAlt: input.image.alt },
  };
}

/**
 * The picture a page is previewed with (og:image, twitter:image), and whether it is the page's
 * own: its own picture (a location's photo, a provider's headshot) when it has one, else the
 * organization's share image, as every page without one. Only a page's own picture goes into its
 * JSON-LD and the image sitemap: the share image is no photo of a provider who has none.
 */
export function pickPreviewImage<I>(input: { own?: I | undefined; share: I }): { image: I; own: boolean } {
  return input.own === undefined ? { image: input.share, own: false } : { image: input.own, own: true };
}

/** Search results show about this many characters of a title. */
export const TITLE_MAX = 60;
/** Search results show about this many characters of a description. */
export const DESCRIPTION_MAX = 160;
/** Shorter than this, a description says too little to be shown instead of a snippet. */
export const DESCRIPTION_MIN = 70;

/**
 * "Title | Brand", unless the title already names the brand (a location called "Riverbend
 * Health – Hawthorne") or the brand would push it past what search results show.
 */
export function buildTitle(title: string, brand: string): string {
  const branded = `${title} | ${brand}`;
  return title.includes(brand) || branded.length > TITLE_MAX ? title : branded;
}

/** The first candidate that fits in a search result's description, else the first cut at a word. */
export function fitDescription(candidates: string[], max = DESCRIPTION_MAX): string {
  const fitting = candidates.find((c) => c.length <= max);
  if (fitting !== undefined) return fitting;
  const first = candidates[0] ?? '';
  const cut = first.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[,;:.\s]+$/, '')}…`;
}

/** The absolute URL of a path on the site, always with a trailing slash on directory paths. */
export function buildCanonical(siteUrl: string, path: string): string {
  const url = new URL(path, siteUrl);
  if (!url.pathname.endsWith('/') && !/\.[a-z0-9]+$/i.test(url.pathname)) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.href;
}
