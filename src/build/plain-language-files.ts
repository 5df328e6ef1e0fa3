import { existsSync, globSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { splitPage } from '../lib/content/frontmatter.ts';
import { COLLECTION_FOLDERS, type CollectionName } from '../lib/content/collections.ts';
import { PLAIN_LANGUAGE_FILE, parsePlainLanguageSettings, type ParsedSettings } from '../lib/plain-language/settings.ts';
import type { CollectedEntry } from '../lib/plain-language/pages.ts';

/** The plain-language settings of a content folder: its plain-language.yaml, or the defaults without one. */
export function readPlainLanguageSettings(options: { root: string; contentDir: string }): ParsedSettings {
  const file = resolve(options.root, options.contentDir, PLAIN_LANGUAGE_FILE);
  return parsePlainLanguageSettings(existsSync(file) ? readFileSync(file, 'utf8') : undefined, toProjectPath(options.root, file));
}

/**
 * Every entry with patient-facing text, read straight from the files (fields as YAML reads them,
 * the body after the frontmatter). A file that does not parse is skipped: the content check and
 * Astro's loaders report it. Paths are relative to `root`, as Astro's `filePath`.
 */
export function readPlainLanguageEntries(options: { root: string; contentDir: string }): CollectedEntry[] {
  const entries: CollectedEntry[] = [];
  for (const [collection, { dir, pattern }] of Object.entries(COLLECTION_FOLDERS) as [CollectionName, (typeof COLLECTION_FOLDERS)[CollectionName]][]) {
    if (collection === 'routing') continue;
    const folder = resolve(options.root, options.contentDir, dir);
    if (!existsSync(folder)) continue;
    for (const name of globSync(pattern, { cwd: folder }).sort()) {
      const absolute = join(folder, name);
      const entry = readEntry(absolute);
      if (entry) entries.push({ collection, id: basename(name, extname(name)), file: toProjectPath(options.root, absolute), ...entry });
    }
  }
  return entries;
}

function readEntry(file: string): Pick<CollectedEntry, 'data' | 'body'> | undefined {
  const text = readFileSync(file, 'utf8');
  try {
    if (!['.md', '.mdx'].includes(extname(file))) return { data: parseYaml(text) };
    // As the content check reads it: the text after the closing ---, whose first line is that of the ---.
    const page = splitPage(text);
    return { data: page.hasFields ? parseYaml(page.fields) : {}, body: { text: page.body, firstLine: page.bodyLine } };
  } catch {
    return undefined;
  }
}

function toProjectPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
