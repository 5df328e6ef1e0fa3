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
  /** `preview` builds keep every page out of search engines. `DEPLOY_ENV`. */
  deployEnv: 'production' | 'preview';
  /**
   * Location × service pages whose main text is at least this similar (0–1, shingled Jaccard) to
   * a sibling page are kept out of search results as likely doorway pages. `SIMILARITY_THRESHOLD`.
   */
  similarityThreshold: number;
}

const DEFAULT_SIMILARITY_THRESHOLD = 0.8;

const DEFAULT_PORT = 4321;

/** Reads the settings; an empty variable counts as unset, as shells and CI files often leave them. */
export function readSettings(env: Record<string, string | undefined>): Settings {
  const port = Number(env['PORT'] || DEFAULT_PORT);
  // 0 asks the system for any free port, as tests do.
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535; got "${env['PORT']}".`);
  }
  const siteUrl = env['SITE_URL'] || `http://localhost:${port}`;
  if (!URL.canParse(siteUrl)) {
    throw new Error(`SITE_URL must be an absolute URL such as https://clinic.example; got "${siteUrl}".`);
  }
  const deployEnv = env['DEPLOY_ENV'] || 'production';
  if (deployEnv !== 'production' && deployEnv !== 'preview') {
    throw new Error(`DEPLOY_ENV must be "production" or "preview"; got "${deployEnv}".`);
  }
  const similarityThreshold = Number(env['SIMILARITY_THRESHOLD'] || DEFAULT_SIMILARITY_THRESHOLD);
  if (!(similarityThreshold > 0 && similarityThreshold <= 1)) {
    throw new Error(`SIMILARITY_THRESHOLD must be a number above 0 and at most 1; got "${env['SIMILARITY_THRESHOLD']}".`);
  }
  return {
    siteUrl: new URL(siteUrl).origin,
    contentDir: env['CONTENT_DIR'] || './content',
    port,
    host: env['HOST'] || 'localhost',
    deployEnv,
    similarityThreshold,
  };
}
