// The parts of `npm run bench:leads` (test/bench/leads.ts): start a server on a fresh database
// (leads-store.ts makes it), drive it with autocannon, and check afterwards that every acknowledged
// lead was stored.
// Runs under plain Node 24 (type stripping): erasable TypeScript and relative .ts imports only.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NODE = join(REPO_ROOT, 'node_modules/.bin/node');

// autocannon ships no types; these are the parts of its API used here and in views.ts (autocannon 8 README).
export interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: CannonRequest, context: Record<string, unknown>) => CannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
}
export interface CannonOptions {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  overallRate?: number;
  ignoreCoordinatedOmission?: boolean;
  timeout?: number;
  requests: CannonRequest[];
}
export interface CannonResult {
  duration: number;
  errors: number;
  timeouts: number;
}
export interface CannonInstance extends PromiseLike<CannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): unknown;
}
export const autocannon = createRequire(import.meta.url)('autocannon') as (options: CannonOptions) => CannonInstance;

/** A server under test, started on a free loopback port. */
export interface BenchServer {
  origin: string;
  pid: number;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s; removes nothing. */
  stop(): Promise<void>;
}

export interface ServerSpec {
  /** The script to run with Node 24: Carepath's built entry.mjs or the floor. */
  script: string;
  /** Its database (BenchDatabase.env: LEADS_DB or LEADS_DATABASE_URL), and any other settings. */
  env: Record<string, string>;
}

export async function startBenchServer(spec: ServerSpec): Promise<BenchServer> {
  const child = spawn(NODE, [spec.script], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LEADS_SECRET: 'bench',
      // Every request comes from 127.0.0.1: the per-client limit would refuse almost all of them.
      LEAD_RATE_LIMIT: '1000000000',
      ...spec.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    // The server logs a line per lead; keep only the tail for error messages.
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${spec.script} did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      keep(chunk);
      const match = /serving the site at (http:\/\/[^/\s]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${spec.script} exited (${code ?? signal}) before serving:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child, exited);
    throw error;
  });
  return { origin, pid: child.pid ?? -1, stop: () => stopChild(child, exited) };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** One stream of requests: valid, distinct leads or junk, as fast as possible or at a rate. */
export interface LoadSpec {
  kind: 'valid' | 'junk';
  connections: number;
  /** Requests per second over all connections (autocannon `overallRate`); none = as fast as it goes. */
  rate?: number;
  /** With a rate: how many staggered autocannon instances share it (default 1); see runLoad. */
  streams?: number;
}

export interface LoadResult {
  kind: LoadSpec['kind'];
  durationS: number;
  responses: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
  /** Valid leads answered 201: their ids, in the order the answers came. */
  ackedIds: string[];
  /** 201s that carried `Idempotent-Replayed: true` (none expected: every lead is distinct). */
  replayed: number;
  /** Answers of a kind this load must not get: valid → not 201, junk → not 4xx. */
  unexpected: number;
  errors: number;
  timeouts: number;
  /** Response times of the expected answers, in ms, sorted. */
  latenciesMs: number[];
  /**
   * Requests that may have been sent but not answered when the load stopped: a timed load stops
   * with one request per connection in flight, which the server may still store.
   */
  maxInFlightAtEnd: number;
}

let leadCounter = 0;

/**
 * The valid lead sent by the benchmark: a patient inquiry whose name changes with every request,
 * so the duplicate window does not merge two of them, and a fresh submission key each time.
 */
export function buildBenchLead(): string {
  leadCounter += 1;
  return JSON.stringify({
    leadType: 'patient',
    name: `Bench Lead ${leadCounter}`,
    phone: '503 555 0142',
    timing: 'flexible',
    consent: true,
    submissionKey: randomUUID(),
  });
}

/** Bodies that get a 4xx: a lead missing its answers (422), broken JSON (400), plain text (415). */
const JUNK: { contentType: string; body: string }[] = [
  { contentType: 'application/json', body: '{"leadType":"patient","name":"x"}' },
  { contentType: 'application/json', body: '{"leadType":"patient","name":' },
  { contentType: 'text/plain', body: 'buy now' },
];

