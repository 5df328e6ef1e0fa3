import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildServerRedirects, parseServerRedirects } from '../lib/server-redirects.ts';

/**
 * The old page paths the server answers with 301, from the file the build wrote
 * (src/integrations/carepath-redirects.ts). A build from before redirects has none: no redirects.
 */
export function loadRedirects(file: URL): ReadonlyMap<string, string> {
  const path = fileURLToPath(file);
  if (!existsSync(path)) return new Map();
  return new Map(Object.entries(buildServerRedirects(parseServerRedirects(readFileSync(path, 'utf8'), path).redirects)));
}
