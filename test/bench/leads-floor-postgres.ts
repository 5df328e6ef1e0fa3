// The floor for `npm run bench:leads -- --store postgres`: the least a durable lead endpoint on
// PostgreSQL can cost on this machine. A bare node:http server that reads each POST body, parses it
// as JSON and inserts one row into the same `leads` table (same migrations) with one statement, its
// own implicit transaction (one WAL flush at its commit), through `pg` and the pool Carepath uses
// (createPostgresPool: 10 connections by default, synchronous_commit=on), then answers 201
// {"id","status"} like Carepath (the server itself: floor-server.ts).
// Usage: PORT=0 HOST=127.0.0.1 LEADS_DATABASE_URL=postgres://… node test/bench/leads-floor-postgres.ts
import { createPostgresPool } from '../../src/server/postgres/connection.ts';
import { applyPostgresMigrations, POSTGRES_LEAD_MIGRATIONS } from '../../src/server/postgres/migrations.ts';
import { serveFloor } from './floor-server.ts';

const url = process.env['LEADS_DATABASE_URL'];
if (url === undefined || url === '') throw new Error('Set LEADS_DATABASE_URL to the database to use.');

const pool = createPostgresPool({ url });
await applyPostgresMigrations(pool, POSTGRES_LEAD_MIGRATIONS);
const INSERT = `INSERT INTO leads (id, created_at, lead_type, status, fields, attribution, route_queue,
     route_priority, route_response_target_minutes, route_matched_rule, score, flags, fit,
     submission_key, content_hash)
   VALUES ($1, $2, $3, 'new', $4::jsonb, '{}', 'intake', 'normal', 240, NULL, 0, '[]', '{}', $5, $6)`;
serveFloor({
  insert: async (row) => void (await pool.query(INSERT, [row.id, row.createdAt, row.leadType, row.fields, row.submissionKey, row.contentHash])),
  close: () => pool.end(),
});
