/**
 * Every kind of page the site builds, recognised from its path alone, and the child sitemap each
 * kind is listed in. Routes in src/pages/ and `paths` in src/lib/paths.ts make these shapes.
 */
export type PageKind =
  | 'home'
  | 'locations'
  | 'location'
  | 'location-service'
  | 'services'
  | 'service'
  | 'conditions'
  | 'condition'
  | 'providers'
  | 'providers-at'
  | 'providers-for'
  | 'provider'
  | 'privacy'
  | 'request'
  | 'thank-you'
  | 'not-found'
  | 'other';

/** The child sitemaps of the sitemap index, one per kind of page. */
export type SitemapName = 'locations' | 'services' | 'location-services' | 'conditions' | 'providers' | 'pages';

const PATTERNS: [RegExp, PageKind][] = [
  [/^\/$/, 'home'],
  [/^\/locations\/$/, 'locations'],
  [/^\/locations\/[^/]+\/$/, 'location'],
  [/^\/locations\/[^/]+\/[^/]+\/$/, 'location-service'],
  [/^\/services\/$/, 'services'],
  [/^\/services\/[^/]+\/$/, 'service'],
  [/^\/conditions\/$/, 'conditions'],
  [/^\/conditions\/[^/]+\/$/, 'condition'],
  [/^\/providers\/$/, 'providers'],
  // The grouped directory's pages (paths.providersAt, paths.providersFor), numbered after the first.
  [/^\/providers\/at\/[^/]+\/(?:[2-9]\d*\/|1\d+\/)?$/, 'providers-at'],
  [/^\/providers\/for\/[^/]+\/(?:[2-9]\d*\/|1\d+\/)?$/, 'providers-for'],
  [/^\/providers\/[^/]+\/$/, 'provider'],
  [/^\/privacy\/$/, 'privacy'],
  [/^\/request\/$/, 'request'],
  [/^\/thank-you\/[^/]+\/$/, 'thank-you'],
  [/^\/404(?:\.html|\/)?$/, 'not-found'],
];

export function getPageKind(path: string): PageKind {
  return PATTERNS.find(([pattern]) => pattern.test(path))?.[1] ?? 'other';
}

const SITEMAPS: Partial<Record<PageKind, SitemapName>> = {
  location: 'locations',
  service: 'services',
  'location-service': 'location-services',
  condition: 'conditions',
  provider: 'providers',
  'providers-at': 'providers',
  'providers-for': 'providers',
};

/** Which child sitemap lists pages of this kind; index pages and the rest go in `pages`. */
export function getSitemapName(kind: PageKind): SitemapName {
  return SITEMAPS[kind] ?? 'pages';
}
