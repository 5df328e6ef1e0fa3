import type { EntryRecord } from './integrity.ts';
import type { SiteIndex } from './relations.ts';
import type { Seo } from './schemas.ts';
import { getPageKind, type PageKind } from '../page-kinds.ts';
import { paths } from '../paths.ts';
import { buildDirectoryGroups, buildDirectoryPages, isDirectoryGrouped, type DirectoryGroups, type DirectoryPage } from '../directory-pages.ts';

/**
 * How many other locations a location × service page suggests, nearest first. Listing all of them
 * would make a long page on a phone and make every sibling page mostly the same list.
 */
export const NEARBY_LOCATIONS = 6;

/** How many locations every page's footer lists by name (a large network lists the rest on /locations/). */
export const FOOTER_LOCATIONS = 8;

/** How many other providers the page of a provider who takes no new patients suggests. */
export const PROVIDERS_INSTEAD = 6;

/** Where a page's last-modified date came from, for the report. */
export interface LastmodSource {
  /** Content file whose date is the page's lastmod, relative to the project root. */
  file: string;
  /** `updated` or `review.date` from frontmatter, or the file's last git commit. */
  field: 'updated' | 'review.date' | 'git';
}

/** The content file a writer edits for a page's title, description and text. */
export interface PageSource {
  /** Relative to the project root, e.g. `content/conditions/anxiety.mdx`. */
  file: string;
  /** The file does not exist yet: a location × service page gets its own title and text from a new file. */
  create?: true | undefined;
  /** The field that gives the page its title, e.g. `name` or `seo.title`; absent when the template writes it. */
  title?: string | undefined;
  /** The field that gives the page its meta description, e.g. `summary` or `seo.description`. */
  description?: string | undefined;
  /** The file's body is the page's own text. */
  text?: true | undefined;
}

/** When an entry last changed, and what says so. */
export interface EntryDate {
  date: Date;
  source: LastmodSource;
}

/** Reads an entry's date: frontmatter first, then the file's last commit. */
export type DateOf = (entry: EntryRecord<unknown>) => EntryDate | undefined;

/** One page the content makes, with the entries whose changes change it. */
export interface SitePage {
  path: string;
  kind: PageKind;
  /** Every entry the page shows; its lastmod is the latest change among them. */
  shows: EntryRecord<unknown>[];
  /** The writer's search settings for the page, from its main entry. */
  seo?: Seo | undefined;
  lastmod?: EntryDate | undefined;
  /**
   * The page shows a picture of its own (a location's photo, a provider's headshot): its share
   * image is that picture, and the image sitemap lists it. Other pages share the organization's image.
   */
  hasOwnImage: boolean;
  /** The content file a writer edits for the page's title, description and text, when it has one. */
  source?: PageSource | undefined;
}

/**
 * Every content page of the site, with what it shows. The routes in src/pages/ render these
 * same relations; a page listed here and not built (or built and not listed) fails the SEO audit.
 */
