import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedResponse } from '@/lib/funnel/page-views.ts';
import { parseTrustedProxies } from '@/server/http/client-address.ts';
import { createFrontDoor } from '@/server/http/front-door.ts';

// The front door's onResponseFinish hook on a real loopback socket, in front of a stand-in for Astro.

let server: Server;
let port: number;
const heard: ServedResponse[] = [];
let finished: () => void = () => {};

beforeAll(async () => {
  const door = createFrontDoor({
    servedOrigins: new Set(['https://clinic.example']),
    trustedProxies: parseTrustedProxies(undefined),
    onResponseFinish: (response) => {
      heard.push(response);
      finished();
    },
    handler: (req, res) => {
      if (req.url === '/written-head/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>page</p>');
      else if (req.url === '/missing/') res.writeHead(404, { 'content-type': 'text/html' }).end('<p>no</p>');
      else {
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      }
    },
  });
  server = createServer(door);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function send(method: string, path: string, headers: Record<string, string> = {}): Promise<ServedResponse | undefined> {
  const before = heard.length;
  const done = new Promise<void>((resolve) => (finished = resolve));
  await new Promise<void>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: 'clinic.example', ...headers }, agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
  await done;
  return heard.length > before ? heard.at(-1) : undefined;
}

describe('createFrontDoor: onResponseFinish', () => {
  it('hears a page with its path (no query), status, content type from writeHead and the user agent', async () => {
    expect(await send('GET', '/written-head/?email=ada@example.org', { 'user-agent': 'Mozilla/5.0 test' })).toEqual({
      method: 'GET',
      path: '/written-head/',
      status: 200,
      contentType: 'text/html; charset=utf-8',
      userAgent: 'Mozilla/5.0 test',
    });
  });

  it('hears a response without a user agent, a 404, a HEAD, and a refusal made by the front door itself', async () => {
    expect(await send('GET', '/api/form-token')).toEqual({ method: 'GET', path: '/api/form-token', status: 200, contentType: 'application/json', userAgent: undefined });
    expect(await send('HEAD', '/missing/')).toMatchObject({ method: 'HEAD', status: 404, contentType: 'text/html' });
    expect(await send('DELETE', '/written-head/')).toMatchObject({ method: 'DELETE', path: '/written-head/', status: 405 });
  });
});
