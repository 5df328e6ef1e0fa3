import type { APIRoute } from 'astro';
import { getLeadSite, getSite } from '@/lib/content/queries.ts';
import { buildFunnelSettings } from '@/lib/funnel/funnel-settings.ts';

/**
 * The funnel report's settings (FunnelSettings: the organization, service and location names, the channel rules and the site's origin), for
 * `npm run leads -- report`. Moved to dist/server/ with the delivery settings, never served.
 */
export const prerender = true;

export const GET: APIRoute = async ({ site }) => {
  // getLeadSite() skips the integrity check; the settings must come from content that passed it.
  await getSite();
  const origins = site === undefined ? [] : [site.origin];
  return new Response(`${JSON.stringify(buildFunnelSettings(await getLeadSite(), origins), null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