export function buildPageList<Img>(site: SiteIndex<Img>, dateOf: DateOf): SitePage[] {
  const page = (path: string, shows: EntryRecord<unknown>[], seo?: Seo, hasOwnImage = false, source?: PageSource): SitePage => ({
    path,
    kind: getPageKind(path),
    shows,
    seo,
    lastmod: latestDate(shows, dateOf),
    hasOwnImage,
    source,
  });
  const organizationFile = site.organization.filePath;
  return [
    page(paths.home(), [site.organization, ...site.locations, ...site.services], undefined, false, { file: organizationFile, title: 'name', description: 'description' }),
    page(paths.locations(), site.locations),
    ...site.locations.map((l) =>
      page(paths.location(l.id), [l, ...site.servicesAt(l.id), ...site.providersAt(l.id)], l.data.seo, true, buildEntrySource(l.filePath, l.data.seo)),
    ),
    ...site.locationServicePairs.map(({ location, service }) => {
      const local = site.localService(location.id, service.id);
      return page(
        paths.locationService(location.id, service.id),
        [
          location,
          service,
          ...(local ? [local] : []),
          ...site.providersFor(service.id, location.id),
          ...site.conditionsTreatedBy(service.id),
          ...site.nearbyLocationsOffering(service.id, location.id, NEARBY_LOCATIONS),
        ],
        local?.data.seo,
        true,
        local
          ? { ...buildEntrySource(local.filePath, local.data.seo), title: 'seo.title' }
          : { file: buildLocalServiceFile(location.filePath, location.id, service.id), create: true, title: 'seo.title', description: 'summary' },
      );
    }),
    page(paths.services(), site.services),
    ...site.services.map((s) =>
      page(
        paths.service(s.id),
        [s, ...site.locationsOffering(s.id), ...site.providersFor(s.id), ...site.conditionsTreatedBy(s.id)],
        s.data.seo,
        false,
        buildEntrySource(s.filePath, s.data.seo),
      ),
    ),
    page(paths.conditions(), site.conditions),
    ...site.conditions.map((c) =>
      page(
        paths.condition(c.id),
        [c, ...site.servicesFor(c.id), site.provider(c.data.review.reviewer)],
        c.data.seo,
        false,
        buildEntrySource(c.filePath, c.data.seo),
      ),
    ),
    page(paths.providers(), [...site.providers, ...site.locations, ...(isDirectoryGrouped(site.providers.length) ? site.services : [])], undefined, false, {
      file: organizationFile,
      description: 'providersDescription',
    }),
    ...getDirectoryPages(site).map((d) =>
      page(d.path, [d.group.by === 'location' ? site.location(d.group.id) : site.service(d.group.id), ...d.page.items.map(site.provider)]),
    ),
    ...site.providers.map((p) =>
      page(
        paths.provider(p.id),
        [
          p,
          ...p.data.locations.map(site.location),
          ...p.data.services.map(site.service),
          ...site.conditionsReviewedBy(p.id),
          ...(p.data.acceptingNewPatients ? [] : site.providersInsteadOf(p.id, PROVIDERS_INSTEAD)),
        ],
        p.data.seo,
        p.data.headshot !== undefined,
        buildEntrySource(p.filePath, p.data.seo),
      ),
    ),
    page(paths.privacy(), [site.organization]),
  ];
}

/** The grouped provider directory's groups (empty for an organization small enough for one page). */
export function getDirectoryGroups<Img>(site: SiteIndex<Img>): DirectoryGroups {
  if (!isDirectoryGrouped(site.providers.length)) return { byLocation: [], byService: [] };
  return buildDirectoryGroups({
    providers: site.providers.map((p) => ({ id: p.id, locations: p.data.locations, services: p.data.services })),
    locations: site.locations.map((l) => ({ id: l.id, name: l.data.name })),
    services: site.services.map((s) => ({ id: s.id, name: s.data.name })),
  });
}

/** Every page of the grouped provider directory: none for a small organization. */
export function getDirectoryPages<Img>(site: SiteIndex<Img>): DirectoryPage[] {
  return buildDirectoryPages(getDirectoryGroups(site));
}

/**
 * The source of an entry's own page: its title is its `name` (a location × service file has none:
 * callers say `seo.title`) and its description its `summary`, unless `seo` replaces them.
 */
export function buildEntrySource(file: string, seo: Seo | undefined): PageSource {
  return { file, title: seo?.title === undefined ? 'name' : 'seo.title', description: seo?.description === undefined ? 'summary' : 'seo.description', text: true };
}

/**
 * The file that would give a location × service page its own text, in location-services/ beside
 * the location's folder: `content/location-services/hill--family-medicine.mdx`.
 */
export function buildLocalServiceFile(locationFile: string, locationId: string, serviceId: string): string {
  const contentDir = locationFile.split('/').slice(0, -2).join('/');
  return `${contentDir === '' ? '' : `${contentDir}/`}location-services/${locationId}--${serviceId}.mdx`;
}

/** The latest date among entries; ties keep the first entry listed (the page's own entry). */
export function latestDate(entries: EntryRecord<unknown>[], dateOf: DateOf): EntryDate | undefined {
  let latest: EntryDate | undefined;
  for (const entry of entries) {
    const date = dateOf(entry);
    if (date && (!latest || date.date > latest.date)) latest = date;
  }
  return latest;
}

/**
 * An entry's date: `updated` when the writer set one, else the review date of a condition, else
 * the last commit of its file (from `gitDates`, keyed by file path).
 */
export function makeDateOf(gitDates: Map<string, Date>): DateOf {
  return (entry) => {
    const data = entry.data as { updated?: Date; review?: { date?: Date } };
    if (data.updated) return { date: data.updated, source: { file: entry.filePath, field: 'updated' } };
    if (data.review?.date) return { date: data.review.date, source: { file: entry.filePath, field: 'review.date' } };
    const committed = gitDates.get(entry.filePath);
    return committed ? { date: committed, source: { file: entry.filePath, field: 'git' } } : undefined;
  };
}
