/**
 * Build and server settings read from the environment. Every setting has a default so that
 * `npm ci && npm start` works with no configuration.
 */
export interface Settings {
  /** Public origin of the site, used for canonical URLs and the sitemap. `SITE_URL`. */
  siteUrl: string;
  /** Folder holding the content collections, absolute or relative to the project. `CONTENT_DIR`. */
  contentDir: string;
  /** Port of the dev and production server. `PORT`. */
  port: number;
  /** Interface the server listens on. `HOST`. */
  host: string;
}

const DEFAULT_PORT = 4321;

/** Reads the settings; an empty variable counts as unset, as shells and CI files often leave them. */
export function readSettings(env: Record<string, string | undefined>): Settings {
  const port = Number(env['PORT'] || DEFAULT_PORT);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 1 to 65535; got "${env['PORT']}".`);
  }
  const siteUrl = env['SITE_URL'] || `http://localhost:${port}`;
  if (!URL.canParse(siteUrl)) {
    throw new Error(`SITE_URL must be an absolute URL such as https://clinic.example; got "${siteUrl}".`);
  }
  return {
    siteUrl: new URL(siteUrl).origin,
    contentDir: env['CONTENT_DIR'] || './content',
    port,
    host: env['HOST'] || 'localhost',
  };
}
