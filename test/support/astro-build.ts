import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { FixtureSite } from './fixtures.ts';
import { PROJECT_ROOT } from './read-content.ts';
import { getFreePort } from './ports.ts';

/**
 * What the build reads besides content. The fixture site gets its own copy so that a build writes
 * `.astro/` and `dist/` inside the temp folder, never into the working tree others use.
 * If the build comes to need another file, the good-fixture build test fails and names it.
 */
const PROJECT_FILES = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public'];

export interface BuildResult {
  /** The exit code; null when the build was killed. */
  code: number | null;
  /** stdout and stderr as they came, without colors. */
  output: string;
}

/**
 * Runs the real `astro build` on a fixture site, with `CONTENT_DIR` set to its content folder,
 * after copying the project's build inputs next to it.
 */
export function buildFixtureSite(site: FixtureSite, { timeoutMs = 90_000, args = [] as string[] } = {}): Promise<BuildResult> {
  for (const file of PROJECT_FILES) cpSync(join(PROJECT_ROOT, file), join(site.root, file), { recursive: true });
  linkNodeModules(site.root);

  const bin = join(PROJECT_ROOT, 'node_modules', '.bin');
  return new Promise((resolve, reject) => {
    const child = spawn(join(bin, 'astro'), ['build', ...args], { cwd: site.root, env: buildEnv(site.contentDir, bin) });
    const chunks: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: stripVTControlCharacters(chunks.join('')) });
    });
  });
}

/**
 * Links each installed package into `<root>/node_modules`, so the built server finds its imports,
 * while the build's own caches (`node_modules/.astro`, `.vite`) stay in the temp folder. A second
 * build of the same site keeps the links of the first.
 */
function linkNodeModules(root: string): void {
  const source = join(PROJECT_ROOT, 'node_modules');
  const target = join(root, 'node_modules');
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(source)) {
    if (!name.startsWith('.') && !existsSync(join(target, name))) symlinkSync(join(source, name), join(target, name), 'dir');
  }
}

function buildEnv(contentDir: string, bin: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Vitest's own variables (NODE_ENV=test among them) would change how Astro builds.
    if (key.startsWith('VITEST') || ['NODE_ENV', 'TEST', 'SITE_URL', 'PORT', 'HOST'].includes(key)) continue;
    env[key] = value;
  }
  // The astro script runs on the `node` that comes first on PATH; the project's is Node 24.
  return { ...env, PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}`, CONTENT_DIR: contentDir, NO_COLOR: '1' };
}

export interface DevServer {
  url: string;
  /** What the dev server printed so far, without colors. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the real `astro dev` on a fixture site (its own copy of the project's inputs, as for a
 * build) on a free port, and resolves once it answers.
 */
export async function startDevServer(site: FixtureSite, { timeoutMs = 60_000 }: { timeoutMs?: number } = {}): Promise<DevServer> {
  const port = await getFreePort();
  for (const file of PROJECT_FILES) cpSync(join(PROJECT_ROOT, file), join(site.root, file), { recursive: true });
  linkNodeModules(site.root);
  const bin = join(PROJECT_ROOT, 'node_modules', '.bin');
  const child = spawn(join(bin, 'astro'), ['dev', '--port', String(port), '--host', '127.0.0.1'], { cwd: site.root, env: buildEnv(site.contentDir, bin), detached: true });
  const chunks: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const output = () => stripVTControlCharacters(chunks.join(''));
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(5_000) });
      return { url, output, stop };
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`astro dev did not start:\n${output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
