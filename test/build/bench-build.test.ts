import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runBuildBenchmark, SIZES } from '../bench/build.ts';
import { PROJECT_ROOT } from '../support/read-content.ts';
import { NEARBY_LOCATIONS } from '@/lib/content/pages.ts';
import { GROUP_OPTIONS_ABOVE } from '@/lib/leads/form.ts';

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
  expect(result?.build.phases.map((phase) => phase.name)).toEqual([
    'startup and content sync',
    'bundle (Vite)',
    'render pages',
    'images',
    'post-build (sitemap, SEO step)',
  ]);
  if (process.platform === 'linux') expect(result?.build.peakRssMiB).toBeGreaterThan(100);
  expect(result?.rebuild).toMatchObject({ ok: true, pages: result?.build.pages });
  expect(result?.doorways).toBe(0);
  expect(lines.join('\n')).toContain('smoke rebuild (1 MDX changed)');
  // Every location × service page suggests at most NEARBY_LOCATIONS others, nearest first, and
  // links to the service's full list when there are more (the build's audit checks the link).
  const report = JSON.parse(readFileSync(join(root, '.bench/dist-smoke/seo-report.json'), 'utf8')) as { pages: { path: string; kind: string }[] };
  const pairs = report.pages.filter((page) => page.kind === 'location-service');
  let capped = 0;
  for (const { path } of pairs) {
    const html = readFileSync(join(root, '.bench/dist-smoke/client', path, 'index.html'), 'utf8');
    const more = html.slice(html.indexOf('<h3>Also offered at</h3>'));
    const cards = more.slice(0, more.indexOf("</ul>")).match(/class="card card--location"/g) ?? [];
    expect(cards.length, path).toBeLessThanOrEqual(NEARBY_LOCATIONS);
    if (/All \d+ locations for/.test(more)) capped++;
  }
  expect(capped).toBeGreaterThan(0);
  // With more than GROUP_OPTIONS_ABOVE locations in several cities, the form lists them by city.
  const home = readFileSync(join(root, '.bench/dist-smoke/client/index.html'), 'utf8');
  const locationList = home.slice(home.indexOf('<select id="lf-location"'), home.indexOf('</select>', home.indexOf('<select id="lf-location"')));
  expect(SIZES.smoke.locations).toBeGreaterThan(GROUP_OPTIONS_ABOVE);
  expect(locationList.match(/<optgroup label="[^"]+">/g)?.length ?? 0).toBeGreaterThan(1);
  expect(locationList.match(/<option value="[^"]+"/g)).toHaveLength(SIZES.smoke.locations);
  const saved = JSON.parse(readFileSync(join(root, '.bench/results.json'), 'utf8')) as { results: unknown[] };
  expect(saved.results).toHaveLength(1);
});
