import { ORIGIN } from './environment.ts';

/** The kinds of page the site builds, recognised by the shape of their path. */
export const PAGE_KINDS = [
  { kind: 'home', pattern: /^\/$/ },
  { kind: 'locations index', pattern: /^\/locations\/$/ },
  { kind: 'location', pattern: /^\/locations\/[^/]+\/$/ },
  { kind: 'location × service', pattern: /^\/locations\/[^/]+\/[^/]+\/$/ },
  { kind: 'services index', pattern: /^\/services\/$/ },
  { kind: 'service', pattern: /^\/services\/[^/]+\/$/ },
  { kind: 'conditions index', pattern: /^\/conditions\/$/ },
  { kind: 'condition', pattern: /^\/conditions\/[^/]+\/$/ },
  { kind: 'providers index', pattern: /^\/providers\/$/ },
  { kind: 'provider', pattern: /^\/providers\/[^/]+\/$/ },
  { kind: 'privacy', pattern: /^\/privacy\/$/ },
] as const;

export type PageKind = (typeof PAGE_KINDS)[number]['kind'];

export interface SitemapPage {
  /** The URL as the sitemap publishes it, on the site's public origin. */
  loc: string;
  /** Path and query, to request from the test server. */
  path: string;
  kind: PageKind | 'unknown';
}

/** The `<loc>` values of a sitemap or sitemap index. */
export function parseLocs(xml: string): string[] {
  return [...xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
}

export function getPageKind(path: string): PageKind | 'unknown' {
  return PAGE_KINDS.find(({ pattern }) => pattern.test(path))?.kind ?? 'unknown';
}

/**
 * Every page listed by the sitemap index the test server serves. The sitemaps name the public
 * origin, so each child sitemap is fetched from the test server instead.
 */
export async function fetchSitemap(): Promise<SitemapPage[]> {
  const index = await fetchText('/sitemap-index.xml');
  const pages: SitemapPage[] = [];
  for (const sitemapUrl of parseLocs(index)) {
    for (const loc of parseLocs(await fetchText(toLocalPath(sitemapUrl)))) {
      const path = toLocalPath(loc);
      pages.push({ loc, path, kind: getPageKind(new URL(path, ORIGIN).pathname) });
    }
  }
  return pages;
}

function toLocalPath(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}

async function fetchText(path: string): Promise<string> {
  const response = await fetch(new URL(path, ORIGIN));
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}.`);
  return response.text();
}
