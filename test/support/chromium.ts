/**
 * The browser every browser test drives: Playwright's e2e tests (playwright.config.ts) and the
 * quality gates (Lighthouse through chrome-launcher, page weight through Playwright).
 */

/** Debian's Chromium; Playwright's and Lighthouse's own browser downloads are not available in CI. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** `CHROMIUM_PATH` when set (another Chromium or Chrome), else Debian's. */
export function getChromiumPath(env: Record<string, string | undefined>): string {
  return env['CHROMIUM_PATH'] || DEFAULT_CHROMIUM_PATH;
}

/** The browser this run drives. */
export const CHROMIUM = getChromiumPath(process.env);

/** No sandbox (root in CI), no GPU, no calls home. Playwright adds headless itself. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] as const;

/** The same, headless, for launchers that take the whole command line (chrome-launcher). */
export const CHROMIUM_FLAGS = ['--headless', ...CHROMIUM_ARGS] as const;

/** A mid-size phone; the site is built mobile first, so every page check runs here. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
} as const;
