import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Astro's cacheDir for a content folder, relative to the project `root`: the content layer and the
 * incremental build cache entries and pages between builds. One cache per content folder keeps a
 * build of one organization's content from seeing another's entries, and one per version of the
 * content schemas keeps entries parsed by an older schema (without a field's new default) out.
 */
export function getContentCacheDir(root: string, contentDir: string): string {
  const lib = join(root, 'src/lib');
  const schemaSources = [
    join(root, 'src/content.config.ts'),
    ...readdirSync(lib, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && /^(?:content\/|leads\/|funnel\/|[^/]+$)/.test(f.split('\\').join('/')))
      .map((f) => `src/lib/${f}`)
      .sort()
      .map((f) => join(root, f)),
  ].map((file) => readFileSync(file));
  const key = createHash('sha256').update(resolve(root, contentDir)).update(Buffer.concat(schemaSources)).digest('hex').slice(0, 12);
  return join(root, 'node_modules/.astro', `content-${key}`);
}
