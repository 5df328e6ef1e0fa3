// `npm run bench:views`: what counting page views costs the page path. The built server's page
// GETs (throughput, p50/p99) with the counter on and with PAGE_VIEWS=off, in alternating runs on
// fresh databases, each run checking afterwards that the counts written equal the pages served;
// then the counter alone in this process (the cost of one `record` call) and one batch write.
// Build first (`npm run build`). Runs under plain Node 24: erasable TypeScript, relative .ts imports.
// Exits 1 when a count written differs from the pages served.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import type { DailyViews, ServedResponse } from '../../src/lib/funnel/page-views.ts';
import { createPageViewCounter } from '../../src/server/page-view-counter.ts';
import { SqlitePageViewStore } from '../../src/server/sqlite-page-views.ts';
import { autocannon, getPercentile, REPO_ROOT, startBenchServer, waitForQuiet, watchOtherCpu, type CannonRequest } from './leads-harness.ts';
import { startBenchStore } from './leads-store.ts';

const USAGE = `Usage: npm run bench:views -- [flags]
  --entry FILE        built server (default dist/server/entry.mjs)
  --runs N            runs of each mode, alternating on and off (default 5)
  --requests N        measured page GETs per run (default 200000: longer than the 10 s between writes)
  --warmup N          page GETs before each measured part, counted too (default 2000)
  --connections N     kept-alive connections (default 10)
  --no-pin            leave the server and the load generator to the scheduler (default: the server
                      on core 0, this process on core 1, with taskset)
  --max-load L        wait before each run until the 1-minute load is below L (default 1.5)
  --max-others C      … and other processes use at most C cores (default 0.25)
  --max-wait S        wait at most S seconds for quiet before each run, then run and flag it (default 120)
  --json FILE         also write the report as JSON`;

