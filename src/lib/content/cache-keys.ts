import { createHash } from 'node:crypto';
import type { EntryRecord } from './integrity.ts';
import type { SitePage } from './pages.ts';

/** What a page's incremental-build key is made of, besides the page's own entries. */
export interface CacheKeyInputs {
  /**
   * What every page shows or is built with (the organization, the routing, the form's lists, the
   * footer, the build settings), as plain data: any change to it changes every key.
   */
  siteWide: unknown;
  /** A fingerprint of one entry: its data and its text, as read from its file. */
  fingerprint: (entry: EntryRecord<unknown>) => string;
  /** The entries an entry's text shows by id (`<LocationHours id="…" />`, `<ProviderCard id="…" />`). */
  embedded: (entry: EntryRecord<unknown>) => EntryRecord<unknown>[];
}

/**
 * The `cacheKey` of each page for Astro's incremental build, by path: the same key means the same
 * HTML. It covers what every page shows, the page's lastmod, every entry the page shows (and the
 * entries their text embeds) with their data and text, and `more`: what a route shows besides
 * (e.g. the holidays still ahead on the build's date). A key that covers too much only costs a
 * render; one that misses an input restores a stale page, so when in doubt an input goes in.
 */
export function buildCacheKeys(pages: readonly SitePage[], inputs: CacheKeyInputs): (path: string, more?: unknown) => string {
  const siteWide = hash(JSON.stringify(inputs.siteWide));
  const fingerprints = new Map<EntryRecord<unknown>, string>();
  const fingerprintOf = (entry: EntryRecord<unknown>): string => {
    let fingerprint = fingerprints.get(entry);
    if (fingerprint === undefined) {
      // Hashed once: a location × service page shows about twenty entries, each with its whole text.
      fingerprint = hash(inputs.fingerprint(entry));
      fingerprints.set(entry, fingerprint);
    }
    return fingerprint;
  };
  const byPath = new Map(pages.map((page) => [page.path, page]));
  return (path, more) => {
    const page = byPath.get(path);
    if (!page) throw new Error(`No content page at ${path}: its route and buildPageList() disagree.`);
    const shown = page.shows.flatMap((entry) => [entry, ...inputs.embedded(entry)]);
    return hash(
      JSON.stringify({
        siteWide,
        path,
        lastmod: page.lastmod === undefined ? null : { date: page.lastmod.date.toISOString(), source: page.lastmod.source },
        seo: page.seo ?? null,
        shown: shown.map(fingerprintOf),
        more: more ?? null,
      }),
    );
  };
}

/**
 * The ids an entry's MDX text names in a component's `id` attribute, which show another entry's
 * data on the page: `<LocationHours id="pearl-district" />` → `pearl-district`.
 */
export function findEmbeddedIds(body: string): string[] {
  const ids = new Set<string>();
  for (const match of body.matchAll(/<[A-Z][A-Za-z]*\b[^>]*?\bid=(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\})/g)) {
    const id = match[1] ?? match[2] ?? match[3];
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
