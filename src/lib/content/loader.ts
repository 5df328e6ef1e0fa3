import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { glob, type Loader } from 'astro/loaders';
import { AstroError } from 'astro/errors';

import { ID_MAX_LENGTH, ID_RULE, isValidId, toSlug } from '../ids.ts';

/**
 * Astro's glob loader with the checks a writer needs on top: in a collection other entries refer
 * to, each file name must be a valid id (it is the reference); no two files may share an id (Astro reads files
 * concurrently, so on a fresh cache `a.md` beside `a.mdx` would silently replace each other), and
 * each image field must point at a file that exists, named with the entry and the field (Astro's
 * own error names only the image path). Lives outside src/lib/content's pure modules because it
 * touches the file system; it is only imported by content.config.ts.
 */
export function contentGlob(options: {
  base: string;
  pattern: string;
  /** Fields whose `src` is an image path relative to the file. */
  imageFields?: string[];
  /** Whether other entries refer to this collection's ids, so file names must be valid ids. */
  referenced: boolean;
}): Loader {
  const { base, pattern, imageFields = [], referenced } = options;
  const fileById = new Map<string, string>();
  const inner = glob({
    pattern,
    base,
    generateId: ({ entry }) => {
      const id = entry.replace(/\.[^.]+$/, '');
      if (referenced && !isValidId(id)) {
        throw new AstroError(
          `${base}/${entry}: the file name "${id}" is not a valid id.`,
          `Rename the file to "${toSlug(id).slice(0, ID_MAX_LENGTH).replace(/-$/, '') || 'a-name'}${entry.slice(id.length)}": ${ID_RULE}. Other entries refer to it by that name.`,
        );
      }
      const other = fileById.get(id);
      // The first file may have been renamed or deleted since (the dev server reloads).
      if (other !== undefined && other !== entry && existsSync(resolve(base, other))) {
        throw new AstroError(
          `${base}/${other} and ${base}/${entry} have the same id "${id}".`,
          'Rename or delete one of the two files: an entry’s id is its file name without the extension.',
        );
      }
      fileById.set(id, entry);
      return id;
    },
  });
  if (imageFields.length === 0) return inner;
  return {
    ...inner,
    load: (context) =>
      inner.load({
        ...context,
        parseData: async (props) => {
          for (const field of imageFields) {
            const src = (props.data[field] as { src?: unknown } | undefined)?.src;
            if (typeof src !== 'string' || !props.filePath) continue;
            if (!existsSync(resolve(dirname(props.filePath), src))) {
              throw new AstroError(
                `${base}/${basename(props.filePath)}: ${field}.src "${src}" does not exist.`,
                `Put the image there, or correct ${field}.src: the path is relative to the content file.`,
              );
            }
          }
          return context.parseData(props);
        },
      }),
  };
}
