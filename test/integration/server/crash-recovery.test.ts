import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../unit/server/support/leads.ts';
import { expectAllStored, expectIntact } from './support/database.ts';
import { startChild } from './support/processes.ts';

// SIGKILL proves durability across an application crash only; a power cut needs a file system
// that drops unsynced writes (LazyFS) or a VM reset, which this machine can't do.
const ROUNDS = 20;

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

describe('a writer killed with SIGKILL', () => {
  it(`keeps every lead it acknowledged, over ${ROUNDS} kills`, async () => {
    const path = join(temp.dir, 'leads.db');
    const acknowledged: string[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      // Kill after the 1st to 5th acknowledgement, so the kill lands at different points.
      const killAfter = (round % 5) + 1;
      let seen = 0;
      const exit = await startChild('insert-until-killed.ts', [path, String(round)], (line, child) => {
        acknowledged.push(line);
        seen += 1;
        if (seen === killAfter) child.kill('SIGKILL');
      });
      expect(exit.signal, exit.stderr).toBe('SIGKILL');
      expect(seen).toBeGreaterThanOrEqual(killAfter);
    }

    await expectAllStored(path, acknowledged);
    expectIntact(path);
  });
});

describe('a writer committing in groups, killed with SIGKILL', () => {
  it(`keeps every lead it acknowledged, over ${ROUNDS} kills with 8 inserts in flight`, async () => {
    const path = join(temp.dir, 'leads.db');
    const acknowledged: string[] = [];
    let largestGroup = 0;

    for (let round = 0; round < ROUNDS; round++) {
      // Kill after 1 to 40 acknowledgements: inside a group, between groups, right after one.
      const killAfter = 1 + ((round * 7) % 40);
      let seen = 0;
      const exit = await startChild('insert-groups-until-killed.ts', [path, String(round), '8'], (line, child) => {
        const [id = '', group = '0'] = line.split(' ');
        acknowledged.push(id);
        largestGroup = Math.max(largestGroup, Number(group));
        seen += 1;
        if (seen === killAfter) child.kill('SIGKILL');
      });
      expect(exit.signal, exit.stderr).toBe('SIGKILL');
      expect(seen).toBeGreaterThanOrEqual(killAfter);
    }
    // The inserts really were grouped; else this test would repeat the one above.
    expect(largestGroup).toBeGreaterThan(1);

    await expectAllStored(path, acknowledged);
    expectIntact(path);
  });
});
