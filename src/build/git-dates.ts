import { execFileSync } from 'node:child_process';
import { relative, resolve } from 'node:path';

/**
 * The date of the last commit that touched each file under `dir`, keyed by path relative to
 * `root` (the form Astro gives an entry's `filePath`). One `git log` for the whole folder, so it
 * stays fast for thousands of files. Empty when `dir` is not in a git checkout; files with
 * uncommitted changes keep their last committed date.
 */
export function readGitDates(options: { root: string; dir: string }): Map<string, Date> {
  const dates = new Map<string, Date>();
  const dir = resolve(options.root, options.dir);
  let top: string;
  let log: string;
  try {
    top = git(dir, ['rev-parse', '--show-toplevel']).trim();
    log = git(dir, ['log', '--format=%x00%cI', '--name-only', '--no-renames', '--', '.']);
  } catch {
    return dates;
  }
  let date: Date | undefined;
  for (const line of log.split('\n')) {
    if (line.startsWith('\0')) {
      date = new Date(line.slice(1));
    } else if (line !== '' && date) {
      const file = relative(options.root, resolve(top, line)).split('\\').join('/');
      // git log lists the newest commit first: the first date seen for a file is its latest.
      if (!dates.has(file)) dates.set(file, date);
    }
  }
  return dates;
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
}
