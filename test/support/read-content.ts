import { existsSync, globSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'astro/zod';
import { COLLECTION_FOLDERS, type CollectionName } from '@/lib/content/collections.ts';
import { checkIntegrity, type ContentIssue, type EntryRecord } from '@/lib/content/integrity.ts';
import { editDistance } from '@/lib/nearest.ts';
import type { TypedSnapshot } from '@/lib/content/relations.ts';
import { ID_RULE, isValidId } from '@/lib/ids.ts';
import {
  makeConditionSchema,
  makeLocalServiceSchema,
  makeLocationSchema,
  makeOrganizationSchema,
  makeProviderSchema,
  makeRoutingSchema,
  makeServiceSchema,
  type ImageHelper,
} from '@/lib/content/schemas.ts';

/** The repository root, which Astro uses as its project root. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ReadContentOptions {
  /** The content folder, absolute or relative to `root` (like `CONTENT_DIR`). */
  contentDir: string;
  /** The project root that file paths are relative to; the repository root unless given. */
  root?: string;
}

export interface ReadContentResult {
  /** Every entry that passed its schema, once per id, images kept as their path. */
  snapshot: TypedSnapshot<string>;
  /**
   * Schema errors and duplicate ids in file order, then the integrity check's issues. The
   * integrity check only runs when every file passed its schema, as in the Astro build.
   */
  issues: ContentIssue[];
}

type ImagePath = z.ZodType<string, string>;

/**
 * Reads a content folder the way Astro's glob loaders do (same folders, file patterns, YAML
 * parsing, ids and schemas), without Astro, so the integrity check runs as a fast unit test.
 */
export async function readContent({ contentDir, root = PROJECT_ROOT }: ReadContentOptions): Promise<ReadContentResult> {
  const issues: ContentIssue[] = [];
  let schemasPassed = true;
  const report: Reporter = (issue, kind) => {
    issues.push(issue);
    if (kind === 'schema') schemasPassed = false;
  };
  const read = <S extends z.ZodType>(name: CollectionName, makeSchema: (image: ImageHelper<ImagePath>) => S) =>
    readCollection({ root, folder: resolve(root, contentDir, COLLECTION_FOLDERS[name].dir), name, makeSchema, report });

  const snapshot: TypedSnapshot<string> = {
    organization: await read('organization', makeOrganizationSchema),
    locations: await read('locations', makeLocationSchema),
    services: await read('services', makeServiceSchema),
    conditions: await read('conditions', makeConditionSchema),
    providers: await read('providers', makeProviderSchema),
    locationServices: await read('locationServices', makeLocalServiceSchema),
    routing: await read('routing', makeRoutingSchema),
  };
  return { snapshot, issues: schemasPassed ? [...issues, ...checkIntegrity(snapshot)] : issues };
}

/** A duplicate id leaves the other entries consistent; a schema error stops the integrity check. */
type Reporter = (issue: ContentIssue, kind: 'schema' | 'duplicate') => void;

interface ReadCollectionOptions<S extends z.ZodType> {
  root: string;
  folder: string;
  name: CollectionName;
  makeSchema: (image: ImageHelper<ImagePath>) => S;
  report: Reporter;
}

