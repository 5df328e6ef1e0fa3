/**
 * The two stores the leads CLI works on, for `describe.each(CLI_DATABASES)('$name', …)`: a SQLite
 * file in a temporary folder (LEADS_DB), or a database of its own per test on the run's test
 * PostgreSQL server (LEADS_DATABASE_URL). The same command, run on either, must print the same.
 */
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterEach, beforeEach, inject } from 'vitest';
import type { IntakeStore } from '../../../../src/lib/intake/store.ts';
import type { DeliveryOutbox, LeadStore } from '../../../../src/lib/leads/store.ts';
import { SqliteIntakeStore } from '../../../../src/server/intake/sqlite-intake-store.ts';
import { PostgresIntakeStore } from '../../../../src/server/postgres/intake-store.ts';
import { PostgresLeadStore } from '../../../../src/server/postgres/lead-store.ts';
import { createPostgresPool } from '../../../../src/server/postgres/connection.ts';
import { applyPostgresMigrations, POSTGRES_LEAD_MIGRATIONS } from '../../../../src/server/postgres/migrations.ts';
import { formatLeadsStore, readLeadsStore } from '../../../../src/server/server-env.ts';
import { applyMigrations, LEAD_MIGRATIONS, type Migration } from '../../../../src/server/sqlite-migrations.ts';
import { createTestDatabase, dropTestDatabase } from '../../../support/postgres.ts';
import { useStoreFile } from './store-file.ts';

type Closable = { close(): Promise<void> };

/** One test's database, and what a CLI test needs around it. */
export interface CliDatabase {
  /** A temporary folder of the test's own, for settings and CSV files. */
  readonly dir: string;
  /** The variables that name the database, as the CLI's `io.env` (LEADS_DB or LEADS_DATABASE_URL). */
  readonly env: Readonly<Record<string, string>>;
  /** How the CLI names the store in its messages (formatLeadsStore). */
  readonly label: string;
  /** Opens the lead store (migrated, writing); every store opened is closed after the test. */
  openLeadStore(): Promise<LeadStore & DeliveryOutbox & Closable>;
  /** Opens the intake store (migrated, writing); closed after the test. */
  openIntakeStore(): Promise<IntakeStore & Closable>;
  /** Makes the database exist with no schema at all: an empty SQLite file; PostgreSQL's is new already. */
  makeEmpty(): void;
  /** Applies this store's first `version` migrations (and no more) through a connection of its own, as an older release would have. */
  migrateTo(version: number): Promise<void>;
  /** Runs SQL (written to mean the same in SQLite and PostgreSQL) through a connection of its own, as an operator would. */
  execOther(sql: string): Promise<void>;
  /** The highest migration recorded in the database, read through a connection of its own; 0 for none. */
  readSchemaVersion(): Promise<number>;
}

export interface CliDatabaseKind {
  name: 'SQLite' | 'PostgreSQL';
  /** This store's migrations, oldest first: the latest version is their count. */
  migrations: readonly Migration[];
  /** Registers the per-test set-up and tear-down (call it in a describe block) and returns the database. */
  use(): CliDatabase;
}

const sqlite: CliDatabaseKind = {
  name: 'SQLite',
  migrations: LEAD_MIGRATIONS,
  use() {
    const file = useStoreFile();
    const open: Closable[] = [];
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
    });
    return {
      get dir() {
        return file.dir;
      },
      get env() {
        return { LEADS_DB: file.path };
      },
      get label() {
        return formatLeadsStore({ kind: 'sqlite', path: file.path });
      },
      openLeadStore: () => Promise.resolve(file.openStore()),
      openIntakeStore() {
        const store = SqliteIntakeStore.open({ path: file.path });
        open.push(store);
        return Promise.resolve(store);
      },
      makeEmpty: () => new DatabaseSync(file.path).close(),
      migrateTo(version) {
        const db = new DatabaseSync(file.path);
        try {
          applyMigrations(db, LEAD_MIGRATIONS.slice(0, version));
        } finally {
          db.close();
        }
        return Promise.resolve();
      },
      execOther(sql) {
        file.execOther(sql);
        return Promise.resolve();
      },
      readSchemaVersion() {
        const db = new DatabaseSync(file.path, { readOnly: true });
        try {
          const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'schema_migrations'").get();
          const row = table === undefined ? undefined : db.prepare('SELECT max(version) AS version FROM schema_migrations').get();
          return Promise.resolve(Number(row?.['version'] ?? 0));
        } finally {
          db.close();
        }
      },
    };
  },
};

const postgres: CliDatabaseKind = {
  name: 'PostgreSQL',
  migrations: POSTGRES_LEAD_MIGRATIONS,
  use() {
    // The folder, for the files a command reads; the database is the server's.
    const file = useStoreFile();
    let url = '';
    const open: Closable[] = [];
    beforeEach(async () => {
      url = await createTestDatabase(inject('postgresAdminUrl'), 'cli');
    });
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
      await dropTestDatabase(inject('postgresAdminUrl'), url);
    });
    return {
      get dir() {
        return file.dir;
      },
      get env() {
        return { LEADS_DATABASE_URL: url };
      },
      get label() {
        return formatLeadsStore(readLeadsStore({ LEADS_DATABASE_URL: url }));
      },
      async openLeadStore() {
        const store = await PostgresLeadStore.open({ url, maxConnections: 2 });
        open.push(store);
        return store;
      },
      async openIntakeStore() {
        const store = await PostgresIntakeStore.open({ url, maxConnections: 1 });
        open.push(store);
        return store;
      },
      makeEmpty: () => {},
      async migrateTo(version) {
        const pool = createPostgresPool({ url, maxConnections: 1 });
        try {
          await applyPostgresMigrations(pool, POSTGRES_LEAD_MIGRATIONS.slice(0, version));
        } finally {
          await pool.end();
        }
      },
      async execOther(sql) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      },
      async readSchemaVersion() {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const table = await client.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists");
          if (table.rows[0]?.exists !== true) return 0;
          return (await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations')).rows[0]?.version ?? 0;
        } finally {
          await client.end();
        }
      },
    };
  },
};

/** Both stores the CLI works on: one command, two databases. */
export const CLI_DATABASES: readonly CliDatabaseKind[] = [sqlite, postgres];
