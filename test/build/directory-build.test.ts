import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticContent } from '../bench/synthetic/generate-content.ts';
import { buildFixtureSite, type BuildResult } from '../support/astro-build.ts';
import type { FixtureSite } from '../support/fixtures.ts';
import { assertSystemTools, getSystemTools } from '../support/system-tools.ts';
import { DIRECTORY_PAGE_SIZE, DIRECTORY_SINGLE_PAGE_MAX } from '@/lib/directory-pages.ts';
import { LOCATION_CARDS_MAX } from '@/lib/location-index.ts';
import { parseSitemapLocs } from '@/seo-audit/sitemap.ts';

/**
 * A generated organization past both thresholds (60 providers, 30 locations), built for real: the
 * provider directory lists groups, each group's pages list at most DIRECTORY_PAGE_SIZE providers,
 * and /locations/ lists plain links; every new page is linked, indexable, in the providers
 * sitemap and within the page budget, and the build's SEO audit finds no error.
 */
const PROVIDERS = 60;
const LOCATIONS = 30;
/** The budget of the issue (≤ 30 KB of HTML after gzip), well above what these pages weigh. */
const GZIP_BUDGET = 30 * 1024;

let site: FixtureSite;
let result: BuildResult;
beforeAll(async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'carepath-directory-')));
  site = { root, contentDir: 'content', remove: () => rmSync(root, { recursive: true, force: true }) };
  writeSyntheticContent(join(root, 'content'), {
    locations: LOCATIONS,
    locationsPerCity: 5,
    services: 2,
    servicesPerLocation: 1,
    conditions: 2,
    providers: PROVIDERS,
    localServices: 0,
    seed: 'directory',
  });
  result = await buildFixtureSite(site, { timeoutMs: 240_000 });
}, 250_000);
afterAll(() => site?.remove());

