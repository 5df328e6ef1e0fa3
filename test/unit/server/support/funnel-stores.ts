/**
 * The funnel's stores on both databases, for contract tests: the page view store (the server's
 * counts and the imports' writes) and the funnel report's reads. SQLite on a temporary file,
 * PostgreSQL on a database of its own per test on the run's test server.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterEach, beforeEach, inject } from 'vitest';
import type { FunnelSource } from '../../../../src/lib/funnel/types.ts';
import { createPostgresPool } from '../../../../src/server/postgres/connection.ts';
import { PostgresFunnelStore } from '../../../../src/server/postgres/funnel-store.ts';
import { applyPostgresMigrations, POSTGRES_LEAD_MIGRATIONS } from '../../../../src/server/postgres/migrations.ts';
import { PostgresPageViewStore } from '../../../../src/server/postgres/page-views.ts';
import { SqliteFunnelStore } from '../../../../src/server/sqlite-funnel-store.ts';
import { SqlitePageViewStore, type PageViewStore } from '../../../../src/server/sqlite-page-views.ts';
import { copyLeadStore } from '../../../../src/server/store-copy.ts';
import { createTestDatabase } from '../../../support/postgres.ts';
import { makeTempDir } from './leads.ts';

/** A row of `page_views`, as both databases give it here. */
export interface PageViewRow {
  day: string;
  path: string;
  source: string;
  views: number;
}

/** A row of `search_console_pages`, as both databases give it here (`imported_at` an ISO string). */
export interface SearchConsoleRow {
  from_day: string;
  to_day: string;
  path: string;
  clicks: number;
  impressions: number;
  ctr: number;
  position: number;
  imported_at: string;
}

export interface PageViewStoreHarness {
  /** Opens a store on this test's database (every store opened is closed after the test). */
  openStore(): Promise<PageViewStore>;
  /** Every row of `page_views`, by day, path and source, read through a connection of its own. */
  readViews(): Promise<PageViewRow[]>;
  /** Every row of `search_console_pages`, by range and path, read through a connection of its own. */
  readSearchConsolePages(): Promise<SearchConsoleRow[]>;
  /** Another connection takes the write lock the stores need (SQLite's file, PostgreSQL's table) until the returned function is called. */
  holdWriteLock(): Promise<() => Promise<void>>;
  /** How the store's error words a write that waited too long for that lock. */
  busyError: RegExp;
}

export interface PageViewStoreKind {
  name: string;
  /** Registers the per-test set-up and tear-down (call it in a describe block) and returns the harness. */
  use(): PageViewStoreHarness;
}

const sqlitePageViews: PageViewStoreKind = {
  name: 'SQLite',
  use() {
    let temp: ReturnType<typeof makeTempDir>;
    let path = '';
    const open: PageViewStore[] = [];
    beforeEach(() => {
      temp = makeTempDir('carepath-views-');
      path = join(temp.dir, 'leads.db');
    });
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
      temp.remove();
    });
    const read = (sql: string): Record<string, unknown>[] => {
      const db = new DatabaseSync(path, { readOnly: true });
      try {
        return db
          .prepare(sql)
          .all()
          .map((row) => ({ ...row }));
      } finally {
        db.close();
      }
    };
    return {
      openStore() {
        const store = SqlitePageViewStore.open({ path, busyTimeoutMs: 20 });
        open.push(store);
        return Promise.resolve(store);
      },
      readViews: () => Promise.resolve(read('SELECT day, path, source, views FROM page_views ORDER BY day, path, source') as unknown as PageViewRow[]),
      readSearchConsolePages: () => Promise.resolve(read('SELECT * FROM search_console_pages ORDER BY from_day, to_day, path') as unknown as SearchConsoleRow[]),
      holdWriteLock() {
        const other = new DatabaseSync(path);
        other.exec('BEGIN IMMEDIATE');
        return Promise.resolve(() => {
          other.exec('ROLLBACK');
          other.close();
          return Promise.resolve();
        });
      },
      busyError: /SQLITE_BUSY/,
    };
  },
};

