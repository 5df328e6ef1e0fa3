import { existsSync, globSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'astro/zod';
import { checkBody } from '../lib/content/body-check.ts';
import { COLLECTION_FOLDERS, type CollectionName } from '../lib/content/collections.ts';
import { checkIntegrity, formatField, suggestId, type ContentIssue, type EntryRecord } from '../lib/content/integrity.ts';
import { describeYamlError } from '../lib/content/yaml-errors.ts';
import { splitPage } from '../lib/content/frontmatter.ts';
import { findNearest } from '../lib/nearest.ts';
import type { TypedSnapshot } from '../lib/content/relations.ts';
import { ID_MAX_LENGTH, ID_RULE, isValidId, toSlug } from '../lib/ids.ts';
import {
  makeConditionSchema,
  makeLocalServiceSchema,
  makeLocationSchema,
  makeOrganizationSchema,
  makeProviderSchema,
  makeRoutingSchema,
  makeServiceSchema,
  type ImageHelper,
} from '../lib/content/schemas.ts';
import { formatIsoDate } from '../lib/dates.ts';

/**
 * The content check: reads every content file the way Astro's glob loaders do (same folders,
 * patterns, ids and schemas) and checks each file's fields, its page text and the references
 * between entries, without Astro and without rendering. It runs before the build (and the dev
 * server) so that every problem of every file is reported at once, with the line it is on, and is
 * `npm run check` for writers. The unit tests read content through it too.
 */

export interface ContentCheckOptions {
  /** The content folder, absolute or relative to `root` (like `CONTENT_DIR`). */
  contentDir: string;
  /** The project root that file paths are relative to. */
  root: string;
}

export interface ContentCheck {
  /** Every entry that passed its schema, once per id, images kept as their path. */
  snapshot: TypedSnapshot<string>;
  /**
   * Problems in file order: each file's fields and page text, then the integrity check's issues.
   * The integrity check only runs when every file's fields passed, as in the Astro build.
   */
  issues: ContentIssue[];
}

type ImagePath = z.ZodType<string, string>;

export async function checkContent({ contentDir, root }: ContentCheckOptions): Promise<ContentCheck> {
  const issues: ContentIssue[] = [];
  let schemasPassed = true;
  const files = new Map<string, SourceFile>();
  const references: { file: string; of: 'locations' | 'providers'; id: string; line: number; written: string }[] = [];
  const ids = { locations: new Set<string>(), providers: new Set<string>() };
  const context: CollectionContext = {
    root,
    report: (issue, kind) => {
      issues.push(issue);
      if (kind === 'schema') schemasPassed = false;
    },
    onFile: (file, name, id) => {
      files.set(file.path, file);
      if (name === 'locations' || name === 'providers') ids[name].add(id);
      for (const ref of file.references) references.push({ file: file.path, ...ref });
    },
  };
  const read = <S extends z.ZodType>(name: CollectionName, makeSchema: (image: ImageHelper<ImagePath>) => S) =>
    readCollection({ ...context, folder: resolve(root, contentDir, COLLECTION_FOLDERS[name].dir), name, makeSchema });

  const snapshot: TypedSnapshot<string> = {
    organization: await read('organization', makeOrganizationSchema),
    locations: await read('locations', makeLocationSchema),
    services: await read('services', makeServiceSchema),
    conditions: await read('conditions', makeConditionSchema),
    providers: await read('providers', makeProviderSchema),
    locationServices: await read('locationServices', makeLocalServiceSchema),
    routing: await read('routing', makeRoutingSchema),
  };
  // Ids in page text are looked up among every file's id, so one broken file does not make
  // every component that names it an error too.
  for (const ref of references) {
    if (ids[ref.of].has(ref.id)) continue;
    issues.push({
      severity: 'error',
      file: ref.file,
      field: 'page text',
      line: ref.line,
      value: ref.id,
      message: `${ref.written}: "${ref.id}" is not the id of any entry in ${ref.of}/.`,
      fix: suggestId(ref.id, [...ids[ref.of]], ref.of, `remove the ${ref.written.replace(/ \w+>$/, '>')} from this line`),
    });
  }
  const integrity = schemasPassed ? checkIntegrity(snapshot).map((issue) => locate(issue, files.get(issue.file))) : [];
  return { snapshot, issues: [...byLine(issues), ...integrity] };
}

/** Each file's issues in the order of their lines (those without a line first), files in the order read. */
function byLine(issues: ContentIssue[]): ContentIssue[] {
  const files = [...new Set(issues.map((issue) => issue.file))];
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => files.indexOf(a.issue.file) - files.indexOf(b.issue.file) || (a.issue.line ?? 0) - (b.issue.line ?? 0) || a.index - b.index)
    .map(({ issue }) => issue);
}

