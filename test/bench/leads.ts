// `npm run bench:leads`: how many durable leads per second the built server takes, how fast it
// answers at a fixed rate, how it compares with a bare floor (node:http + the store's driver), whether a
// flood of junk slows real leads down, and how many refusals per second it answers without
// touching storage at all (the ceiling of the request path). Every case starts its server on a fresh
// database of the store (--store, leads-store.ts): a SQLite file (WAL, synchronous=FULL), or a
// database on a PostgreSQL server the benchmark starts (synchronous_commit=on), whose floor is
// node:http + pg; and checks afterwards that each acknowledged lead was stored.
// Build first (`npm run build`, or `npx astro build --outDir .scratch/leads-dist` and --entry).
// Flags: see USAGE below. Exits 1 when a lead was lost or an answer was not the expected one.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getPercentile, REPO_ROOT, runLoad, startBenchServer, waitForQuiet, watchOtherCpu, type BenchServer, type LoadResult, type LoadSpec } from './leads-harness.ts';
import { startBenchStore, STORE_KINDS, type BenchDatabase, type BenchStore, type StoreKind } from './leads-store.ts';

const USAGE = `Usage: npm run bench:leads -- [flags]
  --entry FILE           built server (default dist/server/entry.mjs)
  --store KIND           sqlite (default): a fresh SQLite file per case, floor node:http +
                         node:sqlite; postgres: a PostgreSQL server started for the run (the
                         tests' way, test/support/postgres.ts), a fresh database per case,
                         floor node:http + pg
  --cases LIST           floor,max,rate,flood,ceiling (default all)
  --duration S           measured seconds of every case (default: rate 60, flood 30, others 20)
  --warmup S             unmeasured seconds before each case (default 3)
  --connections N        connections for floor, max and rate (default 20)
  --rate N               leads/s of the rate case (default 500)
  --junk-rate N          junk requests/s of the flood (default 2000)
  --flood-rate N         valid leads/s during the flood (default 50)
  --limit-rate N         cap the floor, max and ceiling cases at N requests/s (for smoke tests)
  --streams K            split every load with a rate into K autocannon instances started evenly
                         over a second (default 25); 1 = one instance, whose overallRate sends
                         each second's quota at once as a burst
  --max-load L           wait before each case until the 1-minute load is below L (default 1.5)
  --max-others C         … and other processes use at most C cores (default 0.25); a case during
                         which they used more is run again
  --retries N            run a case at most N more times for that (default 2); the quietest counts
  --max-wait S           wait at most S seconds for quiet each time, then run and flag it (default 900)
  --delivery MODE        off (default): no delivery configured; outbox: a CRM webhook and email
                         configured, so every lead writes its delivery rows in its transaction,
                         with the worker off (LEADS_DELIVERY_WORKER=off, as when
                         \`npm run leads -- deliver\` runs elsewhere); live: the same with the
                         worker on, sending to a receiver in this process
  --json FILE            also write the report as JSON`;

const GOALS = { ratio: 1.0, rateP99Ms: 50, floodP99Ms: 100 };

type CaseId = 'floor' | 'max' | 'rate' | 'flood' | 'ceiling';
const CASE_IDS: readonly CaseId[] = ['floor', 'max', 'rate', 'flood', 'ceiling'];

interface CaseReport {
  id: CaseId;
  title: string;
  /** 1-minute load average when the case started, and whether it was below --max-load. */
  loadBefore: number;
  quiet: boolean;
  /** CPU used by other processes during the measured part, in cores; above 0.25 the case is flagged. */
  othersCores: number;
  durationS: number;
  /** Expected answers per second of the case's main load in the measured part: leads answered
   * 201, or for the ceiling refusals answered 4xx. */
  perS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Every 201 of the case, warm-up included, against the rows in the database afterwards. */
  acked: number;
  stored: number;
  lost: number;
  /** Stored leads whose 201 the client never read: requests in flight when a timed load stopped. */
  storedNotAcked: number;
  /** How many of those there may be: one per connection of each timed load. */
  inFlightAllowance: number;
  replayed: number;
  unexpected: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  junk?: { requestsPerS: number; statuses: Record<string, number> };
}

