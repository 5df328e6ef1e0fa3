import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What one request brought: its headers and its body exactly as received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers one request; may leave it unanswered (for timeouts). */
export type Answer = (res: ServerResponse, request: ReceivedRequest) => void;

export interface WebhookReceiver {
  /** http://127.0.0.1:<port>/hooks/carepath */
  url: URL;
  received: ReceivedRequest[];
  /** TCP connections accepted so far. */
  connections: () => number;
  /** TCP connections open now. */
  openConnections: () => number;
  /** Answers for the next requests, in order; once they are used up, 204. */
  answer: (...answers: Answer[]) => void;
  close: () => Promise<void>;
}

/** The headers a Standard Webhooks verifier reads, as strings. */
export function getWebhookHeaders(request: ReceivedRequest): Record<string, string> {
  const header = (name: string) => String(request.headers[name] ?? '');
  return { 'webhook-id': header('webhook-id'), 'webhook-timestamp': header('webhook-timestamp'), 'webhook-signature': header('webhook-signature') };
}

/** A real HTTP receiver on 127.0.0.1 and a port the system picks. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const answers: Answer[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      const answer = answers.shift() ?? ((response) => response.writeHead(204).end());
      answer(res, request);
    });
  });
  let connections = 0;
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections += 1;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/hooks/carepath`),
    received,
    connections: () => connections,
    openConnections: () => open.size,
    answer: (...next) => answers.push(...next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL nothing listens on: a port the system gave out and took back. */
export async function getClosedPortUrl(): Promise<URL> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return new URL(`http://127.0.0.1:${port}/hooks/carepath`);
}
