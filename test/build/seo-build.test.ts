import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { SeoReport } from '@/seo-audit/report.ts';
import type { ManifestPage } from '@/seo-audit/manifest.ts';
import { buildFixtureSite, type BuildResult } from '../support/astro-build.ts';
import { createFixtureSite, type FixtureSite } from '../support/fixtures.ts';
import { PROJECT_ROOT } from '../support/read-content.ts';
import type { LeadStatus } from '@/lib/leads/store.ts';
import { SqliteLeadStore } from '@/server/sqlite-lead-store.ts';
import { buildNewLead, makeTempDir } from '../unit/server/support/leads.ts';

/**
 * The post-build SEO steps (src/seo-audit/index.ts) on real builds of the good fixture,
 * with overlays from test/fixtures/seo-build/: robots.txt, the sitemaps (checked against their
 * XML schemas with xmllint-wasm), the doorway guard, the writer's noindex, preview builds, the audit
 * failing a build, and the report. Four builds, about four seconds each.
 */

const OVERLAYS = join(PROJECT_ROOT, 'test/fixtures/seo-build');
const SCHEMAS = join(OVERLAYS, 'schema');
/** The sitemap protocol's own schema of a urlset, as the `sitemap` package ships it. */
const SITEMAP_XSD = join(PROJECT_ROOT, 'node_modules/sitemap/schema/sitemap.xsd');
const ORIGIN = 'http://localhost:4321';
/**
 * Midway between the good fixture's family-medicine pair (0.40: generated text, location details
 * differ) and the doorway overlay's pair (0.71: the same 250 words of local text at both).
 */
const DOORWAY_THRESHOLD = '0.55';

const SITEMAPS = ['locations', 'services', 'location-services', 'conditions', 'providers', 'pages'];
/** Child sitemaps whose pages show a photo: their entries carry image:image. */
const IMAGE_SITEMAPS = new Set(['locations', 'location-services', 'providers']);
/** The good fixture's provider without a headshot (and without a physician credential, and full). */
const NO_HEADSHOT = '/providers/dana-levi/';

interface SeoBuild {
  result: BuildResult;
  /** dist/client: what is deployed. */
  client: string;
  /** dist: the report and the manifest sit here, outside client/. */
  dist: string;
  read(file: string): string;
}

interface BuildOptions {
  /** Folder of test/fixtures/seo-build copied over the good fixture's content. */
  overlay?: string;
  env?: { DEPLOY_ENV?: string; SIMILARITY_THRESHOLD?: string; LEADS_DB?: string };
  /** A seo-report.json left by an earlier build in the same outDir, as a CI cache would keep it. */
  previousReport?: () => string;
}

/** Builds the good fixture (with an overlay) once for the tests of a describe block. */
function useSeoBuild({ overlay, env = {}, previousReport }: BuildOptions = {}): () => SeoBuild {
  let site: FixtureSite | undefined;
  let build: SeoBuild | undefined;
  beforeAll(async () => {
    site = createFixtureSite();
    if (overlay) cpSync(join(OVERLAYS, overlay), join(site.root, site.contentDir), { recursive: true });
    const dist = join(site.root, 'dist');
    if (previousReport) {
      mkdirSync(dist, { recursive: true });
      writeFileSync(join(dist, 'seo-report.json'), previousReport());
    }
    const result = await withEnv({ DEPLOY_ENV: 'production', SIMILARITY_THRESHOLD: '0.8', ...env }, () => buildFixtureSite(site!));
    const client = join(dist, 'client');
    build = { result, client, dist, read: (file) => readFileSync(join(dist, file), 'utf8') };
  });
  afterAll(() => site?.remove());
  return () => {
    if (!build) throw new Error('The build did not run.');
    return build;
  };
}

/**
 * Runs `start` with these environment variables set. The build inherits the environment when it
 * spawns, which happens before buildFixtureSite returns, so they are restored right after.
 */
