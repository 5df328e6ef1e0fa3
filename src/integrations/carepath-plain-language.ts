import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { formatIssues } from '../lib/content/integrity.ts';
import { checkPlainLanguage } from '../lib/plain-language/check.ts';
import { buildReadingGrades, type ReadingGrade } from '../lib/plain-language/pages.ts';
import { DEFAULT_PLAIN_LANGUAGE_SETTINGS } from '../lib/plain-language/settings.ts';
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
      'astro:build:done': ({ logger }) => {
        const parsed = readPlainLanguageSettings({ root, contentDir: settings.contentDir });
        if (!parsed.ok) return;
        const issues = checkPlainLanguage({ entries: readPlainLanguageEntries({ root, contentDir: settings.contentDir }), settings: parsed.settings });
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
  const parsed = readPlainLanguageSettings(options);
  return buildReadingGrades(readPlainLanguageEntries(options), parsed.ok ? parsed.settings : DEFAULT_PLAIN_LANGUAGE_SETTINGS);
}
