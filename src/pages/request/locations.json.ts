import type { APIRoute } from 'astro';
import { getLeadSite } from '@/lib/content/queries.ts';
import { buildLocationList } from '@/lib/leads/location-choices.ts';

/**
 * Every location as the request form lists them. A large organization's pages list a few; the
 * form script loads this file into the select when a person asks for the others. A static file:
 * nothing about the person is sent to fetch it.
 */
export const prerender = true;

export const GET: APIRoute = async () => {
  const site = await getLeadSite();
  return new Response(JSON.stringify(buildLocationList(site.locations)), { headers: { 'Content-Type': 'application/json' } });
};
