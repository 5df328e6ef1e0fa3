import { getLocalDay } from '../lib/funnel/days.ts';
import { isCountedView, toPagePath, type DailyViews, type ServedResponse } from '../lib/funnel/page-views.ts';
import { SqlitePageViewStore, type PageViewWriter } from './sqlite-page-views.ts';
import { describeError } from '../lib/errors.ts';

/** Counts page views in memory and writes them in batches; see createPageViewCounter. */
export interface PageViewCounter {
  /** The front door's hook: counts the response when it is a page view. Never throws. */
  record(response: ServedResponse): void;
  /** Writes what is counted in one transaction; on failure keeps it for the next write. Never rejects. */
  flush(): Promise<FlushOutcome>;
  /** Stops the timer and writes what is left, trying again a few times if storage is busy. */
  stop(): Promise<FlushOutcome>;
}

/** What a write took: the views and the days × pages they are of; kept for the next one when it failed. */
export type FlushOutcome = { ok: true; views: number; pages: number } | { ok: false; views: number; pages: number; error: unknown };

export interface PageViewCounterOptions {
  writer: PageViewWriter | { addServerViews(counts: readonly DailyViews[]): Promise<void> };
  /** The organization's time zone (IANA): a view counts on the day it is there. */
  timeZone: string;
  now?: () => Date;
  /** How often the counts are written. Default 10 s. */
  intervalMs?: number;
  /**
   * Distinct days × pages held before a write is made early. Default 10,000. While writes fail,
   * at most twice as many are held; a view of a further page is then not counted (and the log says
   * how many were not, once writes work again).
   */
  maxKeys?: number;
  /** Starts the periodic write; returns its stop. Default: an unref'd setInterval. */
  startTimer?: (run: () => void, ms: number) => () => void;
  /** Runs an early write soon, outside the request's own call. Default setImmediate. */
  defer?: (run: () => void) => void;
  /** How many more times the last write at stop is tried when it fails, and how long apart. Default 4, 250 ms. */
  shutdownRetries?: number;
  shutdownRetryMs?: number;
  /** One line per change of state (writes failing, writes back); never anything about a visitor. */
  log?: (line: string) => void;
}

const DEFAULT_INTERVAL_MS = 10_000;
const DEFAULT_MAX_KEYS = 10_000;
const MINUTE_MS = 60_000;

/**
 * The page view counter: `record` is called as each response finishes and adds one to a count
 * per day and page in memory (nothing about the visitor is kept: the rules read the method, status,
 * content type, path and user agent, and keep the day and path). Every `intervalMs`, on `stop`,
 * and early when `maxKeys` pages are held, the counts go to the writer in one call (one
 * transaction). When the writer throws, nothing of that batch was written and the counts are
 * added back for the next write, so a view is written exactly once or, at worst (storage down
 * past shutdown, or memory full while it is down), not at all; never twice.
 */
