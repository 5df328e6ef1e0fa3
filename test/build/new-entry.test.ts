import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNewEntry } from '../../src/build/new-entry.ts';
import { buildFixtureSite, type BuildResult } from '../support/astro-build.ts';
import { createFixtureSite, type FixtureSite } from '../support/fixtures.ts';

/**
 * `npm run new` for each kind, on a copy of the good fixture, then the real build: it passes
 * (the content checks and the SEO audit with it) and has the new pages, still marked as drafts.
 */
let site: FixtureSite;
let result: BuildResult;
const written: string[] = [];
beforeAll(async () => {
  site = createFixtureSite();
  const commands = [
    // A name with characters MDX page text would read as code: < and {.
    ['location', 'North Clinic <East> {2}'],
    ['service', 'Travel vaccines'],
    ['condition', 'Sore throat'],
    ['provider', 'Jo Park', '--from', 'ana-ruiz'],
    ['location-service', 'north-clinic-east-2', 'walk-in-care'],
    // Pages that are in search results at once, or beside their source: no description may repeat.
    ['location-service', 'harbor', 'family-medicine', '--from', 'harbor--walk-in-care'],
    ['location', 'Harbor East', '--from', 'harbor'],
  ];
  for (const args of commands) {
    const code = runNewEntry(args, {
      env: { CONTENT_DIR: site.contentDir },
      cwd: site.root,
      stdout: (text) => written.push(text),
      stderr: (text) => written.push(text),
      now: new Date(),
    });
    if (code !== 0) throw new Error(`npm run new -- ${args.join(' ')}: ${written.join('')}`);
  }
  result = await buildFixtureSite(site);
}, 150_000);
afterAll(() => site?.remove());

const page = (path: string) => join(site.root, 'dist', 'client', path, 'index.html');

describe('a fixture site with one new entry of each kind, built', () => {
  it('builds, warning only that no location offers the new service yet', () => {
    expect(result.code).toBe(0);
    expect(result.output).not.toMatch(/\berror\b/i);
    expect(result.output).toContain('No location offers this service');
  });

  it.each([
    'locations/north-clinic-east-2',
    'services/travel-vaccines',
    'conditions/sore-throat',
    'providers/jo-park',
    'locations/north-clinic-east-2/walk-in-care',
    'locations/harbor/family-medicine',
    'locations/harbor-east/walk-in-care',
  ])('has the page /%s/', (path) => {
    expect(existsSync(page(path))).toBe(true);
  });

  it('keeps the new pages out of search engines until the writer deletes seo.noindex', () => {
    for (const path of ['locations/north-clinic-east-2', 'services/travel-vaccines', 'conditions/sore-throat', 'providers/jo-park']) {
      expect(readFileSync(page(path), 'utf8')).toContain('<meta name="robots" content="noindex');
    }
    const client = join(site.root, 'dist', 'client');
    const sitemaps = readdirSync(client).filter((file) => /^sitemap-.+\.xml$/.test(file));
    expect(sitemaps).not.toEqual([]);
    const listed = sitemaps.map((file) => readFileSync(join(client, file), 'utf8')).join('\n');
    expect(listed).toContain('/providers/ana-ruiz/');
    for (const path of ['/locations/north-clinic-east-2/<', '/services/travel-vaccines/', '/conditions/sore-throat/', '/providers/jo-park/']) expect(listed).not.toContain(path);
  });

  it('shows the location × service page text the file gives', () => {
    expect(readFileSync(page('locations/north-clinic-east-2/walk-in-care'), 'utf8')).toContain('North Clinic &lt;East&gt; {2} offers Walk-in care in Harbor City.');
  });
});
