import { escapeHtml } from '../lib/html.ts';
import { createPageAuditContext } from '../seo-audit/audit.ts';
import { analyzePage } from '../seo-audit/page-analysis.ts';
import type { Finding } from '../seo-audit/types.ts';
import { readVocabulary } from '../seo-audit/vocabulary-file.ts';
import { describeError } from '../lib/errors.ts';

/**
 * The dev server's SEO panel: the build's per-page checks (title and description length, one h1,
 * alt text, links on the page, structured data) run on the page being previewed, listed at its
 * foot, so a writer sees what the build's SEO report would say before building. Links to other
 * pages are left to the build, which knows every page.
 */
export function renderPreviewPanel(html: string, path: string, siteUrl: string): string {
  if (!html.includes('</body>')) return html;
  let findings: Finding[];
  try {
    const context = createPageAuditContext({ siteUrl, pagePaths: [path], vocabulary: readVocabulary() });
    findings = analyzePage(html, path, context).audit.findings.filter((f) => f.rule !== 'link-broken' && f.rule !== 'fragment-broken');
  } catch (error) {
    // The page itself is what matters in the preview; the panel says why it has nothing.
    findings = [
      {
        severity: 'warning',
        path,
        rule: 'preview',
        message: `The SEO check could not read this page: ${describeError(error)}`,
        fix: 'Build the site to see its SEO report.',
      },
    ];
  }
  return html.replace('</body>', `${formatPanel(findings)}</body>`);
}

function formatPanel(findings: readonly Finding[]): string {
  const items = findings.map((f) => `<li><strong>${f.severity === 'error' ? 'Error' : 'Warning'}:</strong> ${escapeHtml(f.message)} <em>Fix:</em> ${escapeHtml(f.fix)}</li>`).join('');
  const summary = findings.length === 0 ? 'SEO check of this page: nothing to fix.' : `SEO check of this page: ${findings.length} to look at`;
  return `<aside class="carepath-preview-seo" aria-label="SEO check (preview only)" data-findings="${findings.length}">
<style>/* 4.5rem below: room for the dev toolbar, which floats over the foot of the page. */.carepath-preview-seo{font:0.9rem/1.4 system-ui,sans-serif;background:#fffbe6;border-top:3px solid #b08900;padding:0.75rem 1rem 4.5rem;color:#1a1a1a}.carepath-preview-seo ul{margin:0.5rem 0 0;padding-left:1.25rem}.carepath-preview-seo li{margin-bottom:0.35rem;overflow-wrap:anywhere}</style>
<details${findings.length > 0 ? ' open' : ''}><summary>${escapeHtml(summary)} (shown in the preview only)</summary>${items === '' ? '' : `<ul>${items}</ul>`}</details>
</aside>`;
}
