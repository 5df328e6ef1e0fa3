import { z } from 'astro/zod';
import { findNearest } from './nearest.ts';

/**
 * An object of these fields and no others, as content files and the routing file are written. A
 * field that is not one of them is an error at its own place (`address.citty: Unknown field. Did
 * you mean "city"? Fields allowed here: …`): a strict object would put it on the object around
 * it, with an empty path at the top of a file, which Astro prints as `****:`. The known fields
 * are checked too, so every problem of an entry is told at once. The issue's params say
 * `unknownField` and list the `allowed` fields, for readers that phrase their own fix.
 */
export function strictFields<S extends z.ZodRawShape>(shape: S, names: { one: string; many: string } = { one: 'field', many: 'Fields' }) {
  const allowed = Object.keys(shape);
  const unknownField = z.custom(() => false, {
    params: { unknownField: true, allowed },
    error: (issue) => {
      const nearest = findNearest(String(issue.path?.at(-1) ?? ''), allowed);
      return `Unknown ${names.one}. ${nearest === undefined ? '' : `Did you mean "${nearest}"? `}${names.many} allowed here: ${allowed.join(', ')}.`;
    },
  });
  // Typed as the strict object it acts as: an entry with another field never parses.
  return z.object(shape).catchall(unknownField) as unknown as ReturnType<typeof z.strictObject<S>>;
}
