// The floor for `npm run bench:leads`: the least a durable lead endpoint can cost on this machine.
// A bare node:http server that reads each POST body, parses it as JSON and inserts one row into the
// same `leads` table (same migrations) through node:sqlite with WAL and synchronous=FULL, one
// autocommit transaction (one fsync) per request, then answers 201 {"id","status"} like Carepath.
// No validation, routing, duplicate checks or Astro.
// Usage: PORT=0 HOST=127.0.0.1 LEADS_DB=/tmp/x/leads.db node test/bench/leads-floor.ts
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { DatabaseSync } from 'node:sqlite';
import { createLeadIdFactory } from '../../src/server/lead-id.ts';
import { applyMigrations, LEAD_MIGRATIONS } from '../../src/server/sqlite-migrations.ts';

const path = process.env['LEADS_DB'];
if (path === undefined || path === '') throw new Error('Set LEADS_DB to the database file to create.');
const host = process.env['HOST'] ?? '127.0.0.1';
const port = Number(process.env['PORT'] ?? '0');

const db = new DatabaseSync(path, { timeout: 5000 });
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
applyMigrations(db, LEAD_MIGRATIONS);
const insert = db.prepare(
  `INSERT INTO leads (id, created_at, lead_type, status, fields, attribution, route_queue,
     route_priority, route_response_target_minutes, route_matched_rule, score, flags, fit,
     submission_key, content_hash)
   VALUES (?, ?, ?, 'new', ?, '{}', 'intake', 'normal', 240, NULL, 0, '[]', '{}', ?, ?)`,
);
const newId = createLeadIdFactory();

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(text) as { leadType?: unknown; submissionKey?: unknown };
      const now = new Date();
      const id = newId(now);
      const key = typeof body.submissionKey === 'string' ? body.submissionKey : null;
      const hash = createHash('sha256').update(text).digest('hex');
      insert.run(id, now.toISOString(), String(body.leadType), text, key, hash);
      response.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ id, status: 'new' }));
    } catch {
      response.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
      response.end('{"error":"bad request"}');
    }
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
      db.close();
      process.exit(0);
    }),
  );
}
