// The floor for `npm run bench:leads -- --store postgres`: the least a durable lead endpoint on
// PostgreSQL can cost on this machine. A bare node:http server that reads each POST body, parses it
// as JSON and inserts one row into the same `leads` table (same migrations) with one statement, its
// own implicit transaction (one WAL flush at its commit), through `pg` and the pool Carepath uses
// (createPostgresPool: 10 connections by default, synchronous_commit=on), then answers 201
// {"id","status"} like Carepath. No validation, routing, duplicate checks or Astro.
// Usage: PORT=0 HOST=127.0.0.1 LEADS_DATABASE_URL=postgres://… node test/bench/leads-floor-postgres.ts
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { createLeadIdFactory } from '../../src/server/lead-id.ts';
import { createPostgresPool } from '../../src/server/postgres/connection.ts';
import { applyPostgresMigrations, POSTGRES_LEAD_MIGRATIONS } from '../../src/server/postgres/migrations.ts';

const url = process.env['LEADS_DATABASE_URL'];
if (url === undefined || url === '') throw new Error('Set LEADS_DATABASE_URL to the database to use.');
const host = process.env['HOST'] ?? '127.0.0.1';
const port = Number(process.env['PORT'] ?? '0');

const pool = createPostgresPool({ url });
await applyPostgresMigrations(pool, POSTGRES_LEAD_MIGRATIONS);
const INSERT = `INSERT INTO leads (id, created_at, lead_type, status, fields, attribution, route_queue,
     route_priority, route_response_target_minutes, route_matched_rule, score, flags, fit,
     submission_key, content_hash)
   VALUES ($1, $2, $3, 'new', $4::jsonb, '{}', 'intake', 'normal', 240, NULL, 0, '[]', '{}', $5, $6)`;
const newId = createLeadIdFactory();

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void (async () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        const body = JSON.parse(text) as { leadType?: unknown; submissionKey?: unknown };
        const now = new Date();
        const id = newId(now);
        const key = typeof body.submissionKey === 'string' ? body.submissionKey : null;
        const hash = createHash('sha256').update(text).digest('hex');
        await pool.query(INSERT, [id, now, String(body.leadType), text, key, hash]);
        response.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ id, status: 'new' }));
      } catch {
        response.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
        response.end('{"error":"bad request"}');
      }
    })();
  });
});
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  console.log(`Floor server is serving the site at http://${host}:${actual}/`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () =>
    server.close(() => {
      void pool.end().finally(() => process.exit(0));
    }),
  );
}
