/**
 * `npm run new -- <kind> "Name" [--from <id>]`: starts a new content file in CONTENT_DIR with every
 * field of its kind, each with a comment, and says what to fill in next:
 *
 *   npm run new -- service "Travel vaccines"
 *   npm run new -- provider "Jo Park" --from maya-okafor
 *   npm run new -- location-service hawthorne pediatrics
 *
 * The text comes from src/lib/content/new-entry.ts; this file reads the content, checks the
 * command line and writes. It never overwrites a file. Runs on Node 24 directly (type stripping),
 * so this file and its imports use only erasable TypeScript and relative `.ts` imports.
 */
import { existsSync, globSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { readSettings } from '../settings.ts';
import { COLLECTION_FOLDERS, type CollectionName } from '../lib/content/collections.ts';
import { splitPage } from '../lib/content/frontmatter.ts';
import { getLocalTime } from '../lib/hours.ts';
import { describeUnknownKind, ENTRY_KINDS, planNewEntry, type EntryKind, type ExistingContent, type ExistingEntry, type NewEntryPlan, type NewEntryRequest } from '../lib/content/new-entry.ts';
import { formatIsoDate } from '../lib/dates.ts';

export const USAGE = `Usage: npm run new -- <kind> "Name" [--from <id>]   (kinds: ${ENTRY_KINDS.join(', ')})
       npm run new -- location-service <location-id> <service-id> [--from <id>]`;

export type ParsedArgs = { ok: true; request: NewEntryRequest } | { ok: false; error: string };

/** Reads the command line into a request, or the one line that says what is wrong with it. */
export function parseNewEntryArgs(args: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { from: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs says "Unknown option '--x'. To specify a positional argument starting with a '-', …".
    const option = /option '([^']+)'/.exec(error instanceof Error ? error.message : '')?.[1];
    return { ok: false, error: option ? `Unknown option "${option}": the only option is --from <id>.` : 'Give --from an id, e.g. --from walk-in-care.' };
  }
  const [kind, ...rest] = parsed.positionals;
  const from = parsed.values.from;
  if (from !== undefined && from.trim() === '') return { ok: false, error: 'Give --from the id of the entry to start from, e.g. --from walk-in-care.' };
  if (!isEntryKind(kind)) return { ok: false, error: describeUnknownKind(kind) };
  if (kind === 'location-service') {
    const [location, service, ...extra] = rest;
    if (location === undefined || service === undefined || extra.length > 0) {
      return { ok: false, error: 'Give the location id and the service id, e.g. npm run new -- location-service hawthorne pediatrics.' };
    }
    return { ok: true, request: { kind, location, service, from } };
  }
  if (rest.length > 1) return { ok: false, error: `Put the name in quotes: npm run new -- ${kind} "${rest.join(' ')}".` };
  return { ok: true, request: { kind, name: rest[0] ?? '', from } };
}

const isEntryKind = (value: string | undefined): value is EntryKind => (ENTRY_KINDS as readonly string[]).includes(value ?? '');

export interface NewEntryIo {
  env: Record<string, string | undefined>;
  /** The project folder that CONTENT_DIR is relative to. */
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  now: Date;
}

/** Runs the command; the exit code: 0 when the file was written, 1 with one line on stderr when not. */
export function runNewEntry(args: readonly string[], io: NewEntryIo): number {
  const parsed = parseNewEntryArgs(args);
  if (!parsed.ok) return fail(io, parsed.error);
  const { contentDir } = readSettings(io.env);
  if (!existsSync(resolve(io.cwd, contentDir))) return fail(io, `There is no content folder at ${contentDir}; set CONTENT_DIR, or run this in the project folder.`);
  const content = readExistingContent(contentDir, io.cwd);
  const result = planNewEntry(parsed.request, content, getToday(io.now, content.organization['timeZone']));
  if (!result.ok) return fail(io, result.error);
  const { plan } = result;
  try {
    mkdirSync(dirname(resolve(io.cwd, plan.file)), { recursive: true });
    // "wx": never overwrite, even a file made since the content was read.
    writeFileSync(resolve(io.cwd, plan.file), plan.text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(io, code === 'EEXIST' ? `${plan.file} exists already: edit it, or give the new entry another name.` : `Could not write ${plan.file}: ${String(error)}`);
  }
  for (const edit of plan.edits) writeFileSync(resolve(io.cwd, edit.file), edit.text);
  io.stdout(formatSuccess(plan));
  return 0;
}

function fail(io: NewEntryIo, message: string): number {
  io.stderr(`${message}\n`);
  return 1;
}

/** What the writer reads after the file is written: where it is, what to fill in, how to see it. */
export function formatSuccess(plan: NewEntryPlan): string {
  const lines = [`Wrote ${plan.file}.`];
  for (const edit of plan.edits) lines.push(edit.summary);
  if (plan.todo.length > 0) lines.push(`Fill in the fields marked TODO: ${plan.todo.join(', ')}.`);
  lines.push(...plan.next);
  lines.push('Then npm run check checks the files in a few seconds, npm run dev shows the page as you write, and npm run build builds the site.');
  return `${lines.join('\n')}\n`;
}

/** The day it is in the organization's time zone (the machine's clock), YYYY-MM-DD. */
function getToday(now: Date, timeZone: unknown): string {
  let date: number;
  try {
    date = getLocalTime(now, typeof timeZone === 'string' ? timeZone : 'UTC').date;
  } catch {
    date = getLocalTime(now, 'UTC').date;
  }
  return formatIsoDate(new Date(date));
}

/** Reads every entry of the content folder as plain data; a file YAML cannot read counts with no fields. */
export function readExistingContent(contentDir: string, cwd: string): ExistingContent {
  const folder = resolve(cwd, contentDir);
  const shown = relative(cwd, folder);
  const name = shown === '' ? '.' : shown.startsWith('..') || isAbsolute(shown) ? folder : shown.split(sep).join('/');
  const read = (collection: CollectionName): ExistingEntry[] => {
    const dir = join(folder, COLLECTION_FOLDERS[collection].dir);
    if (!existsSync(dir)) return [];
    return globSync(COLLECTION_FOLDERS[collection].pattern, { cwd: dir })
      .sort()
      .map((file) => readEntry(join(dir, file), `${name}/${COLLECTION_FOLDERS[collection].dir}/${file}`));
  };
  return {
    contentDir: name,
    organization: read('organization')[0]?.data ?? {},
    locations: read('locations'),
    services: read('services'),
    conditions: read('conditions'),
    providers: read('providers'),
    locationServices: read('locationServices'),
  };
}

function readEntry(path: string, file: string): ExistingEntry {
  const text = readFileSync(path, 'utf8');
  const markdown = ['.md', '.mdx'].includes(extname(path));
  const page = markdown ? splitPage(text) : undefined;
  let data: unknown;
  try {
    data = parseYaml(page ? page.fields : text);
  } catch {
    data = {};
  }
  return {
    id: basename(path, extname(path)),
    file,
    data: typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
    body: page ? (page.hasFields ? page.body.replace(/^\r?\n/, '') : page.body) : '',
    text,
  };
}

if (import.meta.main) {
  process.exitCode = runNewEntry(process.argv.slice(2), {
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: new Date(),
  });
}