interface Report {
  summary: { errors: number };
  pages: { path: string; kind: string; indexable: boolean; sitemap?: string; findings: { rule: string; severity: string }[] }[];
}
const client = (path: string) => readFileSync(join(site.root, 'dist/client', path.endsWith('/') ? `${path}index.html` : path), 'utf8');
const report = (): Report => JSON.parse(readFileSync(join(site.root, 'dist/seo-report.json'), 'utf8')) as Report;
const hrefs = (html: string) => new Set([...html.matchAll(/<a [^>]*href="([^"#]+)"/g)].map((m) => m[1]));
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const gzipped = (html: string) => gzipSync(html, { level: 9 }).length;

describe('a large organization’s directory and locations index, built', () => {
  it('builds with no SEO error', () => {
    expect(result.code, result.output.slice(-3000)).toBe(0);
    expect(PROVIDERS).toBeGreaterThan(DIRECTORY_SINGLE_PAGE_MAX);
    expect(LOCATIONS).toBeGreaterThan(LOCATION_CARDS_MAX);
    expect(report().summary.errors).toBe(0);
  });

  it('lists the groups on /providers/ as plain links, without the filter form or provider cards', () => {
    const html = client('/providers/');
    expect(html).not.toContain('class="filters"');
    expect(main(html)).not.toContain('card--provider');
    expect(html).toContain('<h2 id="by-location">By location</h2>');
    expect(html).toContain('<h2 id="by-service">By service</h2>');
    expect(gzipped(html)).toBeLessThan(GZIP_BUDGET);
  });

  it('builds every group page, bounded, linked, indexable and in the providers sitemap', () => {
    const pages = report().pages.filter((p) => p.kind === 'providers-at' || p.kind === 'providers-for');
    expect(pages.filter((p) => p.kind === 'providers-at').length).toBeGreaterThan(0);
    expect(pages.filter((p) => p.kind === 'providers-for').length).toBeGreaterThan(0);
    // 60 providers in 2 services: each service's group runs past one page.
    const numbered = pages.filter((p) => /\/\d+\/$/.test(p.path));
    expect(numbered.length).toBeGreaterThan(0);

    const fromDirectory = hrefs(client('/providers/'));
    const sitemap = new Set(parseSitemapLocs(client('/sitemap-providers-0.xml')).map((url) => new URL(url).pathname));
    let listed = 0;
    for (const page of pages) {
      const html = client(page.path);
      expect(page.indexable, page.path).toBe(true);
      expect(page.sitemap, page.path).toBe('sitemap-providers-0.xml');
      expect(sitemap.has(page.path), page.path).toBe(true);
      // Its own canonical URL (each numbered page too: page 2 is not a copy of page 1).
      expect(html.match(/<link rel="canonical" href="([^"]+)">/)?.[1], page.path).toMatch(new RegExp(`^https?://[^/]+${page.path}$`));
      const cards = main(html).match(/class="card card--provider"/g) ?? [];
      expect(cards.length, page.path).toBeGreaterThan(1);
      expect(cards.length, page.path).toBeLessThanOrEqual(DIRECTORY_PAGE_SIZE);
      listed += cards.length;
      expect(gzipped(html), page.path).toBeLessThan(GZIP_BUDGET);
      // The first page of a group is linked from the directory, the others from the first.
      const first = page.path.replace(/\d+\/$/, '');
      if (first === page.path) expect(fromDirectory.has(page.path), page.path).toBe(true);
      else expect(hrefs(client(first)).has(page.path), page.path).toBe(true);
    }
    // Each provider at 1 to 3 locations and 1 or 2 services: every one listed at least twice.
    expect(listed).toBeGreaterThanOrEqual(2 * PROVIDERS);
  });

  it('links every page of a numbered group from every other, and marks the one shown', () => {
    const second = report().pages.find((p) => /^\/providers\/for\/[^/]+\/2\/$/.test(p.path));
    expect(second).toBeDefined();
    const path = second!.path;
    const html = client(path);
    const first = path.replace(/2\/$/, '');
    expect(html).toContain(`<a href="${first}" rel="prev">Previous</a>`);
    expect(html).toContain(`<a href="${path}" aria-current="page">2</a>`);
    expect(html).toMatch(/<title>[^<]*, page 2[ <]/);
  });

  it('lists every location on /locations/ as a link by city, without cards', () => {
    const html = client('/locations/');
    expect(main(html)).not.toContain('card--location');
    const links = [...hrefs(html)].filter((href) => /^\/locations\/[^/]+\/$/.test(href ?? ''));
    expect(links).toHaveLength(LOCATIONS);
    // 5 locations a city: the jump links name each city with its count.
    expect(html.match(/<a href="#in-[^"]+">[^<]+ \(5\)<\/a>/g)?.length).toBe(LOCATIONS / 5);
    expect(gzipped(html)).toBeLessThan(GZIP_BUDGET);
  });

  it('passes the Nu Html Checker on the directory, every group page and the locations index', { timeout: 120_000 }, () => {
    assertSystemTools(['java']);
    const jar = String(createRequire(import.meta.url)('vnu-jar'));
    const paths = [
      '/providers/',
      '/locations/',
      ...report()
        .pages.filter((p) => p.kind === 'providers-at' || p.kind === 'providers-for')
        .map((p) => p.path),
    ];
    const files = paths.map((path) => join(site.root, 'dist/client', path, 'index.html'));
    const vnu = spawnSync(getSystemTools(process.env).java.command, ['-jar', jar, '--format', 'json', '--stdout', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const messages = (JSON.parse(vnu.stdout) as { messages: { type: string; url?: string; message: string; lastLine?: number }[] }).messages;
    const errors = messages.filter((m) => m.type !== 'info').map((m) => `${m.url?.slice(m.url.indexOf('/client/'))}:${m.lastLine}: ${m.message}`);
    expect(errors).toEqual([]);
    expect(vnu.status, vnu.stderr).toBe(0);
    expect(files.length).toBeGreaterThan(10);
  });
});
