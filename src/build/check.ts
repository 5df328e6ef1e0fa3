import { relative } from 'node:path';
import { checkContent } from './content-check.ts';
import { formatContentReport } from './content-report.ts';
import { readPlainLanguageEntries, readPlainLanguageSettings } from './plain-language-files.ts';
import { checkPlainLanguage } from '../lib/plain-language/check.ts';
import { readSettings } from '../settings.ts';

/**
 * `npm run check`: the content check alone, for writers. Reads every content file, its fields and
 * its page text, and the references between entries, without building or rendering anything, and
 * prints every problem at once. Exit code 1 when there is an error; warnings alone leave it 0.
 */
const started = performance.now();
const { contentDir } = readSettings(process.env);
const root = process.cwd();
const content = await checkContent({ contentDir, root });
const { snapshot } = content;
// The plain-language advice too: a broken settings file is a problem, the advice only warnings.
const plain = readPlainLanguageSettings({ root, contentDir });
const issues = [...content.issues, ...(plain.ok ? checkPlainLanguage({ entries: readPlainLanguageEntries({ root, contentDir }), settings: plain.settings }) : plain.issues)];
const entries = Object.values(snapshot).reduce((sum, list) => sum + list.length, 0);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const folder = relative(root, contentDir) || contentDir;
if (issues.length > 0) console.log(`${formatContentReport(issues)}\n`);
const errors = issues.filter((issue) => issue.severity === 'error').length;
console.log(
  errors > 0
    ? `Checked ${folder}/ in ${seconds} s: ${errors} problem${errors === 1 ? '' : 's'} to fix.`
    : `Checked ${folder}/ in ${seconds} s: ${entries} entries, no problems${issues.length > 0 ? ` (${issues.length} warning${issues.length === 1 ? '' : 's'} above)` : ''}.`,
);
process.exitCode = errors > 0 ? 1 : 0;
