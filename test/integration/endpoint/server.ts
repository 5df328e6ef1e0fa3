import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built server (dist/ from `npm run build`), started as in production on a free port. */
export interface RunningServer {
  origin: string;
  leadsDb: string;
  process: ChildProcess;
  /** Stops it the hard way, as a crash or `kill -9` would. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const ENTRY = 'dist/server/entry.mjs';

export function assertBuilt(): void {
  if (!existsSync(ENTRY)) throw new Error(`No ${ENTRY}: run \`npm run build\` before the integration tests.`);
}

export function makeLeadsDb(): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'carepath-endpoint-'));
  return { path: join(dir, 'leads.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startServer(options: { leadsDb: string; env?: Record<string, string> }): Promise<RunningServer> {
  assertBuilt();
  const child = spawn('node_modules/.bin/node', [ENTRY], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LEADS_DB: options.leadsDb, LEADS_SECRET: 'integration', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let output = '';
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

export interface ListedLead {
  id: string;
  leadType: string;
  status: string;
  fields: Record<string, string>;
  route: { queue: string };
}

/** The stored leads, read through the intake CLI as intake staff would. */
export function listLeads(leadsDb: string): ListedLead[] {
  if (!existsSync(leadsDb)) return [];
  const out = execFileSync('node_modules/.bin/node', ['src/server/cli/leads.ts', 'list', '--json'], { env: { ...process.env, LEADS_DB: leadsDb }, encoding: 'utf8' });
  return JSON.parse(out) as ListedLead[];
}
