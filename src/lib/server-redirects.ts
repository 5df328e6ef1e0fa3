/**
 * The redirects as the server reads them: the build (src/integrations/carepath-redirects.ts)
 * writes dist/server/SERVER_REDIRECTS_FILE, resolved so that each old path leads straight to a
 * page. Apart from ./redirects.ts, which reads the writers' YAML, so that the server bundle has no
 * YAML parser in it. Pure.
 */
import { z } from 'astro/zod';
import { parseBuildFile } from './build-file.ts';

/** The merged, resolved list the server reads, in dist/server/. */
export const SERVER_REDIRECTS_FILE = 'redirects.json';

/** The server's list: old path → the page it ends at, both with and without the trailing slash. */
export function buildServerRedirects(resolved: readonly { from: string; to: string }[]): Record<string, string> {
  const table: Record<string, string> = {};
  for (const { from, to } of resolved) {
    table[from] = to;
    const other = from.endsWith('/') ? from.slice(0, -1) : `${from}/`;
    if (other !== '' && table[other] === undefined) table[other] = to;
  }
  return table;
}

/** The server's file: the resolved redirects, each old path once. */
export interface ServerRedirects {
  redirects: { from: string; to: string }[];
}

const ServerRedirectsSchema = z.object({ redirects: z.array(z.object({ from: z.string().startsWith('/'), to: z.string().startsWith('/') })) });

/** Reads the server's file as the build wrote it; throws with what is wrong and the fix. */
export function parseServerRedirects(text: string, file: string): ServerRedirects {
  return parseBuildFile(text, file, ServerRedirectsSchema, 'the redirects');
}
