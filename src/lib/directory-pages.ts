import { fitDescription } from './seo/head.ts';
import { paginate, type ListPage } from './pagination.ts';
import { paths } from './paths.ts';

/**
 * The provider directory of a large organization. Up to DIRECTORY_SINGLE_PAGE_MAX providers,
 * /providers/ lists every one and narrows the list with CSS (buildDirectory). Above it, that page
 * would grow with the organization (449 KB of HTML at 600 providers), so /providers/ lists the
 * groups instead, by location and by service, each a plain link with its count, and each group
 * has pages of its own of at most DIRECTORY_PAGE_SIZE providers: narrowing is following a link.
 */
export const DIRECTORY_SINGLE_PAGE_MAX = 24;

/** The most providers one group page lists; a larger group has numbered pages. */
export const DIRECTORY_PAGE_SIZE = 24;

/** What a group gathers providers by: where they see patients, or the care they give. */
export type DirectoryGrouping = 'location' | 'service';

/** A provider as the groups need it. */
export interface GroupableProvider {
  id: string;
  locations: readonly string[];
  services: readonly string[];
}

export interface DirectoryGroup {
  by: DirectoryGrouping;
  /** The location's or service's id. */
  id: string;
  name: string;
  /** The group's provider ids, in the order they were given. */
  providers: string[];
  /**
   * Where the directory links for the group: its first page, or the one provider's own page when
   * the group has one provider (a page listing a single card would be a thin copy of it).
   */
  href: string;
}

export interface DirectoryGroups {
  byLocation: DirectoryGroup[];
  byService: DirectoryGroup[];
}

/** Whether an organization of this many providers gets the grouped directory. */
export function isDirectoryGrouped(providerCount: number): boolean {
  return providerCount > DIRECTORY_SINGLE_PAGE_MAX;
}

/**
 * The directory's groups: one per location and one per service that has a provider, in the order
 * the locations and services are given, each with its providers in the order they are given.
 */
export function buildDirectoryGroups(input: {
  providers: readonly GroupableProvider[];
  locations: readonly { id: string; name: string }[];
  services: readonly { id: string; name: string }[];
}): DirectoryGroups {
  const group = (by: DirectoryGrouping, entry: { id: string; name: string }, providers: string[]): DirectoryGroup => ({
    by,
    id: entry.id,
    name: entry.name,
    providers,
    href: providers.length === 1 ? paths.provider(providers[0] as string) : getDirectoryPath(by, entry.id),
  });
  const byLocation = input.locations
    .map((l) =>
      group(
        'location',
        l,
        input.providers.filter((p) => p.locations.includes(l.id)).map((p) => p.id),
      ),
    )
    .filter((g) => g.providers.length > 0);
  const byService = input.services
    .map((s) =>
      group(
        'service',
        s,
        input.providers.filter((p) => p.services.includes(s.id)).map((p) => p.id),
      ),
    )
    .filter((g) => g.providers.length > 0);
  return { byLocation, byService };
}

/** The path of a group's page: `/providers/at/<location>/`, `/providers/for/<service>/2/`. */
export function getDirectoryPath(by: DirectoryGrouping, id: string, page = 1): string {
  return by === 'location' ? paths.providersAt(id, page) : paths.providersFor(id, page);
}

/** One page of a group. */
export interface DirectoryPage {
  path: string;
  group: Pick<DirectoryGroup, 'by' | 'id' | 'name'>;
  /** The providers it lists (ids), and where they stand in the group. */
  page: ListPage<string>;
  /** The path of each page of the group, first page first. */
  pagePaths: string[];
}

/**
 * Every group page: DIRECTORY_PAGE_SIZE providers a page, for each group of two or more
 * providers (a group of one links to the provider's own page instead).
 */
export function buildDirectoryPages(groups: DirectoryGroups, size = DIRECTORY_PAGE_SIZE): DirectoryPage[] {
  return [...groups.byLocation, ...groups.byService]
    .filter((g) => g.providers.length > 1)
    .flatMap((g) => {
      const pages = paginate(g.providers, size);
      const pagePaths = pages.map((p) => getDirectoryPath(g.by, g.id, p.number));
      return pages.map((page, i) => ({ path: pagePaths[i] as string, group: { by: g.by, id: g.id, name: g.name }, page, pagePaths }));
    });
}

/** A group page's title (without the brand), heading and description. */
export function buildDirectoryPageText(input: { page: DirectoryPage; organization: string }): { title: string; h1: string; description: string } {
  const { page, organization } = input;
  const { name } = page.group;
  const { number, first, last, total } = page.page;
  const h1 = page.group.by === 'location' ? `Providers at ${name}` : `${name} providers`;
  // Titles are short (TITLE_MAX): "of 3" is in the description and on the page.
  const title = number === 1 ? h1 : `${h1}, page ${number}`;
  const who = page.group.by === 'location' ? `who see patients at ${name}` : `who offer ${name}`;
  const what = 'with their specialties, languages and whether they take new patients';
  const description = number === 1 ? `The ${total} ${organization} providers ${who}, ${what}.` : `Providers ${first} to ${last} of the ${total} at ${organization} ${who}, ${what}.`;
  return { title, h1, description: fitDescription([description]) };
}

/** A group's size as the directory writes it: "1 provider", "12 providers". */
export function formatCount(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'provider' : 'providers'}`;
}
