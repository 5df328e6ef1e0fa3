import type { APIRoute } from 'astro';
import { getLeadSite, getSite } from '@/lib/content/queries.ts';

/**
 * The delivery settings for the lead server (DeliverySettings: the organization, confirmation,
 * spam and webhooks). The server integration (src/integrations/carepath-server.ts) moves the file
 * to dist/server/, so it is never deployed or served.
 */
export const prerender = true;

export const GET: APIRoute = async () => {
  // getLeadSite() skips the integrity check; the settings must come from content that passed it.
  await getSite();
  const { delivery } = await getLeadSite();
  return new Response(`${JSON.stringify(delivery, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
