import type { LastmodSource } from '../lib/content/pages.ts';
import { buildCanonical } from '../lib/seo/head.ts';
import { getSitemapName, type PageKind, type SitemapName } from '../lib/page-kinds.ts';
import type { Settings } from '../settings.ts';
import type { ManifestPage } from './manifest.ts';
import { formatSimilarity, type Doorway } from './similarity.ts';
import type { PageOutline } from './types.ts';

/** Why a page is kept out of search results. `detail` says it in words, for the report. */
export type NoindexReason =
  | { kind: 'preview'; detail: string }
  | { kind: 'template'; detail: string }
  | { kind: 'writer'; detail: string }
  | { kind: 'doorway'; detail: string; similarity: number; sibling: string; shared?: string | undefined };

/** What the build decided about one emitted page. */
export interface PagePlan {
  path: string;
  /** The page's own absolute URL, as a canonical link and the sitemap write it. */
  url: string;
  kind: PageKind;
  /** The page's robots meta allows indexing. */
  indexable: boolean;
  /** Everything that keeps the page out of search results; empty for an indexable page. */
  reasons: NoindexReason[];
  /** The child sitemap that lists the page; absent when it is not listed. */
  sitemap?: SitemapName | undefined;
  /** Why an indexable page is not listed anyway (its canonical points elsewhere). */
  unlisted?: string | undefined;
  lastmod?: string | undefined;
  lastmodSource?: LastmodSource | undefined;
  /** The image the sitemap lists for the page (its og:image), on pages that show a picture of their own. */
  image?: string | undefined;
}

export interface IndexingInput {
  /** Every emitted page, as its HTML reads after the doorway pages were set to noindex. */
  facts: PageOutline[];
  manifest: ManifestPage[];
  /** The doorway pages, by path. */
  doorways: ReadonlyMap<string, Doorway>;
  settings: Pick<Settings, 'deployEnv' | 'siteUrl'>;
}

/** A page whose robots meta disagrees with every reason the build knows of. */
export interface IndexingProblem {
  path: string;
  /** `noindex-unexpected`: noindex with no reason; `noindex-missing`: a reason, but no noindex. */
  rule: 'noindex-unexpected' | 'noindex-missing';
  message: string;
  fix: string;
}

/**
 * Decides, for every emitted page, whether it may be indexed and why not, and which child
 * sitemap lists it; and checks that each page's robots meta says what those reasons say. A
 * noindex that nothing asked for (a template bug, a stray preview setting) would quietly take a
 * page out of search, so it is a problem; so is an indexable page that should not be.
 */
export function planIndexing({ facts, manifest, doorways, settings }: IndexingInput): { pages: PagePlan[]; problems: IndexingProblem[] } {
  const byPath = new Map(manifest.map((page) => [page.path, page]));
  const problems: IndexingProblem[] = [];
  const pages = facts.map((page): PagePlan => {
    const content = byPath.get(page.path);
    const reasons = getNoindexReasons({ page, content, doorway: doorways.get(page.path), deployEnv: settings.deployEnv });
    const url = buildCanonical(settings.siteUrl, page.path);
    const plan: PagePlan = { path: page.path, url, kind: page.kind, indexable: !page.noindex, reasons };
    if (content?.lastmod) {
      plan.lastmod = content.lastmod;
      plan.lastmodSource = content.lastmodSource;
    }
    // Only a picture of the page's own (a location's photo, a provider's headshot): the
    // organization's share image, which pages without one preview with, is no image of theirs.
    if (content?.hasOwnImage && page.ogImage) plan.image = page.ogImage;

    if (page.noindex && reasons.length === 0) {
      problems.push({
        path: page.path,
        rule: 'noindex-unexpected',
        message: 'The page says noindex, but nothing asked for it: it is not the 404 page, its content has no seo.noindex, it is not a doorway page, and this is not a preview build.',
        fix: 'For a developer: find what renders the noindex (PageLayout’s `noindex` prop, the page’s route) and remove it, or set seo.noindex in the page’s content file if the page should stay out of search results.',
      });
    } else if (!page.noindex && reasons.length > 0) {
      problems.push({
        path: page.path,
        rule: 'noindex-missing',
        message: `The page allows indexing, but it should not: ${reasons.map((r) => r.detail).join('; ')}.`,
        fix: 'For a developer: make the route pass its noindex on to PageLayout (buildHead in src/lib/seo/head.ts).',
      });
    }
    if (plan.indexable && reasons.length === 0 && page.kind !== 'not-found') {
      if (page.canonical === url) plan.sitemap = getSitemapName(page.kind);
      else plan.unlisted = page.canonical ? `its canonical URL is ${page.canonical}` : 'it has no canonical URL';
    }
    return plan;
  });
  return { pages, problems };
}

function getNoindexReasons(input: { page: PageOutline; content: ManifestPage | undefined; doorway: Doorway | undefined; deployEnv: Settings['deployEnv'] }): NoindexReason[] {
  const reasons: NoindexReason[] = [];
  if (input.deployEnv === 'preview') reasons.push({ kind: 'preview', detail: 'preview build (DEPLOY_ENV=preview)' });
  if (input.page.kind === 'not-found') reasons.push({ kind: 'template', detail: 'the 404 page' });
  if (input.page.kind === 'request') reasons.push({ kind: 'template', detail: 'the request page, the form with every location' });
  if (input.page.kind === 'thank-you') reasons.push({ kind: 'template', detail: 'a thank-you page, reached only after sending a request' });
  if (input.content?.noindexReason) reasons.push({ kind: 'writer', detail: `the writer asked for it (${input.content.noindexReason})` });
  const doorway = input.doorway;
  if (doorway?.sibling !== undefined) {
    const shared = doorway.shared === undefined ? '' : `; both say "${doorway.shared}"`;
    reasons.push({
      kind: 'doorway',
      detail: `doorway: its text is ${formatSimilarity(doorway.similarity)} similar to ${doorway.sibling}${shared}`,
      similarity: doorway.similarity,
      sibling: doorway.sibling,
      ...(doorway.shared === undefined ? {} : { shared: doorway.shared }),
    });
  }
  return reasons;
}
