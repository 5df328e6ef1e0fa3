import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '@/lib/leads/store.ts';
import { createPageViewCounter } from '@/server/page-view-counter.ts';
import { SqlitePageViewStore } from '@/server/sqlite-page-views.ts';
import { makeTempDir } from './support/leads.ts';

let temp: ReturnType<typeof makeTempDir>;
let path: string;
let store: SqlitePageViewStore;

beforeEach(() => {
  temp = makeTempDir('carepath-views-');
  path = join(temp.dir, 'leads.db');
  store = SqlitePageViewStore.open({ path, busyTimeoutMs: 20 });
});
afterEach(async () => {
  await store.close();
  temp.remove();
});

function read(sql: string): Record<string, unknown>[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare(sql).all().map((row) => ({ ...row }));
  } finally {
    db.close();
  }
}

const views = () => read('SELECT day, path, source, views FROM page_views ORDER BY day, path, source');

describe('SqlitePageViewStore', () => {
  it('adds server views to what is there', () => {
    store.addServerViews([
      { day: '2026-11-30', path: '/', views: 3 },
      { day: '2026-11-30', path: '/services/', views: 1 },
    ]);
    store.addServerViews([{ day: '2026-11-30', path: '/', views: 2 }]);
    expect(views()).toEqual([
      { day: '2026-11-30', path: '/', source: 'server', views: 5 },
      { day: '2026-11-30', path: '/services/', source: 'server', views: 1 },
    ]);
  });

  it('replaces the imported views of each day and page in the file, and never the server’s', () => {
    store.addServerViews([{ day: '2026-11-01', path: '/', views: 9 }]);
    expect(store.replaceImportedViews([
      { day: '2026-11-01', path: '/', views: 100 },
      { day: '2026-11-02', path: '/', views: 50 },
    ])).toEqual({ replaced: 0 });
    // The same file again changes nothing; a corrected day replaces that day only.
    expect(store.replaceImportedViews([
      { day: '2026-11-01', path: '/', views: 100 },
      { day: '2026-11-02', path: '/', views: 50 },
    ])).toEqual({ replaced: 2 });
    expect(store.replaceImportedViews([{ day: '2026-11-02', path: '/', views: 60 }])).toEqual({ replaced: 1 });
    expect(views()).toEqual([
      { day: '2026-11-01', path: '/', source: 'import', views: 100 },
      { day: '2026-11-01', path: '/', source: 'server', views: 9 },
      { day: '2026-11-02', path: '/', source: 'import', views: 60 },
    ]);
  });

  it('replaces the Search Console figures of exactly the range imported', () => {
    const page = { path: '/', clicks: 5, impressions: 100, ctr: 0.05, position: 3.2 };
    const at = new Date('2026-12-01T09:00:00Z');
    expect(store.replaceSearchConsolePages({ fromDay: '2026-11-01', toDay: '2026-11-30' }, [page, { ...page, path: '/services/' }], at)).toEqual({ replaced: 0 });
    store.replaceSearchConsolePages({ fromDay: '2026-11-15', toDay: '2026-11-30' }, [page], at);
    expect(store.replaceSearchConsolePages({ fromDay: '2026-11-01', toDay: '2026-11-30' }, [{ ...page, clicks: 7 }], new Date('2026-12-02T09:00:00Z'))).toEqual({ replaced: 2 });
    expect(read('SELECT * FROM search_console_pages ORDER BY from_day, path')).toEqual([
      { from_day: '2026-11-01', to_day: '2026-11-30', path: '/', clicks: 7, impressions: 100, ctr: 0.05, position: 3.2, imported_at: '2026-12-02T09:00:00.000Z' },
      { from_day: '2026-11-15', to_day: '2026-11-30', path: '/', clicks: 5, impressions: 100, ctr: 0.05, position: 3.2, imported_at: '2026-12-01T09:00:00.000Z' },
    ]);
  });

  it('while another connection holds the write lock: fails as unavailable, and writes nothing', () => {
    const other = new DatabaseSync(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(() => store.addServerViews([{ day: '2026-11-30', path: '/', views: 1 }])).toThrow(StoreUnavailableError);
      expect(() => store.replaceImportedViews([{ day: '2026-11-30', path: '/', views: 1 }])).toThrow(/SQLITE_BUSY/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(views()).toEqual([]);
  });

  it('with the counter: a batch that met a busy database is written once, after the lock is gone', async () => {
    const counter = createPageViewCounter({ writer: store, timeZone: 'UTC', now: () => new Date('2026-11-30T12:00:00Z'), startTimer: () => () => {} });
    const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
    const record = () => counter.record({ method: 'GET', path: '/services/', status: 200, contentType: 'text/html', userAgent: browser });
    record();
    record();
    const other = new DatabaseSync(path);
    other.exec('BEGIN IMMEDIATE');
    expect(await counter.flush()).toMatchObject({ ok: false, views: 2 });
    record();
    other.exec('ROLLBACK');
    other.close();
    expect(await counter.flush()).toEqual({ ok: true, views: 3, pages: 1 });
    expect(await counter.flush()).toEqual({ ok: true, views: 0, pages: 0 });
    expect(views()).toEqual([{ day: '2026-11-30', path: '/services/', source: 'server', views: 3 }]);
  });
});
