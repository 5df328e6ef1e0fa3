import { describe, expect, it } from 'vitest';
import type { DailyViews, ServedResponse } from '@/lib/funnel/page-views.ts';
import { createPageViewCounter, type PageViewCounterOptions } from '@/server/page-view-counter.ts';

const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';

function view(path: string, change: Partial<ServedResponse> = {}): ServedResponse {
  return { method: 'GET', path, status: 200, contentType: 'text/html; charset=utf-8', userAgent: BROWSER, ...change };
}

/** A writer that records each batch, and fails while `failing` is set, as SQLite would (nothing written). */
function fakeWriter() {
  const batches: DailyViews[][] = [];
  const state = { failing: null as Error | null };
  return {
    batches,
    state,
    addServerViews(counts: readonly DailyViews[]) {
      if (state.failing) throw state.failing;
      batches.push(counts.map((count) => ({ ...count })));
    },
    /** Everything written, summed per day and page. */
    totals(): Record<string, number> {
      const totals: Record<string, number> = {};
      for (const { day, path, views } of batches.flat()) totals[`${day} ${path}`] = (totals[`${day} ${path}`] ?? 0) + views;
      return totals;
    },
  };
}

/** A timer the test fires by hand, and a clock it sets. */
function setup(options: Partial<PageViewCounterOptions> = {}) {
  const writer = fakeWriter();
  const timer = { run: null as (() => void) | null, ms: 0, stopped: false };
  const clock = { now: new Date('2026-11-30T18:00:00Z') };
  const deferred: (() => void)[] = [];
  const logs: string[] = [];
  const counter = createPageViewCounter({
    writer,
    timeZone: 'America/Chicago',
    now: () => clock.now,
    startTimer: (run, ms) => {
      timer.run = run;
      timer.ms = ms;
      return () => (timer.stopped = true);
    },
    defer: (run) => deferred.push(run),
    shutdownRetryMs: 0,
    log: (line) => logs.push(line),
    ...options,
  });
  return { counter, writer, timer, clock, deferred, logs };
}

describe('createPageViewCounter: counting and batching', () => {
  it('counts views per day and page in memory and writes nothing until a flush', async () => {
    const { counter, writer, timer } = setup();
    for (let i = 0; i < 3; i++) counter.record(view('/services/'));
    counter.record(view('/services/index.html'));
    counter.record(view('/'));
    counter.record(view('/', { method: 'HEAD' }));
    counter.record(view('/', { userAgent: 'Googlebot/2.1 (+http://www.google.com/bot.html)' }));
    counter.record(view('/nope/', { status: 404 }));
    expect(writer.batches).toEqual([]);
    expect(timer.ms).toBe(10_000);

    timer.run?.();
    expect(await counter.flush()).toEqual({ ok: true, views: 0, pages: 0 });
    expect(writer.batches).toEqual([
      [
        { day: '2026-11-30', path: '/services/', views: 4 },
        { day: '2026-11-30', path: '/', views: 1 },
      ],
    ]);
  });

  it('counts a view on the day it is in the organization’s time zone', async () => {
    const { counter, writer, clock } = setup();
    // 05:59 UTC is 23:59 the day before in Chicago (UTC−6 in November), 06:00 is midnight.
    clock.now = new Date('2026-12-01T05:59:30Z');
    counter.record(view('/'));
    clock.now = new Date('2026-12-01T06:00:00Z');
    counter.record(view('/'));
    await counter.flush();
    expect(writer.totals()).toEqual({ '2026-11-30 /': 1, '2026-12-01 /': 1 });
  });

  it('writes one batch per flush, and an empty flush writes nothing', async () => {
    const { counter, writer } = setup();
    expect(await counter.flush()).toEqual({ ok: true, views: 0, pages: 0 });
    counter.record(view('/a/'));
    await counter.flush();
    counter.record(view('/a/'));
    counter.record(view('/b/'));
    await counter.flush();
    expect(writer.batches.map((batch) => batch.length)).toEqual([1, 2]);
    expect(writer.totals()).toEqual({ '2026-11-30 /a/': 2, '2026-11-30 /b/': 1 });
  });

  it('flushes early, outside the request, once maxKeys pages are held', async () => {
    const { counter, writer, deferred } = setup({ maxKeys: 3 });
    counter.record(view('/a/'));
    counter.record(view('/b/'));
    expect(deferred).toHaveLength(0);
    counter.record(view('/c/'));
    counter.record(view('/d/'));
    // One early flush queued, however many pages come after the limit.
    expect(deferred).toHaveLength(1);
    expect(writer.batches).toEqual([]);
    deferred[0]?.();
    await counter.flush();
    expect(writer.totals()).toEqual({ '2026-11-30 /a/': 1, '2026-11-30 /b/': 1, '2026-11-30 /c/': 1, '2026-11-30 /d/': 1 });
  });

  it('stop stops the timer and writes what is left', async () => {
    const { counter, writer, timer } = setup();
    counter.record(view('/'));
    expect(await counter.stop()).toEqual({ ok: true, views: 1, pages: 1 });
    expect(timer.stopped).toBe(true);
    expect(writer.totals()).toEqual({ '2026-11-30 /': 1 });
  });
});