/** What the check keeps of each file: where its fields are, for the lines of later issues. */
interface SourceFile {
  path: string;
  fields?: { doc: Document; lines: LineCounter; firstLine: number };
  references: { of: 'locations' | 'providers'; id: string; line: number; written: string }[];
}

/** A duplicate id leaves the other entries consistent; a schema error stops the integrity check. */
type Reporter = (issue: ContentIssue, kind: 'schema' | 'duplicate' | 'text') => void;

interface CollectionContext {
  root: string;
  report: Reporter;
  onFile: (file: SourceFile, name: CollectionName, id: string) => void;
}

interface ReadCollectionOptions<S extends z.ZodType> extends CollectionContext {
  folder: string;
  name: CollectionName;
  makeSchema: (image: ImageHelper<ImagePath>) => S;
}

async function readCollection<S extends z.ZodType>({ root, folder, name, makeSchema, report, onFile }: ReadCollectionOptions<S>): Promise<EntryRecord<z.output<S>>[]> {
  const files = existsSync(folder) ? globSync(COLLECTION_FOLDERS[name].pattern, { cwd: folder }).sort() : [];
  const entries: EntryRecord<z.output<S>>[] = [];
  const byId = new Map<string, string>();
  for (const file of files) {
    const absolute = join(folder, file);
    const filePath = relative(root, absolute).split(sep).join('/');
    const parsed = parseFile(absolute);
    const id = getEntryId(file);
    const source: SourceFile = { path: filePath, references: [] };
    if (parsed.body) {
      const { problems, references } = checkBody(parsed.body.text, { markdown: extname(file) === '.md' });
      for (const problem of problems) {
        const line = parsed.body.firstLine + problem.line - 1;
        report({ severity: 'error', file: filePath, field: 'page text', line, ...(problem.value === undefined ? {} : { value: problem.value }), message: problem.message, fix: problem.fix }, 'text');
      }
      source.references = references.map((ref) => ({ ...ref, line: parsed.body!.firstLine + ref.line - 1 }));
    }
    if (!parsed.ok) {
      const { field = '(file)', ...error } = parsed.error;
      report({ severity: 'error', file: filePath, field, ...error }, 'schema');
      onFile(source, name, id);
      continue;
    }
    source.fields = parsed.fields;
    onFile(source, name, id);
    const data = parsed.data;
    if (COLLECTION_FOLDERS[name].referenced && !isValidId(id)) {
      report(
        {
          severity: 'error',
          file: filePath,
          field: '(file)',
          value: id,
          message: `The file name "${id}" is not a valid id.`,
          fix: `Rename the file to "${toSlug(id).slice(0, ID_MAX_LENGTH).replace(/-$/, '') || 'a-name'}${extname(file)}": ${ID_RULE}. Other entries refer to it by that name.`,
        },
        'schema',
      );
      continue;
    }
    const first = byId.get(id);
    if (first !== undefined) {
      report(
        {
          severity: 'error',
          file: filePath,
          field: '(file)',
          value: id,
          message: `${first} has the same id "${id}"; the build keeps only one of the two.`,
          fix: `Rename or delete one of the two files; an entry's id is its file name without extension.`,
        },
        'duplicate',
      );
      continue;
    }
    byId.set(id, filePath);

    const schema = makeSchema(imageNextTo(absolute));
    const result = await schema.safeParseAsync(data);
    if (result.success) entries.push({ id, filePath, data: result.data });
    else {
      for (const issue of result.error.issues) {
        for (const contentIssue of toContentIssues({ issue, schema, data, filePath })) report(locate(contentIssue, source), 'schema');
      }
    }
  }
  return entries;
}

type Parsed = {
  /** The page text after the fields, and the line of the file it starts on. */
  body?: { text: string; firstLine: number } | undefined;
} & (
  | { ok: true; data: Record<string, unknown>; fields: NonNullable<SourceFile['fields']> }
  | { ok: false; error: Pick<ContentIssue, 'message' | 'fix' | 'line'> & { value?: string; field?: string } }
);

