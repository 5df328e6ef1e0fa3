import { relative } from 'node:path';
import { checkContent } from './content-check.ts';
import { formatContentReport } from './content-report.ts';
import { readSettings } from '../settings.ts';

/**
 * `npm run check`: the content check alone, for writers. Reads every content file, its fields and
 * its page text, and the references between entries, without building or rendering anything, and
 * prints every problem at once. Exit code 1 when there is an error; warnings alone leave it 0.
 */
const started = performance.now();
const { contentDir } = readSettings(process.env);
const root = process.cwd();
const { snapshot, issues } = await checkContent({ contentDir, root });
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
