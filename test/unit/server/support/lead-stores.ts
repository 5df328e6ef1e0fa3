import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterEach, beforeEach, inject } from 'vitest';
import type { DeliveryOutbox, LeadStore } from '../../../../src/lib/leads/store.ts';
import type { LeadIdFactory } from '../../../../src/server/lead-id.ts';
import type { SqliteLeadStore } from '../../../../src/server/sqlite-lead-store.ts';
import { PostgresLeadStore } from '../../../../src/server/postgres/lead-store.ts';
import { createTestDatabase } from '../../../support/postgres.ts';
import { useStoreFile } from './store-file.ts';

/** What the contract tests open stores with, per test, whichever the store. */
export interface LeadStoreHarness {
  /** Opens a store on this test's database; every store opened is closed after the test. */
  openStore(options?: { newId?: LeadIdFactory }): Promise<LeadStore & DeliveryOutbox>;
  /** Runs SQL (written to mean the same in SQLite and PostgreSQL) through a connection of its own, as an operator would. */
  queryOther(sql: string, params?: readonly (string | number | null)[]): Promise<Record<string, unknown>[]>;
  /** How the database words a second lead with a submission key already stored. */
  duplicateKeyError: RegExp;
  /** What an operator runs after a purge: SQLite rebuilds its file; PostgreSQL's autovacuum needs nothing. */
  compact(store: LeadStore): Promise<void>;
}

export interface LeadStoreKind {
  name: string;
  /** Registers the per-test set-up and tear-down (call it in a describe block) and returns the harness. */
  use(): LeadStoreHarness;
}

const sqlite: LeadStoreKind = {
  name: 'SQLite',
  use() {
    const file = useStoreFile();
    return {
      openStore: (options = {}) => Promise.resolve(file.openStore(options)),
      async queryOther(sql, params = []) {
        const db = new DatabaseSync(file.path, { timeout: 1000 });
        try {
          const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
          if (statement.columns().length > 0) return statement.all(...params).map((row) => ({ ...row }));
          statement.run(...params);
          return [];
        } finally {
          db.close();
        }
      },
      duplicateKeyError: /UNIQUE constraint failed: leads.submission_key/,
      compact: (store) => (store as SqliteLeadStore).vacuum(),
    };
  },
};

const postgres: LeadStoreKind = {
  name: 'PostgreSQL',
  use() {
    let url = '';
    const open: PostgresLeadStore[] = [];
    beforeEach(async () => {
      url = await createTestDatabase(inject('postgresAdminUrl'), 'leads');
    });
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
    });
    return {
      async openStore(options = {}) {
        const store = await PostgresLeadStore.open({ url, ...options });
        open.push(store);
        return store;
      },
      async queryOther(sql, params = []) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          return (await client.query(sql, [...params])).rows as Record<string, unknown>[];
        } finally {
          await client.end();
        }
      },
      duplicateKeyError: /duplicate key value violates unique constraint "leads_submission_key_key"/,
      compact: () => Promise.resolve(),
    };
  },
};

/** Both lead stores, for `describe.each(LEAD_STORE_KINDS)('$name', …)`: one contract, two stores. */
export const LEAD_STORE_KINDS: readonly LeadStoreKind[] = [sqlite, postgres];