/**
 * Runs one load for `durationS` seconds and collects every answer. A load with a rate is split
 * into `streams` autocannon instances of rate/streams each, started evenly across the first
 * second: autocannon's `overallRate` sends each second's quota at once when the second starts
 * and then waits, so one instance at 500/s is a burst of 500 requests every second, not a
 * steady 500/s (see docs/benchmarks.md, "Lead endpoint"). `streams: 1` measures that burst.
 */
export async function runLoad(origin: string, spec: LoadSpec, durationS: number): Promise<LoadResult> {
  const result: LoadResult = {
    kind: spec.kind,
    durationS: 0,
    responses: 0,
    statuses: {},
    ackedIds: [],
    replayed: 0,
    unexpected: 0,
    errors: 0,
    timeouts: 0,
    latenciesMs: [],
    maxInFlightAtEnd: spec.rate === undefined ? spec.connections : 0,
  };
  const streams = spec.rate === undefined ? 1 : Math.max(1, Math.min(spec.streams ?? 1, Math.floor(spec.rate)));
  const runs = Array.from({ length: streams }, async (_, index) => {
    // Spread the rate and the connections over the streams, the remainder to the first ones.
    const share = (total: number) => Math.floor(total / streams) + (index < total % streams ? 1 : 0);
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, (index * 1000) / streams));
    const stream: LoadSpec = { kind: spec.kind, connections: Math.max(1, share(spec.connections)) };
    if (spec.rate !== undefined) stream.rate = share(Math.round(spec.rate));
    return runStream(origin, stream, durationS, result);
  });
  const finished = await Promise.all(runs);
  for (const run of finished) {
    result.errors += run.errors;
    result.timeouts += run.timeouts;
  }
  // Each stream sends its share for the whole duration, staggered by up to a second: their
  // mean duration is how long the load lasted at its full rate (longer if the server fell behind).
  result.durationS = finished.reduce((total, run) => total + run.duration, 0) / finished.length;
  result.latenciesMs.sort((a, b) => a - b);
  return result;
}

/** One autocannon instance; its answers are added to `result`. */
async function runStream(origin: string, spec: LoadSpec, durationS: number, result: LoadResult): Promise<CannonResult> {
  const isExpected = (status: number) => (spec.kind === 'valid' ? status === 201 : status >= 400 && status < 500);
  const onResponse = (status: number, body: string, _context: unknown, headers: Record<string, string>) => {
    if (spec.kind !== 'valid' || status !== 201) return;
    result.ackedIds.push((JSON.parse(body) as { id: string }).id);
    if (headers['idempotent-replayed'] === 'true') result.replayed += 1;
  };
  const requests: CannonRequest[] =
    spec.kind === 'valid'
      ? [
          {
            method: 'POST',
            path: '/api/leads',
            headers: { 'content-type': 'application/json', origin },
            setupRequest: (request) => ({ ...request, body: buildBenchLead() }),
            onResponse,
          },
        ]
      : JUNK.map(({ contentType, body }) => ({
          method: 'POST',
          path: '/api/leads',
          headers: { 'content-type': contentType, origin },
          body,
        }));
  const options: CannonOptions = { url: origin, connections: spec.connections, requests };
  if (spec.rate === undefined) {
    // Stops when the time is up, with up to one request per connection still unanswered.
    options.duration = durationS;
  } else {
    // A fixed number of requests ends only after the last answer, so none is left in flight.
    options.amount = Math.max(spec.connections, Math.round(spec.rate * durationS));
    options.overallRate = spec.rate;
    // autocannon's correction assumes 1 ms between requests whatever the rate; the raw response
    // times are recorded here instead (see docs/benchmarks.md, "Lead endpoint").
    options.ignoreCoordinatedOmission = true;
  }
  const instance = autocannon(options);
  instance.on('response', (_client, status, _bytes, ms) => {
    result.responses += 1;
    result.statuses[status] = (result.statuses[status] ?? 0) + 1;
    if (isExpected(status)) result.latenciesMs.push(ms);
    else result.unexpected += 1;
  });
  return await instance;
}

