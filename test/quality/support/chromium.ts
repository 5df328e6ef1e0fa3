/** Debian's Chromium; Playwright's and Lighthouse's own browser downloads are not available in CI. */
export const CHROMIUM = '/usr/bin/chromium';

/** As playwright.config.ts launches it: no sandbox (root in CI), no GPU, no calls home. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/** The phone the e2e tests use (test/e2e/support/environment.ts). */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
} as const;
