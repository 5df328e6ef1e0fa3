/**
 * Where the end-to-end tests find the build and the server, shared by playwright.config.ts and the
 * tests. `E2E_DIST` points a run at its own build (e.g. `.scratch/e2e-dist`) instead of `dist`;
 * `E2E_PORT` moves the server when the default port is taken.
 */
export const DIST_DIR = process.env['E2E_DIST'] ?? 'dist';
export const PORT = Number(process.env['E2E_PORT'] ?? 4329);
export const ORIGIN = `http://127.0.0.1:${PORT}`;

/** A mid-size phone; the site is built mobile first, so every page check runs here. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
} as const;