describe('createPageViewCounter: failed writes', () => {
  it('keeps a failed batch for the next flush, never counts a view twice, and logs the failure and the recovery once', async () => {
    const { counter, writer, logs } = setup();
    counter.record(view('/a/'));
    counter.record(view('/a/'));
    writer.state.failing = Object.assign(new Error('Lead store unavailable while trying to add page views: SQLITE_BUSY (database is locked)'), { code: 'SQLITE_BUSY' });
    const failed = await counter.flush();
    expect(failed).toMatchObject({ ok: false, views: 2, pages: 1 });
    counter.record(view('/a/'));
    counter.record(view('/b/'));
    expect(await counter.flush()).toMatchObject({ ok: false, views: 4, pages: 2 });
    expect(writer.batches).toEqual([]);

    writer.state.failing = null;
    expect(await counter.flush()).toEqual({ ok: true, views: 4, pages: 2 });
    expect(await counter.flush()).toEqual({ ok: true, views: 0, pages: 0 });
    expect(writer.totals()).toEqual({ '2026-11-30 /a/': 3, '2026-11-30 /b/': 1 });
    expect(logs).toEqual([
      'Page views: could not write 2 views of 1 page; kept for the next write: Lead store unavailable while trying to add page views: SQLITE_BUSY (database is locked)',
      'Page views: written again after 2 failed writes',
    ]);
  });

  it('never throws into the request path, whatever the writer does', async () => {
    const { counter, writer } = setup();
    writer.state.failing = new Error('disk I/O error');
    expect(() => counter.record(view('/'))).not.toThrow();
    await expect(counter.flush()).resolves.toMatchObject({ ok: false });
    expect(() => counter.record(view('/'))).not.toThrow();
  });

  it('while writes fail, waits for the timer instead of flushing early, and holds at most 2 × maxKeys pages', async () => {
    const { counter, writer, deferred, logs } = setup({ maxKeys: 2 });
    writer.state.failing = new Error('database is locked');
    counter.record(view('/a/'));
    await counter.flush();
    for (const path of ['/b/', '/c/', '/d/', '/e/', '/f/']) counter.record(view(path));
    // No early flush while failing; /e/ and /f/ find memory full (4 pages) and are not counted.
    expect(deferred).toHaveLength(0);
    counter.record(view('/a/'));
    expect(await counter.flush()).toMatchObject({ ok: false, views: 5, pages: 4 });

    writer.state.failing = null;
    expect(await counter.flush()).toEqual({ ok: true, views: 5, pages: 4 });
    expect(writer.totals()).toEqual({ '2026-11-30 /a/': 2, '2026-11-30 /b/': 1, '2026-11-30 /c/': 1, '2026-11-30 /d/': 1 });
    expect(logs.at(-1)).toBe('Page views: written again after 2 failed writes; 2 views of further pages not counted meanwhile (memory limit)');
  });

  it('at stop, tries again a few times, then says how many views were not written', async () => {
    let tries = 0;
    const logs: string[] = [];
    const counter = createPageViewCounter({
      writer: {
        addServerViews: () => {
          tries += 1;
          if (tries < 3) throw new Error('database is locked');
        },
      },
      timeZone: 'UTC',
      startTimer: () => () => {},
      shutdownRetryMs: 0,
      log: (line) => logs.push(line),
    });
    counter.record(view('/'));
    expect(await counter.stop()).toEqual({ ok: true, views: 1, pages: 1 });
    expect(tries).toBe(3);

    const never = createPageViewCounter({
      writer: {
        addServerViews: () => {
          throw new Error('disk full');
        },
      },
      timeZone: 'UTC',
      startTimer: () => () => {},
      shutdownRetries: 2,
      shutdownRetryMs: 0,
      log: (line) => logs.push(line),
    });
    never.record(view('/'));
    expect(await never.stop()).toMatchObject({ ok: false, views: 1 });
    expect(logs.at(-1)).toBe('Page views: 1 view not written at shutdown: disk full');
  });
});

describe('createPageViewCounter: an asynchronous writer', () => {
  it('writes one batch at a time; views counted meanwhile go into the next', async () => {
    const calls: { counts: DailyViews[]; done: () => void; fail: (error: Error) => void }[] = [];
    const counter = createPageViewCounter({
      writer: {
        addServerViews: (counts) => new Promise<void>((resolve, reject) => calls.push({ counts: counts.map((c) => ({ ...c })), done: resolve, fail: reject })),
      },
      timeZone: 'UTC',
      now: () => new Date('2026-11-30T12:00:00Z'),
      startTimer: () => () => {},
    });
    counter.record(view('/a/'));
    const first = counter.flush();
    const second = counter.flush();
    await Promise.resolve();
    counter.record(view('/a/'));
    counter.record(view('/b/'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toHaveLength(1);
    calls[0]?.fail(new Error('busy'));
    expect(await first).toMatchObject({ ok: false, views: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    // The second flush takes the failed batch back with the new views: /a/ twice, /b/ once.
    expect(calls[1]?.counts).toEqual([
      { day: '2026-11-30', path: '/a/', views: 2 },
      { day: '2026-11-30', path: '/b/', views: 1 },
    ]);
    calls[1]?.done();
    expect(await second).toEqual({ ok: true, views: 3, pages: 2 });
  });
});
