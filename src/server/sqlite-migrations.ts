import type { DatabaseSync } from 'node:sqlite';

/** One step of the schema. Versions start at 1 and go up by one; a released step never changes. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The lead database schema, oldest first. Append a new migration to change it; never edit one
 * that has shipped, since databases that already applied it won't run it again.
 */
export const LEAD_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create leads',
    // Lead type, status and priority are checked in code, not with CHECK constraints: adding a
    // value would otherwise need a table rebuild in SQLite. JSON columns hold the open-ended maps.
    sql: `
      CREATE TABLE leads (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        lead_type TEXT NOT NULL,
        status TEXT NOT NULL,
        fields TEXT NOT NULL,
        attribution TEXT NOT NULL,
        route_queue TEXT NOT NULL,
        route_priority TEXT NOT NULL,
        route_response_target_minutes INTEGER NOT NULL,
        route_matched_rule TEXT,
        score REAL NOT NULL,
        flags TEXT NOT NULL,
        fit TEXT NOT NULL,
        submission_key TEXT UNIQUE,
        content_hash TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'index leads for duplicate checks and status lists',
    sql: `
      CREATE INDEX leads_by_content_hash ON leads (content_hash, created_at);
      CREATE INDEX leads_by_status ON leads (status, id);
    `,
  },
  {
    version: 3,
    name: 'count the leads sent with each form token',
    // One row per form token (its random nonce) that carried a lead; rows past their expiry are
    // deleted as leads come in, since a lead with an expired token is spam whatever its count.
    sql: `
      CREATE TABLE form_token_uses (
        nonce TEXT PRIMARY KEY NOT NULL,
        uses INTEGER NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX form_token_uses_by_expiry ON form_token_uses (expires_at);
    `,
  },
  {
    version: 4,
    name: 'an outbox of deliveries, and the state of each destination',
    // One row per message a lead sends (a webhook, a team's email, a reminder). A new lead writes
    // one planned_deliveries row in its own transaction (one row, so that the person waits for as
    // little as can be), and the worker expands it into these rows. The id, `<lead id>-NN`,
    // is the webhook's `webhook-id` and names its lead: a lead's deliveries are a range of the
    // primary key, with no lead_id column or index. Only pending and dead rows are indexed: the
    // worker's and `--failed`'s queries.
    // `recipients` holds staff addresses from the routing file, never the person's.
    sql: `
      CREATE TABLE deliveries (
        id TEXT PRIMARY KEY NOT NULL,
        channel TEXT NOT NULL,
        purpose TEXT NOT NULL,
        destination TEXT NOT NULL,
        recipients TEXT NOT NULL,
        conceal_queue INTEGER NOT NULL,
        escalate_to TEXT,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at TEXT NOT NULL,
        last_attempt_at TEXT,
        last_result TEXT,
        created_at TEXT NOT NULL,
        delivered_at TEXT
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX deliveries_pending ON deliveries (destination, id) WHERE state = 'pending';
      CREATE INDEX deliveries_dead ON deliveries (id) WHERE state = 'dead';
      -- What a new lead sends, as one row written in the lead's transaction; the delivery worker
      -- turns it into deliveries rows in its own transaction, then deletes it.
      CREATE TABLE planned_deliveries (
        lead_id TEXT PRIMARY KEY NOT NULL,
        deliveries TEXT NOT NULL,
        planned_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE delivery_destinations (
        destination TEXT PRIMARY KEY NOT NULL,
        paused_until TEXT,
        disabled_at TEXT,
        disabled_reason TEXT,
        lease_owner TEXT,
        lease_until TEXT
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'intake inbox: staff users, their sessions and an append-only audit log',
    // Secrets are stored as hashes only (password: scrypt; set-up token and session id: SHA-256).
    // A user is active once password_hash is set; a reset clears it again. Times are ISO text
    // like the lead tables'. The audit log holds ids and actions, never lead content, and
    // triggers refuse to change or delete a row: it is evidence of who saw what.
    sql: `
      CREATE TABLE intake_users (
        id TEXT PRIMARY KEY NOT NULL,
        login TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        queues TEXT NOT NULL,
        admin INTEGER NOT NULL,
        password_hash TEXT,
        totp_key BLOB NOT NULL,
        totp_last_step INTEGER NOT NULL,
        setup_token_hash TEXT UNIQUE,
        setup_expires_at TEXT,
        disabled_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE intake_sessions (
        id_hash TEXT PRIMARY KEY NOT NULL,
        user_id TEXT NOT NULL REFERENCES intake_users (id),
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX intake_sessions_by_user ON intake_sessions (user_id);
      CREATE TABLE intake_audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        lead_id TEXT,
        client TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX intake_audit_by_lead ON intake_audit (lead_id, seq) WHERE lead_id IS NOT NULL;
      CREATE INDEX intake_audit_by_actor ON intake_audit (actor, seq);
      CREATE TRIGGER intake_audit_no_update BEFORE UPDATE ON intake_audit
        BEGIN SELECT RAISE(ABORT, 'intake_audit is append-only: rows cannot be changed'); END;
      CREATE TRIGGER intake_audit_no_delete BEFORE DELETE ON intake_audit
        BEGIN SELECT RAISE(ABORT, 'intake_audit is append-only: rows cannot be deleted'); END;
    `,
  },
  {
    version: 6,
    name: 'working a lead: its steps, who took them, and a version for concurrent changes',
    // Every step (contacted, qualified, scheduled, booked, lost, not a fit, a note) is a row of
    // lead_events, attributed and timed; the lead's status and first contact are kept on the lead
    // for the inbox, with a version that each change must name (two people at once: one wins,
    // the other is told who changed it). Notes are free text: retention purges them with the
    // person's fields.
    sql: `
      ALTER TABLE leads ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE leads ADD COLUMN first_contacted_at TEXT;
      CREATE TABLE lead_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        lead_id TEXT NOT NULL REFERENCES leads (id),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT,
        reason TEXT,
        scheduled_for TEXT,
        note TEXT
      ) STRICT;
      CREATE INDEX lead_events_by_lead ON lead_events (lead_id, seq);
    `,
  },
  {
    version: 7,
    name: "retention: when a lead lost the person's details",
    sql: `ALTER TABLE leads ADD COLUMN purged_at TEXT;`,
  },
  {
    version: 8,
    name: 'the channel each lead came from, and the rule that said so',
    // Null for leads stored before channels were kept: the report classifies those with the
    // rules of the day. The index serves the report's date ranges.
    sql: `
      ALTER TABLE leads ADD COLUMN channel TEXT;
      ALTER TABLE leads ADD COLUMN channel_rule TEXT;
      CREATE INDEX leads_by_created_at ON leads (created_at);
    `,
  },
  {
    version: 9,
    name: 'page views per path per day, and Search Console pages',
    // Counts only: no visitor, address or agent. `source` is `server` (counted by the Carepath
    // server) or `import` (npm run leads -- import-views), kept apart so a re-import replaces
    // its own rows and never the server's. A Search Console import replaces the same range.
    sql: `
      CREATE TABLE page_views (
        day TEXT NOT NULL,
        path TEXT NOT NULL,
        source TEXT NOT NULL,
        views INTEGER NOT NULL,
        PRIMARY KEY (day, path, source)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE search_console_pages (
        from_day TEXT NOT NULL,
        to_day TEXT NOT NULL,
        path TEXT NOT NULL,
        clicks INTEGER NOT NULL,
        impressions INTEGER NOT NULL,
        ctr REAL NOT NULL,
        position REAL NOT NULL,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (from_day, to_day, path)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 10,
    name: 'scheduled jobs: each run once per period, whichever server runs it',
    // A job (the daily retention purge) claims its period by inserting its row in the
    // transaction that does the work: a second server finds the row and does nothing, and a run
    // that fails rolls its row back with its work. `result` is what the run did, in counts.
    sql: `
      CREATE TABLE job_runs (
        job TEXT NOT NULL,
        period TEXT NOT NULL,
        ran_at TEXT NOT NULL,
        result TEXT NOT NULL,
        PRIMARY KEY (job, period)
      ) STRICT, WITHOUT ROWID;
    `,
  },
];

/** The highest migration applied to this database; 0 for a new one. Reads only. */
export function getSchemaVersion(db: DatabaseSync): number {
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get();
  const version = row?.['version'];
  return typeof version === 'number' ? version : 0;
}

/**
 * Brings the database up to the last migration: the pending ones run in order inside one
 * `BEGIN IMMEDIATE` transaction, each recorded in `schema_migrations`, so a failure leaves the
 * schema as it was. An up-to-date database is only read. Returns the versions applied.
 * Throws when the database is newer than these migrations (code older than the data).
 */
export function applyMigrations(db: DatabaseSync, migrations: readonly Migration[], now: Date = new Date()): number[] {
  assertSequential(migrations);
  const latest = migrations.length;
  if (checkSchemaVersion(getSchemaVersion(db), latest) === latest) return [];

  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL
      ) STRICT;
    `);
    // Read again under the write lock: another process may have migrated meanwhile.
    const current = checkSchemaVersion(getSchemaVersion(db), latest);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const pending = migrations.slice(current);
    for (const migration of pending) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now.toISOString());
    }
    db.exec('COMMIT');
    return pending.map((migration) => migration.version);
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** `current`, unless the database is newer than the code (then it must not be touched). Both stores use it. */
export function checkSchemaVersion(current: number, latest: number): number {
  if (current > latest) {
    throw new Error(`The lead database is at schema version ${current}, newer than this code knows (${latest}). Deploy the newer code, or restore a backup made for this version.`);
  }
  return current;
}

/** Versions start at 1 and go up by one; both stores' lists are checked with it. */
export function assertSequential(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}: versions start at 1 and go up by one.`);
    }
  });
}