function withEnv<T>(vars: Record<string, string>, start: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  try {
    return start();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** The build output without the bundler's notes, short enough to read in a failed assertion. */
function excerpt({ code, output }: BuildResult): string {
  const lines = output.split('\n').filter((line) => !/[│╭╰─▶]|MODULE_LEVEL_DIRECTIVE|^\s*$/.test(line));
  return `exit code ${code}\n${lines.slice(-60).join('\n')}`;
}

function expectBuilt(build: SeoBuild): void {
  expect(build.result.code, excerpt(build.result)).toBe(0);
}

/** The schemas, named by their path in the repository: image-sitemap.xsd imports the other two by relative path. */
const SCHEMA_FILES = [join(SCHEMAS, 'siteindex.xsd'), join(SCHEMAS, 'image-sitemap.xsd'), join(SCHEMAS, 'sitemap-image.xsd'), SITEMAP_XSD].map((file) => ({
  fileName: relative(PROJECT_ROOT, file),
  contents: readFileSync(file, 'utf8'),
}));

/**
 * Validates an XML file with xmllint (libxml2 compiled to WebAssembly, from `xmllint-wasm`), against
 * a schema or (without one) for well-formedness. It reads no network and no disk: the file and
 * every schema are handed to it.
 */
async function xmllint(file: string, schema?: string): Promise<{ ok: boolean; output: string }> {
  const xml = { fileName: basename(file), contents: readFileSync(file, 'utf8') };
  const schemaName = schema === undefined ? undefined : relative(PROJECT_ROOT, schema);
  const main = SCHEMA_FILES.filter(({ fileName }) => fileName === schemaName);
  if (schemaName !== undefined && main.length === 0) throw new Error(`${schemaName} is not in SCHEMA_FILES.`);
  try {
    const result = await validateXML({ xml, schema: main, preload: SCHEMA_FILES.filter(({ fileName }) => fileName !== schemaName) });
    return { ok: result.valid, output: result.rawOutput };
  } catch (error) {
    // xmllint exits 1 on a file that is not well-formed XML (5 on a schema that does not compile),
    // and validateXML rejects with that exit code instead of resolving with valid: false.
    if (typeof (error as { code?: unknown }).code === 'number') return { ok: false, output: (error as Error).message };
    throw error;
  }
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

/** Each `<url>` of a sitemap with its lastmod and image locations. */
function readUrlset(xml: string): { loc: string; lastmod?: string | undefined; images: string[] }[] {
  return [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map(([, body = '']) => ({
    loc: /<loc>([^<]*)<\/loc>/.exec(body)?.[1] ?? '',
    lastmod: /<lastmod>([^<]*)<\/lastmod>/.exec(body)?.[1],
    images: [...body.matchAll(/<image:loc>([^<]*)<\/image:loc>/g)].map((m) => m[1]!),
  }));
}

/** Site paths of every HTML page in dist/client. */
function listPages(client: string): string[] {
  return readdirSync(client, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.split(sep).join('/'))
    .map((file) => (file === 'index.html' ? '/' : file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`))
    .sort();
}

const pageFile = (client: string, path: string) => join(client, path.endsWith('/') ? `${path}index.html` : path);
const robotsOf = (client: string, path: string) => /<meta name="robots" content="([^"]*)"/.exec(readFileSync(pageFile(client, path), 'utf8'))?.[1];
const ogImageOf = (client: string, path: string) => /<meta property="og:image" content="([^"]*)"/.exec(readFileSync(pageFile(client, path), 'utf8'))?.[1];

/** Every URL in the child sitemaps the index lists, by child sitemap name. */
function readSitemaps(client: string): Map<string, ReturnType<typeof readUrlset>> {
  const index = readFileSync(join(client, 'sitemap-index.xml'), 'utf8');
  return new Map(
    locs(index).map((url) => {
      const file = new URL(url).pathname.slice(1);
      const name = /^sitemap-(.+)-\d+\.xml$/.exec(file)?.[1] ?? file;
      return [name, readUrlset(readFileSync(join(client, file), 'utf8'))];
    }),
  );
}

let goodReport: string | undefined;

describe('a production build of the good fixture', () => {
  const build = useSeoBuild();
  beforeAll(() => {
    if (existsSync(join(build().dist, 'seo-report.json'))) goodReport = build().read('seo-report.json');
  });

  it('builds', () => {
    expectBuilt(build());
  });

  it('logs each warning with the content file and field to edit', () => {
    expect(build().result.output).toContain(
      [
        '/services/family-medicine/',
        '  warning description-length: The description is 39 characters, under 70: "Checkups and ongoing care for all ages.".',
        '    edit: content/services/family-medicine.mdx, field summary',
        '    fix: Write 70 to 160 characters in `summary` (or `seo.description`, which replaces it in search results).',
      ].join('\n'),
    );
  });

  it('writes a robots.txt that allows crawling and names the sitemap index', () => {
    expect(build().read('client/robots.txt')).toBe(`User-agent: *\nAllow: /\nDisallow: /intake/\n\nSitemap: ${ORIGIN}/sitemap-index.xml\n`);
  });

  it('lists one child sitemap per kind of page in a valid sitemap index', async () => {
    const index = build().read('client/sitemap-index.xml');
    expect(locs(index)).toEqual(SITEMAPS.map((name) => `${ORIGIN}/sitemap-${name}-0.xml`));
    expect(index).toContain(`<?xml-stylesheet type="text/xsl" href="${ORIGIN}/sitemap.xsl"?>`);
    const result = await xmllint(join(build().client, 'sitemap-index.xml'), join(SCHEMAS, 'siteindex.xsd'));
    expect(result.ok, result.output).toBe(true);
    expect(existsSync(join(build().client, 'sitemap.xsl'))).toBe(true);
  });

  it.each(SITEMAPS)('sitemap-%s-0.xml validates against its XML schema', async (name) => {
    const file = join(build().client, `sitemap-${name}-0.xml`);
    const xml = readFileSync(file, 'utf8');
    // Plain sitemaps against the protocol's own schema; image entries need the image extension's.
    const schema = IMAGE_SITEMAPS.has(name) ? join(SCHEMAS, 'image-sitemap.xsd') : SITEMAP_XSD;
    expect(xml.includes('<image:image>'), 'image entries').toBe(IMAGE_SITEMAPS.has(name));
    const result = await xmllint(file, schema);
    expect(result.ok, result.output).toBe(true);
  });

  it('lists exactly the indexable pages, each in the sitemap of its kind; not the 404 or the manifest', () => {
    const sitemaps = readSitemaps(build().client);
    const listed = [...sitemaps.values()]
      .flat()
      .map(({ loc }) => new URL(loc).pathname)
      .sort();
    const indexable = listPages(build().client).filter((path) => robotsOf(build().client, path)?.startsWith('index'));
    expect(listed).toEqual(indexable);
    expect(listed).not.toContain('/404.html');
    expect(listed.filter((path) => !path.endsWith('/'))).toEqual([]);
    expect(sitemaps.get('providers')?.map(({ loc }) => loc)).toEqual([`${ORIGIN}/providers/ana-ruiz/`, `${ORIGIN}/providers/ben-cole/`, `${ORIGIN}/providers/dana-levi/`]);
    expect(sitemaps.get('location-services')?.map(({ loc }) => new URL(loc).pathname)).toEqual([
      '/locations/harbor/family-medicine/',
      '/locations/harbor/walk-in-care/',
      '/locations/hill/family-medicine/',
    ]);
  });

  it('moves the page manifest out of the deployed files', () => {
    expect(existsSync(join(build().client, 'seo-pages.json'))).toBe(false);
    expect(JSON.parse(build().read('seo-pages.json'))).toContainEqual(expect.objectContaining({ path: '/providers/ana-ruiz/', kind: 'provider' }));
  });

  it('gives each URL the lastmod of its page in the manifest', () => {
    const manifest = new Map((JSON.parse(build().read('seo-pages.json')) as ManifestPage[]).map((page) => [page.path, page]));
    const urls = [...readSitemaps(build().client).values()].flat();
    const lastmods = urls.map(({ loc, lastmod }) => [new URL(loc).pathname, lastmod?.slice(0, 10)]);
    expect(lastmods).toEqual(urls.map(({ loc }) => [new URL(loc).pathname, manifest.get(new URL(loc).pathname)?.lastmod]));
    // The fixture is not a git checkout: only frontmatter dates count, e.g. a condition's review date.
    expect(Object.fromEntries(lastmods)).toMatchObject({ '/conditions/sprained-ankle/': '2026-01-15', '/conditions/high-blood-pressure/': '2026-02-01' });
  });

  it('lists the photo of each location, location × service and provider page, and none for a provider without a headshot', () => {
    const sitemaps = readSitemaps(build().client);
    const entries = [...IMAGE_SITEMAPS].flatMap((name) => sitemaps.get(name) ?? []);
    expect(entries.length).toBeGreaterThan(0);
    // The organization's share image, which a page without a photo of its own is previewed with.
    const shareImage = ogImageOf(build().client, '/conditions/sprained-ankle/');
    for (const { loc, images } of entries) {
      const path = new URL(loc).pathname;
      const image = ogImageOf(build().client, path);
      expect(image, loc).toMatch(/^http:\/\/localhost:4321\/_astro\/.+\.jpe?g$/);
      if (path === NO_HEADSHOT) {
        expect(image, loc).toBe(shareImage);
        expect(images, loc).toEqual([]);
      } else {
        expect(image, loc).not.toBe(shareImage);
        expect(images, loc).toEqual([image]);
      }
    }
  });

  it('claims no picture of a provider without a headshot: none on the page, in its JSON-LD or in its preview', () => {
    const html = readFileSync(pageFile(build().client, NO_HEADSHOT), 'utf8');
    const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
    expect(main).not.toContain('<img');
    expect(/<meta property="og:image:alt" content="([^"]*)"/.exec(html)?.[1]).toBe('Illustration of a Fixture Health clinic');
    const jsonLd = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const graph = JSON.parse(jsonLd) as { '@graph': Record<string, unknown>[] };
    const person = graph['@graph'].find((node) => node['@id'] === `${ORIGIN}${NO_HEADSHOT}#person`);
    expect(person).toMatchObject({ '@type': ['Person', 'MedicalOrganization'], isAcceptingNewPatients: false });
    expect(person).not.toHaveProperty('image');
    expect(graph['@graph'][0]).not.toHaveProperty('primaryImageOfPage');
  });

  it('leads the page of a provider who takes no new patients with one who does, and a call, before the request form', () => {
    const html = readFileSync(pageFile(build().client, NO_HEADSHOT), 'utf8');
    const nextStep = /<div class="next-step[^"]*"[\s\S]*?<p class="next-step__who">/.exec(html)?.[0] ?? '';
    expect(nextStep).toContain('<strong><bdi>דנה לוי</bdi>, LICSW is not accepting new patients right now.</strong>');
    const actions = [...nextStep.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]);
    expect(actions).toEqual(['/providers/ana-ruiz/', 'tel:+15555550102', '#request']);
    expect(nextStep).toMatch(/<a class="button button--primary" href="tel:/);
    expect(html).toContain('<h1><bdi>דנה לוי</bdi>, LICSW</h1>');
  });

  it('leads the page of a provider who takes new patients with the request form, as any planned care', () => {
    const html = readFileSync(pageFile(build().client, '/providers/ana-ruiz/'), 'utf8');
    const nextStep = /<div class="next-step"[^>]*>[\s\S]*?<p class="next-step__who">/.exec(html)?.[0] ?? '';
    expect(nextStep).toMatch(/^<div class="next-step" data-intent="planned"/);
    expect([...nextStep.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1])).toEqual(['#request', 'tel:+15555550100']);
  });

  it('shows initials, hidden from screen readers, on the card of a provider without a headshot', () => {
    const html = readFileSync(pageFile(build().client, '/locations/hill/family-medicine/'), 'utf8');
    expect(html).toContain('<span class="card__photo card__initials" aria-hidden="true" dir="auto">דל</span>');
    expect(html).toContain(`<a href="${NO_HEADSHOT}"><bdi>דנה לוי</bdi>, LICSW</a>`);
  });

  it('describes the provider directory from its providers', () => {
    const html = readFileSync(pageFile(build().client, '/providers/'), 'utf8');
    expect(/<meta name="description" content="([^"]*)"/.exec(html)?.[1]).toBe(
      '3 providers at Fixture Health: Family medicine and Behavioral health. Narrow the list by location, specialty, language and new patients.',
    );
  });

  it('writes the report next to the site, not in it', () => {
    const report = JSON.parse(build().read('seo-report.json')) as SeoReport;
    expect(report.summary).toMatchObject({ pages: listPages(build().client).length, errors: 0 });
    expect(report.summary.indexable).toBe(report.summary.listed);
    expect(report.pages.find((page) => page.path === '/404.html')).toMatchObject({ indexable: false, noindexReasons: [{ kind: 'template' }] });
    expect(report.pages.find((page) => page.path === '/conditions/sprained-ankle/')).toMatchObject({
      sitemap: 'sitemap-conditions-0.xml',
      lastmod: '2026-01-15',
      lastmodSource: { file: 'content/conditions/sprained-ankle.mdx', field: 'review.date' },
    });
    expect(report.changes).toBeUndefined();
    expect(build().read('seo-report.html')).toContain('<h1>SEO report for http://localhost:4321</h1>');
    expect(readdirSync(build().client).filter((file) => file.startsWith('seo-'))).toEqual([]);
  });
});

