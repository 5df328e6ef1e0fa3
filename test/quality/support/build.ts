import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { TEMPLATE_PAGES } from './templates.ts';

/** The static half of a build: `<distDir>/client`, and every file in it by its path on the site. */
export interface BuiltClient {
  dir: string;
  /** Site paths of every emitted file, e.g. `/_astro/PageLayout.x1.css`, `/services/index.html`. */
  files: Set<string>;
}

export function readBuiltClient(distDir: string): BuiltClient {
  const dir = join(distDir, 'client');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(dir, file)).isFile())
    .map((file) => `/${file.split(sep).join('/')}`);
  return { dir, files: new Set(files) };
}

/**
 * The emitted file a site path is served from: the file itself, or a folder's `index.html` for a
 * path with a trailing slash. Undefined when the build has neither.
 */
export function findEmittedFile(client: BuiltClient, path: string): string | undefined {
  const file = path.endsWith('/') ? `${path}index.html` : path;
  return client.files.has(file) ? file : undefined;
}

/** A page the server renders on request, so it is in no emitted file. */
export interface ServedPage {
  name: string;
  /** The path it was served at, which relative URLs in it resolve against. */
  path: string;
  status: number;
  html: string;
}

/** A plain form post (no JavaScript) with mistakes: a phone number, but no name, timing or consent. */
export const FORM_POST_WITH_MISTAKES = new URLSearchParams({
  leadType: 'patient',
  'patient.phone': '503 555 0166',
  'attribution.page': '/services/imaging/',
});

/**
 * The two HTML pages that exist only as answers of the server: the request form shown again with
 * its errors (422), and the 404 page at an unknown address.
 */
export async function fetchServedPages(origin: string): Promise<ServedPage[]> {
  const invalid = await fetch(`${origin}/api/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: FORM_POST_WITH_MISTAKES,
    redirect: 'manual',
  });
  const notFoundPath = TEMPLATE_PAGES.find((page) => page.status === 404)?.path ?? '/no-such-page/';
  const notFound = await fetch(`${origin}${notFoundPath}`);
  const pages: ServedPage[] = [
    { name: 'form with errors (422)', path: '/api/leads', status: invalid.status, html: await invalid.text() },
    { name: 'unknown address (404)', path: notFoundPath, status: notFound.status, html: await notFound.text() },
  ];
  if (invalid.status !== 422) throw new Error(`A form post with mistakes answered ${invalid.status}, not 422.`);
  if (notFound.status !== 404) throw new Error(`${notFoundPath} answered ${notFound.status}, not 404.`);
  return pages;
}
