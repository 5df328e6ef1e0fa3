import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The content the site under test was built from; the same variable the build reads. */
const CONTENT_DIR = process.env['CONTENT_DIR'] || 'content';

/**
 * The frontmatter of one content entry, e.g. `readEntry('conditions', 'sprained-ankle')`, so tests
 * expect what the content says rather than a copy of it. Typed loosely: tests read a few fields.
 */
export function readEntry(collection: string, id: string): Record<string, unknown> {
  const file = readdirSync(join(CONTENT_DIR, collection)).find((name) => basename(name, extname(name)) === id);
  if (file === undefined) throw new Error(`No entry "${id}" in ${join(CONTENT_DIR, collection)}.`);
  return parseFrontmatter(readFileSync(join(CONTENT_DIR, collection, file), 'utf8'));
}

/** Every entry of a collection, by id. */
export function readCollection(collection: string): Map<string, Record<string, unknown>> {
  const files = readdirSync(join(CONTENT_DIR, collection)).filter((name) => /\.mdx?$/.test(name));
  return new Map(files.map((name) => [basename(name, extname(name)), readEntry(collection, basename(name, extname(name)))]));
}

/** The question texts of an entry's `faqs` field. */
export function getFaqQuestions(entry: Record<string, unknown>): string[] {
  const faqs = entry['faqs'];
  if (!Array.isArray(faqs) || faqs.length === 0) throw new Error('The entry has no faqs.');
  return faqs.map((faq: { question: string }) => faq.question);
}

/** A string-array field such as `locations` or `languages`. */
export function getList(entry: Record<string, unknown>, field: string): string[] {
  const value = entry[field];
  if (!Array.isArray(value)) throw new Error(`The entry has no list "${field}".`);
  return value.map(String);
}

function parseFrontmatter(source: string): Record<string, unknown> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  if (match?.[1] === undefined) throw new Error('The entry has no frontmatter.');
  return parseYaml(match[1]) as Record<string, unknown>;
}
