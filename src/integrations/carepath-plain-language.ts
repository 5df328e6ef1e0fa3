import type { AstroIntegration } from 'astro';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssues } from '../lib/content/integrity.ts';
import { checkPlainLanguage, measurePlainLanguage, type PlainLanguageEntry, type PlainLanguageMeasure } from '../lib/plain-language/check.ts';
import { buildReadingGrades, type CollectedEntry, type ReadingGrade } from '../lib/plain-language/pages.ts';
import { DEFAULT_PLAIN_LANGUAGE_SETTINGS, type ParsedSettings } from '../lib/plain-language/settings.ts';
import type { Settings } from '../settings.ts';
import { readPlainLanguageEntries, readPlainLanguageSettings } from '../build/plain-language-files.ts';

/**
 * The plain-language check in the build (a broken content/plain-language.yaml is one of the content
 * check's problems, carepath-content-check.ts): once the build is done, the text that reads above the grade target, long
 * sentences and jargon are printed as warnings. Never a failed build for the text itself.
 */
export function carepathPlainLanguage(settings: Pick<Settings, 'contentDir'>): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'carepath-plain-language',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:start': () => {
        // A build reads the text afresh; within it, the report's grades and these warnings share one reading.
        measured = undefined;
      },
      'astro:build:done': ({ logger }) => {
        const content = readMeasuredContent({ root, contentDir: settings.contentDir });
        if (!content.parsed.ok) return;
        const { parsed, entries, measure } = content;
        const issues = checkPlainLanguage({ entries, settings: parsed.settings, measure });
        if (issues.length === 0) {
          logger.info(`Plain language: no page reads above grade ${parsed.settings.gradeTarget}, and no sentence is long or uses a listed medical word.`);
          return;
        }
        const files = new Set(issues.map((issue) => issue.file)).size;
        logger.warn(
          `Plain language: ${issues.length} warning${issues.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (the pages are built; these are advice):\n\n${formatIssues(issues)}\n`,
        );
      },
    },
  };
}

/**
 * The reading grade of each page's own text, for the SEO report; with a broken settings file (the
 * build has stopped on it already) the defaults.
 */
export function readReadingGrades(options: { root: string; contentDir: string }): ReadingGrade[] {
  const { parsed, entries, measure } = readMeasuredContent(options);
  return buildReadingGrades(entries, parsed.ok ? parsed.settings : DEFAULT_PLAIN_LANGUAGE_SETTINGS, measure);
}

interface MeasuredContent {
  folder: string;
  parsed: ParsedSettings;
  entries: CollectedEntry[];
  /** Measures an entry once; asked again, gives the same measure. */
  measure: (entry: PlainLanguageEntry) => PlainLanguageMeasure;
}

let measured: MeasuredContent | undefined;

/** The content's settings and entries, read once per build (and per content folder), each entry measured once. */
function readMeasuredContent(options: { root: string; contentDir: string }): MeasuredContent {
  const folder = resolve(options.root, options.contentDir);
  if (measured?.folder === folder) return measured;
  const parsed = readPlainLanguageSettings(options);
  const settings = parsed.ok ? parsed.settings : DEFAULT_PLAIN_LANGUAGE_SETTINGS;
  const measures = new Map<PlainLanguageEntry, PlainLanguageMeasure>();
  const measure = (entry: PlainLanguageEntry) => {
    let result = measures.get(entry);
    if (!result) measures.set(entry, (result = measurePlainLanguage(entry, settings)));
    return result;
  };
  measured = { folder, parsed, entries: readPlainLanguageEntries(options), measure };
  return measured;
}
