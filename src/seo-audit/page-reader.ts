import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readVocabulary } from './vocabulary-file.ts';
import { createPageAuditContext } from './audit.ts';
import { analyzePage, type PageAnalysis } from './page-analysis.ts';
import { setNoindexInFile } from './noindex-file.ts';

/** An emitted page: its site path and its file. */
export interface PageFile {
  path: string;
  file: string;
}

/** What each worker thread starts with. */
export interface WorkerData {
  siteUrl: string;
  /** Every page of the build, for the link checks. */
  pagePaths: string[];
}

/** A page to analyze, read from its file or given as the HTML the build rendered. */
export interface WorkerPage {
  path: string;
  file?: string | undefined;
  html?: Uint8Array | undefined;
}

export interface WorkerRequest {
  id: number;
  pages: WorkerPage[];
  /** Written pages to set to noindex (setNoindexInFile). */
  noindex?: string[] | undefined;
}

export type WorkerReply = { id: number; results: PageAnalysis[]; error?: undefined } | { id: number; error: string; results?: undefined };

/** Below this many pages, starting threads (each loads the schema.org vocabulary) costs more than it saves. */
const MIN_PAGES_FOR_WORKERS = 48;
/** Pages a worker reads per message: large enough to keep messages few, small enough to share the work evenly. */
const BATCH_SIZE = 32;
/** Rendered pages waiting for a worker before the build waits: bounds the memory they hold. */
const MAX_QUEUED_PAGES = 64;
/** Heap limits: an analysis holds one page's facts; a noindex rewrite holds one page's text. */
type WorkerHeap = { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number };
const ANALYSIS_HEAP: WorkerHeap = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };
const REWRITE_HEAP: WorkerHeap = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 };

/**
 * Reads and analyzes every emitted page (analyzePage), in page order. Parsing the HTML is most of
 * the post-build step's time, so a large site is read on one worker thread per core; the main
 * thread only hands out batches. Small sites, and Node versions that cannot run the worker's
 * TypeScript, are read on this thread.
 */
export async function readPageFiles(options: { pages: PageFile[]; siteUrl: string; pagePaths: string[] }): Promise<PageAnalysis[]> {
  const { pages, siteUrl, pagePaths } = options;
  if (pages.length === 0) return [];
  const data: WorkerData = { siteUrl, pagePaths };
  // If a worker stops (a page too large for its heap, a thread that could not start), this
  // thread reads every page, and fails the build with the page's own error if there is one.
  return inBatches(
    pages,
    data,
    ANALYSIS_HEAP,
    (pool, batch) => pool.run(batch),
    () => readPageFilesHere(pages, data),
  );
}

function readPageFilesHere(pages: PageFile[], data: WorkerData): PageAnalysis[] {
  const context = createPageAuditContext({ ...data, vocabulary: readVocabulary() });
  // A copy, as a worker's answer is: the analysis holds slices of the page's HTML (ids, hrefs),
  // and each would keep the whole page in memory.
  return pages.map((page) => structuredClone(analyzePage(readFileSync(page.file, 'utf8'), page.path, context)));
}

/** Sets written pages to noindex (setNoindexInFile), on one worker thread per core for many pages. */
export async function setNoindexInFiles(files: string[]): Promise<void> {
  const here = () => {
    for (const file of files) setNoindexInFile(file);
    return [];
  };
  // Setting a page to noindex twice leaves it as once: if a worker stops, this thread redoes them all.
  await inBatches(files, { siteUrl: 'http://localhost', pagePaths: [] }, REWRITE_HEAP, (pool, batch) => pool.run([], batch), here);
}

/**
 * Runs many items in batches on one worker thread per core, few items (or all of them again, if
 * a worker fails) on this thread with `here`; the results in item order.
 */
