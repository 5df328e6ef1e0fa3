import type { APIRoute } from 'astro';
import { getLeadSite, getSite } from '@/lib/content/queries.ts';
import { buildFunnelSettings } from '@/lib/funnel/funnel-settings.ts';

/**
 * The funnel report's settings (FunnelSettings: the organization, service and location names), for
 * `npm run leads -- report`. Moved to dist/server/ with the delivery settings, never served.
 */
export const prerender = true;

export const GET: APIRoute = async () => {
  // getLeadSite() skips the integrity check; the settings must come from content that passed it.
  await getSite();
  return new Response(`${JSON.stringify(buildFunnelSettings(await getLeadSite()), null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
