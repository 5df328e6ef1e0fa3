import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm run bench:views` run briefly against the built server (dist/), so that the benchmark can't
 * break unnoticed: it must print its table and find, after each run with page views on, exactly
 * one view written per page served, and none with them off.
 */
const ENTRY = join('dist', 'server', 'entry.mjs');

interface RunReport {
  mode: 'on' | 'off';
  perS: number;
  cpuUs: number;
  p50Ms: number;
  p99Ms: number;
  served: number;
  written: number;
  other: number;
}

let run: { status: number | null; stdout: string; stderr: string; report: { runs: RunReport[]; recordNs: Record<string, number>; ok: boolean } };
let dir: string;

beforeAll(() => {
  if (!existsSync(ENTRY)) throw new Error(`No ${ENTRY}: run \`npm run build\` before the integration tests.`);
  dir = mkdtempSync(join(tmpdir(), 'carepath-views-smoke-'));
  const json = join(dir, 'report.json');
  const result = spawnSync(
    'node_modules/.bin/node',
    [
      'test/bench/views.ts',
      ...['--runs', '1', '--requests', '400', '--warmup', '50', '--connections', '4'],
      // A smoke test, not a measurement: run whatever else the machine is doing.
      ...['--max-load', '1000', '--max-others', '1000', '--max-wait', '0', '--json', json],
    ],
    { encoding: 'utf8', timeout: 90_000 },
  );
  run = {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    report: existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : { runs: [], recordNs: {}, ok: false },
  };
}, 100_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run bench:views, briefly', () => {
  it('exits 0 and prints its table and the cost of one record call', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\s*mode\s+run\s+per s\s+cpu µs\s+p50 ms\s+p99 ms/m);
    expect(run.stdout).toContain('Every run with page views on wrote exactly one view per page served');
    expect(Object.values(run.report.recordNs).every((ns) => ns > 0)).toBe(true);
  });

  it('wrote one view per page served with the counter on, and none with it off', () => {
    expect(run.report.runs.map((item) => item.mode).sort()).toEqual(['off', 'on']);
    for (const item of run.report.runs) {
      expect(item.served).toBe(450);
      expect(item.other).toBe(0);
      expect(item.cpuUs).toBeGreaterThan(0);
      expect(item.written).toBe(item.mode === 'on' ? 450 : 0);
      expect(item.p99Ms).toBeGreaterThanOrEqual(item.p50Ms);
    }
  });
});
