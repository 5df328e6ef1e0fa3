import type { AstroIntegration } from 'astro';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContent } from '../build/content-check.ts';
import { readPlainLanguageSettings } from '../build/plain-language-files.ts';
import { formatContentReport, renderProblemsPage } from '../build/content-report.ts';
import type { ContentIssue } from '../lib/content/integrity.ts';
import { renderPreviewPanel } from '../build/preview-panel.ts';
import type { Settings } from '../settings.ts';
import { describeError } from '../lib/errors.ts';

/**
 * Runs the content check (src/build/content-check.ts, and the plain-language settings file) before
 * Astro reads the content, so a writer
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
    const plain = readPlainLanguageSettings({ root, contentDir: settings.contentDir });
    issues = [...(await checkContent({ contentDir: settings.contentDir, root })).issues, ...(plain.ok ? [] : plain.issues)];
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
        // A change marks the check stale at once; the next page request waits for it, so the preview
        // never shows a page compiled from a file the check has not seen (Astro reloads content
        // itself). The check runs a moment after the last change: an editor's save (or a write that
        // truncates first) is often seen as two changes.
        let checking: Promise<void> = Promise.resolve();
        let timer: ReturnType<typeof setTimeout> | undefined;
        let settle: (() => void) | undefined;
        const recheck = () => {
          clearTimeout(timer);
          if (!settle) checking = new Promise<void>((resolve) => (settle = resolve));
          timer = setTimeout(() => {
            const done = settle;
            settle = undefined;
            run()
              .then((found) => {
                const errors = found.filter((issue) => issue.severity === 'error').length;
                if (errors > 0) logger.warn(`${formatContentReport(found, { preview: true })}\n`);
                else logger.info('Content check: no problems.');
                server.ws.send({ type: 'full-reload' });
              })
              .catch((error: unknown) => logger.error(`The content check failed: ${describeError(error)}`))
              .finally(() => done?.());
          }, 150);
        };
        server.watcher.add(contentDir);
        server.watcher.on('all', (_event, file) => {
          if (resolve(file).startsWith(contentDir)) recheck();
        });
        server.middlewares.use(async (req, res, next) => {
          if (req.method !== 'GET' || !isPageRequest(req.url ?? '/', req.headers.accept)) return next();
          await checking;
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
 * preview's HTML only: the build never sees it. Holds the status, headers and body until the end,
 * since the length changes.
 */
function addPreviewPanel(url: string, res: ServerResponse, siteUrl: string): void {
  const chunks: Buffer[] = [];
  let head: { status: number; headers: OutgoingHttpHeaders } | undefined;
  const writeHead = res.writeHead.bind(res) as (status: number, headers?: OutgoingHttpHeaders) => ServerResponse;
  const end = res.end.bind(res) as (body: Buffer) => ServerResponse;
  const keep = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array));
  };
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const given = rest.find((arg) => typeof arg === 'object' && arg !== null);
    head = { status, headers: Array.isArray(given) ? Object.fromEntries(pairs(given as string[])) : ((given as OutgoingHttpHeaders | undefined) ?? {}) };
    return res;
  }) as typeof res.writeHead;
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    keep(chunk, encoding);
    for (const arg of [encoding, callback]) if (typeof arg === 'function') (arg as () => void)();
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown) => {
    keep(chunk, encoding);
    let body = Buffer.concat(chunks);
    const headers = { ...head?.headers };
    const typeKey = Object.keys(headers).find((key) => key.toLowerCase() === 'content-type');
    const type = String((typeKey === undefined ? undefined : headers[typeKey]) ?? res.getHeader('content-type') ?? '');
    if (type.includes('text/html')) {
      body = Buffer.from(renderPreviewPanel(body.toString('utf8'), url.split('?')[0] ?? '/', siteUrl));
      for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-length') delete headers[key];
      res.removeHeader('content-length');
    }
    if (head) writeHead(head.status, headers);
    return end(body);
  }) as typeof res.end;
}

/** A flat [name, value, name, value…] header list as pairs. */
function pairs(flat: readonly string[]): [string, string][] {
  const result: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) result.push([flat[i] ?? '', flat[i + 1] ?? '']);
  return result;
}
