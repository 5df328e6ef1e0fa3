import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createPostgresPool } from '../../../src/server/postgres/connection.ts';
import { applyPostgresMigrations, getPostgresSchemaVersion, POSTGRES_LEAD_MIGRATIONS } from '../../../src/server/postgres/migrations.ts';
import type { Migration } from '../../../src/server/postgres/migrations.ts';
import { LEAD_MIGRATIONS } from '../../../src/server/sqlite-migrations.ts';
import { createTestDatabase } from '../../support/postgres.ts';

const steps: Migration[] = [
  { version: 1, name: 'create a', sql: 'CREATE TABLE a (x integer)' },
  { version: 2, name: 'create b', sql: 'CREATE TABLE b (y integer)' },
  { version: 3, name: 'create c', sql: 'CREATE TABLE c (z integer)' },
];

let url: string;
let pool: pg.Pool;
const pools: pg.Pool[] = [];

function openPool(): pg.Pool {
  const opened = createPostgresPool({ url });
  pools.push(opened);
  return opened;
}

beforeEach(async () => {
  url = await createTestDatabase(inject('postgresAdminUrl'), 'migrations');
  pool = openPool();
});

afterEach(async () => {
  await Promise.all(pools.splice(0).map((opened) => opened.end()));
});

const tables = async (): Promise<string[]> =>
  (await pool.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((row) => row.name);

describe('applyPostgresMigrations', () => {
  it('applies every step to a new database and records each', async () => {
    expect(await getPostgresSchemaVersion(pool)).toBe(0);
    expect(await applyPostgresMigrations(pool, steps, new Date('2026-03-01T00:00:00Z'))).toEqual([1, 2, 3]);
    expect(await getPostgresSchemaVersion(pool)).toBe(3);
    expect(await tables()).toEqual(['a', 'b', 'c', 'schema_migrations']);
    expect((await pool.query('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')).rows).toEqual([
      { version: 1, name: 'create a', applied_at: new Date('2026-03-01T00:00:00Z') },
      { version: 2, name: 'create b', applied_at: new Date('2026-03-01T00:00:00Z') },
      { version: 3, name: 'create c', applied_at: new Date('2026-03-01T00:00:00Z') },
    ]);
  });

  it('applies nothing to an up-to-date database, and upgrades an older one with only the newer steps', async () => {
    expect(await applyPostgresMigrations(pool, steps.slice(0, 1))).toEqual([1]);
    expect(await applyPostgresMigrations(pool, steps)).toEqual([2, 3]);
    expect(await applyPostgresMigrations(pool, steps)).toEqual([]);
    expect(await getPostgresSchemaVersion(pool)).toBe(3);
  });

  it('leaves the schema as it was when a step fails', async () => {
    await applyPostgresMigrations(pool, steps.slice(0, 1));
    const broken: Migration[] = [...steps.slice(0, 2), { version: 3, name: 'broken', sql: 'CREATE TABLE a (x integer)' }];
    await expect(applyPostgresMigrations(pool, broken)).rejects.toThrow(/relation "a" already exists/);
    expect(await getPostgresSchemaVersion(pool)).toBe(1);
    expect(await tables()).toEqual(['a', 'schema_migrations']);
  });

  it('refuses a database newer than the code, and steps not numbered 1, 2, 3…', async () => {
    await applyPostgresMigrations(pool, steps);
    await expect(applyPostgresMigrations(pool, steps.slice(0, 2))).rejects.toThrow('The lead database is at schema version 3, newer than this code knows (2).');
    await expect(applyPostgresMigrations(pool, [steps[1] as Migration])).rejects.toThrow('Migration "create b" has version 2, expected 1');
  });

  it('lets one of several servers starting at once migrate, while the others wait under the advisory lock and then find nothing to do', async () => {
    // The first step is slow, so that the others arrive while it holds the lock. Without the lock
    // each would find version 0 and run it too: "relation a already exists", or a duplicate version.
    const slow: Migration[] = [{ version: 1, name: 'create a, slowly', sql: 'CREATE TABLE a (x integer); SELECT pg_sleep(0.3)' }, ...steps.slice(1)];
    const servers = [pool, openPool(), openPool(), openPool()];
    const applied = await Promise.all(servers.map((server) => applyPostgresMigrations(server, slow)));
    expect(applied.filter((versions) => versions.length > 0)).toEqual([[1, 2, 3]]);
    expect(applied.filter((versions) => versions.length === 0)).toHaveLength(3);
    expect((await pool.query('SELECT version FROM schema_migrations ORDER BY version')).rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
  });

  it('waits for a migration longer than the statement timeout instead of cancelling it', async () => {
    const impatient = createPostgresPool({ url, statementTimeoutMs: 100 });
    pools.push(impatient);
    const slow: Migration[] = [{ version: 1, name: 'a slow step', sql: 'SELECT pg_sleep(0.3); CREATE TABLE a (x integer)' }];
    expect(await applyPostgresMigrations(impatient, slow)).toEqual([1]);
    await expect(impatient.query('SELECT pg_sleep(0.3)')).rejects.toThrow('canceling statement due to statement timeout');
  });

  it("releases the advisory lock with the migration's transaction", async () => {
    await applyPostgresMigrations(pool, steps);
    expect((await pool.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'")).rows).toEqual([{ n: 0 }]);
  });
});

describe('POSTGRES_LEAD_MIGRATIONS', () => {
  it('builds the tables of the SQLite store, and the duplicate window claims', async () => {
    expect(await applyPostgresMigrations(pool, POSTGRES_LEAD_MIGRATIONS)).toEqual(POSTGRES_LEAD_MIGRATIONS.map((m) => m.version));
    const sqliteTables = [
      ...LEAD_MIGRATIONS.map((m) => m.sql)
        .join('\n')
        .matchAll(/CREATE TABLE (\w+)/g),
    ].map((match) => match[1]);
    expect(await tables()).toEqual([...sqliteTables, 'lead_content_claims', 'schema_migrations'].sort());
  });

  it('keeps the columns of the SQLite leads table, with PostgreSQL types', async () => {
    await applyPostgresMigrations(pool, POSTGRES_LEAD_MIGRATIONS);
    const { rows } = await pool.query<{ column_name: string; data_type: string }>("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'leads' ORDER BY column_name");
    const types = Object.fromEntries(rows.map((row) => [row.column_name, row.data_type]));
    expect(types).toMatchObject({ created_at: 'timestamp with time zone', fields: 'jsonb', submission_key: 'text', score: 'double precision' });
    expect(Object.keys(types).sort()).toEqual(
      [
        'id',
        'created_at',
        'lead_type',
        'status',
        'fields',
        'attribution',
        'route_queue',
        'route_priority',
        'route_response_target_minutes',
        'route_matched_rule',
        'score',
        'flags',
        'fit',
        'submission_key',
        'content_hash',
        'version',
        'first_contacted_at',
        'purged_at',
        'channel',
        'channel_rule',
      ].sort(),
    );
  });

  it('refuses to change or delete an audit row', async () => {
    await applyPostgresMigrations(pool, POSTGRES_LEAD_MIGRATIONS);
    await pool.query("INSERT INTO intake_audit (at, actor, action, client) VALUES (now(), 'ana', 'view', '127.0.0.1')");
    await expect(pool.query("UPDATE intake_audit SET actor = 'bo'")).rejects.toThrow('intake_audit is append-only: rows cannot be changed');
    await expect(pool.query('DELETE FROM intake_audit')).rejects.toThrow('intake_audit is append-only: rows cannot be deleted');
  });
});
