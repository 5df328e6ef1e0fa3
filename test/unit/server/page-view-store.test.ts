import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { StoreUnavailableError } from '@/lib/leads/store.ts';
import { createPageViewCounter } from '@/server/page-view-counter.ts';
import { PostgresPageViewStore } from '@/server/postgres/page-views.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { PAGE_VIEW_STORE_KINDS } from './support/funnel-stores.ts';

describe.each(PAGE_VIEW_STORE_KINDS)('the page view store on $name', (kind) => {
  const harness = kind.use();
  const views = () => harness.readViews();

  it('adds server views to what is there', async () => {
    const store = await harness.openStore();
    await store.addServerViews([
      { day: '2026-11-30', path: '/', views: 3 },
      { day: '2026-11-30', path: '/services/', views: 1 },
    ]);
    await store.addServerViews([{ day: '2026-11-30', path: '/', views: 2 }]);
    expect(await views()).toEqual([
      { day: '2026-11-30', path: '/', source: 'server', views: 5 },
      { day: '2026-11-30', path: '/services/', source: 'server', views: 1 },
    ]);
  });

  it('replaces the imported views of each day and page in the file, and never the server’s', async () => {
    const store = await harness.openStore();
    await store.addServerViews([{ day: '2026-11-01', path: '/', views: 9 }]);
    expect(
      await store.replaceImportedViews([
        { day: '2026-11-01', path: '/', views: 100 },
        { day: '2026-11-02', path: '/', views: 50 },
      ]),
    ).toEqual({ replaced: 0 });
    // The same file again changes nothing; a corrected day replaces that day only.
    expect(
      await store.replaceImportedViews([
        { day: '2026-11-01', path: '/', views: 100 },
        { day: '2026-11-02', path: '/', views: 50 },
      ]),
    ).toEqual({ replaced: 2 });
    expect(await store.replaceImportedViews([{ day: '2026-11-02', path: '/', views: 60 }])).toEqual({ replaced: 1 });
    expect(await views()).toEqual([
      { day: '2026-11-01', path: '/', source: 'import', views: 100 },
      { day: '2026-11-01', path: '/', source: 'server', views: 9 },
      { day: '2026-11-02', path: '/', source: 'import', views: 60 },
    ]);
  });

  it('replaces the Search Console figures of exactly the range imported', async () => {
    const store = await harness.openStore();
    const page = { path: '/', clicks: 5, impressions: 100, ctr: 0.05, position: 3.2 };
    const at = new Date('2026-12-01T09:00:00Z');
    expect(await store.replaceSearchConsolePages({ fromDay: '2026-11-01', toDay: '2026-11-30' }, [page, { ...page, path: '/services/' }], at)).toEqual({ replaced: 0 });
    await store.replaceSearchConsolePages({ fromDay: '2026-11-15', toDay: '2026-11-30' }, [page], at);
    expect(await store.replaceSearchConsolePages({ fromDay: '2026-11-01', toDay: '2026-11-30' }, [{ ...page, clicks: 7 }], new Date('2026-12-02T09:00:00Z'))).toEqual({ replaced: 2 });
    expect(await harness.readSearchConsolePages()).toEqual([
      { from_day: '2026-11-01', to_day: '2026-11-30', path: '/', clicks: 7, impressions: 100, ctr: 0.05, position: 3.2, imported_at: '2026-12-02T09:00:00.000Z' },
      { from_day: '2026-11-15', to_day: '2026-11-30', path: '/', clicks: 5, impressions: 100, ctr: 0.05, position: 3.2, imported_at: '2026-12-01T09:00:00.000Z' },
    ]);
  });

  it('while another connection holds the write lock: fails as unavailable, and writes nothing', async () => {
    const store = await harness.openStore();
    const release = await harness.holdWriteLock();
    try {
      await expect(async () => store.addServerViews([{ day: '2026-11-30', path: '/', views: 1 }])).rejects.toThrow(StoreUnavailableError);
      await expect(async () => store.replaceImportedViews([{ day: '2026-11-30', path: '/', views: 1 }])).rejects.toThrow(harness.busyError);
    } finally {
      await release();
    }
    expect(await views()).toEqual([]);
  });

  it('with the counter: a batch that met a busy database is written once, after the lock is gone', async () => {
    const store = await harness.openStore();
    const counter = createPageViewCounter({ writer: store, timeZone: 'UTC', now: () => new Date('2026-11-30T12:00:00Z'), startTimer: () => () => {} });
    const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
    const record = () => counter.record({ method: 'GET', path: '/services/', status: 200, contentType: 'text/html', userAgent: browser });
    record();
    record();
    const release = await harness.holdWriteLock();
    expect(await counter.flush()).toMatchObject({ ok: false, views: 2 });
    record();
    await release();
    expect(await counter.flush()).toEqual({ ok: true, views: 3, pages: 1 });
    expect(await counter.flush()).toEqual({ ok: true, views: 0, pages: 0 });
    expect(await views()).toEqual([{ day: '2026-11-30', path: '/services/', source: 'server', views: 3 }]);
  });
});

describe('two servers’ PostgreSQL page view stores on one database', () => {
  it('flushing the same days and pages at once: every view is added, none overwritten', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'views');
    const stores = [await PostgresPageViewStore.open({ url }), await PostgresPageViewStore.open({ url })];
    try {
      const paths = ['/', '/services/', '/locations/downtown-salem/'];
      // Batches name the pages in different orders (and one page twice), as two counters' batches may.
      const batches = Array.from({ length: 40 }, (_, i) => {
        const order = i % 2 === 0 ? paths : [...paths].reverse();
        return order.map((path, p) => ({ day: '2026-11-30', path, views: i + p + 1 })).concat({ day: '2026-11-30', path: '/', views: 1 });
      });
      // Each store runs half the batches, all in flight together on their own pools' connections.
      await Promise.all(batches.map((batch, i) => (stores[i % 2] as PostgresPageViewStore).addServerViews(batch)));
      const expected = new Map<string, number>();
      for (const row of batches.flat()) expected.set(row.path, (expected.get(row.path) ?? 0) + row.views);

      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ path: string; views: string }>("SELECT path, views FROM page_views WHERE day = '2026-11-30' AND source = 'server' ORDER BY path COLLATE \"C\"");
        expect(rows.map((row) => [row.path, Number(row.views)])).toEqual([...expected].sort(([a], [b]) => (a < b ? -1 : 1)));
      } finally {
        await client.end();
      }
    } finally {
      for (const store of stores) await store.close();
    }
  });
});
