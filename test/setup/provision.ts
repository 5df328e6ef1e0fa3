/**
 * `npm run pretest`, which `npm test` runs before any suite: checks that Chromium, Java,
 * PostgreSQL's server programs and nginx run (see test/support/system-tools.ts), installs the
 * missing ones with apt-get when running as root, and otherwise stops within seconds, saying what
 * to run. Prints the version of each, one line each.
 */
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatMissing, formatVersionLine, getSystemTools, planProvision, probeTool } from '../support/system-tools.ts';

let tools = Object.values(getSystemTools(process.env));
const isRoot = process.getuid?.() === 0;

const missing = tools.filter((tool) => probeTool(tool) === undefined);
const plan = planProvision({ missing, isRoot, hasAptGet: missing.length > 0 && run('apt-get', ['--version']).ok });
if (plan.action === 'fail') fail(plan.message);
if (plan.action === 'install') {
  console.log(`Installing ${plan.packages.join(' ')} with apt-get (a minute or two)…`);
  await installPackages(plan.packages);
  // Looked for again: PostgreSQL's folder is named after the major version just installed.
  tools = Object.values(getSystemTools(process.env));
}
for (const tool of tools) {
  const output = probeTool(tool);
  if (output === undefined) fail(formatMissing({ missing: [tool], isRoot }));
  console.log(formatVersionLine(tool, output));
}

/** `apt-get update`, then the install; the pair once more after a failure (a mirror mid-sync, a lock). */
async function installPackages(packages: readonly string[]): Promise<void> {
  for (const attempt of [1, 2]) {
    const update = run('apt-get', ['update']);
    const result = update.ok ? run('apt-get', ['install', '-y', ...packages]) : update;
    if (result.ok) return;
    const tail = result.output.trim().split('\n').slice(-15).join('\n');
    if (attempt === 2) fail(`apt-get failed twice:\n${tail}`);
    console.error(`apt-get failed; retrying once in 5 seconds:\n${tail}`);
    await sleep(5000);
  }
}

function run(command: string, args: readonly string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ok: !result.error && result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}` };
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
