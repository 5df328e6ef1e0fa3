import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterEach, beforeEach, inject } from 'vitest';
import type { IntakeStore } from '../../../../src/lib/intake/store.ts';
import type { LeadStore } from '../../../../src/lib/leads/store.ts';
import type { LeadIdFactory } from '../../../../src/server/lead-id.ts';
import { SqliteIntakeStore } from '../../../../src/server/intake/sqlite-intake-store.ts';
import { PostgresIntakeStore } from '../../../../src/server/postgres/intake-store.ts';
import { PostgresLeadStore } from '../../../../src/server/postgres/lead-store.ts';
import { createTestDatabase } from '../../../support/postgres.ts';
import { useStoreFile } from './store-file.ts';

/** An intake store as the tests hold it: the contract, and a way to let go of it. */
export type ClosableIntakeStore = IntakeStore & { close(): Promise<void> };

/** What the intake store contract tests open stores with, per test, whichever the store. */
export interface IntakeStoreHarness {
  /** Opens an intake store on this test's database; every store opened is closed after the test. */
  openStore(options?: { newId?: LeadIdFactory }): Promise<ClosableIntakeStore>;
  /** Opens the lead store, read-only, on the same database; closed after the test. */
  openLeadStore(): Promise<LeadStore>;
  /** Runs SQL (written to mean the same in SQLite and PostgreSQL) through a connection of its own, as an operator would. */
  queryOther(sql: string, params?: readonly (string | number | null)[]): Promise<Record<string, unknown>[]>;
  /** How the database words a session for a user id it does not have. */
  foreignKeyError: RegExp;
}

export interface IntakeStoreKind {
  name: string;
  /** Registers the per-test set-up and tear-down (call it in a describe block) and returns the harness. */
  use(): IntakeStoreHarness;
}

const sqlite: IntakeStoreKind = {
  name: 'SQLite',
  use() {
    const file = useStoreFile();
    const open: SqliteIntakeStore[] = [];
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
    });
    return {
      openStore(options = {}) {
        const store = SqliteIntakeStore.open({ path: file.path, ...options });
        open.push(store);
        return Promise.resolve(store);
      },
      openLeadStore: () => Promise.resolve(file.openStore({ readOnly: true })),
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
      foreignKeyError: /FOREIGN KEY constraint failed/,
    };
  },
};

const postgres: IntakeStoreKind = {
  name: 'PostgreSQL',
  use() {
    let url = '';
    const open: { close(): Promise<void> }[] = [];
    beforeEach(async () => {
      url = await createTestDatabase(inject('postgresAdminUrl'), 'intake');
    });
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
    });
    return {
      async openStore(options = {}) {
        const store = await PostgresIntakeStore.open({ url, ...options });
        open.push(store);
        return store;
      },
      async openLeadStore() {
        const store = await PostgresLeadStore.open({ url, readOnly: true });
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
      foreignKeyError: /violates foreign key constraint "intake_sessions_user_id_fkey"/,
    };
  },
};

/** Both intake stores, for `describe.each(INTAKE_STORE_KINDS)('$name', …)`: one contract, two stores. */
export const INTAKE_STORE_KINDS: readonly IntakeStoreKind[] = [sqlite, postgres];
