import type { AstroIntegration } from 'astro';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContent } from '../build/content-check.ts';
import { formatContentReport, renderProblemsPage } from '../build/content-report.ts';
import type { ContentIssue } from '../lib/content/integrity.ts';
import { renderPreviewPanel } from '../build/preview-panel.ts';
import type { Settings } from '../settings.ts';

/**
 * Runs the content check (src/build/content-check.ts) before Astro reads the content, so a writer
 * sees every problem of every file at once, in their words, with no stack trace:
 * - `astro build`: problems stop the build before anything else is printed; warnings are printed
 *   last, after the build's own progress.
 * - `astro dev`: the check runs again whenever a content file changes; while it finds errors,
 *   every page of the preview is a page listing them (the same messages), and each page the preview
 *   shows gets a panel with its own SEO findings (title and description length, headings, alt text,
 *   links).
 */
export function carepathContentCheck(settings: Settings): AstroIntegration {
  let root = process.cwd();
  let issues: ContentIssue[] = [];
  const run = async () => {
    issues = (await checkContent({ contentDir: settings.contentDir, root })).issues;
    return issues;
  };
  return {
    name: 'carepath-content-check',
    hooks: {
      'astro:config:setup': async ({ command, config }) => {
        if (command !== 'build' && command !== 'dev') return;
        root = fileURLToPath(config.root);
        await run();
        if (command === 'build' && issues.some((issue) => issue.severity === 'error')) {
          process.stderr.write(`\n${formatContentReport(issues)}\n`);
          // Nothing useful can be built, and what Astro would print after this (its own first
          // error with a stack trace) would bury the list: stop here.
          process.exit(1);
        }
      },
      'astro:server:setup': ({ server, logger }) => {
        const contentDir = resolve(root, settings.contentDir);
        let pending: ReturnType<typeof setTimeout> | undefined;
        const recheck = (file: string) => {
          if (!resolve(file).startsWith(contentDir)) return;
          clearTimeout(pending);
          pending = setTimeout(() => {
            void run().then((found) => {
              const errors = found.filter((issue) => issue.severity === 'error').length;
              if (errors > 0) logger.warn(`${formatContentReport(found)}\n`);
              else logger.info('Content check: no problems.');
              server.ws.send({ type: 'full-reload' });
            });
          }, 100);
        };
        server.watcher.add(contentDir);
        server.watcher.on('all', (_event, file) => recheck(file));
        server.middlewares.use((req, res, next) => {
          if (req.method !== 'GET' || !isPageRequest(req.url ?? '/', req.headers.accept)) return next();
          if (issues.some((issue) => issue.severity === 'error')) {
            res.statusCode = 500;
            res.setHeader('content-type', 'text/html; charset=utf-8');
            res.end(renderProblemsPage(issues));
            return;
          }
          addPreviewPanel(req.url ?? '/', res, settings.siteUrl);
          next();
        });
      },
      'astro:build:done': () => {
        if (issues.length > 0) process.stderr.write(`\n${formatContentReport(issues)}\n`);
      },
    },
  };
}

/** A request for a page (not a script, style, image or Vite's own modules). */
function isPageRequest(url: string, accept: string | undefined): boolean {
  const path = url.split('?')[0] ?? '/';
  if (path.startsWith('/@') || path.startsWith('/_') || path.startsWith('/node_modules/') || path.startsWith('/src/')) return false;
  if (/\.[a-z0-9]+$/i.test(path) && !path.endsWith('.html')) return false;
  return accept === undefined || accept.includes('text/html');
}

/**
 * Lets the page be rendered as usual, then adds a panel with its SEO findings before </body>. The
 * preview's HTML only: the build never sees it.
 */
function addPreviewPanel(url: string, res: import('node:http').ServerResponse, siteUrl: string): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  const isHtml = () => String(res.getHeader('content-type') ?? '').includes('text/html');
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!isHtml()) return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    if (chunk !== undefined && chunk !== null) chunks.push(Buffer.from(chunk as string));
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (!isHtml()) return (end as (...args: unknown[]) => unknown)(chunk, ...rest);
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string));
    const html = Buffer.concat(chunks).toString('utf8');
    const withPanel = renderPreviewPanel(html, url.split('?')[0] ?? '/', siteUrl);
    res.removeHeader('content-length');
    return end(withPanel);
  }) as typeof res.end;
}
