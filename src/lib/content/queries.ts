import { getCollection, render, type CollectionEntry, type CollectionKey } from 'astro:content';
import { getImage } from 'astro:assets';
import type { ImageMetadata } from 'astro';
import { AstroError } from 'astro/errors';
import { checkIntegrity, formatIssues, type EntryRecord } from './integrity.ts';
import { buildSiteIndex, type SiteIndex, type TypedSnapshot } from './relations.ts';
import { buildLeadSite, type LeadSite } from './lead-site.ts';
import { buildPageList, makeDateOf, FOOTER_LOCATIONS, type SitePage } from './pages.ts';
import { buildCacheKeys, findEmbeddedIds } from './cache-keys.ts';
import type { Location } from './schemas.ts';
import { getUpcomingHolidays } from '../format.ts';
import { readGitDates } from '../../build/git-dates.ts';
import { readSettings } from '../../settings.ts';
import { readBuildTime } from '../../build/build-time.ts';

/**
 * The one module that reads astro:content. Every page asks `getSite()`, which loads each
 * collection once per build, runs the integrity check and fails the build on any error.
 */
export type Site = SiteIndex<ImageMetadata> & {
  /** Every content page, with what it shows and when that last changed (read on first use). */
  readonly pages: SitePage[];
  /** The page at a path (with its trailing slash), if the content makes one. */
  pageAt(path: string): SitePage | undefined;
  /** A preview build (DEPLOY_ENV=preview): every page noindex. */
  preview: boolean;
  /** The build's clock (SOURCE_DATE_EPOCH when set, for builds that must be reproducible). */
  now: Date;
  /**
   * The page's `cacheKey` for Astro's incremental build (buildCacheKeys): `more` is what the
   * route shows besides its entries and what every page shows.
   */
  cacheKeyOf(path: string, more?: unknown): string;
};

let site: Promise<Site> | undefined;

export function getSite(): Promise<Site> {
  site ??= loadSite();
  return site;
}

type AnyEntry = CollectionEntry<CollectionKey>;
const originals = new WeakMap<EntryRecord<unknown>, AnyEntry>();
/** The same entries by file: a page rendered on another thread gets a copy of its props' entries. */
const originalsByFile = new Map<string, AnyEntry>();

const record = <E extends AnyEntry>(entry: E): EntryRecord<E['data']> => {
  const rec = { id: entry.id, filePath: entry.filePath ?? `(no file for ${entry.id})`, data: entry.data };
  originals.set(rec, entry);
  originalsByFile.set(rec.filePath, entry);
  return rec;
};

/**
 * Renders the MDX body of an entry that `getSite()` returned, or of a copy of one: with parallel
 * prerendering, a page's props (from getStaticPaths on another worker thread) arrive serialized.
 */
export async function renderBody(entry: EntryRecord<unknown>): ReturnType<typeof render> {
  // On a thread that has not loaded the site yet, loading it fills originalsByFile (once: getSite is cached).
  await getSite();
  const original = originals.get(entry) ?? originalsByFile.get(entry.filePath);
  if (!original) throw new Error(`No content entry behind "${entry.id}" (${entry.filePath}); pass an entry from getSite().`);
  return render(original);
}

async function loadSite(): Promise<Site> {
  const [organization, locations, services, conditions, providers, locationServices, routing] = await Promise.all([
    getCollection('organization'),
    getCollection('locations'),
    getCollection('services'),
    getCollection('conditions'),
    getCollection('providers'),
    getCollection('locationServices'),
    getCollection('routing'),
  ]);
  const snapshot: TypedSnapshot<ImageMetadata> = {
    organization: organization.map(record),
    locations: locations.map(record),
    services: services.map(record),
    conditions: conditions.map(record),
    providers: providers.map(record),
    locationServices: locationServices.map(record),
    routing: routing.map(record),
  };
  const issues = checkIntegrity(snapshot);
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  if (warnings.length > 0) console.warn(`Content warnings:\n\n${formatIssues(warnings)}\n`);
  if (errors.length > 0) {
    throw new AstroError(
      `The content has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n\n${formatIssues(errors)}\n`,
      'Fix each field named above, then build again. The README lists every field of each collection.',
    );
  }
  const index = buildSiteIndex(snapshot);
  const settings = readSettings(process.env);
  // The page list reads the content's git history: only the build needs it, not the lead
  // endpoint's error page, which shows the layout without a page of its own.
  let pages: { list: SitePage[]; byPath: Map<string, SitePage> } | undefined;
  const getPages = () => {
    if (!pages) {
      const list = buildPageList(index, makeDateOf(readGitDates({ root: process.cwd(), dir: settings.contentDir })));
      pages = { list, byPath: new Map(list.map((page) => [page.path, page])) };
    }
    return pages;
  };
  let cacheKeyOf: Site['cacheKeyOf'] | undefined;
  return {
    ...index,
    get pages() {
      return getPages().list;
    },
    pageAt: (path) => getPages().byPath.get(path),
    preview: settings.deployEnv === 'preview',
    now: buildTime,
    cacheKeyOf(path, more) {
      cacheKeyOf ??= buildCacheKeys(getPages().list, {
        siteWide: readSiteWideInputs(index, snapshot, settings),
        fingerprint: fingerprintEntry,
        embedded: findEmbeddedEntries(index),
      });
      return cacheKeyOf(path, more);
    },
  };
}

