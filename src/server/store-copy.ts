import type { DatabaseSync, SQLInputValue, SQLOutputValue } from 'node:sqlite';
import type pg from 'pg';
import { runInTransaction } from './postgres/connection.ts';
import { rollBack } from './sqlite-connection.ts';

/**
 * What a SQLite column holds and the PostgreSQL column it goes to: `time` is ISO text to
 * timestamptz, `day` YYYY-MM-DD text to date, `json` text to jsonb, `boolean` 0/1 to boolean,
 * `bytes` a BLOB to bytea; `text`, `integer` and `real` keep their values.
 */
export type ColumnKind = 'text' | 'integer' | 'real' | 'time' | 'day' | 'json' | 'boolean' | 'bytes';

/** One PostgreSQL table of the lead store and where its rows come from in the SQLite file. */
export interface CopiedTable {
  table: string;
  /** The primary key: a row already in PostgreSQL with this key is not written again. */
  key: readonly string[];
  columns: Readonly<Record<string, ColumnKind>>;
  /** The column GENERATED ALWAYS AS IDENTITY: copied as it is, and its sequence set past the largest. */
  identity?: string;
  /** The SQLite query giving the rows, when they are not the SQLite table of the same name. */
  derivedFrom?: string;
}

/**
 * Every table of the PostgreSQL lead store (postgres/migrations.ts) with data, in an order that
 * satisfies the foreign keys, mapped column by column from sqlite-migrations.ts (its version 10).
 * `schema_migrations` is not copied: each database records its own migrations, and the
 * PostgreSQL one is migrated before the copy.
 */
export const COPIED_TABLES: readonly CopiedTable[] = [
  {
    table: 'leads',
    key: ['id'],
    columns: {
      id: 'text',
      created_at: 'time',
      lead_type: 'text',
      status: 'text',
      fields: 'json',
      attribution: 'json',
      route_queue: 'text',
      route_priority: 'text',
      route_response_target_minutes: 'integer',
      route_matched_rule: 'text',
      score: 'real',
      flags: 'json',
      fit: 'json',
      submission_key: 'text',
      content_hash: 'text',
      version: 'integer',
      first_contacted_at: 'time',
      purged_at: 'time',
      channel: 'text',
      channel_rule: 'text',
    },
  },
  {
    table: 'lead_events',
    key: ['seq'],
    identity: 'seq',
    columns: { seq: 'integer', lead_id: 'text', at: 'time', actor: 'text', kind: 'text', status: 'text', reason: 'text', scheduled_for: 'text', note: 'text' },
  },
  {
    // SQLite finds a repeat by querying leads; PostgreSQL keeps a claim per content hash naming the
    // newest lead stored with it (a purged lead has no hash, so no claim), as its inserts leave it.
    table: 'lead_content_claims',
    key: ['content_hash'],
    columns: { content_hash: 'text', lead_id: 'text', created_at: 'time' },
    derivedFrom: `SELECT content_hash, id AS lead_id, created_at FROM (
        SELECT content_hash, id, created_at, row_number() OVER (PARTITION BY content_hash ORDER BY created_at DESC, id DESC) AS newest
        FROM leads WHERE content_hash <> '')
      WHERE newest = 1`,
  },
  { table: 'form_token_uses', key: ['nonce'], columns: { nonce: 'text', uses: 'integer', expires_at: 'time' } },
  {
    table: 'deliveries',
    key: ['id'],
    columns: {
      id: 'text',
      channel: 'text',
      purpose: 'text',
      destination: 'text',
      recipients: 'json',
      conceal_queue: 'boolean',
      escalate_to: 'json',
      state: 'text',
      attempts: 'integer',
      next_attempt_at: 'time',
      last_attempt_at: 'time',
      last_result: 'text',
      created_at: 'time',
      delivered_at: 'time',
    },
  },
  { table: 'planned_deliveries', key: ['lead_id'], columns: { lead_id: 'text', deliveries: 'json', planned_at: 'time' } },
  {
    table: 'delivery_destinations',
    key: ['destination'],
    columns: { destination: 'text', paused_until: 'time', disabled_at: 'time', disabled_reason: 'text', lease_owner: 'text', lease_until: 'time' },
  },
  {
    table: 'intake_users',
    key: ['id'],
    columns: {
      id: 'text',
      login: 'text',
      name: 'text',
      queues: 'json',
      admin: 'boolean',
      password_hash: 'text',
      totp_key: 'bytes',
      totp_last_step: 'integer',
      setup_token_hash: 'text',
      setup_expires_at: 'time',
      disabled_at: 'time',
      created_at: 'time',
    },
  },
  // Sessions too: whoever is signed in stays signed in on the PostgreSQL server (lapsed ones are
  // dropped there at their next use, as in SQLite).
  { table: 'intake_sessions', key: ['id_hash'], columns: { id_hash: 'text', user_id: 'text', csrf_token: 'text', created_at: 'time', last_seen_at: 'time' } },
  {
    table: 'intake_audit',
    key: ['seq'],
    identity: 'seq',
    columns: { seq: 'integer', at: 'time', actor: 'text', action: 'text', lead_id: 'text', client: 'text', detail: 'text' },
  },
  { table: 'page_views', key: ['day', 'path', 'source'], columns: { day: 'day', path: 'text', source: 'text', views: 'integer' } },
  {
    table: 'search_console_pages',
    key: ['from_day', 'to_day', 'path'],
    columns: { from_day: 'day', to_day: 'day', path: 'text', clicks: 'integer', impressions: 'integer', ctr: 'real', position: 'real', imported_at: 'time' },
  },
  // Which days' retention purge has run: copied, so that the day's purge is not run again.
  { table: 'job_runs', key: ['job', 'period'], columns: { job: 'text', period: 'text', ran_at: 'time', result: 'json' } },
];

