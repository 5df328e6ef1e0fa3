import { defineConfig } from '@playwright/test';
import { DIST_DIR, LEADS_DB, ORIGIN, PORT } from './test/e2e/support/environment.ts';
import { CHROMIUM, CHROMIUM_ARGS, PHONE } from './test/support/chromium.ts';

/** End-to-end tests against the built site, served by the production Node server. */
export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  // CI machines have two cores: one for the server, the rest shared by two browsers.
  workers: 2,
  forbidOnly: !!process.env['CI'],
  reporter: 'list',
  // Stops the run at once, saying what to install, when Chromium does not run.
  globalSetup: './test/e2e/support/global-setup.ts',
  use: {
    baseURL: ORIGIN,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] },
  },
  projects: [{ name: 'phone', use: { ...PHONE } }],
  webServer: {
    command: `node_modules/.bin/node ${DIST_DIR}/server/entry.mjs`,
    url: `${ORIGIN}/`,
    // Every test posts from this machine's one address: the per-client limit is tested apart.
    // SITE_URL: the endpoint takes posts only from the site's own origin.
    env: { PORT: String(PORT), HOST: '127.0.0.1', SITE_URL: ORIGIN, LEADS_DB, LEAD_RATE_LIMIT: '10000' },
    // A server left over from another run could be serving another build.
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
