// Where `npm run bench:leads` keeps the leads (--store): a fresh SQLite file per case, or a fresh
// database per case on a PostgreSQL server the benchmark starts itself (test/support/postgres.ts,
// as the tests do). Everything that differs between the two stores is here; leads.ts only asks.
// Runs under plain Node 24 (type stripping): erasable TypeScript and relative .ts imports only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase, dropTestDatabase, startPostgres } from '../support/postgres.ts';

export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** A store the benchmark started: what each case's database is made on, and what the report says of it. */
export interface BenchStore {
  kind: StoreKind;
  /** The server program and version, such as "PostgreSQL 15.18 (Debian …)". */
  server: string;
  /** The settings that decide when a write is durable, as the store reports them. */
  settings: Record<string, string>;
  /** The floor for this store (bare node:http + the same driver) and how the case title names it. */
  floor: { script: string; title: string };
  /** The processes the store runs (a PostgreSQL server's postmaster): their CPU, and their children's, is the benchmark's. */
  pids(): number[];
  /** A new, empty database for one case; the servers migrate it when they start. */
  createDatabase(): Promise<BenchDatabase>;
  /** Stops what the store started and deletes its files. */
  close(): Promise<void>;
}

export interface BenchDatabase {
  /** What points a server (Carepath or the floor) at it: LEADS_DB or LEADS_DATABASE_URL. */
  env: Record<string, string>;
  /** The SQLite file's path, or the PostgreSQL database's URL. */
  location: string;
  /** Runs one query; for after the servers using the database have exited. The tables are the same in both stores. */
  readRows(sql: string): Promise<Record<string, unknown>[]>;
  /** Deletes the database. */
  remove(): Promise<void>;
}

const floorScript = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export function startBenchStore(kind: StoreKind): Promise<BenchStore> {
  return kind === 'sqlite' ? Promise.resolve(openSqliteStore()) : startPostgresStore();
}

function openSqliteStore(): BenchStore {
  const probe = new DatabaseSync(':memory:');
  const version = String(probe.prepare('SELECT sqlite_version() AS v').get()?.['v']);
  probe.close();
  return {
    kind: 'sqlite',
    server: `SQLite ${version} (node:sqlite)`,
    // What the SqliteLeadStore and the floor set on their connection (src/server/sqlite-connection.ts).
    settings: { journal_mode: 'wal', synchronous: 'full' },
    floor: { script: floorScript('leads-floor.ts'), title: 'node:http + node:sqlite' },
    pids: () => [],
    createDatabase: () => {
      const dir = mkdtempSync(join(tmpdir(), 'carepath-bench-'));
      const path = join(dir, 'leads.db');
      return Promise.resolve({
        env: { LEADS_DB: path },
        location: path,
        readRows: (sql) => {
          const db = new DatabaseSync(path, { readOnly: false, timeout: 5000 });
          try {
            return Promise.resolve(db.prepare(sql).all());
          } finally {
            db.close();
          }
        },
        remove: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      });
    },
    close: () => Promise.resolve(),
  };
}

// The settings a report names: none is changed from PostgreSQL's defaults (fsync on, synchronous_commit on).
const DURABILITY_SETTINGS = ['fsync', 'synchronous_commit', 'commit_delay', 'wal_sync_method', 'full_page_writes', 'wal_level', 'shared_buffers', 'max_connections'];

async function startPostgresStore(): Promise<BenchStore> {
  const server = await startPostgres();
  try {
    const client = new pg.Client({ connectionString: server.url() });
    await client.connect();
    let version: string;
    let settings: Record<string, string>;
    try {
      version = String((await client.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v);
      const { rows } = await client.query<{ name: string; setting: string; unit: string | null }>('SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name', [
        DURABILITY_SETTINGS,
      ]);
      settings = Object.fromEntries(rows.map((row) => [row.name, formatSetting(row.setting, row.unit)]));
    } finally {
      await client.end();
    }
    return {
      kind: 'postgres',
      server: version.replace(/ on .*$/, ''),
      settings,
      floor: { script: floorScript('leads-floor-postgres.ts'), title: 'node:http + pg' },
      pids: () => (server.pid === null ? [] : [server.pid]),
      createDatabase: async () => {
        const url = await createTestDatabase(server.url(), 'bench');
        return {
          env: { LEADS_DATABASE_URL: url },
          location: url,
          readRows: async (sql) => {
            const reader = new pg.Client({ connectionString: url });
            await reader.connect();
            try {
              return (await reader.query(sql)).rows as Record<string, unknown>[];
            } finally {
              await reader.end();
            }
          },
          remove: () => dropTestDatabase(server.url(), url),
        };
      },
      close: () => server.remove(),
    };
  } catch (error) {
    await server.remove();
    throw error;
  }
}

/** shared_buffers comes in 8 kB pages: "16384" × 8kB is printed as "128MB". */
function formatSetting(setting: string, unit: string | null): string {
  if (unit === '8kB') return `${(Number(setting) * 8) / 1024}MB`;
  return unit === null ? setting : `${setting}${unit}`;
}
