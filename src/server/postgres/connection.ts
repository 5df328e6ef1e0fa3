import pg from 'pg';
import { toPostgresStoreError } from './errors.ts';

/** How the lead store connects to PostgreSQL; shared by every store on one database. */
export interface PostgresConnectionOptions {
  /**
   * `postgres://user:password@host:5432/database`; add `?sslmode=verify-full` (with `sslrootcert=`
   * when the server's certificate is not signed by a public authority) for TLS to the server.
   */
  url: string;
  /** Connections in the pool at most. Default 10. */
  maxConnections?: number;
  /** How long to wait for a connection (from the pool or a new one) before failing as unreachable. Default 5000. */
  connectionTimeoutMs?: number;
  /** How long one statement may run before the server cancels it (a `PG_CONFLICT`, to retry). Default 10000. */
  statementTimeoutMs?: number;
  /** Every session read-only (`default_transaction_read_only`): the server refuses any write. Default false. */
  readOnly?: boolean;
}

/** A pool's client, or the pool itself: what runs a query. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * A pool of connections to the lead database, each with `synchronous_commit=on` (set at connect
 * time, whatever the server's or the role's default), so a COMMIT returns only once the WAL is
 * flushed to disk, and to the synchronous standbys when the server has any. Connections that die
 * (the server restarted, the network dropped) leave the pool, and new ones are made when needed:
 * the store recovers by itself when the server comes back.
 */
export function createPostgresPool(options: PostgresConnectionOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    application_name: 'carepath',
    options: `-c synchronous_commit=on -c statement_timeout=${options.statementTimeoutMs ?? 10_000}${options.readOnly === true ? ' -c default_transaction_read_only=on' : ''}`,
  });
  // An idle connection that the server ends (a restart, an admin's pg_terminate_backend) emits
  // `error` on the pool, which would crash the process unheard. The pool drops that connection; the
  // next query gets a new one, or fails with StoreUnavailableError while the server is away.
  pool.on('error', () => {});
  return pool;
}

/**
 * Runs `work` in a transaction on one connection of the pool and commits; rolls back and
 * rethrows (mapped by toPostgresStoreError) when it or the COMMIT fails. Resolves only after the
 * COMMIT returned. A connection whose failure may have broken it is destroyed, not reused.
 */
export async function runInTransaction<T>(pool: pg.Pool, action: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toPostgresStoreError(error, action);
  }
  let broken: Error | undefined;
  // While checked out, a connection the server ends emits `error` on the client, not the pool
  // (after the query in flight has failed with the server's reason): noted, so it is not reused.
  const onError = (error: Error): void => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The connection is gone or unusable: the server rolls the transaction back by itself.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw toPostgresStoreError(error, action);
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** Runs one statement on the pool (its own implicit transaction); errors mapped by toPostgresStoreError. */
export async function runQuery<R extends pg.QueryResultRow = Record<string, unknown>>(pool: pg.Pool, action: string, sql: string, params: readonly unknown[] = []): Promise<pg.QueryResult<R>> {
  try {
    return await pool.query<R>(sql, [...params]);
  } catch (error) {
    throw toPostgresStoreError(error, action);
  }
}
