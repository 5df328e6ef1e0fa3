import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm run bench:leads` run for about 2 s per case at low rates against the built server, so that
 * the benchmark can't break unnoticed: it must print its table, report figures for every case and
 * find every acknowledged lead in the database; then once more, shorter, with `--store postgres`
 * (the benchmark starts its own PostgreSQL server). Like the other endpoint tests it needs a build:
 * `npm run build` (dist/), or LEADS_BENCH_DIST=.scratch/leads-dist for another one.
 */
const DIST_DIR = process.env['LEADS_BENCH_DIST'] ?? 'dist';
const ENTRY = join(DIST_DIR, 'server', 'entry.mjs');

interface CaseReport {
  id: string;
  perS: number;
  p50Ms: number;
  p99Ms: number;
  acked: number;
  stored: number;
  lost: number;
  storedNotAcked: number;
  unexpected: number;
  errors: number;
  timeouts: number;
  replayed: number;
  junk?: { requestsPerS: number; statuses: Record<string, number> };
}

interface BenchRun {
  status: number | null;
  stdout: string;
  stderr: string;
  report: { store?: { kind: string; server: string; settings: Record<string, string> }; cases: CaseReport[]; ratio: number | null; ok: boolean };
}

let dir: string;

beforeAll(() => {
  if (!existsSync(ENTRY)) throw new Error(`No ${ENTRY}: run \`npm run build\` before the integration tests.`);
  dir = mkdtempSync(join(tmpdir(), 'carepath-bench-smoke-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the benchmark at low rates, 2 s a case, with `args` added; its report is read from --json. */
function runBench(name: string, args: readonly string[]): BenchRun {
  const json = join(dir, `${name}.json`);
  const result = spawnSync(
    'node_modules/.bin/node',
    [
      'test/bench/leads.ts',
      ...['--entry', ENTRY, '--duration', '2', '--warmup', '0', '--connections', '4'],
      ...['--rate', '40', '--limit-rate', '60', '--junk-rate', '100', '--flood-rate', '10'],
      // A smoke test, not a measurement: run whatever else the machine is doing.
      ...['--max-load', '1000', '--max-others', '1000', '--retries', '0', '--max-wait', '0', '--json', json],
      ...args,
    ],
    { encoding: 'utf8', timeout: 90_000 },
  );
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    report: existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : { cases: [], ratio: null, ok: false },
  };
}

describe('npm run bench:leads, briefly', () => {
  let run: BenchRun;
  beforeAll(() => {
    run = runBench('sqlite', []);
  }, 100_000);

  it('exits 0 and prints its table with the ratio to the floor', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^case\s+per s\s+p50 ms\s+p99 ms/m);
    expect(run.stdout).toMatch(/Carepath \/ floor: \d+(\.\d+)?/);
    expect(run.stdout).toContain('Every acknowledged lead was stored');
    expect(run.report.ok).toBe(true);
    expect(run.report.ratio).toBeGreaterThan(0);
    expect(run.report.store?.kind).toBe('sqlite');
    expect(run.stdout).toMatch(/^store: sqlite, SQLite \d/m);
  });

  it('reports figures for the floor, the maximum, the fixed rate, the flood and the ceiling', () => {
    expect(run.report.cases.map((item) => item.id)).toEqual(['floor', 'max', 'rate', 'flood', 'ceiling']);
    for (const item of run.report.cases) {
      expect(item.perS, item.id).toBeGreaterThan(0);
      expect(item.p50Ms, item.id).toBeGreaterThan(0);
      expect(item.p99Ms, item.id).toBeGreaterThanOrEqual(item.p50Ms);
    }
    const flood = run.report.cases.find((item) => item.id === 'flood');
    expect(flood?.junk?.requestsPerS).toBeGreaterThan(0);
    expect(Object.keys(flood?.junk?.statuses ?? {}).sort()).toEqual(['400', '415', '422']);
  });

  it('loses nothing: every case stored exactly the leads it acknowledged, each once', () => {
    for (const item of run.report.cases) {
      // The ceiling sends only refusals: it acknowledges and stores nothing.
      if (item.id !== 'ceiling') expect(item.acked, item.id).toBeGreaterThan(0);
      expect({ id: item.id, stored: item.stored, lost: item.lost, replayed: item.replayed }).toEqual({
        id: item.id,
        stored: item.acked,
        lost: 0,
        replayed: 0,
      });
      expect(item.unexpected + item.errors + item.timeouts, item.id).toBe(0);
    }
  });
});

describe('npm run bench:leads -- --store postgres, briefly', () => {
  let run: BenchRun;
  beforeAll(() => {
    run = runBench('postgres', ['--store', 'postgres', '--cases', 'floor,max,rate']);
  }, 100_000);

  it('names PostgreSQL, left at its durable defaults, as the store', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^store: postgres, PostgreSQL \d+/m);
    expect(run.stdout).toMatch(/^floor: node:http \+ pg, 4 conn /m);
    expect(run.report.store).toMatchObject({ kind: 'postgres', server: expect.stringMatching(/^PostgreSQL \d+/), settings: { fsync: 'on', synchronous_commit: 'on' } });
  });

  it('loses nothing, and both the floor and Carepath keep up with the capped rate', () => {
    expect(run.report.ok).toBe(true);
    expect(run.report.cases.map((item) => item.id)).toEqual(['floor', 'max', 'rate']);
    for (const item of run.report.cases) {
      expect(item.acked, item.id).toBeGreaterThan(0);
      expect({ id: item.id, stored: item.stored, lost: item.lost, replayed: item.replayed }).toEqual({ id: item.id, stored: item.acked, lost: 0, replayed: 0 });
      expect(item.unexpected + item.errors + item.timeouts, item.id).toBe(0);
    }
    // --limit-rate 60 caps both the floor and Carepath: each serves about 60 leads/s, so about 1.
    expect(run.report.ratio).toBeGreaterThan(0.8);
    expect(run.report.ratio).toBeLessThan(1.25);
  });
});
