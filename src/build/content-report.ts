import { formatField, formatIssues, type ContentIssue } from '../lib/content/integrity.ts';
import { escapeHtml } from '../lib/html.ts';

/**
 * The content check's findings as a writer reads them: in the terminal (the build, the dev server,
 * `npm run check`) and as the page the dev server shows instead of a page while content has errors.
 */

/** Errors first, then warnings, each grouped by file, with a count and what to do next. */
export function formatContentReport(issues: readonly ContentIssue[], { preview = false } = {}): string {
  const errors = issues.filter((issue) => issue.severity === 'error');
  const warnings = issues.filter((issue) => issue.severity === 'warning');
  const parts: string[] = [];
  if (errors.length > 0) {
    const next = preview ? 'the preview shows this list instead of the pages until each one is fixed' : 'nothing was built. Fix each one, then build again';
    parts.push(`The content has ${count(errors.length, 'problem')} in ${count(countFiles(errors), 'file')}; ${next}:\n\n${formatIssues(errors)}`);
  }
  if (warnings.length > 0) {
    parts.push(`${count(warnings.length, 'warning')} (the pages are built, but read these):\n\n${formatIssues(warnings)}`);
  }
  if (errors.length > 0 && !preview) parts.push('`npm run check` checks the content again in a few seconds, without building.');
  return parts.join('\n\n');
}

/** The page the dev server shows for every page while the content has errors. */
export function renderProblemsPage(issues: readonly ContentIssue[]): string {
  const errors = issues.filter((issue) => issue.severity === 'error');
  const byFile = new Map<string, ContentIssue[]>();
  for (const issue of errors) byFile.set(issue.file, [...(byFile.get(issue.file) ?? []), issue]);
  const files = [...byFile]
    .map(([file, list]) => {
      const items = list
        .map((issue) => {
          const where = [issue.line === undefined ? undefined : `line ${issue.line}`, issue.field === 'page text' ? 'page text' : issue.field.startsWith('(') ? undefined : formatField(issue.field)]
            .filter(Boolean)
            .join(', ');
          const value = issue.value === undefined ? '' : ` <code>${escapeHtml(issue.value)}</code>`;
          return `<li><p class="where">${escapeHtml(where || 'the whole file')}${value}</p><p>${escapeHtml(issue.message)}</p><p class="fix"><strong>Fix:</strong> ${escapeHtml(issue.fix)}</p></li>`;
        })
        .join('');
      return `<section><h2>${escapeHtml(file)}</h2><ol>${items}</ol></section>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Content problems: the preview waits for these</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 48rem; padding: 1rem; color: #1a1a1a; }
h1 { font-size: 1.5rem; color: #8a1c1c; }
h2 { font-size: 1.05rem; font-family: ui-monospace, monospace; border-top: 1px solid #ccc; padding-top: 1rem; overflow-wrap: anywhere; }
li { margin-bottom: 1rem; }
li p { margin: 0.2rem 0; }
.where { font-weight: 600; }
.fix { background: #f3f7ee; padding: 0.25rem 0.5rem; border-left: 4px solid #3d7a1f; overflow-wrap: anywhere; }
code { overflow-wrap: anywhere; }
</style>
<script type="module" src="/@vite/client"></script>
</head>
<body>
<main>
<h1>The content has ${count(errors.length, 'problem')} in ${count(byFile.size, 'file')}</h1>
<p>The preview shows the pages again as soon as these are fixed: save the file and this page reloads.</p>
${files}
</main>
</body>
</html>
`;
}

function countFiles(issues: readonly ContentIssue[]): number {
  return new Set(issues.map((issue) => issue.file)).size;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
