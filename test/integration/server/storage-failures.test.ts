import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/lib/leads/store.ts';
import { SqliteLeadStore } from '../../../src/server/sqlite-lead-store.ts';
import { buildNewLead, makeTempDir } from '../../unit/server/support/leads.ts';
import { expectIntact, withStore } from './support/database.ts';
import { startChild } from './support/processes.ts';

let temp: ReturnType<typeof makeTempDir>;
let path: string;
beforeEach(() => {
  temp = makeTempDir();
  path = join(temp.dir, 'leads.db');
});
afterEach(() => temp.remove());

const now = () => new Date();

describe('when the disk fills up', () => {
  // A file-size limit (RLIMIT_FSIZE, binding for root too) makes the WAL stop growing the way a
  // full disk would. The write fails with EFBIG, which SQLite reports as SQLITE_IOERR_WRITE; a
  // real ENOSPC would be SQLITE_FULL. Both are StoreUnavailableError.
  it('fails the insert with StoreUnavailableError, keeps every acknowledged lead, and recovers', async () => {
    const reports: string[] = [];
    const exit = await startChild('fill-until-failure.ts', [path], (line) => reports.push(line), {
      prefix: ['prlimit', '--fsize=1048576:1048576'],
    });
    expect(exit.code, exit.stderr).toBe(0);
    const report = JSON.parse(reports[0] ?? 'null') as {
      acked: string[];
      error: { name: string; code: string; extendedCode: number } | null;
      inTransaction: boolean;
      retry: string;
    };
    expect(report.error).toMatchObject({ name: 'StoreUnavailableError' });
    expect(['SQLITE_IOERR', 'SQLITE_FULL']).toContain(report.error?.code);
    expect(report.inTransaction).toBe(false);
    expect(report.retry).toBe('StoreUnavailableError');
    expect(report.acked.length).toBeGreaterThan(10);

    // Space again (no limit in this process): nothing half-written, and writes work.
    await withStore(path, async (store) => {
      expect(await store.count()).toBe(report.acked.length);
      const stored = (await store.list()).map((lead) => lead.id).reverse();
      expect(stored).toEqual(report.acked);
      const { replayed } = await store.insert(buildNewLead({ contentHash: 'after' }), {
        duplicateWindowMs: 0,
        now: now(),
      });
      expect(replayed).toBe(false);
    });
    expectIntact(path);
  });
});

describe('when the disk fills up under a group of inserts', () => {
  it('rejects every insert of the failing group with StoreUnavailableError and writes none of it', async () => {
    const reports: string[] = [];
    const exit = await startChild('fill-groups-until-failure.ts', [path, '8'], (line) => reports.push(line), {
      prefix: ['prlimit', '--fsize=1048576:1048576'],
    });
    expect(exit.code, exit.stderr).toBe(0);
    const report = JSON.parse(reports[0] ?? 'null') as {
      acked: string[];
      failed: { status: string; name?: string; code?: string }[] | null;
      inTransaction: boolean;
      stats: { groups: number; inserts: number; largestGroup: number };
    };
    expect(report.failed).toHaveLength(8);
    for (const outcome of report.failed ?? []) {
      expect(outcome).toMatchObject({ status: 'rejected', name: 'StoreUnavailableError' });
      expect(['SQLITE_IOERR', 'SQLITE_FULL']).toContain(outcome.code);
    }
    expect(report.inTransaction).toBe(false);
    expect(report.stats.largestGroup).toBe(8);
    // Whole groups were acknowledged before the failure, never a part of one.
    expect(report.acked.length % 8).toBe(0);
    expect(report.acked.length).toBeGreaterThanOrEqual(16);

    await withStore(path, async (store) => {
      expect((await store.list()).map((lead) => lead.id).reverse()).toEqual(report.acked);
    });
    expectIntact(path);
  });
});

describe('when the database file is read-only', () => {
  // chmod 0400 doesn't stop root; the immutable attribute does (root can't write an immutable
  // file either). Without the store's own write check, SQLite would open it read-only without a
  // word and every lead would fail until a restart.
  it('refuses to open it, as root too, with StoreUnavailableError', async () => {
    await withStore(path, (store) => store.insert(buildNewLead(), { duplicateWindowMs: 0, now: now() }));

    execFileSync('chattr', ['+i', path]);
    try {
      expect(() => SqliteLeadStore.open({ path })).toThrow(StoreUnavailableError);
      expect(() => SqliteLeadStore.open({ path })).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY' }));
      // Reading still works: the CLI opens read-only.
      expect(await withStore(path, (reader) => reader.count(), { readOnly: true })).toBe(1);
    } finally {
      execFileSync('chattr', ['-i', path]);
    }
  });
});

describe('several processes writing at once', () => {
  // BEGIN IMMEDIATE takes the write lock before reading, so a writer waits out the busy timeout
  // instead of failing at once with SQLITE_BUSY when another process committed meanwhile.
  it('stores every lead, none failing as busy', async () => {
    const writers = ['a', 'b', 'c', 'd'];
    const results = await Promise.all(
      writers.map(async (prefix) => {
        const lines: string[] = [];
        const exit = await startChild('insert-many.ts', [path, prefix, '60'], (line) => lines.push(line));
        return { ...exit, lines };
      }),
    );
    expect(results.map((result) => result.lines)).toEqual(writers.map(() => ['done 60']));
    expect(await withStore(path, (store) => store.count(), { readOnly: true })).toBe(writers.length * 60);
  });
});