export interface BenchReport {
  machine: { cores: number; memoryGiB: number; node: string };
  store: { kind: StoreKind; server: string; settings: Record<string, string> };
  settings: Record<string, unknown>;
  cases: CaseReport[];
  ratio: number | null;
  goals: { name: string; met: boolean | null; detail: string }[];
  ok: boolean;
}

const { values } = parseArgs({
  options: {
    entry: { type: 'string', default: 'dist/server/entry.mjs' },
    store: { type: 'string', default: 'sqlite' },
    cases: { type: 'string', default: CASE_IDS.join(',') },
    duration: { type: 'string' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '20' },
    rate: { type: 'string', default: '500' },
    'junk-rate': { type: 'string', default: '2000' },
    'flood-rate': { type: 'string', default: '50' },
    'limit-rate': { type: 'string' },
    streams: { type: 'string', default: '25' },
    'max-load': { type: 'string', default: '1.5' },
    'max-others': { type: 'string', default: '0.25' },
    retries: { type: 'string', default: '2' },
    'max-wait': { type: 'string', default: '900' },
    json: { type: 'string' },
    delivery: { type: 'string', default: 'off' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const number = (name: string, text: string | undefined): number => {
  const value = Number(text);
  if (text === undefined || Number.isNaN(value) || value < 0) throw new Error(`--${name} must be a number ≥ 0, got "${text}".\n${USAGE}`);
  return value;
};
const duration = values.duration === undefined ? undefined : number('duration', values.duration);
const settings = {
  entry: resolve(REPO_ROOT, values.entry),
  store: values.store as StoreKind,
  cases: values.cases.split(',').map((name) => name.trim()) as CaseId[],
  durations: { max: duration ?? 20, rate: duration ?? 60, flood: duration ?? 30 },
  warmupS: number('warmup', values.warmup),
  connections: number('connections', values.connections),
  rate: number('rate', values.rate),
  junkRate: number('junk-rate', values['junk-rate']),
  floodRate: number('flood-rate', values['flood-rate']),
  limitRate: values['limit-rate'] === undefined ? undefined : number('limit-rate', values['limit-rate']),
  streams: Math.max(1, Math.round(number('streams', values.streams))),
  maxLoad: number('max-load', values['max-load']),
  maxOthersCores: number('max-others', values['max-others']),
  retries: Math.round(number('retries', values.retries)),
  maxWaitS: number('max-wait', values['max-wait']),
  delivery: values.delivery,
};
if (!STORE_KINDS.includes(settings.store)) throw new Error(`--store is ${STORE_KINDS.join(' or ')}, got "${settings.store}".\n${USAGE}`);
if (!['off', 'outbox', 'live'].includes(settings.delivery)) throw new Error(`--delivery is off, outbox or live, got "${settings.delivery}".\n${USAGE}`);
const deliveryEnv = await startDeliveryTargets(settings.delivery);
for (const name of settings.cases) {
  if (!CASE_IDS.includes(name)) throw new Error(`Unknown case "${name}".\n${USAGE}`);
}

const log = (line: string) => console.error(line);
const round = (value: number, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : Number.NaN);

interface CaseSpec {
  id: CaseId;
  title: string;
  script: string;
  durationS: number;
  /** The load whose figures the case reports. */
  main: LoadSpec;
  /** Junk sent at the same time (the flood). */
  background?: LoadSpec;
}

function describeCases(store: BenchStore): CaseSpec[] {
  const limit = settings.limitRate;
  const streams = settings.streams;
  const fast = (kind: LoadSpec['kind']): LoadSpec => ({ kind, connections: settings.connections, ...(limit === undefined ? {} : { rate: limit, streams }) });
  const specs: CaseSpec[] = [
    { id: 'floor', title: `floor: ${store.floor.title}, ${settings.connections} conn`, script: store.floor.script, durationS: settings.durations.max, main: fast('valid') },
    { id: 'max', title: `carepath: max, ${settings.connections} conn`, script: settings.entry, durationS: settings.durations.max, main: fast('valid') },
    {
      id: 'rate',
      title: `carepath: ${settings.rate} leads/s, ${streams === 1 ? `${settings.connections} conn, 1 burst/s` : `${streams} streams`}`,
      script: settings.entry,
      durationS: settings.durations.rate,
      main: { kind: 'valid', connections: settings.connections, rate: settings.rate, streams },
    },
    {
      id: 'flood',
      title: `carepath: ${settings.floodRate} leads/s + ${settings.junkRate} junk/s`,
      script: settings.entry,
      durationS: settings.durations.flood,
      main: { kind: 'valid', connections: Math.max(1, Math.min(5, settings.floodRate)), rate: settings.floodRate, streams },
      background: { kind: 'junk', connections: settings.connections, rate: settings.junkRate, streams },
    },
    {
      id: 'ceiling',
      title: `carepath: 4xx answers only (no storage), ${settings.connections} conn`,
      script: settings.entry,
      durationS: settings.durations.max,
      main: fast('junk'),
    },
  ];
  return specs.filter((spec) => settings.cases.includes(spec.id));
}

/** Runs a case until it ran on a quiet machine, at most 1 + retries times; the quietest run counts. */
async function runCase(spec: CaseSpec, store: BenchStore): Promise<CaseReport> {
  let best: CaseReport | undefined;
  for (let attempt = 0; attempt <= settings.retries; attempt++) {
    const report = await runCaseOnce(spec, store);
    if (best === undefined || report.othersCores < best.othersCores) best = report;
    if (report.quiet) break;
    if (attempt < settings.retries) log(`  other processes used ${report.othersCores} cores during it: running it again`);
  }
  if (best === undefined) throw new Error('unreachable: a case runs at least once');
  return best;
}

async function runCaseOnce(spec: CaseSpec, store: BenchStore): Promise<CaseReport> {
  const { load, quiet } = await waitForQuiet({ maxLoad: settings.maxLoad, maxOthersCores: settings.maxOthersCores, maxWaitS: settings.maxWaitS, ownPids: store.pids() }, log);
  log(`${spec.title}: ${settings.warmupS} s warm-up, ${spec.durationS} s measured (load ${load.toFixed(2)}${quiet ? '' : ', NOT QUIET'})`);
  const database = await store.createDatabase();
  const isCarepath = spec.script === settings.entry;
  let server: BenchServer | undefined;
  try {
    server = await startBenchServer({ script: spec.script, env: { ...database.env, ...(isCarepath ? deliveryEnv : {}) } });
    const origin = server.origin;
    const runBoth = (seconds: number) => Promise.all([runLoad(origin, spec.main, seconds), spec.background ? runLoad(origin, spec.background, seconds) : undefined]);
    const warm = settings.warmupS > 0 ? await runBoth(settings.warmupS) : undefined;
    const readOthers = watchOtherCpu([server.pid, ...store.pids()]);
    const [main, background] = await runBoth(spec.durationS);
    const othersCores = readOthers();
    const all: LoadResult[] = [main, ...(warm ?? []), background].filter((load): load is LoadResult => load !== undefined);
    const ackedIds = all.flatMap((load) => load.ackedIds);
    // Read once the server has exited: every write it acknowledged is on disk by then.
    await server.stop();
    const stored = await readStoredIds(database);
    if (isCarepath && settings.delivery !== 'off') log(`  deliveries: ${await describeDeliveries(database)}`);
    const lost = ackedIds.filter((id) => !stored.has(id)).length;
    const sum = (pick: (load: LoadResult) => number) => all.reduce((total, load) => total + pick(load), 0);
    const report: CaseReport = {
      id: spec.id,
      title: spec.title,
      loadBefore: round(load, 2),
      quiet: quiet && othersCores <= settings.maxOthersCores,
      othersCores: round(othersCores, 2),
      durationS: round(main.durationS, 2),
      perS: round(main.latenciesMs.length / main.durationS),
      p50Ms: round(getPercentile(main.latenciesMs, 50), 2),
      p99Ms: round(getPercentile(main.latenciesMs, 99), 2),
      maxMs: round(main.latenciesMs.at(-1) ?? Number.NaN, 2),
      acked: ackedIds.length,
      stored: stored.size,
      lost,
      storedNotAcked: stored.size - (ackedIds.length - lost),
      inFlightAllowance: sum((load) => (load.kind === 'valid' ? load.maxInFlightAtEnd : 0)),
      replayed: sum((load) => load.replayed),
      unexpected: sum((load) => load.unexpected),
      errors: sum((load) => load.errors),
      timeouts: sum((load) => load.timeouts),
      statuses: main.statuses,
    };
    if (background) report.junk = { requestsPerS: round(background.responses / background.durationS), statuses: background.statuses };
    return report;
  } finally {
    await server?.stop();
    await database.remove();
  }
}

async function readStoredIds(database: BenchDatabase): Promise<Set<string>> {
  return new Set((await database.readRows('SELECT id FROM leads')).map((row) => String(row['id'])));
}

function judge(cases: CaseReport[]): Pick<BenchReport, 'ratio' | 'goals' | 'ok'> {
  const find = (id: CaseId) => cases.find((item) => item.id === id);
  const floor = find('floor');
  const max = find('max');
  const rate = find('rate');
  const flood = find('flood');
  const ratio = floor && max && floor.perS > 0 ? round(max.perS / floor.perS, 2) : null;
  const goals: BenchReport['goals'] = [
    { name: `ratio to the floor ≥ ${GOALS.ratio}`, met: ratio === null ? null : ratio >= GOALS.ratio, detail: ratio === null ? 'needs floor and max' : `${ratio}` },
    {
      name: `p99 ≤ ${GOALS.rateP99Ms} ms at ${settings.rate} leads/s`,
      // The rate has to be reached too: a server that falls behind serves fewer, not faster.
      met: rate ? rate.p99Ms <= GOALS.rateP99Ms && rate.perS >= 0.95 * settings.rate : null,
      detail: rate ? `p99 ${rate.p99Ms} ms at ${rate.perS} leads/s` : 'not run',
    },
    {
      name: `flood: valid p99 ≤ ${GOALS.floodP99Ms} ms, nothing lost`,
      met: flood ? flood.p99Ms <= GOALS.floodP99Ms && flood.lost === 0 && flood.stored === flood.acked : null,
      detail: flood ? `p99 ${flood.p99Ms} ms, ${flood.stored} stored of ${flood.acked} acknowledged` : 'not run',
    },
  ];
  const ok = cases.every(
    (item) =>
      item.lost === 0 &&
      isWithin(item.storedNotAcked, 0, item.inFlightAllowance) &&
      item.unexpected === 0 &&
      item.errors === 0 &&
      item.timeouts === 0 &&
      item.replayed === 0 &&
      item.perS > 0 &&
      // Every case but the ceiling sends leads; the ceiling must store none.
      (item.id === 'ceiling' ? item.stored === 0 : item.acked > 0),
  );
  return { ratio, goals, ok };
}

const isWithin = (value: number, min: number, max: number) => value >= min && value <= max;

function formatTable(report: BenchReport): string {
  const header = ['case', 'per s', 'p50 ms', 'p99 ms', 'max ms', 'acked', 'stored', 'lost', 'load', 'others'];
  const rows = report.cases.map((item) => [
    item.title,
    String(item.perS),
    String(item.p50Ms),
    String(item.p99Ms),
    String(item.maxMs),
    String(item.acked),
    String(item.stored),
    String(item.lost),
    String(item.loadBefore),
    `${item.othersCores}${item.quiet ? '' : ' BUSY'}`,
  ]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  const out = [
    `store: ${report.store.kind}, ${report.store.server}; ${Object.entries(report.store.settings)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ')}`,
    '',
    line(header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line),
  ];
  for (const item of report.cases) {
    if (item.junk) out.push(`flood junk: ${item.junk.requestsPerS} requests/s answered, statuses ${JSON.stringify(item.junk.statuses)}`);
    const problems = [
      item.unexpected > 0 ? `${item.unexpected} unexpected answers (${JSON.stringify(item.statuses)})` : '',
      item.errors + item.timeouts > 0 ? `${item.errors} errors, ${item.timeouts} timeouts` : '',
      item.replayed > 0 ? `${item.replayed} replayed` : '',
      item.storedNotAcked !== 0 ? `${item.storedNotAcked} stored but not acknowledged (in flight at the end; allowed ${item.inFlightAllowance})` : '',
    ].filter(Boolean);
    if (problems.length > 0) out.push(`${item.id}: ${problems.join('; ')}`);
  }
  out.push('per s: leads answered 201 per second (for the ceiling: 4xx answers per second); p50/p99/max: their response times.');
  out.push('load: 1-minute load average before the case; others: cores used by other processes during it.');
  if (report.cases.some((item) => !item.quiet)) out.push('BUSY: the machine was not quiet for that case; its figures are suspect.');
  out.push('');
  out.push(`Carepath / floor: ${report.ratio ?? 'n/a'}`);
  for (const goal of report.goals) out.push(`${goal.met === null ? '-' : goal.met ? 'met' : 'MISSED'}  ${goal.name}: ${goal.detail}`);
  out.push(report.ok ? 'Every acknowledged lead was stored; every answer was the expected one.' : 'FAILED: a lead was lost or an answer was unexpected (see above).');
  return out.join('\n');
}

const store = await startBenchStore(settings.store);
// Interrupted: the PostgreSQL server it started is stopped and its folder deleted all the same.
process.once('SIGINT', () => void store.close().finally(() => process.exit(130)));
const cases: CaseReport[] = [];
try {
  for (const spec of describeCases(store)) cases.push(await runCase(spec, store));
} finally {
  await store.close();
}
const report: BenchReport = {
  machine: { cores: cpus().length, memoryGiB: round(totalmem() / 2 ** 30), node: process.version },
  store: { kind: store.kind, server: store.server, settings: store.settings },
  settings,
  cases,
  ...judge(cases),
};
console.log(formatTable(report));
if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
process.exit(report.ok ? 0 : 1);

/**
 * The environment that turns delivery on: a CRM webhook (a receiver in this process that answers
 * 204 at once, for `live`) and an SMTP address nothing listens on (its deliveries wait, paused).
 */
async function startDeliveryTargets(mode: string): Promise<Record<string, string>> {
  if (mode === 'off') return {};
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  receiver.unref();
  const { port } = receiver.address() as AddressInfo;
  return {
    LEADS_WEBHOOK_URL: `http://127.0.0.1:${port}/hooks`,
    LEADS_WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
    SMTP_URL: 'smtp://127.0.0.1:9',
    LEADS_MAIL_FROM: 'bench@clinic.example',
    LEADS_DELIVERY_WORKER: mode === 'live' ? 'on' : 'off',
  };
}

/** How many deliveries the run wrote, by state, read after the server stopped. */
async function describeDeliveries(database: BenchDatabase): Promise<string> {
  const rows = await database.readRows('SELECT channel, state, count(*) AS n FROM deliveries GROUP BY channel, state ORDER BY channel, state');
  const planned = Number((await database.readRows('SELECT count(*) AS n FROM planned_deliveries'))[0]?.['n']);
  return [`leads with deliveries planned, not yet expanded ${planned}`, ...rows.map((row) => `${String(row['channel'])} ${String(row['state'])} ${String(row['n'])}`)].join(', ');
}