const { values } = parseArgs({
  options: {
    entry: { type: 'string', default: 'dist/server/entry.mjs' },
    runs: { type: 'string', default: '5' },
    requests: { type: 'string', default: '200000' },
    warmup: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '10' },
    'no-pin': { type: 'boolean', default: false },
    'max-load': { type: 'string', default: '1.5' },
    'max-others': { type: 'string', default: '0.25' },
    'max-wait': { type: 'string', default: '120' },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const whole = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number ≥ 0, got "${text}".\n${USAGE}`);
  return value;
};
const positive = (name: string, text: string): number => {
  const value = Number(text);
  if (!(value >= 0)) throw new Error(`--${name} must be a number ≥ 0, got "${text}".\n${USAGE}`);
  return value;
};
const settings = {
  entry: resolve(REPO_ROOT, values.entry),
  runs: whole('runs', values.runs),
  requests: whole('requests', values.requests),
  warmup: whole('warmup', values.warmup),
  connections: whole('connections', values.connections),
  pin: !values['no-pin'] && cpus().length >= 2,
  maxLoad: positive('max-load', values['max-load']),
  maxOthersCores: positive('max-others', values['max-others']),
  maxWaitS: whole('max-wait', values['max-wait']),
};

const log = (line: string) => console.error(line);

/**
 * Keeps a process and all its threads on one core. Left to the scheduler, the server and
 * autocannon sometimes share a core and sometimes not, and runs of one mode then differ by a third.
 */
function pinToCore(pid: number, core: number): void {
  const result = spawnSync('taskset', ['--all-tasks', '--pid', '--cpu-list', String(core), String(pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`taskset could not pin process ${pid} to core ${core} (use --no-pin): ${result.stderr || result.error?.message}`);
}
if (settings.pin) pinToCore(process.pid, 1);
const round = (value: number, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : Number.NaN);
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** The pages every run requests in turn: the home page, lists, locations and services. */
function listPages(): string[] {
  const client = join(REPO_ROOT, 'dist/client');
  const folders = (dir: string) =>
    readdirSync(join(client, dir))
      .filter((name) => !name.includes('.'))
      .map((name) => `/${dir}/${name}/`);
  return ['/', '/services/', '/locations/', '/conditions/', ...folders('locations'), ...folders('services')];
}

type Mode = 'on' | 'off';

interface RunReport {
  mode: Mode;
  /** 0 for the first run of the mode. */
  pass: number;
  perS: number;
  /** CPU time the server used per measured GET, user and system, in µs. */
  cpuUs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Pages answered 200 in the run, warm-up included, and the views the server wrote. */
  served: number;
  written: number;
  other: number;
  othersCores: number;
  quiet: boolean;
}

/** Sends `amount` GETs of the pages over the connections and collects the answers. */
async function load(origin: string, pages: readonly string[], amount: number): Promise<{ durationS: number; ok: number; other: number; latenciesMs: number[] }> {
  const result = { durationS: 0, ok: 0, other: 0, latenciesMs: [] as number[] };
  if (amount === 0) return result;
  const requests: CannonRequest[] = pages.map((path) => ({ method: 'GET', path, headers: { 'user-agent': BROWSER } }));
  const start = performance.now();
  let last = start;
  const instance = autocannon({ url: origin, connections: settings.connections, amount, requests });
  instance.on('response', (_client, status, _bytes, ms) => {
    last = performance.now();
    if (status === 200) {
      result.ok += 1;
      result.latenciesMs.push(ms);
    } else result.other += 1;
  });
  await instance;
  // Up to the last answer: autocannon's duration, and the moment it resolves, wait for its
  // once-a-second tick after the last answer.
  result.durationS = (last - start) / 1000;
  result.latenciesMs.sort((a, b) => a - b);
  return result;
}

/** User plus system CPU time of a process so far, in seconds (/proc/<pid>/stat, 100 ticks a second). */
function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // utime and stime are fields 14 and 15, counted after the command's closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The server's page views in a database, read after it stopped; 0 when nothing made the table. */
function readWrittenViews(path: string): number {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly: true });
  } catch {
    return 0;
  }
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'page_views'").get();
    if (table === undefined) return 0;
    return Number(db.prepare("SELECT coalesce(sum(views), 0) AS n FROM page_views WHERE source = 'server'").get()?.['n'] ?? 0);
  } finally {
    db.close();
  }
}

async function runOnce(mode: Mode, pass: number, pages: readonly string[]): Promise<RunReport> {
  const { load: average, quiet } = await waitForQuiet({ maxLoad: settings.maxLoad, maxOthersCores: settings.maxOthersCores, maxWaitS: settings.maxWaitS }, log);
  log(
    `page views ${mode}, run ${pass + 1}: ${settings.warmup} warm-up + ${settings.requests} measured GETs, ${settings.connections} connections (load ${average.toFixed(2)}${quiet ? '' : ', NOT QUIET'})`,
  );
  const database = await (await startBenchStore('sqlite')).createDatabase();
  const server = await startBenchServer({ script: settings.entry, env: { ...database.env, PAGE_VIEWS: mode } }).catch(async (error: unknown) => {
    await database.remove();
    throw error;
  });
  try {
    if (settings.pin) pinToCore(server.pid, 0);
    const warm = await load(server.origin, pages, settings.warmup);
    const readOthers = watchOtherCpu([server.pid]);
    const cpuBefore = readCpuSeconds(server.pid);
    const measured = await load(server.origin, pages, settings.requests);
    const cpuS = readCpuSeconds(server.pid) - cpuBefore;
    const othersCores = readOthers();
    await server.stop();
    return {
      mode,
      pass,
      perS: Math.round(measured.ok / measured.durationS),
      cpuUs: round((cpuS * 1e6) / Math.max(1, measured.ok), 1),
      p50Ms: round(getPercentile(measured.latenciesMs, 50), 2),
      p99Ms: round(getPercentile(measured.latenciesMs, 99), 2),
      maxMs: round(measured.latenciesMs.at(-1) ?? Number.NaN, 2),
      served: warm.ok + measured.ok,
      written: readWrittenViews(database.location),
      other: warm.other + measured.other,
      othersCores: Number(othersCores.toFixed(2)),
      quiet: quiet && othersCores <= settings.maxOthersCores,
    };
  } finally {
    await server.stop();
    await database.remove();
  }
}

/** The counter in this process: nanoseconds per `record` call, for a view and for responses that are not one. */
function measureRecord(pages: readonly string[]): Record<string, number> {
  const counter = createPageViewCounter({ writer: { addServerViews: () => {} }, timeZone: 'America/Los_Angeles', startTimer: () => () => {} });
  const kinds: Record<string, ServedResponse[]> = {
    'a page view (counted)': pages.map((path) => ({ method: 'GET', path, status: 200, contentType: 'text/html; charset=utf-8', userAgent: BROWSER })),
    'a bot’s GET of a page': pages.map((path) => ({
      method: 'GET',
      path,
      status: 200,
      contentType: 'text/html; charset=utf-8',
      userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    })),
    'an asset (not HTML)': pages.map(() => ({ method: 'GET', path: '/_astro/PageLayout.css', status: 200, contentType: 'text/css; charset=utf-8', userAgent: BROWSER })),
  };
  const calls = 500_000;
  const result: Record<string, number> = {};
  for (const [name, responses] of Object.entries(kinds)) {
    for (let i = 0; i < 50_000; i++) counter.record(responses[i % responses.length] as ServedResponse);
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) counter.record(responses[i % responses.length] as ServedResponse);
    result[name] = round(Number(process.hrtime.bigint() - start) / calls, 0);
  }
  return result;
}

/** Milliseconds one write of `keys` days × pages takes (the median of 5), on a fresh database as the server opens it. */
function measureWrite(keys: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'carepath-bench-views-'));
  const store = SqlitePageViewStore.open({ path: join(dir, 'leads.db'), busyTimeoutMs: 50, synchronous: 'normal' });
  try {
    const batch: DailyViews[] = Array.from({ length: keys }, (_, i) => ({ day: '2026-11-30', path: `/services/service-${i}/`, views: 3 }));
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      store.addServerViews(batch);
      times.push(performance.now() - start);
    }
    return round(
      getPercentile(
        times.sort((a, b) => a - b),
        50,
      ),
      2,
    );
  } finally {
    void store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (numbers: number[]) =>
  getPercentile(
    [...numbers].sort((a, b) => a - b),
    50,
  );

const pages = listPages();
const runs: RunReport[] = [];
for (let pass = 0; pass < settings.runs; pass++) {
  // Alternating which goes first, so that a drift of the machine weighs on both alike.
  const order: Mode[] = pass % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
  for (const mode of order) runs.push(await runOnce(mode, pass, pages));
}
const summary = (['on', 'off'] as const).map((mode) => {
  const mine = runs.filter((run) => run.mode === mode);
  return { mode, perS: median(mine.map((run) => run.perS)), cpuUs: median(mine.map((run) => run.cpuUs)), p50Ms: median(mine.map((run) => run.p50Ms)), p99Ms: median(mine.map((run) => run.p99Ms)) };
});
const record = measureRecord(pages);
const writes = { '100 pages': measureWrite(100), '10,000 pages': measureWrite(10_000) };
const ok = runs.every((run) => run.other === 0 && run.written === (run.mode === 'on' ? run.served : 0));
const report = {
  machine: { cores: cpus().length, memoryGiB: round(totalmem() / 2 ** 30), node: process.version },
  settings,
  pages: pages.length,
  runs,
  summary,
  recordNs: record,
  writeMs: writes,
  ok,
};

const table = [
  ['mode', 'run', 'per s', 'cpu µs', 'p50 ms', 'p99 ms', 'max ms', 'served', 'written', 'others'],
  ...runs.map((run) => [
    run.mode,
    String(run.pass + 1),
    String(run.perS),
    String(run.cpuUs),
    String(run.p50Ms),
    String(run.p99Ms),
    String(run.maxMs),
    String(run.served),
    String(run.written),
    `${run.othersCores}${run.quiet ? '' : ' BUSY'}`,
  ]),
];
const widths = (table[0] ?? []).map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
const lines = table.map((row) => row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  '));
lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
lines.push('');
for (const item of summary) lines.push(`median, page views ${item.mode}: ${item.perS} pages/s, ${item.cpuUs} µs of server CPU a page, p50 ${item.p50Ms} ms, p99 ${item.p99Ms} ms`);
lines.push(
  `record(), per call: ${Object.entries(record)
    .map(([name, ns]) => `${name} ${ns} ns`)
    .join('; ')}`,
);
lines.push(
  `one batch write: ${Object.entries(writes)
    .map(([name, ms]) => `${name} ${ms} ms`)
    .join('; ')}`,
);
lines.push(
  `${pages.length} pages requested in turn, user agent a desktop Chrome; cpu µs: the server's CPU time per measured GET; served: pages answered 200 (warm-up included); written: views in page_views after SIGTERM.`,
);
lines.push(
  ok
    ? 'Every run with page views on wrote exactly one view per page served; every run with them off wrote none.'
    : 'FAILED: a count written differs from the pages served, or an answer was not 200 (see above).',
);
console.log(lines.join('\n'));
if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
process.exit(ok ? 0 : 1);
