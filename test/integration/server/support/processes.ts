import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams, SpawnSyncReturns } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
/** Node 24 from the `node` devDependency: it runs .ts files and has node:sqlite. */
export const NODE = fileURLToPath(new URL('../../../../node_modules/.bin/node', import.meta.url));

export function getSupportScript(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

/** Runs the leads CLI against `dbPath` and waits for it. */
export function runLeadsCli(args: string[], dbPath: string): SpawnSyncReturns<string> {
  return spawnSync(NODE, ['src/server/cli/leads.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LEADS_DB: dbPath },
    encoding: 'utf8',
  });
}

/** Starts a Node child on a support script and hands back its complete stdout lines as they come. */
export function startChild(
  script: string,
  args: string[],
  onLine: (line: string, child: ChildProcessWithoutNullStreams) => void,
  command: { prefix?: string[] } = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const [file, ...prefixArgs] = [...(command.prefix ?? []), NODE];
  const child = spawn(file ?? NODE, [...prefixArgs, getSupportScript(script), ...args], {
    cwd: REPO_ROOT,
  });
  let buffered = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      onLine(buffered.slice(0, newline), child);
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}
