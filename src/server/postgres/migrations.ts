import type pg from 'pg';
import { assertSequential, checkSchemaVersion, type Migration } from '../sqlite-migrations.ts';
import type { Queryable } from './connection.ts';

export type { Migration };

/**
 * The PostgreSQL lead database schema, oldest first: the same tables, columns and meaning as
 * SQLite's (sqlite-migrations.ts: its versions 1–9 are version 1 here, then one for one), with PostgreSQL's types: timestamptz for
 * times, jsonb for the open-ended maps and lists, booleans, bigint identities. Append a new
 * migration to change it; never edit one that has shipped.
 */
export const POSTGRES_LEAD_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'the lead store: leads and their steps, form token uses, the outbox, the intake inbox, page views',
    // Ids sort in creation order byte by byte (Crockford base32): COLLATE "C" keeps that order
    // whatever the database's locale. Lead type, status and priority are checked in code, as in SQLite.
    sql: `
      CREATE TABLE leads (
        id text COLLATE "C" PRIMARY KEY,
        created_at timestamptz NOT NULL,
        lead_type text NOT NULL,
        status text NOT NULL,
        fields jsonb NOT NULL,
        attribution jsonb NOT NULL,
        route_queue text NOT NULL,
        route_priority text NOT NULL,
        route_response_target_minutes integer NOT NULL,
        route_matched_rule text,
        score double precision NOT NULL,
        flags jsonb NOT NULL,
        fit jsonb NOT NULL,
        submission_key text UNIQUE,
        content_hash text NOT NULL,
        version integer NOT NULL DEFAULT 0,
        first_contacted_at timestamptz,
        purged_at timestamptz,
        channel text,
        channel_rule text
      );
      CREATE INDEX leads_by_content_hash ON leads (content_hash, created_at);
      CREATE INDEX leads_by_status ON leads (status, id);
      CREATE INDEX leads_by_created_at ON leads (created_at);

      -- The duplicate window, held by the database across servers: one row per content hash,
      -- naming the newest lead stored with it. A new lead claims its hash with INSERT … ON CONFLICT,
      -- which waits for another server's uncommitted claim of the same hash, so two servers can't
      -- both store the same content inside the window.
      CREATE TABLE lead_content_claims (
        content_hash text PRIMARY KEY,
        lead_id text COLLATE "C" NOT NULL REFERENCES leads (id) DEFERRABLE INITIALLY DEFERRED,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE lead_events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        lead_id text COLLATE "C" NOT NULL REFERENCES leads (id),
        at timestamptz NOT NULL,
        actor text NOT NULL,
        kind text NOT NULL,
        status text,
        reason text,
        scheduled_for text,
        note text
      );
      CREATE INDEX lead_events_by_lead ON lead_events (lead_id, seq);

      CREATE TABLE form_token_uses (
        nonce text PRIMARY KEY,
        uses integer NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX form_token_uses_by_expiry ON form_token_uses (expires_at);

      CREATE TABLE deliveries (
        id text COLLATE "C" PRIMARY KEY,
        channel text NOT NULL,
        purpose text NOT NULL,
        destination text NOT NULL,
        recipients jsonb NOT NULL,
        conceal_queue boolean NOT NULL,
        escalate_to jsonb,
        state text NOT NULL,
        attempts integer NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        last_attempt_at timestamptz,
        last_result text,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz
      );
      CREATE INDEX deliveries_pending ON deliveries (destination, id) WHERE state = 'pending';
      CREATE INDEX deliveries_dead ON deliveries (id) WHERE state = 'dead';
      CREATE TABLE planned_deliveries (
        lead_id text COLLATE "C" PRIMARY KEY,
        deliveries jsonb NOT NULL,
        planned_at timestamptz NOT NULL
      );
      CREATE TABLE delivery_destinations (
        destination text PRIMARY KEY,
        paused_until timestamptz,
        disabled_at timestamptz,
        disabled_reason text,
        lease_owner text,
        lease_until timestamptz
      );

      CREATE TABLE intake_users (
        id text PRIMARY KEY,
        login text NOT NULL UNIQUE,
        name text NOT NULL,
        queues jsonb NOT NULL,
        admin boolean NOT NULL,
        password_hash text,
        totp_key bytea NOT NULL,
        totp_last_step bigint NOT NULL,
        setup_token_hash text UNIQUE,
        setup_expires_at timestamptz,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE intake_sessions (
        id_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES intake_users (id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      );
      CREATE INDEX intake_sessions_by_user ON intake_sessions (user_id);
      -- Evidence of who saw what: ids and actions, never lead content; rows can't be changed or deleted.
      CREATE TABLE intake_audit (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        lead_id text,
        client text NOT NULL,
        detail text
      );
      CREATE INDEX intake_audit_by_lead ON intake_audit (lead_id, seq) WHERE lead_id IS NOT NULL;
      CREATE INDEX intake_audit_by_actor ON intake_audit (actor, seq);
      CREATE FUNCTION intake_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'intake_audit is append-only: rows cannot be %', CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END; END;
      $$;
      CREATE TRIGGER intake_audit_append_only BEFORE UPDATE OR DELETE ON intake_audit
        FOR EACH ROW EXECUTE FUNCTION intake_audit_refuse_change();
      CREATE TRIGGER intake_audit_no_truncate BEFORE TRUNCATE ON intake_audit
        FOR EACH STATEMENT EXECUTE FUNCTION intake_audit_refuse_change();

      CREATE TABLE page_views (
        day date NOT NULL,
        path text NOT NULL,
        source text NOT NULL,
        views bigint NOT NULL,
        PRIMARY KEY (day, path, source)
      );
      CREATE TABLE search_console_pages (
        from_day date NOT NULL,
        to_day date NOT NULL,
        path text NOT NULL,
        clicks bigint NOT NULL,
        impressions bigint NOT NULL,
        ctr double precision NOT NULL,
        position double precision NOT NULL,
        imported_at timestamptz NOT NULL,
        PRIMARY KEY (from_day, to_day, path)
      );
    `,
  },
  {
    version: 2,
    name: 'scheduled jobs: each run once per period, whichever server runs it',
    // As SQLite's version 10: a job claims its period in the transaction that does the work.
    sql: `
      CREATE TABLE job_runs (
        job text NOT NULL,
        period text NOT NULL,
        ran_at timestamptz NOT NULL,
        result jsonb NOT NULL,
        PRIMARY KEY (job, period)
      );
    `,
  },
];

