/**
 * A throwaway PostgreSQL server for the tests: a new cluster (initdb) in a temporary folder, on a
 * free 127.0.0.1 port, the machine's own PostgreSQL programs (system-tools.ts: `PG_BIN`, else
 * Debian's), and nothing left behind once it is removed. No emulation: the real server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { assertSystemTools, getSystemTools } from './system-tools.ts';
import { getFreePort } from './ports.ts';

export interface PostgresServer {
  /** The folder that holds the cluster and the server's socket; removed by `remove`. */
  readonly dir: string;
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/<database>` (trust authentication: a test cluster only). */
  url(database?: string): string;
  /** The postmaster's process id while it runs, else null. */
  readonly pid: number | null;
  /** Stops the server (a fast shutdown) and waits for it to exit; the cluster stays. */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same port and cluster. */
  start(): Promise<void>;
  /** Stops the server if it runs, then deletes the folder. */
  remove(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;
const FOLDER_PREFIX = 'carepath-pg-';
// The process that made the cluster; when it is gone (a test run killed before its tear-down), the
// next start stops the cluster's server and deletes the folder.
const OWNER_FILE = 'owner.pid';
// Debian's postgresql package creates this user; the server programs run as it when we are root.
const UNPRIVILEGED_USER = 'postgres';

/** Creates a cluster in a new temporary folder and starts its server; throws the server's log when it won't. */
export async function startPostgres(): Promise<PostgresServer> {
  assertSystemTools(['postgres']);
  const bin = dirname(getSystemTools(process.env).postgres.command);
  await removeAbandonedClusters();
  const dir = mkdtempSync(join(tmpdir(), FOLDER_PREFIX));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root (initdb and postgres exit at once), and CI runs as root: then
  // the cluster's folder is given to the unprivileged `postgres` user and both programs run as it.
  const asUser = process.getuid?.() === 0 ? getUnprivilegedUser() : null;
  if (asUser !== null) chownSync(dir, asUser.uid, asUser.gid);
  const command = (program: string, args: readonly string[]): [string, string[]] =>
    asUser === null ? [join(bin, program), [...args]] : ['runuser', ['-u', UNPRIVILEGED_USER, '--', join(bin, program), ...args]];

  try {
    // --no-sync: a test cluster need not survive a power cut while it is being made.
    const [initdb, initArgs] = command('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const init = spawnSync(initdb, initArgs, { cwd: dir, encoding: 'utf8' });
    if (init.error || init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}${init.stderr}${init.error?.message ?? ''}`);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const port = await getFreePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  const server: PostgresServer = {
    dir,
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    get pid() {
      return child === null ? null : readPostmasterPid(data);
    },
    async start() {
      if (child !== null) return;
      log = '';
      // The socket goes in the cluster's own folder, not /var/run/postgresql (which may not exist).
      const [postgres, args] = command('postgres', ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'max_connections=200']);
      const started = spawn(postgres, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      started.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
      started.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
      child = started;
      exited = new Promise((resolve) => started.once('exit', () => resolve()));
      let gone = false;
      void exited.then(() => (gone = true));
      const deadline = Date.now() + STARTUP_TIMEOUT_MS;
      for (;;) {
        if (gone) {
          child = null;
          throw new Error(`The test PostgreSQL server exited at start:\n${log}`);
        }
        if (await canConnect(server.url())) return;
        if (Date.now() > deadline) {
          await server.stop();
          throw new Error(`The test PostgreSQL server did not accept connections within ${STARTUP_TIMEOUT_MS / 1000} s:\n${log}`);
        }
        await sleep(50);
      }
    },
    async stop() {
      if (child === null) return;
      // SIGINT to the postmaster is a fast shutdown: sessions are ended, then a checkpoint. The
      // postmaster is runuser's child when we are root, so its own pid comes from postmaster.pid.
      const pid = readPostmasterPid(data);
      if (pid !== null) signal(pid, 'SIGINT');
      else child.kill('SIGINT');
      await exited;
      child = null;
    },
    async remove() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    await server.start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return server;
}

/**
 * Creates a database of its own for one test file (from template0, so no other session can block
 * it) and returns its URL. Names are random, so files running at once never meet.
 */
export async function createTestDatabase(adminUrl: string, prefix = 'test'): Promise<string> {
  const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Drops a database createTestDatabase made, WITH (FORCE): the connections of a server that was
 * killed may linger until PostgreSQL notices they are gone.
 */
export async function dropTestDatabase(adminUrl: string, databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Stops the servers and deletes the folders of test clusters whose owning process is gone. */
async function removeAbandonedClusters(): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(FOLDER_PREFIX))) {
    const dir = join(tmpdir(), name);
    const owner = readPid(join(dir, OWNER_FILE));
    if (owner === null || isRunning(owner)) continue;
    const postmaster = readPostmasterPid(join(dir, 'data'));
    // Only a postgres process serving this very folder: a pid may have been reused since.
    if (postmaster !== null && isRunning(postmaster) && readCommandLine(postmaster).includes(dir)) {
      signal(postmaster, 'SIGQUIT');
      for (let waited = 0; waited < 5000 && isRunning(postmaster); waited += 50) await sleep(50);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function readPid(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

function readCommandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function getUnprivilegedUser(): { uid: number; gid: number } {
  const id = (flag: string): number => {
    const result = spawnSync('id', [flag, UNPRIVILEGED_USER], { encoding: 'utf8' });
    const value = Number(result.stdout.trim());
    if (result.status !== 0 || !Number.isInteger(value)) {
      throw new Error(
        `PostgreSQL does not run as root, and there is no "${UNPRIVILEGED_USER}" user to run it as ` +
          "(Debian's postgresql package creates one): run the tests as another user, or create it with `useradd --system postgres`.",
      );
    }
    return value;
  };
  return { uid: id('-u'), gid: id('-g') };
}

function readPostmasterPid(data: string): number | null {
  return readPid(join(data, 'postmaster.pid'));
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ESRCH') throw error;
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
