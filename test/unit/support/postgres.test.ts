import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase, startPostgres } from '../../support/postgres.ts';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

describe('the test PostgreSQL server', () => {
  it('runs a real PostgreSQL on 127.0.0.1, stops and starts again, and leaves neither process nor folder behind', async () => {
    const server = await startPostgres();
    const pid = server.pid;
    try {
      expect(pid).not.toBeNull();
      expect(server.url()).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
      const [row] = await query(server.url(), "SELECT version() AS version, current_setting('listen_addresses') AS listen");
      expect(row?.['version']).toMatch(/^PostgreSQL \d+/);
      expect(row?.['listen']).toBe('127.0.0.1');

      await server.stop();
      expect(isRunning(pid ?? 0)).toBe(false);
      await server.start();
      expect(await query(server.url(), 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      const restarted = server.pid;
      await server.remove();
      expect(existsSync(server.dir)).toBe(false);
      expect(isRunning(restarted ?? 0)).toBe(false);
    }
  });

  it('stops and deletes, at the next start, a cluster whose test run was killed before its tear-down', async () => {
    const script = `import { startPostgres } from ${JSON.stringify(new URL('../../support/postgres.ts', import.meta.url).pathname)};
      const server = await startPostgres();
      console.log(JSON.stringify({ dir: server.dir, pid: server.pid }));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const abandoned = JSON.parse(line.toString()) as { dir: string; pid: number };
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(isRunning(abandoned.pid)).toBe(true);

    const next = await startPostgres();
    await next.remove();
    expect(isRunning(abandoned.pid)).toBe(false);
    expect(existsSync(abandoned.dir)).toBe(false);
  });

  it('gives each test file a database of its own on the shared server', async () => {
    const adminUrl = inject('postgresAdminUrl');
    const [first, second] = await Promise.all([createTestDatabase(adminUrl, 'own'), createTestDatabase(adminUrl, 'own')]);
    expect(first).not.toBe(second);
    await query(first, 'CREATE TABLE only_here (x int)');
    expect(await query(second, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_here'")).toEqual([{ n: 0 }]);
  });
});
