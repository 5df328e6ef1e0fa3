import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { AstroError } from 'astro/errors';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PUBLISHED_ENTRIES_PATH,
  REDIRECTS_FILE,
  REDIRECTS_FILE_HEADER,
  findLeftoverNames,
  formatAddedRedirects,
  formatLeftoverNames,
  formatRedirectIssues,
  formatRedirectLines,
  parseRedirects,
  planRedirects,
  resolveRedirects,
  type PublishedEntry,
  type PublishedSite,
} from '../lib/redirects.ts';
import { SERVER_REDIRECTS_FILE, type ServerRedirects } from '../lib/server-redirects.ts';
import type { Settings } from '../settings.ts';
import { readBuildTime } from '../build/build-time.ts';
import { formatIsoDate } from '../lib/dates.ts';

/**
 * Redirects for pages that are gone. After each build it compares the pages with the ones the
 * last build published (kept in node_modules/.astro/carepath/, since a failed build deletes
 * dist/): a page that is gone gets a line in CONTENT_DIR/redirects.yaml, to its entry's new page
 * after a rename or else to its parent page, and a warning telling the writer to commit the file.
 * It checks that file (errors fail the build, with the line), resolves chains, and writes the list
 * the server answers with 301s to dist/server/redirects.json. It warns where the name of a
 * removed entry is still in another entry's file. Put it after carepathServer() and before
 * carepathSeo(): it takes src/pages/published-entries.json.ts's file out of the site before the
 * sitemap and the audit look at it, and the SEO report lists the redirects it wrote.
 */
export function carepathRedirects(settings: Pick<Settings, 'contentDir'>): AstroIntegration {
  let root: string | undefined;
  let serverDir: string | undefined;
  return {
    name: 'carepath-redirects',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        serverDir = fileURLToPath(config.build.server);
      },
      'astro:build:done': ({ dir, logger }) => {
        if (root === undefined || serverDir === undefined) throw new Error('carepath-redirects: astro:config:done has not run.');
        applyRedirects({ root, serverDir, clientDir: fileURLToPath(dir), contentDir: resolve(root, settings.contentDir), now: readBuildTime(process.env), logger });
      },
    },
  };
}

function applyRedirects(options: { root: string; serverDir: string; clientDir: string; contentDir: string; now: Date; logger: AstroIntegrationLogger }): void {
  const { root, serverDir, clientDir, contentDir, logger } = options;
  const current: PublishedSite = { pages: listPagePaths(clientDir), entries: takeEmittedEntries(clientDir) };
  const cacheFile = join(root, 'node_modules', '.astro', 'carepath', `published-${createHash('sha256').update(contentDir).digest('hex').slice(0, 12)}.json`);
  const previous = readPublished(cacheFile);
  const pages = new Set(current.pages);
  const file = join(contentDir, REDIRECTS_FILE);
  const shown = relative(root, file).split(sep).join('/');

  const read = () => parseRedirects({ text: existsSync(file) ? readFileSync(file, 'utf8') : '', file: shown, pages });
  let parsed = read();
  fail(parsed.issues.length > 0, formatRedirectIssues(parsed.issues));
  if (previous) {
    const planned = planRedirects({ previous, current, redirected: new Set(parsed.redirects.map((r) => r.from)) });
    if (planned.length > 0) {
      const text = existsSync(file) ? readFileSync(file, 'utf8') : REDIRECTS_FILE_HEADER;
      writeFileSync(file, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${formatRedirectLines(planned, formatIsoDate(options.now))}`);
      logger.warn(formatAddedRedirects(planned, shown));
      parsed = read();
      fail(parsed.issues.length > 0, formatRedirectIssues(parsed.issues));
    }
  }
  const { resolved, issues } = resolveRedirects({ redirects: parsed.redirects, pages, file: shown });
  fail(issues.length > 0, formatRedirectIssues(issues));
  mkdirSync(serverDir, { recursive: true });
  const list: ServerRedirects = { redirects: resolved.map(({ from, to }) => ({ from, to })) };
  writeFileSync(join(serverDir, SERVER_REDIRECTS_FILE), `${JSON.stringify(list, null, 2)}\n`);

  const now = new Set(current.entries.map((e) => `${e.collection}/${e.id}`));
  // Reading every file is for after a removal only: most builds remove nothing.
  if (previous?.entries.some((e) => !now.has(`${e.collection}/${e.id}`))) {
    const files = current.entries.map((e) => ({ file: e.file, text: readFileSync(join(root, e.file), 'utf8') }));
    const leftovers = findLeftoverNames({ previous: previous.entries, current: current.entries, files });
    if (leftovers.length > 0) logger.warn(`Names of entries removed since the last build are still in the text:\n${formatLeftoverNames(leftovers)}`);
  }
  mkdirSync(dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, `${JSON.stringify(current)}\n`);
}

function fail(failed: boolean, message: string): void {
  if (failed) throw new AstroError(`The redirects file has a problem:\n\n${message}\n`, `Fix each line above and build again. The README's "Rename or remove a page" says how the file is written.`);
}

/** The entries src/pages/published-entries.json.ts emitted, taken out of the site. */
function takeEmittedEntries(clientDir: string): PublishedEntry[] {
  const emitted = join(clientDir, PUBLISHED_ENTRIES_PATH);
  if (!existsSync(emitted))
    throw new AstroError(`The build emitted no ${PUBLISHED_ENTRIES_PATH}, so it cannot tell which pages were renamed or removed.`, 'Restore src/pages/published-entries.json.ts.');
  const entries = JSON.parse(readFileSync(emitted, 'utf8')) as PublishedEntry[];
  rmSync(emitted);
  return entries;
}

/** The last build's list, or undefined when there is none (or it is from an older Carepath): then no redirect is planned. */
function readPublished(file: string): PublishedSite | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof value === 'object' && value !== null && 'pages' in value && 'entries' in value && Array.isArray(value.pages) && Array.isArray(value.entries)) return value as PublishedSite;
  } catch {
    // No list yet.
  }
  return undefined;
}

/** Every page the build wrote, by its path: `locations/hill/index.html` → `/locations/hill/`. */
function listPagePaths(clientDir: string): string[] {
  return readdirSync(clientDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => relative(clientDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .map((file) => (file === 'index.html' ? '/' : file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`))
    .sort();
}
