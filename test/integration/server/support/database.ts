import { DatabaseSync } from 'node:sqlite';
import { expect } from 'vitest';
import { SqliteLeadStore } from '../../../../src/server/sqlite-lead-store.ts';

/** Expects SQLite's own integrity check of the database file to pass. */
export function expectIntact(path: string): void {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
  } finally {
    db.close();
  }
}

/** Opens the lead store on `path`, hands it to `use`, and closes it whatever happens. */
export async function withStore<T>(path: string, use: (store: SqliteLeadStore) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  const store = SqliteLeadStore.open({ path, ...options });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Expects every acknowledged lead id to be stored (more may be: in flight when a writer died). */
export async function expectAllStored(path: string, acknowledged: string[]): Promise<void> {
  await withStore(
    path,
    async (store) => {
      const missing: string[] = [];
      for (const id of acknowledged) if ((await store.get(id)) === null) missing.push(id);
      expect(missing).toEqual([]);
      expect(await store.count()).toBeGreaterThanOrEqual(acknowledged.length);
    },
    { readOnly: true },
  );
}
