/** What every page puts in its `<head>`; issue-by-issue this grows into the full SEO head. */
export interface HeadData {
  title: string;
  description: string;
  canonical: string;
  noindex: boolean;
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
  noindex?: boolean;
}

/** Builds the head of a page: "Title | Brand" (or the brand alone on the home page), absolute canonical. */
export function buildHead(input: HeadInput): HeadData {
  const title = input.title === input.brand ? input.brand : `${input.title} | ${input.brand}`;
  return {
    title,
    description: input.description,
    canonical: buildCanonical(input.siteUrl, input.path),
    noindex: input.noindex ?? false,
  };
}

/** The absolute URL of a path on the site, always with a trailing slash on directory paths. */
export function buildCanonical(siteUrl: string, path: string): string {
  const url = new URL(path, siteUrl);
  if (!url.pathname.endsWith('/') && !/\.[a-z0-9]+$/i.test(url.pathname)) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.href;
}
