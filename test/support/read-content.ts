import { fileURLToPath } from 'node:url';
import { checkContent, type ContentCheck } from '@/build/content-check.ts';

/** The repository root, which Astro uses as its project root. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ReadContentOptions {
  /** The content folder, absolute or relative to `root` (like `CONTENT_DIR`). */
  contentDir: string;
  /** The project root that file paths are relative to; the repository root unless given. */
  root?: string;
}

export type ReadContentResult = ContentCheck;

/**
 * Reads a content folder through the content check (src/build/content-check.ts), which reads it
 * the way Astro's glob loaders do, so the integrity check runs as a fast unit test.
 */
export function readContent({ contentDir, root = PROJECT_ROOT }: ReadContentOptions): Promise<ReadContentResult> {
  return checkContent({ contentDir, root });
}

export { getEntryId, formatPath } from '@/build/content-check.ts';