function parseFile(file: string): Parsed {
  const text = readFileSync(file, 'utf8');
  const isPage = ['.md', '.mdx'].includes(extname(file));
  const page = isPage ? splitPage(text) : undefined;
  const source = page ? page.fields : text;
  const firstLine = page?.fieldsLine ?? 1;
  const body: Parsed['body'] = page ? { text: page.body, firstLine: page.bodyLine } : undefined;
  const lines = new LineCounter();
  // The `timestamp` tag turns unquoted YYYY-MM-DD into a Date, as js-yaml in Astro does.
  const doc = parseDocument(source, { customTags: ['timestamp'], lineCounter: lines, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (extname(file) !== '.json' && yamlError) {
    const problem = describeYamlError(yamlError.code, yamlError.message, source.split('\n'), lines.linePos(yamlError.pos[0]).line);
    return { ok: false, body, error: { ...problem, line: firstLine + problem.line - 1 } };
  }
  let value: unknown;
  try {
    value = extname(file) === '.json' ? JSON.parse(source) : doc.toJS();
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return { ok: false, body, error: { message: `The file does not read as JSON: ${message}`, fix: 'Check the commas, quotes and brackets near the place named.' } };
  }
  return { ok: true, body, data: isRecord(value) ? value : {}, fields: { doc, lines, firstLine } };
}

/** The issue with the line its field is on, when the file has that field (or the nearest above it). */
function locate(issue: ContentIssue, file: SourceFile | undefined): ContentIssue {
  if (issue.line !== undefined || !file?.fields) return issue;
  const offset = findOffset(file.fields.doc, parseField(issue.field));
  if (offset === undefined) return issue;
  return { ...issue, line: file.fields.firstLine + file.fields.lines.linePos(offset).line - 1 };
}

/** `rules[0].route.notify[1]` → ['rules', 0, 'route', 'notify', 1]; `(entry)` → []. */
function parseField(field: string): (string | number)[] {
  if (field.startsWith('(')) return [];
  return [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? (m[1] ?? '') : Number(m[2])));
}

/** Where in the YAML the deepest existing part of `path` starts: its key, or its list item. */
function findOffset(doc: Document, path: (string | number)[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const segment of path) {
    if (isMap(node) && typeof segment === 'string') {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === segment);
      if (!pair) break;
      offset = (pair.key as { range?: [number, number, number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as { range?: [number, number, number] } | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

/**
 * The id Carepath's loader (src/lib/content/loader.ts) gives a file: its name without the
 * extension, unchanged.
 */
export function getEntryId(file: string): string {
  return basename(file, extname(file));
}

/** An image helper that keeps the path and fails when no file is there, as the Astro build would. */
function imageNextTo(entryFile: string): ImageHelper<ImagePath> {
  return () =>
    z.string().refine((src) => src.includes('://') || existsSync(resolve(dirname(entryFile), src)), {
      error: (issue) => `Image ${JSON.stringify(issue.input)} does not exist next to this file.`,
      params: { missingImage: true },
    });
}

interface IssueInput {
  issue: z.core.$ZodIssue;
  schema: z.ZodType;
  data: unknown;
  filePath: string;
}

function toContentIssues({ issue, schema, data, filePath }: IssueInput): ContentIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const allowed = getKeysAt(schema, issue.path);
    return issue.keys.map((key) => ({ severity: 'error', file: filePath, field: formatPath([...issue.path, key]), message: `Unknown field "${key}".`, fix: renameFix(key, allowed) }));
  }
  const params = issue.code === 'custom' ? issue.params : undefined;
  if (params?.['unknownField'] === true) {
    const key = String(issue.path.at(-1));
    return [{ severity: 'error', file: filePath, field: formatPath(issue.path), message: issue.message, fix: renameFix(key, params['allowed'] as string[]) }];
  }
  const value = getValueAt(data, issue.path);
  const field = formatPath(issue.path);
  // Said to the writer with list positions from 1, as formatIssues shows the field.
  const shown = formatField(field);
  const missing = value === undefined && issue.code === 'invalid_type';
  const result: ContentIssue = {
    severity: 'error',
    file: filePath,
    field,
    message: missing ? `The field ${shown} is missing.` : describeIssue(issue, shown, value),
    fix: missing ? describeMissing(issue, shown) : fixFor(issue, shown, value),
  };
  const written = formatValue(value);
  if (written !== undefined) result.value = written;
  return [result];
}

/** The fix for a missing field: the schema's own words when it has some, else what kind of value it takes. */
function describeMissing(issue: z.core.$ZodIssue, field: string): string {
  if (issue.code !== 'invalid_type' || !issue.message.startsWith('Invalid input')) return `Add ${field}. ${issue.message}`;
  const key = field.replace(/^.*[.\]]/, '') || field;
  if (issue.expected === 'array') return `Add ${field}, a list: one item per line under "${key}:", each starting with "- ".`;
  if (issue.expected === 'object') return `Add ${field}, a group of fields: "${key}:" and its fields on the lines under it, indented by two spaces.`;
  return `Add ${field}: ${TYPE_WORDS[issue.expected] ?? issue.expected}.`;
}

function renameFix(key: string, allowed: readonly string[]): string {
  const nearest = findNearest(key, allowed);
  return nearest ? `Did you mean "${nearest}"? Rename "${key}" to "${nearest}", or delete it.` : `Rename "${key}" to one of: ${allowed.join(', ')}; or delete it.`;
}

/** Zod's own words for a wrong type ("Invalid input: expected array, received string") in a writer's. */
function describeIssue(issue: z.core.$ZodIssue, field: string, value: unknown): string {
  if (issue.code !== 'invalid_type' || !issue.message.startsWith('Invalid input')) return issue.message;
  return `${field} should be ${TYPE_WORDS[issue.expected] ?? issue.expected}, not ${describeKind(value)}.`;
}

const TYPE_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a group of fields',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

function describeKind(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (value === null) return 'empty';
  if (typeof value === 'object') return 'a group of fields';
  if (typeof value === 'string') return 'text';
  return `${typeof value === 'number' ? 'the number' : ''} ${String(value)}`.trim();
}

/** What to do, by kind of problem, with an example of the right form where there is one. */
function fixFor(issue: z.core.$ZodIssue, field: string, value: unknown): string {
  const key = field.replace(/^.*[.\]]/, '') || field;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'array') {
        const item = typeof value === 'string' && value !== '' ? value : '…';
        return `Write a list, one item per line under "${key}:" starting with "- ", or on one line: ${key}: [${item}]`;
      }
      if (issue.expected === 'object') return `Put its fields on the lines under "${key}:", indented by two spaces.`;
      if (issue.expected === 'string') {
        // The message may already give the value as it should be (a phone number with its +).
        const example = /like ("[^"]+")/.exec(issue.message)?.[1] ?? `"${formatValue(value) ?? '…'}"`;
        return `Write the line as ${key}: ${example}`;
      }
      return `Write ${field} as ${TYPE_WORDS[issue.expected] ?? issue.expected}.`;
    case 'invalid_format':
      return `Rewrite ${field} in the form the message shows.`;
    case 'invalid_value':
      return `Use one of the values the message lists in ${field}.`;
    case 'too_small':
      if (issue.origin === 'array') return `Add at least ${issue.minimum} item(s) to ${field}.`;
      return issue.origin === 'string' ? `Write something in ${field}.` : `Make ${field} at least ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'array') return `Keep at most ${issue.maximum} item(s) in ${field}.`;
      return issue.origin === 'string' ? `Shorten ${field}.` : `Make ${field} at most ${issue.maximum}.`;
    case 'custom':
      return issue.params?.['missingImage'] === true ? `Put the image file there, or correct the path in ${field} (relative to this file).` : `Correct ${field} as the message says.`;
    default:
      return `Correct ${field} as the message says.`;
  }
}

/** `address.city`, `hours[0].closes`; `(entry)` for the entry as a whole. */
export function formatPath(path: readonly PropertyKey[]): string {
  const text = path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`)).join('');
  return text === '' ? '(entry)' : text;
}

function getValueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const segment of path) {
    if (typeof segment === 'symbol' || current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function formatValue(value: unknown): string | undefined {
  if (value instanceof Date) return formatIsoDate(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The field names an object schema allows at `path`, looking through optional, default and lists. */
function getKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  for (const segment of [...path, null]) {
    for (;;) {
      if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
        current = current.unwrap();
      } else if (current instanceof z.ZodPipe) {
        current = current.in;
      } else break;
    }
    if (segment === null) return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
    if (typeof segment === 'number' && current instanceof z.ZodArray) current = current.element;
    else if (typeof segment === 'string' && current instanceof z.ZodObject) current = current.shape[segment];
    else return [];
  }
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
