/**
 * Writes a synthetic organization for scale tests, laid out like content/:
 *
 *   npm run gen:content -- --out .scratch/content-1k --locations 20 --services 44 --conditions 60 --providers 80 [--seed S]
 *
 * Optional: --services-per-location N (average; 90% of the catalog when absent), --local-services N
 * (pairs with their own text; about 1%), --locations-per-city N (25).
 *
 * Build it with `CONTENT_DIR=<out> npx astro build --outDir <dir>`. The folder must be inside the
 * project (the MDX files import Astro's runtime from node_modules). The same options and seed give
 * the same files, byte for byte. A folder this command wrote before is replaced; any other
 * non-empty folder is left alone.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSyntheticContent, type SyntheticOptions } from './synthetic-content.ts';

/** Marks a folder as this command's output, so that a rerun may replace it. */
export const MARKER_FILE = '.synthetic-content';
const IMAGES = new URL('./images/', import.meta.url);

export interface WriteSummary {
  files: number;
  bytes: number;
}

/** Generates the content and writes it to `out`, replacing an earlier output there. */
export function writeSyntheticContent(out: string, options: SyntheticOptions): WriteSummary {
  const dir = resolve(out);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, MARKER_FILE))) {
      throw new Error(`${out} is not empty and was not written by gen:content; choose an empty or new folder.`);
    }
    rmSync(dir, { recursive: true });
  }
  const files = generateSyntheticContent(options);
  let bytes = 0;
  for (const file of files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    if ('text' in file) {
      writeFileSync(target, file.text);
      bytes += Buffer.byteLength(file.text);
    } else {
      copyFileSync(new URL(file.image, IMAGES), target);
    }
  }
  writeFileSync(join(dir, MARKER_FILE), `${JSON.stringify(options)}\n`);
  return { files: files.length, bytes };
}

/** Reads the command line: the sizes are required, the seed defaults to "carepath". */
export function parseGenerateArgs(args: string[]): { out: string; options: SyntheticOptions } {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      locations: { type: 'string' },
      services: { type: 'string' },
      conditions: { type: 'string' },
      providers: { type: 'string' },
      seed: { type: 'string', default: 'carepath' },
      'services-per-location': { type: 'string' },
      'local-services': { type: 'string' },
      'locations-per-city': { type: 'string' },
    },
    strict: true,
  });
  const number = (name: string, value: string | undefined): number => {
    if (value === undefined) throw new Error(`Give --${name} <n>.`);
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number; got "${value}".`);
    return n;
  };
  const optional = (name: string, value: string | undefined) => (value === undefined ? undefined : number(name, value));
  if (!values.out) throw new Error('Give --out <dir>: the content folder to write.');
  return {
    out: values.out,
    options: {
      locations: number('locations', values.locations),
      services: number('services', values.services),
      conditions: number('conditions', values.conditions),
      providers: number('providers', values.providers),
      seed: values.seed,
      servicesPerLocation: optional('services-per-location', values['services-per-location']),
      localServices: optional('local-services', values['local-services']),
      locationsPerCity: optional('locations-per-city', values['locations-per-city']),
    },
  };
}

if (import.meta.main) {
  try {
    const { out, options } = parseGenerateArgs(process.argv.slice(2));
    const started = performance.now();
    const { files, bytes } = writeSyntheticContent(out, options);
    console.log(`${out}: ${files} files, ${(bytes / 1024).toFixed(0)} KiB of text, in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
