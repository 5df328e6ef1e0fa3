import { basename } from 'node:path';
import type { SiteIndex } from '@/lib/content/relations.ts';
import { formatProviderName } from '@/lib/format.ts';
import { buildBreadcrumbs, paths, type Crumb } from '@/lib/paths.ts';
import {
  buildConditionGraph,
  buildHomeGraph,
  buildLocationGraph,
  buildLocationServiceGraph,
  buildPageGraph,
  buildProviderGraph,
  buildServiceGraph,
  type JsonLdGraph,
  type PageContext,
} from '@/lib/schema/graph.ts';
import { buildCanonical } from '@/lib/seo/head.ts';

/** The build date the graphs are made on; holidays before it are left out. */
export const TODAY = new Date('2026-06-01T00:00:00Z');
/** The lastmod every test page has. */
export const MODIFIED = new Date('2026-05-04T00:00:00Z');

interface PageOptions {
  siteUrl: string;
  /** Crumbs after Home; the last is the page. Empty on the home page. */
  trail: Crumb[];
  name: string;
  description: string;
  /** The page's own picture, as its content path; served from `/_astro/` in these tests. */
  image?: string | undefined;
  /** The 404 page has no canonical URL. */
  canonical?: boolean;
}

/** What the layout hands a page's graph builder, for a page of a content set read in a test. */
export function makePage(site: SiteIndex<string>, options: PageOptions): PageContext {
  const { siteUrl, trail, canonical = true } = options;
  const path = trail.at(-1)?.path ?? paths.home();
  return {
    siteUrl,
    canonical: canonical ? buildCanonical(siteUrl, path) : undefined,
    name: options.name,
    description: options.description,
    language: 'en',
    crumbs: buildBreadcrumbs(trail),
    dateModified: canonical ? MODIFIED : undefined,
    organization: site.organization.data,
    logoUrl: `${siteUrl}/_astro/${basename(site.organization.data.logo.src)}`,
    imageUrl: options.image === undefined ? undefined : `${siteUrl}/_astro/${basename(options.image)}`,
  };
}

/**
 * The graph of every page the routes in src/pages/ build, made the way each route makes it, by
 * page path.
 */
export function buildSiteGraphs(site: SiteIndex<string>, siteUrl: string): Map<string, JsonLdGraph> {
  const graphs = new Map<string, JsonLdGraph>();
  const add = (options: Omit<PageOptions, 'siteUrl'>, build: (page: PageContext) => JsonLdGraph) => {
    const page = makePage(site, { siteUrl, ...options });
    graphs.set(options.canonical === false ? '/404.html' : (options.trail.at(-1)?.path ?? '/'), build(page));
  };
  const org = site.organization.data;
  const simple = (name: string, path: string) => add({ trail: [{ name, path }], name, description: `${name} at ${org.name}.` }, (page) => buildPageGraph({ page }));

  add({ trail: [], name: org.name, description: org.description }, (page) => buildHomeGraph({ page }));
  simple('Locations', paths.locations());
  for (const location of site.locations) {
    const { data } = location;
    add(
      {
        trail: [
          { name: 'Locations', path: paths.locations() },
          { name: data.name, path: paths.location(location.id) },
        ],
        name: data.name,
        description: data.summary,
        image: data.photo.src,
      },
      (page) => buildLocationGraph({ page, location, services: site.servicesAt(location.id), today: TODAY }),
    );
  }
  for (const { location, service } of site.locationServicePairs) {
    const local = site.localService(location.id, service.id);
    add(
      {
        trail: [
          { name: 'Locations', path: paths.locations() },
          { name: location.data.name, path: paths.location(location.id) },
          { name: service.data.name, path: paths.locationService(location.id, service.id) },
        ],
        name: `${service.data.name} at ${location.data.name}`,
        description: local?.data.summary ?? service.data.summary,
        image: location.data.photo.src,
      },
      (page) => buildLocationServiceGraph({ page, location, service, faqs: local?.data.faqs ?? [], today: TODAY }),
    );
  }
  simple('Services', paths.services());
  for (const service of site.services) {
    add(
      {
        trail: [
          { name: 'Services', path: paths.services() },
          { name: service.data.name, path: paths.service(service.id) },
        ],
        name: service.data.name,
        description: service.data.summary,
      },
      (page) => buildServiceGraph({ page, service, locations: site.locationsOffering(service.id) }),
    );
  }
  simple('Health topics', paths.conditions());
  for (const condition of site.conditions) {
    add(
      {
        trail: [
          { name: 'Health topics', path: paths.conditions() },
          { name: condition.data.name, path: paths.condition(condition.id) },
        ],
        name: condition.data.name,
        description: condition.data.summary,
      },
      (page) =>
        buildConditionGraph({
          page,
          condition,
          services: site.servicesFor(condition.id),
          reviewer: site.provider(condition.data.review.reviewer),
        }),
    );
  }
  simple('Providers', paths.providers());
  for (const provider of site.providers) {
    const name = formatProviderName(provider.data);
    add(
      {
        trail: [
          { name: 'Providers', path: paths.providers() },
          { name, path: paths.provider(provider.id) },
        ],
        name,
        description: provider.data.summary,
        image: provider.data.headshot?.src,
      },
      (page) => buildProviderGraph({ page, provider, locations: provider.data.locations.map(site.location) }),
    );
  }
  simple('Privacy', paths.privacy());
  add({ trail: [{ name: 'Page not found' }], name: 'Page not found', description: 'No such page.', canonical: false }, (page) => buildPageGraph({ page }));
  return graphs;
}
