import { describe, expect, inject, it } from 'vitest';
import { PostgresLeadStore } from '../../../src/server/postgres/lead-store.ts';
import { SqliteLeadStore } from '../../../src/server/sqlite-lead-store.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { buildNewLead } from '../../unit/server/support/leads.ts';
import { useStoreFile } from '../../unit/server/support/store-file.ts';
import { runLeadsCli } from './support/processes.ts';

// `npm run leads -- copy` as a process of its own, under plain Node (type stripping only), as an
// operator runs it; test/unit/server/cli/copy-command.test.ts covers what it copies and refuses.

const file = useStoreFile();

describe('npm run leads -- copy', () => {
  it('copies the file, then finds nothing left to copy', async () => {
    const store = SqliteLeadStore.open({ path: file.path });
    const { lead } = await store.insert(buildNewLead(), { duplicateWindowMs: 0, now: new Date('2026-11-20T09:00:00Z') });
    await store.close();
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'copy_cli');

    const first = runLeadsCli(['copy', '--to', url], file.path);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^leads +1 +1 +1$/m);
    const again = runLeadsCli(['copy', '--to', url], file.path);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Nothing to copy');

    const copied = await PostgresLeadStore.open({ url, readOnly: true });
    try {
      expect(await copied.get(lead.id)).toEqual(lead);
    } finally {
      await copied.close();
    }
  });
});
