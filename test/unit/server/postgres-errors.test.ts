import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/lib/leads/store.ts';
import { createPostgresPool, runInTransaction, runQuery } from '../../../src/server/postgres/connection.ts';
import { getSqlState, toPostgresStoreError } from '../../../src/server/postgres/errors.ts';
import { createTestDatabase } from '../../support/postgres.ts';

// Shaped like pg's DatabaseError; the cases below raise the real ones where that can be done.
function serverError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}

describe('toPostgresStoreError', () => {
  it.each([
    ['57P01', 'PG_SHUTDOWN'], // admin_shutdown
    ['57P02', 'PG_SHUTDOWN'], // crash_shutdown
    ['57P03', 'PG_SHUTDOWN'], // cannot_connect_now
    ['53300', 'PG_TOO_MANY_CONNECTIONS'],
    ['53100', 'PG_INSUFFICIENT_RESOURCES'], // disk_full
    ['53200', 'PG_INSUFFICIENT_RESOURCES'], // out_of_memory
    ['58030', 'PG_INSUFFICIENT_RESOURCES'], // io_error
    ['08006', 'PG_UNREACHABLE'], // connection_failure
    ['25006', 'PG_READ_ONLY'], // read_only_sql_transaction
    ['57014', 'PG_CONFLICT'], // query_canceled (statement_timeout)
    ['55P03', 'PG_CONFLICT'], // lock_not_available
    ['40001', 'PG_CONFLICT'], // serialization_failure
    ['40P01', 'PG_CONFLICT'], // deadlock_detected
  ])('SQLSTATE %s → StoreUnavailableError %s', (sqlState, code) => {
    const cause = serverError(sqlState, 'the reason');
    const error = toPostgresStoreError(cause, 'store a lead');
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code, extendedCode: -1, reason: `${sqlState} the reason`, cause });
    expect((error as Error).message).toBe(`Lead store unavailable while trying to store a lead: ${code} (${sqlState} the reason)`);
  });

  it.each([
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['timeout exceeded when trying to connect', new Error('timeout exceeded when trying to connect')],
  ])('%s → PG_UNREACHABLE', (reason, cause) => {
    expect(toPostgresStoreError(cause, 'read a lead')).toMatchObject({ name: 'StoreUnavailableError', code: 'PG_UNREACHABLE', reason });
  });

  it.each([
    ['a unique violation', serverError('23505', 'duplicate key value violates unique constraint "leads_pkey"')],
    ['a syntax error', serverError('42601', 'syntax error at or near "SELEC"')],
    ['a missing table', serverError('42P01', 'relation "nope" does not exist')],
    ['a bad password', serverError('28P01', 'password authentication failed for user "carepath"')],
    ['an error of our own', new TypeError('bad input')],
  ])('keeps %s as it is: a bug or a setting to fix, not a condition to retry', (_, cause) => {
    expect(toPostgresStoreError(cause, 'store a lead')).toBe(cause);
  });

  it('reads SQLSTATEs only from server errors', () => {
    expect(getSqlState(serverError('57P01', 'x'))).toBe('57P01');
    expect(getSqlState(Object.assign(new Error('x'), { code: 'EPIPE' }))).toBeNull();
    expect(getSqlState(Object.assign(new Error('x'), { code: 'ABCDE' }))).toBeNull();
    expect(getSqlState(null)).toBeNull();
  });
});

describe('the connection pool, on a real server', () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase(inject('postgresAdminUrl'), 'connection');
  });

  it('sets synchronous_commit=on on every connection, whatever the database says', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${new URL(url).pathname.slice(1)} SET synchronous_commit = off`);
    await admin.end();
    const pool = createPostgresPool({ url, maxConnections: 3 });
    try {
      const settings = await Promise.all([1, 2, 3].map(() => runQuery<{ synchronous_commit: string }>(pool, 'read a setting', 'SHOW synchronous_commit')));
      expect(settings.map((result) => result.rows[0]?.synchronous_commit)).toEqual(['on', 'on', 'on']);
    } finally {
      await pool.end();
    }
  });

  it('refuses with PG_UNREACHABLE, at once, when nothing listens', async () => {
    const closed = new URL(url);
    closed.port = '1';
    const pool = createPostgresPool({ url: closed.toString() });
    try {
      const started = Date.now();
      await expect(runQuery(pool, 'count leads', 'SELECT 1')).rejects.toMatchObject({ name: 'StoreUnavailableError', code: 'PG_UNREACHABLE', reason: 'ECONNREFUSED' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await pool.end();
    }
  });

  it('maps a connection ended by an administrator to PG_SHUTDOWN, rolls back, and goes on with a new connection', async () => {
    const pool = createPostgresPool({ url, maxConnections: 1 });
    try {
      await runQuery(pool, 'create a table', 'CREATE TABLE IF NOT EXISTS t (x int)');
      const failed = runInTransaction(pool, 'store a lead', async (client) => {
        await client.query('INSERT INTO t VALUES (1)');
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        // Ended while a statement runs, so that statement gets the server's reason.
        const sleeping = client.query('SELECT pg_sleep(10)');
        sleeping.catch(() => {}); // awaited below, after the kill
        const killer = new pg.Client({ connectionString: url });
        await killer.connect();
        await killer.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
        await killer.end();
        await sleeping;
      });
      await expect(failed).rejects.toMatchObject({ name: 'StoreUnavailableError', code: 'PG_SHUTDOWN' });
      expect((await runQuery<{ n: number }>(pool, 'count', 'SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
    } finally {
      await pool.end();
    }
  });
});
