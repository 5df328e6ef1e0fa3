import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getFreePort } from './ports.ts';

/** The built server (`<distDir>/server/entry.mjs` from `astro build`), started as in production on a free port. */
export interface RunningServer {
  origin: string;
  leadsDb: string;
  process: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** Stops it the hard way, as a crash or `kill -9` would. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Where `npm run build` writes; tests of another build (e.g. `.scratch/quality-dist`) pass their own. */
export const DEFAULT_DIST_DIR = 'dist';

function getEntry(distDir: string): string {
  return join(distDir, 'server', 'entry.mjs');
}

export function assertBuilt(distDir = DEFAULT_DIST_DIR): void {
  const entry = getEntry(distDir);
  if (!existsSync(entry)) throw new Error(`No ${entry}: run \`npm run build\` (or \`astro build --outDir ${distDir}\`) first.`);
}

export function makeLeadsDb(): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'carepath-endpoint-'));
  return { path: join(dir, 'leads.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the built server with Node 24 from the repository root, on 127.0.0.1 and a free port
 * below the ephemeral range (ports.ts; or `port`: a server restarted behind a proxy whose upstreams are fixed), and
 * resolves with the origin it prints once it listens. Posts from that origin are accepted: the
 * server serves its own loopback address besides SITE_URL.
 */
export async function startServer(options: { leadsDb: string; env?: Record<string, string>; distDir?: string; cwd?: string; port?: number }): Promise<RunningServer> {
  const distDir = options.distDir ?? DEFAULT_DIST_DIR;
  assertBuilt(distDir);
  const child = spawn(resolve('node_modules/.bin/node'), [resolve(getEntry(distDir))], {
    // Another working folder (an install laid out as in the container image) resolves relative paths there.
    cwd: options.cwd,
    env: {
      ...process.env,
      // Below the ephemeral range, so that a server killed and started again gets its port back (ports.ts).
      PORT: String(options.port ?? (await getFreePort())),
      HOST: '127.0.0.1',
      LEADS_DB: options.leadsDb,
      LEADS_SECRET: 'integration',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${output}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving the site at (http:\/\/[^/\s]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`The server exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    origin,
    leadsDb: options.leadsDb,
    process: child,
    output: () => output,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