/** One table after a copy: its rows on each side, and how many this copy wrote. */
export interface TableCount {
  table: string;
  sqlite: number;
  postgres: number;
  copied: number;
}

/** Rows of a table in PostgreSQL that stop the copy: not in the file (`foreign`), or in it with other values (`diverged`). */
export interface BlockingRows {
  table: string;
  rows: number;
}

/**
 * How a copy ended. Only `copied` committed anything (`copied` 0 in every table: an earlier copy
 * had written it all); the others rolled back, leaving PostgreSQL as it was.
 */
export type CopyOutcome =
  | { kind: 'copied'; tables: TableCount[] }
  | { kind: 'counts-differ'; tables: TableCount[] }
  | { kind: 'foreign'; tables: BlockingRows[] }
  | { kind: 'diverged'; tables: BlockingRows[] };

// Rows per INSERT: one JSON parameter each, well under PostgreSQL's limits for any lead.
const BATCH_ROWS = 500;

/** Ends the transaction with a ROLLBACK and gives its outcome to copyLeadStore. */
class Refused extends Error {
  readonly outcome: Exclude<CopyOutcome, { kind: 'copied' }>;

  constructor(outcome: Exclude<CopyOutcome, { kind: 'copied' }>) {
    super(outcome.kind);
    this.outcome = outcome;
  }
}

/**
 * Copies every table of the SQLite lead database `source` (current schema, opened read-only)
 * into the migrated PostgreSQL lead database `target`, in one transaction that holds the target's
 * tables against writes: all of it, or nothing. Reads the file in one snapshot. Rows already in
 * PostgreSQL with the same key and values are skipped, so a second copy writes nothing. Refuses,
 * before writing, a target holding rows the file does not (another practice's, or written by a
 * server since), and rolls back when a row of the file is there with other values, or when the
 * tables' counts differ afterwards. Throws the driver's error (map it with toPostgresStoreError)
 * when PostgreSQL fails.
 */
export async function copyLeadStore(options: { source: DatabaseSync; target: pg.Pool; tables?: readonly CopiedTable[] }): Promise<CopyOutcome> {
  const { source, target } = options;
  const tables = options.tables ?? COPIED_TABLES;
  source.exec('BEGIN');
  try {
    return await runInTransaction(target, 'copy the lead database', async (client) => {
      // The copy may take longer than a request: the pool's statement timeout is for those.
      await client.query('SET LOCAL statement_timeout = 0');
      // EXCLUSIVE: others may read, none may write, until COMMIT; so the checks below hold to the end.
      await client.query(`LOCK TABLE ${tables.map((table) => quote(table.table)).join(', ')} IN EXCLUSIVE MODE`);
      const foreign = await findForeignRows(source, client, tables);
      if (foreign.length > 0) throw new Refused({ kind: 'foreign', tables: foreign });

      const copied = new Map<string, number>();
      const diverged: BlockingRows[] = [];
      for (const table of tables) {
        const result = await copyTable(source, client, table);
        copied.set(table.table, result.inserted);
        if (result.differing > 0) diverged.push({ table: table.table, rows: result.differing });
        if (table.identity !== undefined && result.inserted > 0) {
          // Past the largest copied value, so the next row PostgreSQL numbers doesn't collide.
          await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), max(${quote(table.identity)})) FROM ${quote(table.table)}`, [quote(table.table), table.identity]);
        }
      }
      if (diverged.length > 0) throw new Refused({ kind: 'diverged', tables: diverged });

      const counts: TableCount[] = [];
      for (const table of tables) {
        const sqlite = Number(source.prepare(`SELECT count(*) AS n FROM (${selectSource(table)})`).get()?.['n']);
        const postgres = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table.table)}`)).rows[0]?.n);
        counts.push({ table: table.table, sqlite, postgres, copied: copied.get(table.table) ?? 0 });
      }
      if (counts.some((count) => count.sqlite !== count.postgres)) throw new Refused({ kind: 'counts-differ', tables: counts });
      return { kind: 'copied', tables: counts } as const;
    });
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    throw error;
  } finally {
    rollBack(source);
  }
}