// One number for "the lead schema is being migrated", the same on every server sharing the database.
const MIGRATION_LOCK_KEY = '7246835001520180049';

/** The highest migration applied to this database; 0 for a new one. Reads only. */
export async function getPostgresSchemaVersion(client: Queryable): Promise<number> {
  const table = await client.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists");
  if (table.rows[0]?.exists !== true) return 0;
  const row = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return row.rows[0]?.version ?? 0;
}

/**
 * Brings the database up to the last migration: the pending ones run in order in one
 * transaction, each recorded in `schema_migrations`, so a failure leaves the schema as it was
 * (PostgreSQL's DDL is transactional). The transaction first takes an advisory lock, so of several
 * servers starting together one migrates while the others wait, then find nothing left to do.
 * The lock is the transaction's (`pg_advisory_xact_lock`): COMMIT, ROLLBACK or a lost connection
 * releases it, so a server that dies mid-migration never leaves it held. An up-to-date database
 * is only read. Returns the versions applied. Throws when the database is newer than these migrations.
 */
export async function applyPostgresMigrations(pool: pg.Pool, migrations: readonly Migration[], now: Date = new Date()): Promise<number[]> {
  assertSequential(migrations);
  const latest = migrations.length;
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error): void => {
    broken = error;
  };
  client.on('error', onError);
  try {
    if (checkSchemaVersion(await getPostgresSchemaVersion(client), latest) === latest) return [];
    await client.query('BEGIN');
    try {
      // The pool's statement timeout is for requests: waiting for another server's migration, or
      // a long step, must not be cancelled half-way through a start.
      await client.query('SET LOCAL statement_timeout = 0');
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      await client.query(`
        CREATE TABLE IF NOT EXISTS schema_migrations (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL
        )
      `);
      // Read again under the lock: another server may have migrated meanwhile.
      const current = checkSchemaVersion(await getPostgresSchemaVersion(client), latest);
      const pending = migrations.slice(current);
      for (const migration of pending) {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, now]);
      }
      await client.query('COMMIT');
      return pending.map((migration) => migration.version);
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    }
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
