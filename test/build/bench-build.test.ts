import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runBuildBenchmark, SIZES } from '../bench/build.ts';
import { PROJECT_ROOT } from '../support/read-content.ts';
import { NEARBY_LOCATIONS } from '@/lib/content/pages.ts';
import { GROUP_OPTIONS_ABOVE } from '@/lib/leads/form.ts';
import { LOCATION_OPTIONS_MAX } from '@/lib/leads/location-choices.ts';

/**
 * `npm run bench:build -- --smoke` in a copy of the project, so that the benchmark cannot break
 * unnoticed: it generates the smallest site, builds it, changes one MDX file and builds again.
 * The copy keeps the build's `.astro/` and caches out of the working tree.
 */
const root = realpathSync(mkdtempSync(join(tmpdir(), 'carepath-bench-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('builds the smoke site and a rebuild, and reports what it measured', async () => {
  for (const file of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public']) cpSync(join(PROJECT_ROOT, file), join(root, file), { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(PROJECT_ROOT, 'node_modules'))) {
    if (!name.startsWith('.')) symlinkSync(join(PROJECT_ROOT, 'node_modules', name), join(root, 'node_modules', name), 'dir');
  }
  const lines: string[] = [];
  const [result] = await runBuildBenchmark({
    root,
    out: '.bench',
    sizes: ['smoke'],
    rebuild: true,
    waitQuietSeconds: 0,
    cpuProf: false,
    log: (line) => lines.push(line),
  });

  expect(result?.build.failure).toBeUndefined();
  expect(result?.build).toMatchObject({ ok: true, exitCode: 0 });
  const { locations, servicesPerLocation } = SIZES.smoke;
  // Location × service pages, plus location, service, condition, provider, list and other pages.
  expect(result?.build.pages).toBeGreaterThan(locations * servicesPerLocation);
  expect(result?.build.pagesPerSecond).toBeGreaterThan(0);
  expect(result?.build.phases.map((phase) => phase.name)).toEqual(['startup and content sync', 'bundle (Vite)', 'render pages', 'images', 'post-build (sitemap, SEO step)']);
  if (process.platform === 'linux') expect(result?.build.peakRssMiB).toBeGreaterThan(100);
  expect(result?.rebuild).toMatchObject({ ok: true, pages: result?.build.pages });
  expect(result?.rebuildAll).toMatchObject({ ok: true, pages: result?.build.pages });
  expect(result?.doorways).toBe(0);
  expect(lines.join('\n')).toContain('smoke rebuild (1 MDX changed)');
  expect(lines.join('\n')).toContain('smoke rebuild (org phone)');
  // Every location × service page suggests at most NEARBY_LOCATIONS others, nearest first, and
  // links to the service's full list when there are more (the build's audit checks the link).
  const report = JSON.parse(readFileSync(join(root, '.bench/dist-smoke/seo-report.json'), 'utf8')) as { pages: { path: string; kind: string }[] };
  const pairs = report.pages.filter((page) => page.kind === 'location-service');
  let capped = 0;
  for (const { path } of pairs) {
    const html = readFileSync(join(root, '.bench/dist-smoke/client', path, 'index.html'), 'utf8');
    const more = html.slice(html.indexOf('<h3>Also offered at</h3>'));
    const cards = more.slice(0, more.indexOf('</ul>')).match(/class="card card--location"/g) ?? [];
    expect(cards.length, path).toBeLessThanOrEqual(NEARBY_LOCATIONS);
    if (/All \d+ locations for/.test(more)) capped++;
  }
  expect(capped).toBeGreaterThan(0);
  // More than LOCATION_OPTIONS_MAX locations: each page's form lists a few (a location × service
  // page its own first, chosen), and links to the request page, whose form lists them all by city.
  const client = (path: string) => readFileSync(join(root, '.bench/dist-smoke/client', path), 'utf8');
  const locationList = (html: string) => {
    const start = html.indexOf('<select id="lf-location"');
    return html.slice(start, html.indexOf('</select>', start));
  };
  const optionValues = (list: string) => [...list.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
  expect(SIZES.smoke.locations).toBeGreaterThan(LOCATION_OPTIONS_MAX);
  for (const { path } of report.pages.filter((page) => page.path.endsWith('/') && page.path !== '/request/')) {
    const html = client(join(path, 'index.html'));
    expect(optionValues(locationList(html)).length, path).toBeLessThanOrEqual(LOCATION_OPTIONS_MAX);
    expect(html, path).toContain(`Another location? <a href="/request/#lf-location" data-more-options="/request/locations.json" data-for="lf-location">See all ${SIZES.smoke.locations} locations</a>`);
  }
  for (const { path } of pairs) {
    const own = path.split('/')[2];
    const list = locationList(client(join(path, 'index.html')));
    expect(optionValues(list)[0], path).toBe(own);
    expect(list, path).toContain(`<option value="${own}" selected>`);
  }
  const everyLocation = locationList(client('request/index.html'));
  expect(SIZES.smoke.locations).toBeGreaterThan(GROUP_OPTIONS_ABOVE);
  expect(everyLocation.match(/<optgroup label="[^"]+">/g)?.length ?? 0).toBeGreaterThan(1);
  expect(optionValues(everyLocation)).toHaveLength(SIZES.smoke.locations);
  expect(client('request/index.html')).not.toContain('data-more-options');
  const json = JSON.parse(client('request/locations.json')) as { total: number; groups: { options: { value: string }[] }[] };
  expect(json.total).toBe(SIZES.smoke.locations);
  expect(json.groups.flatMap((g) => g.options.map((o) => o.value)).sort()).toEqual(optionValues(everyLocation).sort());
  const saved = JSON.parse(readFileSync(join(root, '.bench/results.json'), 'utf8')) as { results: unknown[] };
  expect(saved.results).toHaveLength(1);
});
