import { formatList } from '../format.ts';
import { DESCRIPTION_MIN, fitDescription } from './head.ts';
import type { PageKind } from '../page-kinds.ts';

const NARROW_LIST = 'Narrow the list by location, specialty, language and new patients.';
const BROWSE = 'Find them by location or by service.';

/**
 * The provider directory's description when the writer gave none (`providersDescription` in the
 * organization file): how many providers the organization lists and their specialties as
 * written, the most common first, as many as fit in DESCRIPTION_MAX, and how to narrow the list
 * when there is room (`grouped`: the directory of a large organization, which lists groups to
 * follow instead). It says only what the content has, and is never shorter than DESCRIPTION_MIN.
 */
export function buildProvidersDescription(input: { organization: string; providers: readonly { specialty: string }[]; grouped?: boolean }): string {
  const { organization, providers } = input;
  const narrow = input.grouped ? BROWSE : NARROW_LIST;
  if (providers.length === 0) return fitDescription([`Find a provider at ${organization}. ${narrow}`]);
  const who = `${providers.length} ${providers.length === 1 ? 'provider' : 'providers'} at ${organization}`;
  const counts = new Map<string, number>();
  for (const { specialty } of providers) counts.set(specialty, (counts.get(specialty) ?? 0) + 1);
  const specialties = [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b)).map(([specialty]) => specialty);
  const all = `${who}: ${formatList(specialties)}.`;
  const some = specialties.slice(1).map((_, i) => `${who}: ${specialties.slice(0, specialties.length - 1 - i).join(', ')} and more.`);
  const candidates = [`${all} ${narrow}`, all, ...some].filter((c) => [...c].length >= DESCRIPTION_MIN);
  return fitDescription([...candidates, `${who}. ${narrow}`]);
}

const ENTRY_PAGES: ReadonlySet<PageKind> = new Set(['location', 'location-service', 'service', 'condition', 'provider']);

/** Pages of one content entry, whose description is its `summary` unless it gives `seo.description`. */
export function isEntryPage(kind: PageKind): boolean {
  return ENTRY_PAGES.has(kind);
}

/**
 * Where a page's meta description comes from, as the audit's fix names it: the entry's fields for
 * pages of an entry, the organization file for the home page and the provider directory, and for
 * the other pages their route in src/pages/, which a developer changes.
 */
export function describeDescriptionSource(kind: PageKind): string {
  if (isEntryPage(kind)) return '`summary` (or `seo.description`, which replaces it in search results)';
  switch (kind) {
    case 'home':
      return '`description` in the organization file (content/organization/)';
    case 'providers':
      return '`providersDescription` in the organization file (content/organization/)';
    case 'locations':
    case 'services':
    case 'conditions':
      return `the description in src/pages/${kind}/index.astro (a developer's change)`;
    case 'providers-at':
    case 'providers-for':
      return "buildDirectoryPageText in src/lib/directory-pages.ts (a developer's change)";
    case 'privacy':
      return "the description in src/pages/privacy.astro (a developer's change)";
    case 'request':
      return "the description in src/pages/request/index.astro (a developer's change)";
    case 'thank-you':
      return "the description in src/pages/thank-you/[type].astro (a developer's change)";
    case 'not-found':
      return "the description in src/pages/404.astro (a developer's change)";
    default:
      return "the description its route in src/pages/ gives PageLayout (a developer's change)";
  }
}