/**
 * What every page shows or is built with: the organization, the routing, every location's and
 * service's name, place and offer (the request form's lists, the footer), the footer's locations
 * whole, the settings.
 */
function readSiteWideInputs(index: SiteIndex<ImageMetadata>, snapshot: TypedSnapshot<ImageMetadata>, settings: ReturnType<typeof readSettings>): unknown {
  const [routing] = snapshot.routing;
  const lead = routing ? buildLeadSite({ organization: index.organization.data, locations: index.locations, services: index.services, routing: routing.data }) : undefined;
  return {
    settings,
    organization: fingerprintEntry(index.organization),
    routing: snapshot.routing.map(fingerprintEntry),
    timeZone: index.timeZone,
    form: lead ? { locations: lead.locations, services: lead.services } : null,
    footer: { count: index.locations.length, locations: index.locations.slice(0, FOOTER_LOCATIONS).map(fingerprintEntry) },
  };
}

/** An entry's data and MDX text, as the content layer read them from its file. */
function fingerprintEntry(entry: EntryRecord<unknown>): string {
  const original = originals.get(entry);
  const { holidayHours } = entry.data as { holidayHours?: Location<unknown>['holidayHours'] };
  return JSON.stringify({
    // Which holidays are still ahead depends on the build's date (LocationHours, the clinic's JSON-LD).
    upcoming: holidayHours === undefined ? null : getUpcomingHolidays(holidayHours, buildTime),
    collection: original?.collection ?? null,
    id: entry.id,
    filePath: entry.filePath,
    digest: (original as { digest?: unknown } | undefined)?.digest ?? null,
    body: (original as { body?: unknown } | undefined)?.body ?? null,
    data: entry.data,
  });
}

/** The locations and providers an entry's text shows by id (findEmbeddedIds). */
function findEmbeddedEntries(index: SiteIndex<ImageMetadata>): (entry: EntryRecord<unknown>) => EntryRecord<unknown>[] {
  const byId = new Map<string, EntryRecord<unknown>[]>();
  for (const entry of [...index.locations, ...index.providers]) byId.set(entry.id, [...(byId.get(entry.id) ?? []), entry]);
  return (entry) => {
    const body = (originals.get(entry) as { body?: unknown } | undefined)?.body;
    return typeof body === 'string' ? findEmbeddedIds(body).flatMap((id) => byId.get(id) ?? []) : [];
  };
}

const buildTime = readBuildTime(process.env);

const images = new Map<string, ReturnType<typeof getImage>>();

/**
 * getImage for the images every page shows (the logo, the link-preview picture), once per image
 * and size in a build instead of once per page. The dev server, where an image may change between
 * requests, asks every time.
 */
export function getPageImage(options: { src: ImageMetadata; width?: number; format?: 'jpeg' }): ReturnType<typeof getImage> {
  if (!import.meta.env.PROD) return getImage(options);
  const key = JSON.stringify([options.src.src, options.width, options.format]);
  let image = images.get(key);
  if (!image) {
    image = getImage(options);
    images.set(key, image);
  }
  return image;
}

export type OrganizationEntry = Site['organization'];
export type LocationEntry = Site['locations'][number];
export type ServiceEntry = Site['services'][number];
export type ConditionEntry = Site['conditions'][number];
export type ProviderEntry = Site['providers'][number];

let leadSite: Promise<LeadSite> | undefined;

/**
 * Locations, services, routing, the organization's time zone and the delivery settings for the
 * lead form, the lead endpoint and the build's delivery-settings.json. Unlike `getSite()` it runs no
 * integrity check and reads no git history, so the on-demand endpoint stays cheap; the build has
 * already checked the same content.
 */
export function getLeadSite(): Promise<LeadSite> {
  leadSite ??= (async () => {
    const [organizations, locations, services, routing] = await Promise.all([
      getCollection('organization'),
      getCollection('locations'),
      getCollection('services'),
      getCollection('routing'),
    ]);
    const [organization] = organizations;
    const [rules] = routing;
    if (!organization || !rules) throw new Error('The content has no organization or routing entry; the build should have failed.');
    return buildLeadSite({ organization: organization.data, locations, services, routing: rules.data });
  })();
  return leadSite;
}
