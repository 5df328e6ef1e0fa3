import { readFileSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { expect, test } from './support/fixtures.ts';
import { DIST_DIR, ORIGIN } from './support/environment.ts';
import type { SitePage } from './support/site-page.ts';
import { WCAG_22_A_AA, findAxeViolations } from './support/axe.ts';
import { PAGE_KINDS, type SitemapPage } from './support/sitemap.ts';

/** The smallest comfortable touch target (WCAG 2.5.5, Apple and Google guidance). */
const MIN_TAP_TARGET = 44;
/** WCAG 2.2 A and AA rules, plus axe's best practices (landmarks, one main, heading order). */
const AXE_TAGS = [...WCAG_22_A_AA, 'best-practice'];
/** Soft: a failing check is recorded and the page's remaining checks still run. */
const check = expect.configure({ soft: true });

test('the sitemap lists exactly the indexable pages of the SEO report, and each is of a known kind', async ({ sitemap }) => {
  const client = join(DIST_DIR, 'client');
  const built = readdirSync(client, { recursive: true, encoding: 'utf8' })
    .filter((file) => file === 'index.html' || file.endsWith(`${sep}index.html`))
    .map((file) => `/${file.slice(0, -'index.html'.length).split(sep).join('/')}`);
  const report = JSON.parse(readFileSync(join(DIST_DIR, 'seo-report.json'), 'utf8')) as { pages: { path: string; indexable: boolean }[] };

  // Every built page is in the report, and the sitemap is exactly the indexable ones.
  expect(built.filter((path) => !report.pages.some((page) => page.path === path))).toEqual([]);
  const indexable = report.pages.filter((page) => page.indexable).map((page) => page.path);
  expect(sitemap.map((page) => page.path).sort()).toEqual(indexable.sort());
  expect(sitemap.filter((page) => page.kind === 'unknown').map((page) => page.path)).toEqual([]);
  const kinds = new Set(sitemap.map((page) => page.kind));
  expect(
    PAGE_KINDS.map(({ kind }) => kind).filter((kind) => !kinds.has(kind)),
    'kinds with no page',
  ).toEqual([]);
});

// One test per kind of page, each visiting all pages of that kind in the worker's shared tab.
// Assertions are soft, so one run reports every failing page, each under a step named by its path.
for (const { kind } of PAGE_KINDS) {
  test(`page checks: ${kind}`, async ({ sharedSite, sitemap }) => {
    const pages = sitemap.filter((page) => page.kind === kind);
    expect(pages.length, `${kind} pages in the sitemap`).toBeGreaterThan(0);
    // Each page runs axe too; allow a few seconds a page on a busy two-core machine.
    test.setTimeout(30_000 + pages.length * 5_000);
    for (const page of pages) {
      await test.step(page.path, () => checkPage(sharedSite, page));
    }
  });
}

async function checkPage(site: SitePage, entry: SitemapPage): Promise<void> {
  const response = await site.visit(entry.path);
  check(response.status(), 'HTTP status').toBe(200);

  await check(site.html, '<html lang>').toHaveAttribute('lang', 'en');
  await check(site.page, '<title>').toHaveTitle(/\S/);
  const description = site.page.locator('head meta[name="description"]');
  await check(description, 'one meta description').toHaveCount(1);
  await check(description, 'meta description text').toHaveAttribute('content', /\S/);
  await check(site.page.locator('head link[rel="canonical"]'), 'canonical = sitemap URL').toHaveAttribute('href', entry.loc);
  await check(site.page.locator('head meta[property="og:image"]'), 'og:image').toHaveAttribute('content', /^https?:\/\/.+\.(jpe?g|png)$/);
  const jsonLd = await site.page.locator('script[type="application/ld+json"]').allTextContents();
  check(jsonLd.length, 'one JSON-LD script').toBe(1);
  let graph: unknown;
  try {
    graph = JSON.parse(jsonLd[0] ?? '');
  } catch (error) {
    graph = String(error);
  }
  check(graph, 'JSON-LD parses into one @graph').toMatchObject({ '@context': 'https://schema.org', '@graph': expect.any(Array) });

  await check(site.h1, 'exactly one h1').toHaveCount(1);
  await check(site.h1, 'h1 text').toHaveText(/\S/);
  if (entry.kind === 'home') {
    await check(site.breadcrumbs, 'no breadcrumbs on the home page').toHaveCount(0);
  } else {
    await check(site.breadcrumbs, 'breadcrumbs').toBeVisible();
    await check(site.breadcrumbs.locator('[aria-current]'), 'one current crumb').toHaveCount(1);
    await check(site.currentCrumb(), 'last crumb is the current page').toHaveAttribute('aria-current', 'page');
  }

  await check(site.requestLink, 'request link in .next-step').toBeVisible();
  await check(site.requestLink, 'request link target').toHaveAttribute('href', '#request');
  await check(site.callLink, 'tel: link in .next-step').toBeVisible();
  await check(site.requestSlot, '#request slot').toHaveCount(1);
  for (const target of await site.tapTargets().all()) {
    const box = await target.boundingBox();
    check(box?.height ?? 0, `height of tap target "${await target.textContent()}"`).toBeGreaterThanOrEqual(MIN_TAP_TARGET);
  }

  const images = await site.images();
  check(
    images.filter((img) => img.alt === null).map((img) => img.src),
    'images without alt',
  ).toEqual([]);
  check(
    images.filter((img) => !img.width || !img.height).map((img) => img.src),
    'images without width and height',
  ).toEqual([]);
  const imageUrls = images.flatMap((img) => img.urls);
  check(
    imageUrls.filter((url) => new URL(url).origin !== ORIGIN),
    'image URLs on other hosts',
  ).toEqual([]);
  check(await site.horizontalOverflow(), 'sideways scrolling at phone width (px)').toBe(0);

  check(await findAxeViolations(site.page, AXE_TAGS), 'axe accessibility violations').toEqual([]);

  check(site.foreignRequests(), 'requests to other hosts').toEqual([]);
  check(site.problems(), 'console errors, page errors and failed requests').toEqual([]);
}
