// The floor for `npm run bench:leads`: the least a durable lead endpoint can cost on this machine.
// A bare node:http server that reads each POST body, parses it as JSON and inserts one row into the
// same `leads` table (same migrations) through node:sqlite with WAL and synchronous=FULL, one
// autocommit transaction (one fsync) per request, then answers 201 {"id","status"} like Carepath.
// The server itself: floor-server.ts.
// Usage: PORT=0 HOST=127.0.0.1 LEADS_DB=/tmp/x/leads.db node test/bench/leads-floor.ts
import { DatabaseSync } from 'node:sqlite';
import { applyMigrations, LEAD_MIGRATIONS } from '../../src/server/sqlite-migrations.ts';
import { serveFloor } from './floor-server.ts';

const path = process.env['LEADS_DB'];
if (path === undefined || path === '') throw new Error('Set LEADS_DB to the database file to create.');

const db = new DatabaseSync(path, { timeout: 5000 });
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
applyMigrations(db, LEAD_MIGRATIONS);
const insert = db.prepare(
  `INSERT INTO leads (id, created_at, lead_type, status, fields, attribution, route_queue,
     route_priority, route_response_target_minutes, route_matched_rule, score, flags, fit,
     submission_key, content_hash)
   VALUES (?, ?, ?, 'new', ?, '{}', 'intake', 'normal', 240, NULL, 0, '[]', '{}', ?, ?)`,
);
serveFloor({
  insert: (row) => void insert.run(row.id, row.createdAt.toISOString(), row.leadType, row.fields, row.submissionKey, row.contentHash),
  close: () => db.close(),
});
