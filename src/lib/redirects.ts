/**
 * Redirects from the addresses of pages that are gone: the writers' file (content/redirects.yaml,
 * `/old/path/: /new/path/`, one a line) and the ones the build adds to it when a page it published
 * last time is gone. Planning, validating and resolving them is pure; the build
 * (src/integrations/carepath-redirects.ts) reads and writes the files, and the server answers each
 * old path with a 301 (src/server/http/front-door.ts, from the list in ./server-redirects.ts).
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { findNearest } from './nearest.ts';
import { paths } from './paths.ts';

/** The writers' file, in CONTENT_DIR. */
export const REDIRECTS_FILE = 'redirects.yaml';

/** The collections whose entries have a page of their own, and so a name and an address. */
export const PAGE_COLLECTIONS = ['locations', 'services', 'conditions', 'providers'] as const;
export type PageCollection = (typeof PAGE_COLLECTIONS)[number];

/** One entry with a page, as the build published it: enough to tell later that it was renamed or removed. */
export interface PublishedEntry {
  collection: PageCollection;
  id: string;
  /** Its `name` field, as pages show it. */
  name: string;
  /** The source file, relative to the project root. */
  file: string;
}

/** What one build published, kept outside dist/ for the next build to compare with. */
export interface PublishedSite {
  /** Every page path the build wrote, e.g. `/locations/hill/`. */
  pages: string[];
  entries: PublishedEntry[];
}

/** One line of the redirects file, or one the build plans to add to it. */
export interface Redirect {
  from: string;
  to: string;
  /** Its line in the file, counted from 1; absent for one not written yet. */
  line?: number | undefined;
}

/** A redirect the build adds, and why, for the comment above it and the build's warning. */
export interface PlannedRedirect extends Redirect {
  reason: 'renamed' | 'removed';
}

/** A problem in the redirects file, said so a writer can find the line and fix it. */
export interface RedirectIssue {
  file: string;
  /** Counted from 1; absent for a problem of the whole file. */
  line?: number | undefined;
  message: string;
  fix: string;
}

const ONE_KIND: Record<PageCollection, string> = { locations: 'location', services: 'service', conditions: 'condition', providers: 'provider' };
const PAGE_OF: Record<PageCollection, (id: string) => string> = {
  locations: paths.location,
  services: paths.service,
  conditions: paths.condition,
  providers: paths.provider,
};
const INDEX_OF: Record<PageCollection, () => string> = {
  locations: paths.locations,
  services: paths.services,
  conditions: paths.conditions,
  providers: paths.providers,
};

/**
 * Where each entry published last time and gone now went: to the entry of the same kind that is
 * new in this build and has the same name, or else whose id is the nearest to the old one (a
 * rename); absent when it was removed.
 */
export function findRenames(previous: readonly PublishedEntry[], current: readonly PublishedEntry[]): Map<string, PublishedEntry | undefined> {
  const key = (e: Pick<PublishedEntry, 'collection' | 'id'>) => `${e.collection}/${e.id}`;
  const before = new Set(previous.map(key));
  const now = new Set(current.map(key));
  const renames = new Map<string, PublishedEntry | undefined>();
  for (const collection of PAGE_COLLECTIONS) {
    const added = current.filter((e) => e.collection === collection && !before.has(key(e)));
    const taken = new Set<string>();
    for (const old of previous.filter((e) => e.collection === collection && !now.has(key(e)))) {
      const free = added.filter((e) => !taken.has(e.id));
      const sameName = free.find((e) => normalizeName(e.name) === normalizeName(old.name));
      const nearestId = findNearest(
        old.id,
        free.map((e) => e.id),
      );
      const renamed = sameName ?? free.find((e) => e.id === nearestId);
      if (renamed) taken.add(renamed.id);
      renames.set(key(old), renamed);
    }
  }
  return renames;
}

/**
 * The redirects to add for the pages the last build published that this one does not and that
 * no redirect covers yet: a renamed entry's pages go to its new ones, a removed entry's to the
 * index of its kind (`/locations/`), and a location × service page that is gone to its location
 * (or where its location went). Every target is a page this build makes.
 */
export function planRedirects(options: { previous: PublishedSite; current: PublishedSite; redirected: ReadonlySet<string> }): PlannedRedirect[] {
  const { previous, current, redirected } = options;
  const pages = new Set(current.pages);
  const renames = findRenames(previous.entries, current.entries);
  const idNow = (collection: PageCollection, id: string): string | undefined => {
    const key = `${collection}/${id}`;
    if (!renames.has(key)) return current.entries.some((e) => e.collection === collection && e.id === id) ? id : undefined;
    return renames.get(key)?.id;
  };
  const planned: PlannedRedirect[] = [];
  for (const from of [...previous.pages].sort()) {
    if (pages.has(from) || redirected.has(from)) continue;
    const target = planTarget(from, idNow);
    if (target && pages.has(target.to)) planned.push({ from, ...target });
  }
  return planned;
}

