import { escapeHtml } from '../lib/html.ts';

/** One redirect as the report lists it: an old page path and the page it now sends visitors to. */
export interface ReportRedirect {
  from: string;
  to: string;
}

/** The report's redirects section (content/redirects.yaml, chains resolved); nothing when there are none. */
export function renderRedirects(redirects: readonly ReportRedirect[] | undefined): string {
  if (!redirects || redirects.length === 0) return '';
  const rows = redirects.map((r) => `<tr><td><code>${escapeHtml(r.from)}</code></td><td><code>${escapeHtml(r.to)}</code></td></tr>`).join('\n');
  return `<section aria-labelledby="redirects"><h2 id="redirects">Redirects (${redirects.length})</h2>
<p class="muted">Old addresses the server answers with a permanent redirect (301) to the page they now are, from content/redirects.yaml. None of them is in a sitemap.</p>
<table class="sortable narrow"><thead><tr><th scope="col">Old address</th><th scope="col">Goes to</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}
