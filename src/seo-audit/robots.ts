import type { Settings } from '../settings.ts';
import { INTAKE_PREFIX } from '../lib/paths.ts';

/** Where the sitemap index is published, from the site root. */
export const SITEMAP_INDEX_PATH = '/sitemap-index.xml';

/**
 * The site's robots.txt. Production lets every crawler in and names the sitemap index; a preview
 * deployment shuts every crawler out and names no sitemap, so a preview URL that leaks is not
 * crawled (its pages also say noindex, for crawlers that arrive by a link).
 */
export function buildRobotsTxt({ deployEnv, siteUrl }: Pick<Settings, 'deployEnv' | 'siteUrl'>): string {
  if (deployEnv === 'preview') return ['# Preview deployment: not for search engines.', 'User-agent: *', 'Disallow: /', ''].join('\n');
  // The intake inbox answers only signed-in staff; it says noindex too.
  return ['User-agent: *', 'Allow: /', `Disallow: ${INTAKE_PREFIX}`, '', `Sitemap: ${new URL(SITEMAP_INDEX_PATH, siteUrl).href}`, ''].join('\n');
}