const postgresPageViews: PageViewStoreKind = {
  name: 'PostgreSQL',
  use() {
    let url = '';
    const open: PageViewStore[] = [];
    beforeEach(async () => {
      url = await createTestDatabase(inject('postgresAdminUrl'), 'views');
    });
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
    });
    const read = async (sql: string): Promise<Record<string, unknown>[]> => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    };
    return {
      async openStore() {
        // A statement that waits longer than this for a lock is cancelled: SQLite's busy timeout.
        const store = await PostgresPageViewStore.open({ url, statementTimeoutMs: 200 });
        open.push(store);
        return store;
      },
      async readViews() {
        const rows = await read(`SELECT to_char(day, 'YYYY-MM-DD') AS day, path, source, views FROM page_views ORDER BY day, path COLLATE "C", source COLLATE "C"`);
        return rows.map((row) => ({ day: String(row['day']), path: String(row['path']), source: String(row['source']), views: Number(row['views']) }));
      },
      async readSearchConsolePages() {
        const rows = await read(
          `SELECT to_char(from_day, 'YYYY-MM-DD') AS from_day, to_char(to_day, 'YYYY-MM-DD') AS to_day, path, clicks, impressions, ctr, position, imported_at
           FROM search_console_pages ORDER BY from_day, to_day, path COLLATE "C"`,
        );
        return rows.map((row) => ({
          from_day: String(row['from_day']),
          to_day: String(row['to_day']),
          path: String(row['path']),
          clicks: Number(row['clicks']),
          impressions: Number(row['impressions']),
          ctr: Number(row['ctr']),
          position: Number(row['position']),
          imported_at: (row['imported_at'] as Date).toISOString(),
        }));
      },
      async holdWriteLock() {
        const other = new pg.Client({ connectionString: url });
        await other.connect();
        // EXCLUSIVE mode: others may read the table, none may write it.
        await other.query('BEGIN');
        await other.query('LOCK TABLE page_views, search_console_pages IN EXCLUSIVE MODE');
        return async () => {
          await other.query('ROLLBACK');
          await other.end();
        };
      },
      busyError: /PG_CONFLICT/,
    };
  },
};

/** Both page view stores, for `describe.each(PAGE_VIEW_STORE_KINDS)('$name', …)`. */
export const PAGE_VIEW_STORE_KINDS: readonly PageViewStoreKind[] = [sqlitePageViews, postgresPageViews];

export interface FunnelStoreKind {
  name: string;
  /**
   * Opens a funnel store on the lead database in the SQLite file at `path` (the seeded fixture):
   * that file itself, or a new PostgreSQL database with the same rows. Closing it is the caller's.
   */
  openOn(path: string): Promise<FunnelSource & { close(): Promise<void> }>;
}

const sqliteFunnel: FunnelStoreKind = {
  name: 'SQLite',
  openOn: (path) => Promise.resolve(SqliteFunnelStore.open({ path })),
};

const postgresFunnel: FunnelStoreKind = {
  name: 'PostgreSQL',
  async openOn(path) {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'funnel');
    await copyLeadDatabase(path, url);
    return PostgresFunnelStore.open({ url });
  },
};

/** Both funnel stores, for `describe.each(FUNNEL_STORE_KINDS)('$name', …)`. */
export const FUNNEL_STORE_KINDS: readonly FunnelStoreKind[] = [sqliteFunnel, postgresFunnel];

/**
 * Migrates the PostgreSQL database at `url` and copies into it the SQLite lead database at
 * `path`, as `npm run leads -- copy` does (src/server/store-copy.ts).
 */
export async function copyLeadDatabase(path: string, url: string): Promise<void> {
  const pool = createPostgresPool({ url });
  const source = new DatabaseSync(path, { readOnly: true });
  try {
    await applyPostgresMigrations(pool, POSTGRES_LEAD_MIGRATIONS);
    const outcome = await copyLeadStore({ source, target: pool });
    if (outcome.kind !== 'copied') throw new Error(`The copy of ${path} ended ${JSON.stringify(outcome)}`);
  } finally {
    source.close();
    await pool.end();
  }
}