function planTarget(from: string, idNow: (collection: PageCollection, id: string) => string | undefined): Omit<PlannedRedirect, 'from'> | undefined {
  const [first, id, serviceId, ...rest] = from.split('/').filter(Boolean);
  const collection = PAGE_COLLECTIONS.find((c) => INDEX_OF[c]() === `/${first}/`);
  if (!collection || id === undefined || rest.length > 0) return undefined;
  const newId = idNow(collection, id);
  if (serviceId === undefined) {
    if (newId !== undefined && newId !== id) return { to: PAGE_OF[collection](newId), reason: 'renamed' };
    return { to: INDEX_OF[collection](), reason: 'removed' };
  }
  if (collection !== 'locations') return undefined;
  const newServiceId = idNow('services', serviceId);
  if (newId !== undefined && newServiceId !== undefined && (newId !== id || newServiceId !== serviceId)) {
    return { to: paths.locationService(newId, newServiceId), reason: 'renamed' };
  }
  return { to: newId === undefined ? paths.locations() : paths.location(newId), reason: 'removed' };
}

/** Lines to append to the redirects file: each redirect under a comment saying when and why. */
export function formatRedirectLines(planned: readonly PlannedRedirect[], day: string): string {
  return planned
    .map(({ from, to, reason }) => {
      const why = reason === 'renamed' ? `${from} was renamed ${to}` : `${from} is gone; its visitors go to ${to}`;
      return `# Added by the build on ${day}: ${why}.\n${from}: ${to}\n`;
    })
    .join('');
}

/** What the build says when it adds redirects to the writers' file. */
export function formatAddedRedirects(planned: readonly PlannedRedirect[], file: string): string {
  const list = planned.map(({ from, to }) => `${from} → ${to}`).join(', ');
  return `Added ${list} to ${file}: commit it so the ${planned.length === 1 ? 'redirect stays' : 'redirects stay'}.`;
}

/** The first lines of a redirects file the build creates. */
export const REDIRECTS_FILE_HEADER =
  '# Old addresses and the page each now sends visitors to (a 301 redirect), one a line: /old/path/: /new/path/\n' +
  '# The build adds a line when a page it published is gone. See "Rename or remove a page" in the README.\n';

/** Paths the server answers itself, which no redirect may take over. */
const RESERVED_PREFIXES = ['/api/', '/intake', '/_astro/', '/_image'];

/**
 * Reads the redirects file: every line `/old/path/: /new/path/`. The old path must not be a page
 * the build makes (the page would be unreachable); the new one must be one, or an old path
 * listed here itself (a chain, resolved by resolveRedirects). Every problem is told, with its line.
 */
