import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../support/astro-build.ts';
import { createFixtureSite, type FixtureSite } from '../support/fixtures.ts';

/**
 * The live preview (`npm run dev`) as a writer uses it: a content error replaces every page with
 * the list of problems (the build's messages), fixing it brings the pages back, and each page
 * carries a panel with its own SEO findings.
 */
const PAGE = '/conditions/sprained-ankle/';

/**
 * Saves the file as most editors do, whole (a new file renamed over the old). A write in place is
 * seen as the file emptied, then filled: Astro's own loader may read it empty and wait for a change
 * that does not come (the content check waits a moment and reads it whole).
 */
function save(path: string, text: string): void {
  writeFileSync(`${path}.saving`, text);
  renameSync(`${path}.saving`, path);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the dev preview', () => {
  let site: FixtureSite | undefined;
  let server: DevServer | undefined;
  let file = '';
  let good = '';
  beforeAll(async () => {
    site = createFixtureSite();
    file = join(site.root, site.contentDir, 'conditions/sprained-ankle.mdx');
    good = readFileSync(file, 'utf8');
    server = await startDevServer(site);
    // The file watcher finishes its first scan a moment after the server answers.
    await pause(2_000);
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    site?.remove();
  });

  /** The page, once `until` holds for it (the preview picks up a change within a second or so). */
  async function getPage(until: (page: { status: number; html: string }) => boolean): Promise<{ status: number; html: string }> {
    let last = { status: 0, html: '' };
    for (let attempt = 0; attempt < 60; attempt++) {
      const response = await fetch(`${server!.url}${PAGE}`, { headers: { accept: 'text/html' } });
      last = { status: response.status, html: await response.text() };
      if (until(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return last;
  }

  it('shows the page with its SEO panel', async () => {
    const page = await getPage((p) => p.status === 200);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<aside class="carepath-preview-seo" aria-label="SEO check \(preview only\)" data-findings="\d+">/);
  }, 60_000);

  it('lists a field that is too short in the panel, with the file to edit', async () => {
    save(file, good.replace(/^summary: .*$/m, 'summary: Ankle.'));
    const page = await getPage((p) => p.html.includes('The description is 6 characters'));
    expect(page.html, server!.output()).toContain('The description is 6 characters, under 70');
    save(file, good);
    await getPage((p) => !p.html.includes('The description is 6 characters'));
  }, 60_000);

  it('shows every content problem instead of the page, with file, line and fix', async () => {
    save(file, `${good}\n<Calout>Rest it.</Calout>\n`);
    const page = await getPage((p) => p.status === 500);
    expect(page.status).toBe(500);
    expect(page.html).toContain('<h1>The content has 1 problem in 1 file</h1>');
    expect(page.html).toContain('<h2>content/conditions/sprained-ankle.mdx</h2>');
    expect(page.html).toContain('There is no component &lt;Calout&gt;.');
    expect(page.html).toContain('Did you mean &lt;Callout&gt;?');
    expect(page.html).toMatch(/line \d+, page text/);
    // The terminal says the same.
    expect(server!.output()).toContain('There is no component <Calout>.');
  }, 60_000);

  it('shows the page again once the problem is fixed', async () => {
    // A writer takes a moment to fix it; Astro reads a file changed twice within milliseconds once.
    await pause(1_000);
    save(file, good);
    const page = await getPage((p) => p.status === 200);
    expect(page.status, `${page.html.slice(0, 2000)}\n${server!.output().slice(-3000)}`).toBe(200);
    expect(page.html).toContain('carepath-preview-seo');
  }, 60_000);
});
