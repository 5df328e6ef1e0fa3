import type { z } from 'astro/zod';

/**
 * Reads a JSON file the build wrote for the server or the CLI (dist/server/…) against its schema;
 * throws with the file, what is wrong (`holds`: what the file should hold) and the fix, which is
 * always to build again. Pure.
 */
export function parseBuildFile<S extends z.ZodType>(text: string, file: string, schema: S, holds: string): z.output<S> {
  const fix = `Run \`npm run build\` to write ${file} again.`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not JSON. ${fix}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${file} does not hold ${holds} (${parsed.error.issues.map((issue) => issue.path.join('.') || 'the file').join(', ')}). ${fix}`);
  return parsed.data;
}