describe('near-identical location × service pages and a writer’s noindex', () => {
  const doorways = ['/locations/harbor/family-medicine/', '/locations/hill/family-medicine/'];
  const build = useSeoBuild({
    overlay: 'doorway',
    env: { SIMILARITY_THRESHOLD: DOORWAY_THRESHOLD },
    previousReport: () => {
      if (!goodReport) throw new Error('The good fixture’s build left no report to compare with.');
      return goodReport;
    },
  });
  const report = () => JSON.parse(build().read('seo-report.json')) as SeoReport;

  it('builds: neither is an error', () => {
    expectBuilt(build());
  });

  it('sets the doorway pages to noindex and leaves them out of the sitemap', () => {
    for (const path of doorways) expect(robotsOf(build().client, path), path).toBe('noindex, follow');
    const listed = [...readSitemaps(build().client).values()].flat().map(({ loc }) => new URL(loc).pathname);
    expect(listed).toContain('/locations/harbor/walk-in-care/');
    for (const path of doorways) expect(listed).not.toContain(path);
    expect(build().result.output).toContain(`2 location × service pages are at least ${DOORWAY_THRESHOLD} similar to a sibling`);
  });

  it('explains each doorway page in the report: its similarity and its sibling', () => {
    const [harbor, hill] = doorways.map((path) => report().pages.find((page) => page.path === path));
    expect(harbor?.noindexReasons).toEqual([expect.objectContaining({ kind: 'doorway', sibling: doorways[1], similarity: expect.closeTo(harbor?.similarity?.value ?? -1, 2) })]);
    expect(hill?.noindexReasons).toEqual([expect.objectContaining({ kind: 'doorway', sibling: doorways[0] })]);
    expect(harbor?.similarity?.value).toBeGreaterThanOrEqual(Number(DOORWAY_THRESHOLD));
    expect(build().read('seo-report.html')).toMatch(/doorway: its text is 0\.\d\d similar to \/locations\/hill\/family-medicine\//);
  });

  it('quotes the longest passage the two pages share, in the report and the build log', () => {
    const [harbor, hill] = doorways.map((path) => report().pages.find((page) => page.path === path)?.noindexReasons[0]);
    const shared = (harbor as { shared?: string } | undefined)?.shared;
    expect(shared).toMatch(/^Our family medicine team looks after the whole household, from newborn checkups to care for grandparents\. A visit starts with a [^…]*…$/);
    expect((hill as { shared?: string } | undefined)?.shared).toBe(shared);
    expect(harbor?.detail).toContain(`; both say "${shared}"`);
    expect(build().result.output).toContain(`  /locations/harbor/family-medicine/ (0.`);
    expect(build().result.output).toContain(`\n    both say: "${shared}"\n`);
  });

  it('keeps the writer’s noindex page out of the sitemap and says why', () => {
    expect(robotsOf(build().client, '/providers/ben-cole/')).toBe('noindex, follow');
    expect(
      readSitemaps(build().client)
        .get('providers')
        ?.map(({ loc }) => loc),
    ).toEqual([`${ORIGIN}/providers/ana-ruiz/`, `${ORIGIN}/providers/dana-levi/`]);
    expect(report().pages.find((page) => page.path === '/providers/ben-cole/')?.noindexReasons).toEqual([
      { kind: 'writer', detail: 'the writer asked for it (seo.noindex: true in content/providers/ben-cole.mdx)' },
    ]);
  });

  it('shows what changed since the previous build in the same outDir', () => {
    expect(report().changes).toMatchObject({
      added: [],
      removed: [],
      indexing: [
        { path: doorways[0], before: true, after: false },
        { path: doorways[1], before: true, after: false },
        { path: '/providers/ben-cole/', before: true, after: false },
      ],
    });
    expect(build().read('seo-report.html')).toContain('<h3>Indexing changed (3)</h3>');
  });
});

describe('a preview build', () => {
  // Given a lead database at build time, the report shows the last 90 days' leads per page.
  const leads = makeTempDir('carepath-seo-leads-');
  const leadsDb = join(leads.dir, 'leads.db');
  beforeAll(async () => {
    const store = SqliteLeadStore.open({ path: leadsDb });
    const day = 86_400_000;
    const add = (page: string, status: LeadStatus, daysAgo: number, n: number) =>
      store.insert(buildNewLead({ status, attribution: { landingPage: page }, contentHash: `seo-${n}` }), { duplicateWindowMs: 0, now: new Date(Date.now() - daysAgo * day) });
    await add('/', 'new', 3, 1);
    await add('/', 'spam', 3, 2);
    await add(NO_HEADSHOT, 'new', 10, 3);
    await add(NO_HEADSHOT, 'booked', 40, 4);
    await add(NO_HEADSHOT, 'booked', 120, 5);
    await store.close();
  });
  afterAll(() => leads.remove());
  const build = useSeoBuild({ env: { DEPLOY_ENV: 'preview', LEADS_DB: leadsDb } });

  it('builds', () => {
    expectBuilt(build());
  });

  it('shuts every crawler out and names no sitemap', () => {
    expect(build().read('client/robots.txt')).toBe('# Preview deployment: not for search engines.\nUser-agent: *\nDisallow: /\n');
  });

  it('sets every page to noindex', () => {
    const pages = listPages(build().client);
    expect(pages.length).toBeGreaterThan(10);
    expect(pages.filter((path) => robotsOf(build().client, path) !== 'noindex, follow')).toEqual([]);
  });

  it('writes a sitemap index that lists nothing and is still well-formed XML', async () => {
    const file = join(build().client, 'sitemap-index.xml');
    expect(locs(readFileSync(file, 'utf8'))).toEqual([]);
    const result = await xmllint(file);
    expect(result.ok, result.output).toBe(true);
    expect(readdirSync(build().client).filter((name) => /^sitemap-.*-\d+\.xml$/.test(name))).toEqual([]);
  });

  it('shows the leads and booked visits of the last 90 days per page, spam left out', () => {
    const report = JSON.parse(build().read('seo-report.json')) as SeoReport;
    expect(report.outcomes).toMatchObject({ source: 'LEADS_DB', pagesWithLeads: 2 });
    const outcomes = Object.fromEntries(report.pages.filter((page) => page.outcomes?.leads !== 0).map((page) => [page.path, page.outcomes]));
    expect(outcomes).toEqual({ '/': { leads: 1, booked: 0 }, [NO_HEADSHOT]: { leads: 2, booked: 1 } });
    expect(build().read('seo-report.html')).toContain('<h2 id="outcomes">Leads and booked visits per page</h2>');
  });

  it('reports every page as kept out by the preview', () => {
    const report = JSON.parse(build().read('seo-report.json')) as SeoReport;
    expect(report.summary).toMatchObject({ indexable: 0, listed: 0, errors: 0 });
    expect(report.pages.filter((page) => !page.noindexReasons.some((reason) => reason.kind === 'preview'))).toEqual([]);
  });
});

describe('hours past midnight, open 24 hours and a location in another time zone', () => {
  const build = useSeoBuild({ overlay: 'hours' });
  const html = (path: string) => readFileSync(pageFile(build().client, path), 'utf8');
  /** The page's text without tags, with every run of white space (no-break spaces too) as one space. */
  const text = (path: string) =>
    html(path)
      .replace(/<[^>]*>/g, ' ')
      .replaceAll('&#39;', "'")
      .replace(/[\s\u00a0]+/g, ' ');
  const hoursOf = (path: string) => {
    const [, json = ''] = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html(path)) ?? [];
    const graph = (JSON.parse(json) as { '@graph': { '@id'?: string; openingHoursSpecification?: unknown }[] })['@graph'];
    return graph.find((node) => node['@id']?.endsWith(`${path}#clinic`))?.openingHoursSpecification;
  };

  it('builds, and the audit finds the hours in the structured data on the pages', () => {
    expectBuilt(build());
    const report = JSON.parse(build().read('seo-report.json')) as SeoReport;
    expect(report.summary).toMatchObject({ errors: 0 });
    const findings = report.pages.flatMap((page) => page.findings.filter((f) => f.rule.startsWith('jsonld-')).map((f) => `${page.path} ${f.rule}: ${f.message}`));
    expect(findings).toEqual([]);
  });

  it('shows a night clinic’s hours as one row, in its own time zone, and states them as Google documents', () => {
    expect(text('/locations/hill/')).toContain('Hours Times are Mountain Time. ');
    expect(text('/locations/hill/')).toContain('Friday 6 PM – 2 AM Saturday Closed');
    expect(text('/locations/hill/')).toContain("New Year's Eve (December 31, 2099): 6 PM – 2 AM");
    expect(hoursOf('/locations/hill/')).toEqual([
      { '@type': 'OpeningHoursSpecification', dayOfWeek: ['https://schema.org/Monday', 'https://schema.org/Wednesday'], opens: '09:00', closes: '17:00' },
      { '@type': 'OpeningHoursSpecification', dayOfWeek: ['https://schema.org/Friday'], opens: '18:00', closes: '02:00' },
      { '@type': 'OpeningHoursSpecification', validFrom: '2099-12-31', validThrough: '2099-12-31', opens: '18:00', closes: '02:00' },
    ]);
  });

  it('says "Open 24 hours" for a location open all day every day, with no time zone where it is the organization’s', () => {
    expect(text('/locations/harbor/')).toContain('Hours Open 24 hours , every day');
    expect(text('/locations/harbor/')).not.toContain('Times are');
    expect(html('/locations/harbor/')).not.toContain('hours__table');
    expect(hoursOf('/locations/harbor/')).toEqual([
      {
        '@type': 'OpeningHoursSpecification',
        dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((day) => `https://schema.org/${day}`),
        opens: '00:00',
        closes: '23:59',
      },
      { '@type': 'OpeningHoursSpecification', validFrom: '2099-12-25', validThrough: '2099-12-25', opens: '00:00', closes: '12:00' },
    ]);
  });
});

