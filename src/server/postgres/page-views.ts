import type pg from 'pg';
import type { DailyViews } from '../../lib/funnel/page-views.ts';
import type { SearchConsoleFigures } from '../../lib/funnel/search-console-csv.ts';
import type { DayRange } from '../../lib/funnel/types.ts';
import type { PageViewStore } from '../sqlite-page-views.ts';
import { createPostgresPool, runInTransaction, runQuery } from './connection.ts';
import type { PostgresConnectionOptions } from './connection.ts';
import { toPostgresStoreError } from './errors.ts';
import { applyPostgresMigrations, POSTGRES_LEAD_MIGRATIONS } from './migrations.ts';

/**
 * The funnel's write side on the PostgreSQL lead database (a pool of its own, migrated as the
 * lead store's): the same tables and results as SqlitePageViewStore. Each method is one
 * transaction; a failure to reach or use the server throws `StoreUnavailableError` and leaves the
 * tables as they were. Any number of servers may flush at once: each adds its counts to the
 * row (`views = page_views.views + EXCLUDED.views`), so none overwrites another's.
 */
export class PostgresPageViewStore implements PageViewStore {
  readonly #pool: pg.Pool;
  #closed = false;

  /** Connects and migrates (under the migrations' advisory lock); throws `StoreUnavailableError` when the server can't be reached. */
  static async open(options: PostgresConnectionOptions): Promise<PostgresPageViewStore> {
    const pool = createPostgresPool(options);
    try {
      await applyPostgresMigrations(pool, POSTGRES_LEAD_MIGRATIONS);
      return new PostgresPageViewStore(pool);
    } catch (error) {
      await pool.end().catch(() => {});
      throw toPostgresStoreError(error, 'open the page view tables of the lead database');
    }
  }

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async addServerViews(counts: readonly DailyViews[]): Promise<void> {
    this.#assertOpen();
    // Summed per day and page first (one statement can't update a row twice), then written in
    // the order of the key, so two servers' batches lock rows in the same order and never deadlock.
    const rows = sumByDayAndPath(counts);
    if (rows.length === 0) return;
    await runQuery(
      this.#pool,
      'add page views',
      `INSERT INTO page_views (day, path, source, views)
       SELECT day, path, 'server', views FROM unnest($1::date[], $2::text[], $3::bigint[]) AS input (day, path, views)
       ORDER BY day, path COLLATE "C"
       ON CONFLICT (day, path, source) DO UPDATE SET views = page_views.views + EXCLUDED.views`,
      toColumns(rows),
    );
  }

  async replaceImportedViews(rows: readonly DailyViews[]): Promise<{ replaced: number }> {
    this.#assertOpen();
    // As SQLite's loop does: a day and page named twice in the file counts as replaced the second time, and the last count stays.
    const last = new Map<string, DailyViews>();
    let repeated = 0;
    for (const row of rows) {
      const key = `${row.day}\u0000${row.path}`;
      if (last.has(key)) repeated += 1;
      last.delete(key);
      last.set(key, row);
    }
    const unique = [...last.values()];
    if (unique.length === 0) return { replaced: repeated };
    // The CTEs see the table as it was before the statement: `before` counts the rows the upsert replaces.
    const result = await runQuery<{ replaced: string }>(
      this.#pool,
      'import page views',
      `WITH input AS (SELECT * FROM unnest($1::date[], $2::text[], $3::bigint[]) AS input (day, path, views)),
       before AS (SELECT count(*) AS replaced FROM page_views p JOIN input i ON p.day = i.day AND p.path = i.path WHERE p.source = 'import'),
       upsert AS (
         INSERT INTO page_views (day, path, source, views)
         SELECT day, path, 'import', views FROM input ORDER BY day, path COLLATE "C"
         ON CONFLICT (day, path, source) DO UPDATE SET views = EXCLUDED.views
       )
       SELECT replaced FROM before`,
      toColumns(unique),
    );
    return { replaced: Number(result.rows[0]?.replaced ?? 0) + repeated };
  }

  async replaceSearchConsolePages(range: DayRange, pages: readonly SearchConsoleFigures[], now: Date): Promise<{ replaced: number }> {
    this.#assertOpen();
    return runInTransaction(this.#pool, 'import Search Console figures', async (client) => {
      const deleted = await client.query('DELETE FROM search_console_pages WHERE from_day = $1::date AND to_day = $2::date', [range.fromDay, range.toDay]);
      if (pages.length > 0) {
        await client.query(
          `INSERT INTO search_console_pages (from_day, to_day, path, clicks, impressions, ctr, position, imported_at)
           SELECT $1::date, $2::date, path, clicks, impressions, ctr, position, $3
           FROM unnest($4::text[], $5::bigint[], $6::bigint[], $7::float8[], $8::float8[]) AS input (path, clicks, impressions, ctr, position)`,
          [
            range.fromDay,
            range.toDay,
            now,
            pages.map((page) => page.path),
            pages.map((page) => page.clicks),
            pages.map((page) => page.impressions),
            pages.map((page) => page.ctr),
            pages.map((page) => page.position),
          ],
        );
      }
      return { replaced: deleted.rowCount ?? 0 };
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('The page view store is closed.');
  }
}

function sumByDayAndPath(counts: readonly DailyViews[]): DailyViews[] {
  const sums = new Map<string, DailyViews>();
  for (const { day, path, views } of counts) {
    const key = `${day}\u0000${path}`;
    const sum = sums.get(key);
    sums.set(key, { day, path, views: (sum?.views ?? 0) + views });
  }
  return [...sums.values()];
}

function toColumns(rows: readonly DailyViews[]): [string[], string[], number[]] {
  return [rows.map((row) => row.day), rows.map((row) => row.path), rows.map((row) => row.views)];
}
