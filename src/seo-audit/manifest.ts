import { z } from 'astro/zod';
import type { LastmodSource, PageSource, SitePage } from '../lib/content/pages.ts';
import { formatIsoDate } from '../lib/dates.ts';
import { getPageKind, type PageKind } from '../lib/page-kinds.ts';

/** Where the build emits the page manifest; the post-build step moves it out of the site. */
export const MANIFEST_PATH = '/seo-pages.json';

/**
 * One page as the content describes it, emitted at build by the manifest endpoint so the
 * post-build step knows what the HTML cannot say: why a page's lastmod is what it is.
 */
export interface ManifestPage {
  path: string;
  kind: PageKind;
  /** ISO date (YYYY-MM-DD) of the page's last significant change, when known. */
  lastmod?: string | undefined;
  lastmodSource?: LastmodSource | undefined;
  /** Why a writer kept the page out of search results, when they did. */
  noindexReason?: string | undefined;
  /** The page shows a picture of its own, its og:image, which the image sitemap lists. */
  hasOwnImage?: boolean | undefined;
  /** Where a writer edits the page; absent for pages the templates make alone (privacy, the lists). */
  source?: PageSource | undefined;
}

/** The content's pages as the post-build step needs them: dates, the writer's noindex, whether the page has a picture of its own. */
export function buildManifest(pages: SitePage[]): ManifestPage[] {
  return pages.map((page) => {
    const entry: ManifestPage = { path: page.path, kind: page.kind };
    if (page.hasOwnImage) entry.hasOwnImage = true;
    if (page.source) entry.source = page.source;
    if (page.lastmod) {
      entry.lastmod = formatIsoDate(page.lastmod.date);
      entry.lastmodSource = page.lastmod.source;
    }
    if (page.seo?.noindex) {
      // The page's seo comes from one of the entries it shows (a location × service page's local file).
      const file = page.shows.find((shown) => (shown.data as { seo?: unknown }).seo === page.seo)?.filePath;
      entry.noindexReason = `seo.noindex: true${file ? ` in ${file}` : ''}`;
    }
    return entry;
  });
}

const LastmodSourceSchema = z.object({ file: z.string(), field: z.enum(['updated', 'review.date', 'git']) });
const ManifestSchema = z.array(
  z.object({
    path: z.string().startsWith('/'),
    kind: z.string(),
    lastmod: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    lastmodSource: LastmodSourceSchema.optional(),
    noindexReason: z.string().optional(),
    hasOwnImage: z.boolean().optional(),
    source: z
      .object({
        file: z.string(),
        create: z.literal(true).optional(),
        title: z.string().optional(),
        description: z.string().optional(),
        text: z.literal(true).optional(),
      })
      .optional(),
  }),
);

/** Reads the manifest the build emitted; throws, naming the problem, when it is not one. */
export function parseManifest(json: unknown): ManifestPage[] {
  const result = ManifestSchema.safeParse(json);
  if (!result.success) throw new Error(`The page manifest (${MANIFEST_PATH}) is malformed: ${z.prettifyError(result.error)}`);
  return result.data.map((page) => ({ ...page, kind: getPageKind(page.path) }));
}
