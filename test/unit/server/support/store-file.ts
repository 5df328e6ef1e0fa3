import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach } from 'vitest';
import { SqliteLeadStore } from '../../../../src/server/sqlite-lead-store.ts';
import { makeTempDir } from './leads.ts';

export interface StoreFile {
  /** A fresh temp folder per test. */
  dir: string;
  /** The database file in it; a test may point it elsewhere in `dir` before opening. */
  path: string;
  /** Opens a store on `path` (with options); every store opened is closed after the test. */
  openStore(options?: Partial<Parameters<typeof SqliteLeadStore.open>[0]>): SqliteLeadStore;
  /** Runs SQL on the database through a second connection, as a migration or an operator would. */
  execOther(sql: string): void;
}

/** Per test: a temp folder with a lead database path, and stores on it closed afterwards. */
export function useStoreFile(): StoreFile {
  let remove = () => {};
  const open: SqliteLeadStore[] = [];
  const file: StoreFile = {
    dir: '',
    path: '',
    openStore(options = {}) {
      const store = SqliteLeadStore.open({ path: file.path, ...options });
      open.push(store);
      return store;
    },
    execOther(sql) {
      const other = new DatabaseSync(file.path, { timeout: 1000 });
      try {
        other.exec(sql);
      } finally {
        other.close();
      }
    },
  };
  beforeEach(() => {
    const temp = makeTempDir();
    remove = temp.remove;
    file.dir = temp.dir;
    file.path = join(temp.dir, 'leads.db');
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    remove();
  });
  return file;
}
