import type { AstroPrerenderer } from 'astro';
import { RenderedAnalyses } from './analysis-cache.ts';
import { AnalyzedPages } from './page-analysis.ts';
import { startPageStream, type PageStream } from './page-reader.ts';

/** Pages read while the build rendered them, and the pages the build said it would render. */
export interface StreamedPages {
  stream: PageStream;
  pagePaths: Set<string>;
  analyzed: AnalyzedPages;
  /** What was rendered this build, for the analysis cache. */
  rendered: RenderedAnalyses;
}

/**
 * Astro's prerenderer, plus: each page it renders is handed to worker threads that analyze it for
 * the SEO step while the main thread renders the next (the page is written unchanged). Reading
 * every page back after the build would otherwise take about as long again as rendering them.
 * `started` is given the pages being read once the build has said which pages it renders (not
 * at all for a site too small for worker threads).
 */
export function streamRenderedPages(options: { base: AstroPrerenderer; siteUrl: string; started: (pages: StreamedPages) => void }): AstroPrerenderer {
  const { base, siteUrl, started } = options;
  let stream: PageStream | undefined;
  const rendered = new RenderedAnalyses();
  const sitePaths = new Map<string, string>();
  const prerenderer: AstroPrerenderer = {
    ...base,
    name: `${base.name} + carepath-seo`,
    async getStaticPaths() {
      const result = await base.getStaticPaths();
      const paths = Array.isArray(result) ? result : result.paths;
      for (const { pathname, route } of paths) if (route.type === 'page') sitePaths.set(trimSlash(pathname), toPageSitePath(pathname));
      const pagePaths = new Set(sitePaths.values());
      const analyzed = new AnalyzedPages();
      stream = startPageStream({ siteUrl, pagePaths: [...pagePaths] }, (analysis) => {
        rendered.noteAnalysis(analysis);
        analyzed.add(analysis);
      });
      if (stream) started({ stream, pagePaths, analyzed, rendered });
      return result;
    },
    async render(request, options) {
      const result = await base.render(request, options);
      const path = sitePaths.get(trimSlash(decodeURI(new URL(request.url).pathname)));
      const response = result instanceof Response ? result : result.response;
      // Astro writes a page's body whatever its status (the 404 page is a 404), except a redirect's.
      const written = response.body !== null && (response.status < 300 || response.status >= 400);
      if (!stream || path === undefined || options.routeData.type !== 'page' || !written) return result;
      if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return result;
      const html = new Uint8Array(await response.arrayBuffer());
      rendered.noteHtml(path, html);
      await stream.add(path, html);
      const copy = new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
      return result instanceof Response ? copy : { ...result, response: copy };
    },
  };
  return prerenderer;
}

const trimSlash = (pathname: string) => pathname.replace(/\/+$/, '');

/** The site path of the page Astro writes for `pathname` in the directory format (see toSitePath in build-steps.ts). */
function toPageSitePath(pathname: string): string {
  const trimmed = trimSlash(pathname);
  // Astro writes the status pages as 404.html and 500.html, every other page as <path>/index.html.
  return trimmed === '/404' || trimmed === '/500' ? `${trimmed}.html` : `${trimmed}/`;
}