/** Per table, how many rows PostgreSQL holds whose key the file does not have. */
async function findForeignRows(source: DatabaseSync, client: pg.PoolClient, tables: readonly CopiedTable[]): Promise<BlockingRows[]> {
  const found: BlockingRows[] = [];
  for (const table of tables) {
    // A derived table's rows follow from others' (a claim names a lead): those are checked.
    if (table.derivedFrom !== undefined) continue;
    // Keys as text (a date would come back as a local-midnight Date), as the file holds them.
    const { rows } = await client.query<Record<string, string>>(`SELECT ${table.key.map((column) => `${quote(column)}::text AS ${quote(column)}`).join(', ')} FROM ${quote(table.table)}`);
    if (rows.length === 0) continue;
    const lookup = source.prepare(`SELECT 1 FROM ${quote(table.table)} WHERE ${table.key.map((column) => `${quote(column)} = ?`).join(' AND ')}`);
    const missing = rows.filter((row) => lookup.get(...table.key.map((column): SQLInputValue => toSqliteKey(row[column] ?? '', table.columns[column]))) === undefined);
    if (missing.length > 0) found.push({ table: table.table, rows: missing.length });
  }
  return found;
}

/** Writes the table's rows that PostgreSQL lacks, in batches; counts those written, and those there already with other values. */
async function copyTable(source: DatabaseSync, client: pg.PoolClient, table: CopiedTable): Promise<{ inserted: number; differing: number }> {
  const columns = Object.keys(table.columns);
  const list = columns.map(quote).join(', ');
  const name = quote(table.table);
  // The rows already there are read from the statement's snapshot, taken before its own insert.
  const sql = `
    WITH source AS (SELECT ${list} FROM jsonb_populate_recordset(NULL::${name}, $1::jsonb)),
    inserted AS (
      INSERT INTO ${name} (${list}) ${table.identity === undefined ? '' : 'OVERRIDING SYSTEM VALUE'}
      SELECT ${list} FROM source ON CONFLICT (${table.key.map(quote).join(', ')}) DO NOTHING RETURNING 1)
    SELECT (SELECT count(*) FROM inserted) AS inserted,
      (SELECT count(*) FROM source s JOIN ${name} t USING (${table.key.map(quote).join(', ')})
       WHERE (${columns.map((column) => `s.${quote(column)}`).join(', ')}) IS DISTINCT FROM (${columns.map((column) => `t.${quote(column)}`).join(', ')})) AS differing`;
  const totals = { inserted: 0, differing: 0 };
  const write = async (batch: Record<string, unknown>[]): Promise<void> => {
    const { rows } = await client.query<{ inserted: string; differing: string }>(sql, [JSON.stringify(batch)]);
    totals.inserted += Number(rows[0]?.inserted ?? 0);
    totals.differing += Number(rows[0]?.differing ?? 0);
  };
  let batch: Record<string, unknown>[] = [];
  for (const row of source.prepare(selectSource(table)).iterate()) {
    batch.push(toPostgresRow(row, table));
    if (batch.length === BATCH_ROWS) {
      await write(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await write(batch);
  return totals;
}

function selectSource(table: CopiedTable): string {
  return table.derivedFrom ?? `SELECT ${Object.keys(table.columns).map(quote).join(', ')} FROM ${quote(table.table)}`;
}

/** A SQLite row as jsonb_populate_recordset reads it into the PostgreSQL table's types. */
function toPostgresRow(row: Record<string, SQLOutputValue>, table: CopiedTable): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [column, kind] of Object.entries(table.columns)) {
    const value = row[column] ?? null;
    copy[column] = value === null ? null : toPostgresValue(value, kind);
  }
  return copy;
}

function toPostgresValue(value: Exclude<SQLOutputValue, null>, kind: ColumnKind): unknown {
  switch (kind) {
    case 'json':
      return JSON.parse(String(value));
    case 'boolean':
      return value === 1;
    case 'bytes':
      // bytea's text form, which jsonb_populate_recordset reads a string as.
      return `\\x${Buffer.from(value as Uint8Array).toString('hex')}`;
    default:
      return typeof value === 'bigint' ? value.toString() : value;
  }
}

function toSqliteKey(value: string, kind: ColumnKind | undefined): SQLInputValue {
  return kind === 'integer' ? Number(value) : value;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