export function createPageViewCounter(options: PageViewCounterOptions): PageViewCounter {
  // Date.now unless a clock is given: no Date is made for a view but once a minute.
  const clock = options.now;
  const getTime = clock === undefined ? Date.now : () => clock().getTime();
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const log = options.log ?? (() => {});
  const defer = options.defer ?? ((run) => void setImmediate(run));
  const { timeZone } = options;
  // A time zone Intl does not know fails here, at start, not at the first view.
  getLocalDay(new Date(0), timeZone);
  let pending = new Map<string, DailyViews>();
  let pendingViews = 0;
  let droppedViews = 0;
  // Failures since the last write that went through; the log says so once, then once when it recovers.
  let failingSince = 0;
  let inFlight: Promise<FlushOutcome> | null = null;
  let earlyQueued = false;
  // A day lasts from one minute to another in every time zone, so it is formatted once a minute.
  let dayMinute = Number.NaN;
  let day = '';

  const getDay = (): string => {
    const time = getTime();
    const minute = Math.floor(time / MINUTE_MS);
    if (minute !== dayMinute) {
      day = getLocalDay(new Date(time), timeZone);
      dayMinute = minute;
    }
    return day;
  };

  const add = (into: Map<string, DailyViews>, views: DailyViews): void => {
    const key = `${views.day} ${views.path}`;
    const earlier = into.get(key);
    if (earlier === undefined) into.set(key, { ...views });
    else earlier.views += views.views;
  };

  const writeOnce = async (): Promise<FlushOutcome> => {
    const batch = pending;
    const views = pendingViews;
    if (batch.size === 0) return { ok: true, views: 0, pages: 0 };
    pending = new Map();
    pendingViews = 0;
    try {
      await options.writer.addServerViews([...batch.values()]);
    } catch (error) {
      // The writer's transaction rolled back: none of the batch is stored, so all of it goes back.
      for (const counts of batch.values()) add(pending, counts);
      pendingViews += views;
      if (failingSince === 0) log(`Page views: could not write ${formatCount(views, 'view')} of ${formatCount(batch.size, 'page')}; kept for the next write: ${describeError(error)}`);
      failingSince += 1;
      return { ok: false, views, pages: batch.size, error };
    }
    if (failingSince > 0) {
      const dropped = droppedViews > 0 ? `; ${formatCount(droppedViews, 'view')} of further pages not counted meanwhile (memory limit)` : '';
      log(`Page views: written again after ${formatCount(failingSince, 'failed write')}${dropped}`);
      failingSince = 0;
      droppedViews = 0;
    }
    return { ok: true, views, pages: batch.size };
  };

  const flush = (): Promise<FlushOutcome> => {
    // One write at a time: a second waits for the first, then writes what came in meanwhile.
    const next = (inFlight ?? Promise.resolve()).then(writeOnce, writeOnce);
    const mine = next.finally(() => {
      if (inFlight === mine) inFlight = null;
    });
    inFlight = mine;
    return mine;
  };

  const record = (response: ServedResponse): void => {
    try {
      if (!isCountedView(response)) return;
      const path = toPagePath(response.path);
      const today = getDay();
      const key = `${today} ${path}`;
      const earlier = pending.get(key);
      if (earlier !== undefined) {
        earlier.views += 1;
        pendingViews += 1;
        return;
      }
      if (pending.size >= 2 * maxKeys) {
        droppedViews += 1;
        return;
      }
      pending.set(key, { day: today, path, views: 1 });
      pendingViews += 1;
      // While writes fail, the next try waits for the timer rather than following every new page.
      if (pending.size >= maxKeys && !earlyQueued && failingSince === 0) {
        earlyQueued = true;
        defer(() => {
          earlyQueued = false;
          void flush();
        });
      }
    } catch {
      // A view is not worth a failed response: the response is sent already.
      droppedViews += 1;
    }
  };

  const stopTimer = (options.startTimer ?? startUnrefInterval)(() => void flush(), options.intervalMs ?? DEFAULT_INTERVAL_MS);

  return {
    record,
    flush,
    stop: async () => {
      stopTimer();
      let outcome = await flush();
      for (let attempt = 0; !outcome.ok && attempt < (options.shutdownRetries ?? 4); attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, options.shutdownRetryMs ?? 250));
        outcome = await flush();
      }
      if (!outcome.ok) log(`Page views: ${formatCount(outcome.views, 'view')} not written at shutdown: ${describeError(outcome.error)}`);
      return outcome;
    },
  };
}

function startUnrefInterval(run: () => void, ms: number): () => void {
  const timer = setInterval(run, ms);
  // The counter never keeps the process alive: shutdown writes what is left.
  timer.unref();
  return () => clearInterval(timer);
}

// Short: the write runs on the event loop, and a write that finds the database locked (the leads
// CLI, a vacuum) only waits for the next interval.
const WRITER_BUSY_TIMEOUT_MS = 50;

/**
 * The server's counter, writing to the SQLite file `dbPath` through its own connection, opened at
 * the first write (and again at the next while opening fails), or to `store` (the PostgreSQL store
 * the server opened, left open at stop). `synchronous=normal`: in WAL mode a crash of the process
 * loses no committed count; a power cut may lose the last few seconds of counts.
 */
export function startPageViewCounting(options: {
  source: { dbPath: string } | { store: { addServerViews(counts: readonly DailyViews[]): Promise<void> } };
  timeZone: string;
  log: (line: string) => void;
}): PageViewCounter {
  const { source } = options;
  if ('store' in source) return createPageViewCounter({ timeZone: options.timeZone, log: options.log, writer: source.store });
  let store: SqlitePageViewStore | undefined;
  const counter = createPageViewCounter({
    timeZone: options.timeZone,
    log: options.log,
    writer: {
      addServerViews: (counts) => {
        store ??= SqlitePageViewStore.open({ path: source.dbPath, busyTimeoutMs: WRITER_BUSY_TIMEOUT_MS, synchronous: 'normal' });
        store.addServerViews(counts);
      },
    },
  });
  return {
    ...counter,
    stop: async () => {
      const outcome = await counter.stop();
      await store?.close();
      return outcome;
    },
  };
}

/** The start-up log line. */
export function describePageViews(enabled: boolean): string {
  return enabled ? 'Page views: counted per page per day (no cookie, no address; PAGE_VIEWS=off to stop)' : 'Page views: not counted (PAGE_VIEWS=off)';
}

function formatCount(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
