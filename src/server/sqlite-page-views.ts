import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DailyViews } from '../lib/funnel/page-views.ts';
import type { SearchConsoleFigures } from '../lib/funnel/search-console-csv.ts';
import type { DayRange } from '../lib/funnel/types.ts';
import { openLeadDatabase, runInWriteTransaction, type LeadDatabaseOptions } from './sqlite-connection.ts';
import { toStoreError } from './sqlite-errors.ts';

/** Where the page view counter writes its batches (the SQLite store, or a fake in tests). */
export interface PageViewWriter {
  /** Adds the views to the server's counts, all in one transaction: all are added or none. */
  addServerViews(counts: readonly DailyViews[]): void;
}

/**
 * The funnel's write side, on either database (SqlitePageViewStore answers at once,
 * PostgresPageViewStore with a promise): the server's counts and the two imports' writes.
 */
export interface PageViewStore {
  /** Adds the views to the server's counts, all in one transaction: all are added or none. */
  addServerViews(counts: readonly DailyViews[]): void | Promise<void>;
  /**
   * Sets the imported views of each day and page in `rows` to the row's count: a file imported
   * again changes nothing, and the server's own counts are never touched. Returns how many of
   * those days and pages had imported views already.
   */
  replaceImportedViews(rows: readonly DailyViews[]): { replaced: number } | Promise<{ replaced: number }>;
  /**
   * Replaces the Search Console figures of exactly this range (an import of other dates, even
   * overlapping ones, stays) with `pages`. Returns how many pages the earlier import of the range had.
   */
  replaceSearchConsolePages(range: DayRange, pages: readonly SearchConsoleFigures[], now: Date): { replaced: number } | Promise<{ replaced: number }>;
  close(): Promise<void>;
}

/**
 * The funnel's write side on the lead database (its own connection, configured and migrated as
 * the lead store's): the server's page view counts, imported counts and Search Console figures
 * (tables of migration 9). Every method is one `BEGIN IMMEDIATE` transaction; a storage failure
 * throws `StoreUnavailableError` and leaves the tables as they were.
 */
export class SqlitePageViewStore implements PageViewWriter, PageViewStore {
  readonly #db: DatabaseSync;
  readonly #statements: {
    addServer: StatementSync;
    countImported: StatementSync;
    upsertImported: StatementSync;
    countRange: StatementSync;
    deleteRange: StatementSync;
    insertPage: StatementSync;
  };
  #closed = false;

  /** Opens (creating and migrating) the database; throws `StoreUnavailableError` when storage is unusable. */
  static open(options: LeadDatabaseOptions): SqlitePageViewStore {
    let db: DatabaseSync | undefined;
    try {
      db = openLeadDatabase(options);
      return new SqlitePageViewStore(db);
    } catch (error) {
      db?.close();
      throw toStoreError(error, 'open the page view tables of the lead database');
    }
  }

  private constructor(db: DatabaseSync) {
    this.#db = db;
    this.#statements = {
      addServer: db.prepare(
        `INSERT INTO page_views (day, path, source, views) VALUES (?, ?, 'server', ?)
         ON CONFLICT (day, path, source) DO UPDATE SET views = views + excluded.views`,
      ),
      countImported: db.prepare(`SELECT count(*) AS n FROM page_views WHERE day = ? AND path = ? AND source = 'import'`),
      upsertImported: db.prepare(
        `INSERT INTO page_views (day, path, source, views) VALUES (?, ?, 'import', ?)
         ON CONFLICT (day, path, source) DO UPDATE SET views = excluded.views`,
      ),
      countRange: db.prepare('SELECT count(*) AS n FROM search_console_pages WHERE from_day = ? AND to_day = ?'),
      deleteRange: db.prepare('DELETE FROM search_console_pages WHERE from_day = ? AND to_day = ?'),
      insertPage: db.prepare(
        `INSERT INTO search_console_pages (from_day, to_day, path, clicks, impressions, ctr, position, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  addServerViews(counts: readonly DailyViews[]): void {
    this.#write('add page views', () => {
      for (const { day, path, views } of counts) this.#statements.addServer.run(day, path, views);
    });
  }

  /**
   * Sets the imported views of each day and page in `rows` to the row's count: a file imported
   * again changes nothing, and the server's own counts are never touched. Returns how many of
   * those days and pages had imported views already.
   */
  replaceImportedViews(rows: readonly DailyViews[]): { replaced: number } {
    return this.#write('import page views', () => {
      let replaced = 0;
      for (const { day, path, views } of rows) {
        replaced += Number(this.#statements.countImported.get(day, path)?.['n'] ?? 0);
        this.#statements.upsertImported.run(day, path, views);
      }
      return { replaced };
    });
  }

  /**
   * Replaces the Search Console figures of exactly this range (an import of other dates, even
   * overlapping ones, stays) with `pages`. Returns how many pages the earlier import of the range had.
   */
  replaceSearchConsolePages(range: DayRange, pages: readonly SearchConsoleFigures[], now: Date): { replaced: number } {
    return this.#write('import Search Console figures', () => {
      const replaced = Number(this.#statements.countRange.get(range.fromDay, range.toDay)?.['n'] ?? 0);
      this.#statements.deleteRange.run(range.fromDay, range.toDay);
      const at = now.toISOString();
      for (const page of pages) {
        this.#statements.insertPage.run(range.fromDay, range.toDay, page.path, page.clicks, page.impressions, page.ctr, page.position, at);
      }
      return { replaced };
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }

  #write<T>(action: string, write: () => T): T {
    if (this.#closed) throw new Error('The page view store is closed.');
    try {
      return runInWriteTransaction(this.#db, write);
    } catch (error) {
      throw toStoreError(error, action);
    }
  }
}