async function inBatches<Item, Result>(items: Item[], data: WorkerData, heap: WorkerHeap, send: (pool: WorkerPool, batch: Item[]) => Promise<Result[]>, here: () => Result[]): Promise<Result[]> {
  const threads = items.length >= MIN_PAGES_FOR_WORKERS && canRunWorkers() ? availableParallelism() : 1;
  if (threads <= 1) return here();
  const pool = new WorkerPool(data, Math.min(threads, Math.ceil(items.length / BATCH_SIZE)), heap);
  try {
    const batches: Promise<Result[]>[] = [];
    for (let start = 0; start < items.length; start += BATCH_SIZE) batches.push(send(pool, items.slice(start, start + BATCH_SIZE)));
    return (await Promise.all(batches)).flat();
  } catch {
    return here();
  } finally {
    pool.close();
  }
}

/**
 * Analyzes pages while the build renders them, on the cores rendering leaves free, so that by the
 * time the last page is written most pages are read. `add` waits while too many pages are queued.
 */
export interface PageStream {
  add(path: string, html: Uint8Array): Promise<void>;
  /** Resolves once every page added was analyzed and handed to `onAnalysis`; rejects if any failed. */
  finish(): Promise<void>;
}

export function startPageStream(data: WorkerData, onAnalysis: (analysis: PageAnalysis) => void): PageStream | undefined {
  if (!canRunWorkers() || data.pagePaths.length < MIN_PAGES_FOR_WORKERS) return undefined;
  // The build renders on the main thread: the workers get the other cores.
  const pool = new WorkerPool(data, Math.max(1, availableParallelism() - 1), ANALYSIS_HEAP);
  const pending = new Set<Promise<void>>();
  let failure: unknown;
  return {
    async add(path, html) {
      const task = pool.run([{ path, html }]).then(
        ([analysis]) => {
          if (analysis) onAnalysis(analysis);
        },
        (error: unknown) => {
          failure ??= error;
        },
      );
      pending.add(task);
      void task.finally(() => pending.delete(task));
      while (pending.size > MAX_QUEUED_PAGES) await Promise.race(pending);
    },
    async finish() {
      await Promise.all(pending);
      pool.close();
      if (failure !== undefined) throw failure;
    },
  };
}

/** Worker threads that each take the next request as soon as they are free. */
class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly queue: { request: WorkerRequest; resolve: (results: PageAnalysis[]) => void; reject: (error: Error) => void }[] = [];
  private readonly waiting = new Map<number, { resolve: (results: PageAnalysis[]) => void; reject: (error: Error) => void }>();
  private readonly workers: Worker[] = [];
  private nextId = 0;
  private broken: Error | undefined;
  private closing = false;

  constructor(data: WorkerData, threads: number, heap: WorkerHeap) {
    for (let i = 0; i < threads; i++) {
      // What a worker keeps between pages is small: a modest heap keeps the build's peak memory down.
      const worker = new Worker(new URL('./page-worker.ts', import.meta.url), { workerData: data, resourceLimits: heap });
      // An idle worker must not keep a failed build's process alive; a busy one must, or the
      // process would exit while the build waits for its answer.
      worker.unref();
      worker.on('message', (reply: WorkerReply) => this.onReply(worker, reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`An SEO worker thread stopped (exit code ${code}).`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  run(pages: WorkerPage[], noindex?: string[]): Promise<PageAnalysis[]> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, pages, noindex }, resolve, reject });
      this.dispatch();
    });
  }

  close(): void {
    this.closing = true;
    for (const worker of this.workers) void worker.terminate();
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const { request, resolve, reject } = this.queue.shift() as (typeof this.queue)[number];
      this.waiting.set(request.id, { resolve, reject });
      worker.ref();
      worker.postMessage(request);
    }
  }

  private onReply(worker: Worker, reply: WorkerReply): void {
    const waiter = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    worker.unref();
    this.idle.push(worker);
    if (reply.error !== undefined) waiter?.reject(new Error(`The SEO step could not read ${reply.error}`));
    else waiter?.resolve(reply.results);
    this.dispatch();
  }

  private fail(error: Error): void {
    this.broken = error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    for (const { reject } of this.queue) reject(error);
    this.waiting.clear();
    this.queue.length = 0;
  }
}

/** Whether Node runs the worker's .ts file itself (type stripping: Node 22.18+, 23.6+). */
function canRunWorkers(): boolean {
  return Boolean((process.features as { typescript?: string | false }).typescript);
}
