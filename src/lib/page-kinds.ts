/**
 * The site's route table: every kind of page the build writes, its path, and the child sitemap it
 * is listed in. Builders (`paths` in paths.ts), the kind of a path (getPageKind), the sitemap of a
 * kind (getSitemapName) and the parts of a path (matchPage) all derive from PAGE_ROUTES, so a new
 * kind of page, or a changed URL, is one row here.
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

interface PageRoute {
  kind: Exclude<PageKind, 'other'>;
  /** The path, with `:name` for each part an entry's id fills in (directory style, trailing slash). */
  path: string;
  /** The child sitemap that lists its pages, when not `pages`. */
  sitemap?: SitemapName;
  /** Pages 2, 3 … of a numbered group follow at `<path><n>/` (see directory-pages.ts). */
  numbered?: boolean;
}

/** In match order: a more specific path comes before one it would also match (`/providers/at/x/` before `/providers/x/`). */
export const PAGE_ROUTES = [
  { kind: 'home', path: '/' },
  { kind: 'locations', path: '/locations/' },
  { kind: 'location', path: '/locations/:location/', sitemap: 'locations' },
  { kind: 'location-service', path: '/locations/:location/:service/', sitemap: 'location-services' },
  { kind: 'services', path: '/services/' },
  { kind: 'service', path: '/services/:service/', sitemap: 'services' },
  { kind: 'conditions', path: '/conditions/' },
  { kind: 'condition', path: '/conditions/:condition/', sitemap: 'conditions' },
  { kind: 'providers', path: '/providers/' },
  { kind: 'providers-at', path: '/providers/at/:location/', sitemap: 'providers', numbered: true },
  { kind: 'providers-for', path: '/providers/for/:service/', sitemap: 'providers', numbered: true },
  { kind: 'provider', path: '/providers/:provider/', sitemap: 'providers' },
  { kind: 'privacy', path: '/privacy/' },
  { kind: 'request', path: '/request/' },
  { kind: 'thank-you', path: '/thank-you/:leadType/' },
] as const satisfies readonly PageRoute[];

type RouteKind = (typeof PAGE_ROUTES)[number]['kind'];

/** Every kind of page: the routes' kinds, the not-found page and `other`. */
export function listPageKinds(): PageKind[] {
  return [...PAGE_ROUTES.map((route) => route.kind), 'not-found', 'other'];
}

/** A path's kind and the parts its route names (`{ location: 'hill', service: 'family-medicine' }`). */
export interface PageMatch {
  kind: PageKind;
  params: Record<string, string>;
  /** The page of a numbered group (1 for the group's own path). */
  page: number;
}

// Made on first use, not when the module loads: the browser's form script builds two paths and
// should not carry the matchers (nothing at the top level for the bundler to keep).
let matchers: { route: PageRoute; names: string[]; pattern: RegExp }[] | undefined;

const buildMatchers = () =>
  PAGE_ROUTES.map((route: PageRoute) => {
    const names: string[] = [];
    const source = route.path.replace(/:([a-zA-Z]+)/g, (_match, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    // Page 1 is the group's own path; later pages have no leading zero.
    const numbered = route.numbered ? '(?:([2-9]\\d*|1\\d+)\\/)?' : '';
    return { route, names, pattern: new RegExp(`^${source}${numbered}$`) };
  });

/** The kind of the page at `path`, and its parts; `other` for a path no route makes. */
export function matchPage(path: string): PageMatch {
  // Astro writes the not-found page as /404.html; links and the server name it /404 or /404/.
  if (/^\/404(?:\.html|\/)?$/.test(path)) return { kind: 'not-found', params: {}, page: 1 };
  matchers ??= buildMatchers();
  for (const { route, names, pattern } of matchers) {
    const found = pattern.exec(path);
    if (!found) continue;
    const params = Object.fromEntries(names.map((name, i) => [name, found[i + 1] as string]));
    const page = route.numbered && found[names.length + 1] !== undefined ? Number(found[names.length + 1]) : 1;
    return { kind: route.kind, params, page };
  }
  return { kind: 'other', params: {}, page: 1 };
}

export function getPageKind(path: string): PageKind {
  return matchPage(path).kind;
}

const findRoute = (kind: PageKind): PageRoute | undefined => (PAGE_ROUTES as readonly PageRoute[]).find((route) => route.kind === kind);

/** Which child sitemap lists pages of this kind; index pages and the rest go in `pages`. */
export function getSitemapName(kind: PageKind): SitemapName {
  return findRoute(kind)?.sitemap ?? 'pages';
}

/** The service a location × service page is about: the group whose pages it is compared with. */
export function getServiceGroup(path: string): string | undefined {
  const match = matchPage(path);
  return match.kind === 'location-service' ? match.params['service'] : undefined;
}

/**
 * The path of a page of `kind`, its `:name` parts filled in order from `ids`; `page` > 1 for the
 * later pages of a numbered group.
 */
export function buildPagePath(kind: RouteKind, ids: readonly string[] = [], page = 1): string {
  const route = findRoute(kind) as PageRoute;
  let next = 0;
  const path = route.path.replace(/:([a-zA-Z]+)/g, (_match, name: string) => {
    const id = ids[next++];
    if (id === undefined) throw new Error(`The path of a ${kind} page needs its ${name}.`);
    return id;
  });
  if (next !== ids.length) throw new Error(`The path of a ${kind} page takes ${next} part${next === 1 ? '' : 's'}, not ${ids.length}.`);
  return route.numbered && page > 1 ? `${path}${page}/` : path;
}