export function parseRedirects(options: { text: string; file: string; pages: ReadonlySet<string> }): { redirects: Redirect[]; issues: RedirectIssue[] } {
  const { text, file, pages } = options;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  const issues: RedirectIssue[] = doc.errors.map((error) => ({
    file,
    line: lineOf(error.pos[0]),
    message: error.code === 'DUPLICATE_KEY' ? 'This old path is listed twice.' : `This line is not "/old/path/: /new/path/" (${error.message.split('\n')[0]}).`,
    fix: error.code === 'DUPLICATE_KEY' ? 'Keep one of the two lines.' : 'Write one redirect a line, e.g. "/locations/lancaster/: /locations/", with a space after the colon.',
  }));
  if (issues.length > 0) return { redirects: [], issues };
  if (doc.contents === null) return { redirects: [], issues };
  if (!isMap(doc.contents)) {
    return {
      redirects: [],
      issues: [
        {
          file,
          line: lineOf(doc.contents.range?.[0]),
          message: 'The file is not a list of "/old/path/: /new/path/" lines.',
          fix: 'Write one redirect a line, e.g. "/locations/lancaster/: /locations/".',
        },
      ],
    };
  }
  const redirects: Redirect[] = [];
  for (const pair of doc.contents.items) {
    const line = lineOf(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    const from = isScalar(pair.key) ? pair.key.value : undefined;
    const to = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof from !== 'string' || typeof to !== 'string' || !from.startsWith('/') || !to.startsWith('/')) {
      issues.push({ file, line, message: 'Both sides must be paths on this site, starting with "/".', fix: 'Write it as "/old/path/: /new/path/", e.g. "/locations/lancaster/: /locations/".' });
      continue;
    }
    if (/[?#\s]/.test(from)) {
      issues.push({ file, line, message: `"${from}" has a query, a "#" or a space: only the path is matched.`, fix: `Write the path alone, e.g. "${from.split(/[?#\s]/)[0]}".` });
      continue;
    }
    if (RESERVED_PREFIXES.some((prefix) => from.startsWith(prefix))) {
      issues.push({
        file,
        line,
        message: `"${from}" is one of the server's own addresses (the lead endpoint, the intake inbox or the site's files).`,
        fix: 'Remove this line: only old page addresses can redirect.',
      });
      continue;
    }
    if (pages.has(from) || pages.has(withSlash(from))) {
      issues.push({
        file,
        line,
        message: `"${from}" is a page the build makes, so visitors would never see it if it redirected.`,
        fix: 'Remove this line: the page is back. Or remove the page first.',
      });
      continue;
    }
    redirects.push({ from, to, line });
  }
  const sources = new Set(redirects.map((r) => r.from));
  for (const { to, line } of redirects) {
    if (pages.has(to) || sources.has(to)) continue;
    const nearest = findNearest(to, [...pages].sort());
    issues.push({
      file,
      line,
      message: `"${to}" is not a page the build makes.`,
      fix: `${nearest === undefined ? '' : `Did you mean "${nearest}"? `}Send it to a page of the site, e.g. its section's index such as "/locations/".`,
    });
  }
  return { redirects: issues.length > 0 ? [] : redirects, issues };
}

/**
 * Each old path and the page it ends at, chains followed (`/a/ → /b/ → /c/` becomes `/a/ → /c/`,
 * so a visitor is sent once). A loop has no page at its end: an issue on each of its lines.
 */
export function resolveRedirects(options: { redirects: readonly Redirect[]; pages: ReadonlySet<string>; file: string }): { resolved: Redirect[]; issues: RedirectIssue[] } {
  const { redirects, pages, file } = options;
  const next = new Map(redirects.map((r) => [r.from, r.to]));
  const resolved: Redirect[] = [];
  const issues: RedirectIssue[] = [];
  for (const redirect of redirects) {
    const seen = [redirect.from];
    let to = redirect.to;
    while (!pages.has(to) && next.has(to) && !seen.includes(to)) {
      seen.push(to);
      to = next.get(to) as string;
    }
    if (pages.has(to)) {
      resolved.push({ from: redirect.from, to, line: redirect.line });
      continue;
    }
    const loop = [...seen.slice(seen.indexOf(to)), to].join(' → ');
    issues.push({
      file,
      line: redirect.line,
      message: `${redirect.from} leads round in a loop (${loop}) and never reaches a page.`,
      fix: `Send one of these paths to a page of the site instead, e.g. "${parentOf(redirect.from)}".`,
    });
  }
  return { resolved: issues.length > 0 ? [] : resolved, issues };
}

/** The issues as a writer reads them: `file:line`, the problem, the fix. */
export function formatRedirectIssues(issues: readonly RedirectIssue[]): string {
  return issues.map((i) => `${i.file}${i.line === undefined ? '' : `:${i.line}`}\n  error: ${i.message}\n    fix: ${i.fix}`).join('\n');
}

/** A name of a removed entry found in another entry's file. */
export interface LeftoverName {
  file: string;
  /** Counted from 1. */
  line: number;
  name: string;
  message: string;
  fix: string;
}

/**
 * Where the name of an entry removed since the last build (gone, and no entry of its kind has its
 * name now) still appears in the files of the current entries: a warning each, never a failure.
 */
export function findLeftoverNames(options: { previous: readonly PublishedEntry[]; current: readonly PublishedEntry[]; files: readonly { file: string; text: string }[] }): LeftoverName[] {
  const { previous, current, files } = options;
  const key = (e: PublishedEntry) => `${e.collection}/${e.id}`;
  const now = new Set(current.map(key));
  const names = new Set(current.map((e) => `${e.collection}/${normalizeName(e.name)}`));
  const removed = previous.filter((e) => !now.has(key(e)) && !names.has(`${e.collection}/${normalizeName(e.name)}`) && e.name.trim() !== '');
  const found: LeftoverName[] = [];
  for (const { file, text } of files) {
    const lines = text.split(/\r?\n/);
    for (const entry of removed) {
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(entry.name.trim()).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
      lines.forEach((lineText, i) => {
        if (!pattern.test(lineText)) return;
        const kind = ONE_KIND[entry.collection];
        found.push({
          file,
          line: i + 1,
          name: entry.name,
          message: `"${entry.name}" is the name of a ${kind} removed since the last build (${entry.file}).`,
          fix: `Remove or replace "${entry.name}" here: that ${kind} is gone.`,
        });
      });
    }
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/** The warnings as a writer reads them. */
export function formatLeftoverNames(found: readonly LeftoverName[]): string {
  return found.map((f) => `${f.file}:${f.line}\n  warning: ${f.message}\n    fix: ${f.fix}`).join('\n');
}

const normalizeName = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const withSlash = (path: string) => (path.endsWith('/') ? path : `${path}/`);

/** `/locations/hill/` → `/locations/`; the home page for a path one level down. */
function parentOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length <= 1 ? '/' : `/${parts.slice(0, -1).join('/')}/`;
}

/** The entries with a page, as the build publishes them, from the site's collections. */
export function listPublishedEntries(site: Record<PageCollection, readonly { id: string; filePath: string; data: { name: string } }[]>): PublishedEntry[] {
  return PAGE_COLLECTIONS.flatMap((collection) => site[collection].map((e) => ({ collection, id: e.id, name: e.data.name, file: e.filePath })));
}

/** The site path the build emits the entries at (src/pages/published-entries.json.ts), before the build moves them out of the site. */
export const PUBLISHED_ENTRIES_PATH = '/published-entries.json';
