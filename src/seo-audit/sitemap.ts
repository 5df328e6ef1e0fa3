import type { SitemapName } from '../lib/page-kinds.ts';
import type { PagePlan } from './indexing.ts';

/** The child sitemaps, in the order the index lists them. */
export const SITEMAP_NAMES: readonly SitemapName[] = ['locations', 'services', 'location-services', 'conditions', 'providers', 'pages'];

/** The `<loc>` values of a sitemap or sitemap index, entities decoded. */
export function parseSitemapLocs(xml: string): string[] {
  return [...xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)].map((match) => decodeXml(match[1] ?? ''));
}

/**
 * A sitemap index with no sitemaps, for a build that lists no page (a preview): well-formed, so
 * anything that fetches /sitemap-index.xml reads "nothing here" rather than an error page.
 */
export function buildEmptySitemapIndex(xslUrl?: string): string {
  const stylesheet = xslUrl ? `<?xml-stylesheet type="text/xsl" href="${encodeXml(xslUrl)}"?>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>${stylesheet}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>`;
}

/** The sitemap entry @astrojs/sitemap serializes for a page: its lastmod and its image. */
export interface SitemapItem {
  url: string;
  lastmod?: string | undefined;
  img?: { url: string }[] | undefined;
}

/** Adds what the build knows about a page to its sitemap entry. */
export function buildSitemapItem<T extends SitemapItem>(item: T, plan: PagePlan | undefined): T {
  const result: T = { ...item };
  if (plan?.lastmod) result.lastmod = plan.lastmod;
  if (plan?.image) result.img = [{ url: plan.image }];
  return result;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return XML_ENTITIES[name] ?? entity;
  });
}

function encodeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