async function readCollection<S extends z.ZodType>({
  root,
  folder,
  name,
  makeSchema,
  report,
}: ReadCollectionOptions<S>): Promise<EntryRecord<z.output<S>>[]> {
  const files = existsSync(folder) ? globSync(COLLECTION_FOLDERS[name].pattern, { cwd: folder }).sort() : [];
  const entries: EntryRecord<z.output<S>>[] = [];
  const byId = new Map<string, string>();
  for (const file of files) {
    const absolute = join(folder, file);
    const filePath = relative(root, absolute).split(sep).join('/');
    const parsed = parseFile(absolute);
    if (!parsed.ok) {
      const format = extname(file) === '.json' ? 'JSON' : 'YAML';
      report(
        {
          severity: 'error',
          file: filePath,
          field: '(file)',
          message: `The ${format} does not parse: ${parsed.error}`,
          fix: 'Correct the syntax at the line named; check indentation, colons and quotes.',
        },
        'schema',
      );
      continue;
    }
    const data = parsed.data;
    const id = getEntryId(file);
    if (COLLECTION_FOLDERS[name].referenced && !isValidId(id)) {
      report(
        {
          severity: 'error',
          file: filePath,
          field: '(file)',
          value: id,
          message: `The file name "${id}" is not a valid id.`,
          fix: `Rename the file: ${ID_RULE}. Other entries refer to it by that name.`,
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
        for (const contentIssue of toContentIssues({ issue, schema, data, filePath })) report(contentIssue, 'schema');
      }
    }
  }
  return entries;
}

type Parsed = { ok: true; data: Record<string, unknown> } | { ok: false; error: string };

// Astro's YAML frontmatter pattern (@astrojs/internal-helpers), so the same text counts as frontmatter.
const FRONTMATTER = /(?:^\uFEFF?|^\s*\n)---([\s\S]*?\n)---/;

function parseFile(file: string): Parsed {
  const text = readFileSync(file, 'utf8');
  try {
    const source = ['.md', '.mdx'].includes(extname(file)) ? (FRONTMATTER.exec(text)?.[1] ?? '') : text;
    // The `timestamp` tag turns unquoted YYYY-MM-DD into a Date, as js-yaml in Astro does.
    const value: unknown = extname(file) === '.json' ? JSON.parse(source) : parseYaml(source, { customTags: ['timestamp'] });
    return { ok: true, data: isRecord(value) ? value : {} };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) };
  }
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
    return issue.keys.map((key) => {
      const nearest = allowed
        .map((k) => ({ k, distance: editDistance(key, k) }))
        .sort((a, b) => a.distance - b.distance)[0];
      const fix =
        nearest && nearest.distance <= 2
          ? `Did you mean "${nearest.k}"? Rename "${key}" to "${nearest.k}", or delete it.`
          : `Rename "${key}" to one of: ${allowed.join(', ')}; or delete it.`;
      return { severity: 'error', file: filePath, field: formatPath([...issue.path, key]), message: issue.message, fix };
    });
  }
  const params = issue.code === 'custom' ? issue.params : undefined;
  const unknownField = String(issue.path.at(-1));
  if (params?.['unknownField'] === true) {
    const allowed = params['allowed'] as string[];
    const nearest = allowed.map((k) => ({ k, distance: editDistance(unknownField, k) })).sort((a, b) => a.distance - b.distance)[0];
    const fix =
      nearest && nearest.distance <= 2
        ? `Did you mean "${nearest.k}"? Rename "${unknownField}" to "${nearest.k}", or delete it.`
        : `Rename "${unknownField}" to one of: ${allowed.join(', ')}; or delete it.`;
    return [{ severity: 'error', file: filePath, field: formatPath(issue.path), message: issue.message, fix }];
  }
  const value = getValueAt(data, issue.path);
  const field = formatPath(issue.path);
  const missing = value === undefined && issue.code === 'invalid_type';
  const result: ContentIssue = {
    severity: 'error',
    file: filePath,
    field,
    message: missing ? `The field ${field} is missing.` : issue.message,
    fix: missing ? `Add ${field}. ${issue.message}` : fixFor(issue, field),
  };
  const shown = formatValue(value);
  if (shown !== undefined) result.value = shown;
  return [result];
}

/** What to do, by kind of problem; the schema's own message says what is wrong. */
function fixFor(issue: z.core.$ZodIssue, field: string): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Write ${field} as a ${issue.expected}.`;
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
      return issue.params?.['missingImage'] === true
        ? `Put the image file there, or correct the path in ${field} (relative to this file).`
        : `Correct ${field} as the message says.`;
    default:
      return `Correct ${field} as the message says.`;
  }
}

/** `address.city`, `hours[0].closes`; `(entry)` for the entry as a whole. */
export function formatPath(path: readonly PropertyKey[]): string {
  const text = path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
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
  if (value instanceof Date) return value.toISOString().slice(0, 10);
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
