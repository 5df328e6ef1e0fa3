import { builtinModules } from 'node:module';

/** One instruction of a Containerfile: its keyword (upper case) and the rest, continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
  /** The stage it belongs to: the `AS` name of the last FROM, or its index. */
  stage: string;
}

/** The instructions of a Containerfile, comments and blank lines left out. */
export function parseContainerfile(text: string): Instruction[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const instructions: Instruction[] = [];
  let stage = '';
  let stages = 0;
  for (const line of joined.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(trimmed) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') stage = / AS (\S+)$/i.exec(args)?.[1] ?? String(stages++);
    instructions.push({ keyword: upper, args: args.replace(/\s+/g, ' ').trim(), stage });
  }
  return instructions;
}

/** A COPY's sources and destination, and the stage it copies from (undefined: the build context). */
export function parseCopy(args: string): { from: string | undefined; sources: string[]; destination: string } {
  const words = args.split(' ');
  const flags = words.filter((word) => word.startsWith('--'));
  const paths = words.filter((word) => !word.startsWith('--'));
  const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
  return { from, sources: paths.slice(0, -1), destination: paths.at(-1) ?? '' };
}

/** The argv of an exec-form CMD, ENTRYPOINT or HEALTHCHECK CMD (`["node", "…"]`). */
export function parseExecForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || !parsed.every((word) => typeof word === 'string')) throw new Error(`Not an exec form: ${args}`);
  return parsed;
}

/** `ENV A=1 B=2` as pairs (the `KEY=value` form only). */
export function parseEnv(args: string): Record<string, string> {
  return Object.fromEntries([...args.matchAll(/([A-Z_][A-Z0-9_]*)=("[^"]*"|\S*)/g)].map(([, key = '', value = '']) => [key, value.replace(/^"|"$/g, '')]));
}

/**
 * The packages a bundled ES module imports by bare name (`from "zod/v4"` → `zod`, `import("sharp")`
 * → `sharp`), Node's own modules left out.
 */
export function findImportedPackages(source: string): Set<string> {
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"'./][^"']*)["']/g)].map((match) => match[1] ?? '');
  const packages = new Set<string>();
  for (const specifier of specifiers) {
    // A package name, with an optional path in it; anything else matched here is text in a string.
    if (!/^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]+)?$/.test(specifier)) continue;
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '');
    if (!builtinModules.includes(name)) packages.add(name);
  }
  return packages;
}
