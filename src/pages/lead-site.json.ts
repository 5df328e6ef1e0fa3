import type { APIRoute } from 'astro';
import { getLeadSite, getSite } from '@/lib/content/queries.ts';
import { formatLeadSiteFile } from '@/lib/leads/lead-site-file.ts';

/**
 * What the lead endpoint checks a request against (LeadSiteContext), for the server entry, which
 * answers POST /api/leads ahead of Astro. Moved to dist/server/ with the delivery settings, never served.
 */
export const prerender = true;

export const GET: APIRoute = async () => {
  // getLeadSite() skips the integrity check; the file must come from content that passed it.
  await getSite();
  return new Response(formatLeadSiteFile((await getLeadSite()).context), { headers: { 'Content-Type': 'application/json' } });
};
