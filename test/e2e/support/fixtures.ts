import { test as base } from '@playwright/test';
import { ORIGIN } from './environment.ts';
import { PHONE } from '../../support/chromium.ts';
import { SitePage } from './site-page.ts';
import { fetchSitemap, type SitemapPage } from './sitemap.ts';

interface TestFixtures {
  /** A fresh tab with the project's settings, for tests that change state. */
  site: SitePage;
}

interface WorkerFixtures {
  /** One phone tab per worker, reused across tests: visiting every page stays fast. */
  sharedSite: SitePage;
  /** Every page the served sitemap lists. */
  sitemap: SitemapPage[];
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  site: async ({ page }, use) => {
    await use(new SitePage(page));
  },
  sharedSite: [
    async ({ browser }, use) => {
      const context = await browser.newContext({ ...PHONE, baseURL: ORIGIN });
      await use(new SitePage(await context.newPage()));
      await context.close();
    },
    { scope: 'worker' },
  ],
  sitemap: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this object pattern; this one has none.
    async ({}, use) => {
      await use(await fetchSitemap());
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
