import type { APIRoute } from 'astro';
import { getSite } from '@/lib/content/queries.ts';
import { listPublishedEntries } from '@/lib/redirects.ts';

/**
 * The entries with a page (collection, id, name, file), for the redirects step
 * (src/integrations/carepath-redirects.ts): it keeps them outside dist/ to tell, next build, which
 * entries were renamed or removed. That step takes the file out of the site, so it is never deployed.
 */
export const prerender = true;

export const GET: APIRoute = async () => {
  const site = await getSite();
  return new Response(JSON.stringify(listPublishedEntries(site)), { headers: { 'Content-Type': 'application/json' } });
};
