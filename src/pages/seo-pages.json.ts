import type { APIRoute } from 'astro';
import { getSite } from '@/lib/content/queries.ts';
import { buildManifest } from '@/seo-audit/manifest.ts';

/**
 * The page manifest for the post-build SEO step (src/seo-audit/index.ts): each page's
 * lastmod and where it came from, and the writer's noindex. That step moves the file out of the
 * site, so it is never deployed or listed.
 */
export const prerender = true;

export const GET: APIRoute = async () => {
  const site = await getSite();
  return new Response(JSON.stringify(buildManifest(site.pages)), { headers: { 'Content-Type': 'application/json' } });
};