describe('three builds in one project: good, broken content, then an SEO error', () => {
  // The second build fails on its content; dist/ is then removed, as a build failing in a page
  // leaves it: the third still compares with the first, whose report is kept in
  // node_modules/.astro/carepath/.
  let site: FixtureSite | undefined;
  let first: SeoReport | undefined;
  let broken: BuildResult | undefined;
  let brokenLeftReport: boolean | undefined;
  let third: SeoBuild | undefined;
  let verbose: BuildResult | undefined;
  beforeAll(async () => {
    site = createFixtureSite();
    const content = join(site.root, site.contentDir);
    const dist = join(site.root, 'dist');
    const buildHere = (args: string[] = []) => withEnv({ DEPLOY_ENV: 'production', SIMILARITY_THRESHOLD: '0.8' }, () => buildFixtureSite(site!, { args }));
    expectBuilt({ result: await buildHere(), client: '', dist, read: () => '' });
    first = JSON.parse(readFileSync(join(dist, 'seo-report.json'), 'utf8')) as SeoReport;
    const hill = join(content, 'locations/hill.mdx');
    const good = readFileSync(hill, 'utf8');
    // A reference to no entry: the content check stops the build before Astro touches dist/.
    writeFileSync(hill, good.replace('services: [family-medicine]', 'services: [family-medicin]'));
    broken = await buildHere();
    brokenLeftReport = existsSync(join(dist, 'seo-report.json'));
    // A build that fails later (in a page) leaves dist/ emptied by Astro: as here.
    rmSync(dist, { recursive: true, force: true });
    writeFileSync(hill, good);
    cpSync(join(OVERLAYS, 'seo-error'), content, { recursive: true });
    const result = await buildHere();
    third = { result, client: join(dist, 'client'), dist, read: (file) => readFileSync(join(dist, file), 'utf8') };
    const reports = ['seo-report.json', 'seo-report.html'].map((file) => [file, readFileSync(join(dist, file), 'utf8')] as const);
    verbose = await buildHere(['--verbose']);
    // The tests below read the third build's report.
    for (const [file, text] of reports) writeFileSync(join(dist, file), text);
  }, 360_000);
  afterAll(() => site?.remove());
  const build = () => {
    if (!third) throw new Error('The builds did not run.');
    return third;
  };
  const report = () => JSON.parse(build().read('seo-report.json')) as SeoReport;

  it('the broken build fails before it touches dist/, which keeps the last report', () => {
    expect(broken?.code, broken && excerpt(broken)).not.toBe(0);
    expect(broken?.output).toContain('content/locations/hill.mdx');
    expect(brokenLeftReport).toBe(true);
  });

  it('the next report shows the changes since the first build, not since the broken one', () => {
    expect(report().changes?.since).toBe(first?.builtAt);
    expect(report().changes?.titles).toEqual([
      { path: '/services/family-medicine/', before: 'Family medicine | Fixture Health', after: 'Same-day and family care' },
      { path: '/services/walk-in-care/', before: 'Walk-in care | Fixture Health', after: 'Same-day and family care' },
    ]);
    expect(build().read('seo-report.html')).toContain('<h3>Titles changed (2)</h3>');
  });

  it('fails the build and ends with the problems: file, field, page, what is wrong and the fix; no stack trace', () => {
    const { result } = build();
    expect(result.code, excerpt(result)).not.toBe(0);
    const lines = result.output.trimEnd().split('\n');
    const start = lines.findIndex((line) => line.startsWith('The SEO audit found'));
    expect(lines.slice(start).join('\n')).toBe(
      [
        'The SEO audit found 2 errors, so the build failed. Fix each and build again.',
        '',
        'content/services/family-medicine.mdx, field seo.title',
        '  page /services/family-medicine/: The title "Same-day and family care" is also the title of /services/walk-in-care/. (title-duplicate)',
        '    fix: Give the page a title of its own: a more specific `name`, or `seo.title`.',
        '',
        'content/services/walk-in-care.mdx, field seo.title',
        '  page /services/walk-in-care/: The title "Same-day and family care" is also the title of /services/family-medicine/. (title-duplicate)',
        '    fix: Give the page a title of its own: a more specific `name`, or `seo.title`.',
        '',
        'Every page and finding: dist/seo-report.html. Add --verbose to the build to see where in the code the build stopped.',
      ].join('\n'),
    );
    expect(result.output).not.toContain('An unhandled error occurred');
    expect(result.output).not.toMatch(/^\s+at |node_modules/m);
  });

  it('with --verbose, fails with Astro’s error and its stack trace', () => {
    expect(verbose?.code, verbose && excerpt(verbose)).not.toBe(0);
    expect(verbose?.output).toContain('An unhandled error occurred while running the "astro:build:done" hook');
    expect(verbose?.output).toMatch(/\/services\/walk-in-care\/\n\s+error title-duplicate: [^\n]*\n\s+edit: content\/services\/walk-in-care\.mdx, field seo\.title\n/);
    expect(verbose?.output).toMatch(/^\s+at /m);
  });

  it('still writes the report, so the error can be read there, with the file and field to edit', () => {
    expect(report().pages.find((page) => page.path === '/services/walk-in-care/')?.findings).toContainEqual(
      expect.objectContaining({ rule: 'title-duplicate', file: 'content/services/walk-in-care.mdx', field: 'seo.title' }),
    );
  });
});
