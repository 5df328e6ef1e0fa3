import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, getSchemaVersion, LEAD_MIGRATIONS } from '../../../src/server/sqlite-migrations.ts';
import type { Migration } from '../../../src/server/sqlite-migrations.ts';
import { makeTempDir } from './support/leads.ts';

const steps: Migration[] = [
  { version: 1, name: 'create a', sql: 'CREATE TABLE a (x INTEGER) STRICT;' },
  { version: 2, name: 'create b', sql: 'CREATE TABLE b (y INTEGER) STRICT;' },
  { version: 3, name: 'create c', sql: 'CREATE TABLE c (z INTEGER) STRICT;' },
];

let temp: ReturnType<typeof makeTempDir>;
let db: DatabaseSync;

beforeEach(() => {
  temp = makeTempDir();
  db = new DatabaseSync(join(temp.dir, 'test.db'), { timeout: 1000 });
});

afterEach(() => {
  db.close();
  temp.remove();
});

const tables = () =>
  db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row['name']);

describe('applyMigrations', () => {
  it('applies every step to a new database and records each', () => {
    expect(getSchemaVersion(db)).toBe(0);
    expect(applyMigrations(db, steps, new Date('2026-03-01T00:00:00Z'))).toEqual([1, 2, 3]);
    expect(getSchemaVersion(db)).toBe(3);
    expect(tables()).toEqual(['a', 'b', 'c', 'schema_migrations']);
    expect(db.prepare('SELECT * FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1, name: 'create a', applied_at: '2026-03-01T00:00:00.000Z' },
      { version: 2, name: 'create b', applied_at: '2026-03-01T00:00:00.000Z' },
      { version: 3, name: 'create c', applied_at: '2026-03-01T00:00:00.000Z' },
    ]);
  });

  it('applies nothing to an up-to-date database', () => {
    applyMigrations(db, steps);
    const before = db.prepare('SELECT * FROM schema_migrations').all();
    expect(applyMigrations(db, steps)).toEqual([]);
    expect(db.prepare('SELECT * FROM schema_migrations').all()).toEqual(before);
  });

  it('only reads an up-to-date database: it neither waits for nor takes the write lock', () => {
    applyMigrations(db, steps);
    const impatient = new DatabaseSync(join(temp.dir, 'test.db'), { timeout: 0 });
    db.exec('BEGIN IMMEDIATE');
    try {
      expect(applyMigrations(impatient, steps)).toEqual([]);
      expect(impatient.isTransaction).toBe(false);
    } finally {
      db.exec('ROLLBACK');
      impatient.close();
    }
  });

  it('reads an empty migrations table as a new database', () => {
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
    expect(getSchemaVersion(db)).toBe(0);
    expect(applyMigrations(db, steps)).toEqual([1, 2, 3]);
  });

  it('fails with the lock error when another connection holds the write lock', () => {
    const path = join(temp.dir, 'test.db');
    const impatient = new DatabaseSync(path, { timeout: 0 });
    db.exec('BEGIN IMMEDIATE');
    try {
      expect(() => applyMigrations(impatient, steps)).toThrow('database is locked');
      expect(impatient.isTransaction).toBe(false);
    } finally {
      db.exec('ROLLBACK');
      impatient.close();
    }
  });

  it('upgrades a database at an older version with only the newer steps', () => {
    applyMigrations(db, steps.slice(0, 1));
    db.exec('INSERT INTO a VALUES (7)');
    expect(applyMigrations(db, steps)).toEqual([2, 3]);
    expect(getSchemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT x FROM a').all()).toEqual([{ x: 7 }]);
  });

  it('leaves the schema as it was when a step fails', () => {
    applyMigrations(db, steps.slice(0, 1));
    const broken: Migration[] = [...steps.slice(0, 2), { version: 3, name: 'broken', sql: 'CREATE TABLE d (z INTEGER) STRICT; SELECT nope;' }];
    expect(() => applyMigrations(db, broken)).toThrow(/no such column: nope/);
    expect(db.isTransaction).toBe(false);
    expect(getSchemaVersion(db)).toBe(1);
    expect(tables()).toEqual(['a', 'schema_migrations']);
  });

  it('refuses a database newer than the code', () => {
    applyMigrations(db, steps);
    expect(() => applyMigrations(db, steps.slice(0, 2))).toThrow(
      'The lead database is at schema version 3, newer than this code knows (2). Deploy the newer code, or restore a backup made for this version.',
    );
  });

  it('refuses steps that are not numbered 1, 2, 3…', () => {
    const gap = [steps[0], steps[2]] as Migration[];
    expect(() => applyMigrations(db, gap)).toThrow('Migration "create c" has version 3, expected 2: versions start at 1 and go up by one.');
    expect(getSchemaVersion(db)).toBe(0);
  });
});

describe('LEAD_MIGRATIONS', () => {
  it('names each step, as schema_migrations records it', () => {
    applyMigrations(db, LEAD_MIGRATIONS);
    const names = db
      .prepare('SELECT name FROM schema_migrations ORDER BY version')
      .all()
      .map((row) => row['name']);
    expect(names).toEqual(LEAD_MIGRATIONS.map((migration) => migration.name));
    for (const name of names) expect(String(name).length).toBeGreaterThan(5);
    expect(new Set(names).size).toBe(names.length);
  });

  it('is numbered from 1 without gaps', () => {
    expect(LEAD_MIGRATIONS.map((migration) => migration.version)).toEqual(LEAD_MIGRATIONS.map((_, index) => index + 1));
  });

  it('builds the leads table with a unique submission key and the lookup indexes', () => {
    applyMigrations(db, LEAD_MIGRATIONS);
    const indexes = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'leads' ORDER BY name").all();
    expect(indexes.map((row) => row['name'])).toEqual(['leads_by_content_hash', 'leads_by_created_at', 'leads_by_status', 'sqlite_autoindex_leads_1', 'sqlite_autoindex_leads_2']);
    const unique = db
      .prepare("PRAGMA index_list('leads')")
      .all()
      .filter((row) => row['unique'] === 1);
    const uniqueColumns = unique.flatMap((row) =>
      db
        .prepare(`PRAGMA index_info('${String(row['name'])}')`)
        .all()
        .map((info) => info['name']),
    );
    expect(uniqueColumns.sort()).toEqual(['id', 'submission_key']);
  });
});
