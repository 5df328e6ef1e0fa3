// What both floors of `npm run bench:leads` share: a bare node:http server on HOST and PORT that
// reads each POST body, parses it as JSON, hands the store one row and answers 201 {"id","status"}
// like Carepath (400 for a body it cannot read); it logs its address as the built server does,
// and closes the store on SIGINT or SIGTERM. No validation, routing, duplicate checks or Astro.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { createLeadIdFactory } from '../../src/server/lead-id.ts';

/** The one row a floor stores per request. */
export interface FloorRow {
  id: string;
  createdAt: Date;
  leadType: string;
  /** The body as sent, stored as the lead's fields. */
  fields: string;
  submissionKey: string | null;
  contentHash: string;
}

export function serveFloor(store: { insert: (row: FloorRow) => void | Promise<void>; close: () => void | Promise<void> }): void {
  const host = process.env['HOST'] ?? '127.0.0.1';
  const port = Number(process.env['PORT'] ?? '0');
  const newId = createLeadIdFactory();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        try {
          const text = Buffer.concat(chunks).toString('utf8');
          const body = JSON.parse(text) as { leadType?: unknown; submissionKey?: unknown };
          const createdAt = new Date();
          const id = newId(createdAt);
          const submissionKey = typeof body.submissionKey === 'string' ? body.submissionKey : null;
          await store.insert({ id, createdAt, leadType: String(body.leadType), fields: text, submissionKey, contentHash: createHash('sha256').update(text).digest('hex') });
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
        void Promise.resolve(store.close()).finally(() => process.exit(0));
      }),
    );
  }
}