/** The value at percentile `p` (0–100) of sorted numbers, nearest rank; NaN when there are none. */
export function getPercentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/**
 * Waits until the machine is quiet: the 1-minute load average below `maxLoad` and other
 * processes using at most `maxOthersCores` over a 5-second sample (the load average lags by a
 * minute, so on its own it lets a case start just as someone's build does). Gives up after
 * `maxWaitS` seconds and says so. `ownPids`: processes of the benchmark that run between cases
 * (a PostgreSQL server), counted with their descendants as its own.
 */
export async function waitForQuiet(
  options: { maxLoad: number; maxOthersCores: number; maxWaitS: number; ownPids?: readonly number[] },
  log: (line: string) => void,
): Promise<{ load: number; quiet: boolean }> {
  const deadline = Date.now() + options.maxWaitS * 1000;
  let announced = false;
  for (;;) {
    const load = loadavg()[0] ?? 0;
    let others = Number.POSITIVE_INFINITY;
    if (load < options.maxLoad && options.maxOthersCores >= cpus().length) return { load, quiet: true };
    if (load < options.maxLoad) {
      // No load of this benchmark runs now, so all busy time but its idle store's is someone else's.
      const readOthers = watchOtherCpu(options.ownPids ?? []);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      others = readOthers();
      if (others <= options.maxOthersCores) return { load, quiet: true };
    }
    if (Date.now() >= deadline) return { load, quiet: false };
    if (!announced) {
      const why = Number.isFinite(others) ? `others use ${others.toFixed(2)} cores` : `load ${load.toFixed(2)} ≥ ${options.maxLoad}`;
      log(`  waiting for the machine to be quiet (${why}) …`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
}

/** CPU time, in seconds, of the whole machine and of the processes this benchmark runs. */
interface CpuSnapshot {
  at: number;
  machineBusyS: number;
  ownS: number;
}

const CLOCK_TICKS_PER_S = 100;

function readCpu(ownPids: readonly number[]): CpuSnapshot {
  // /proc/stat's first line: user nice system idle iowait irq softirq steal guest guest_nice, in
  // clock ticks. Busy is all but idle and iowait; guest time is already counted in user and nice.
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
  const busyTicks = fields.reduce((sum, value, index) => (index === 3 || index === 4 ? sum : sum + value), 0);
  const ownTicks = ownPids.length === 0 ? 0 : readTreeTicks(ownPids);
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    machineBusyS: busyTicks / CLOCK_TICKS_PER_S,
    ownS: ownTicks / CLOCK_TICKS_PER_S + (own.user + own.system) / 1e6,
  };
}

/**
 * CPU time, in clock ticks, of the processes `roots` and all their descendants (a PostgreSQL
 * server's backends are children of its postmaster): user plus system time of each, and of its
 * children that exited and were waited for. A process that exited is no longer counted.
 */
function readTreeTicks(roots: readonly number[]): number {
  const processes: { pid: number; parent: number; ticks: number }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // After the command's closing ')': state, ppid (field 4), … utime, stime, cutime, cstime (14–17).
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      processes.push({ pid: Number(name), parent: Number(rest[1]), ticks: [11, 12, 13, 14].reduce((sum, index) => sum + Number(rest[index]), 0) });
    } catch {
      // It exited while the folder was read.
    }
  }
  const inTree = new Set(roots.filter((pid) => pid > 0));
  // Parents usually have lower pids, but pids wrap: repeat until no process joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const item of processes) {
      if (!inTree.has(item.pid) && inTree.has(item.parent)) {
        inTree.add(item.pid);
        grew = true;
      }
    }
  }
  return processes.reduce((sum, item) => (inTree.has(item.pid) ? sum + item.ticks : sum), 0);
}

/**
 * Measures how much CPU other processes used while a case ran, in cores (2 = both cores of a
 * 2-core machine busy with someone else's work): all but this process's and that of `ownPids`
 * (the server under test, a PostgreSQL server) with their descendants. Start it before the load,
 * read it right after.
 */
export function watchOtherCpu(ownPids: readonly number[]): () => number {
  const start = readCpu(ownPids);
  return () => {
    const end = readCpu(ownPids);
    const seconds = (end.at - start.at) / 1000;
    const others = end.machineBusyS - start.machineBusyS - (end.ownS - start.ownS);
    return seconds > 0 ? Math.max(0, others / seconds) : 0;
  };
}
