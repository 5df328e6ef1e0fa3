import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustedProxies } from '@/server/http/client-address.ts';
import { createFrontDoor } from '@/server/http/front-door.ts';
import { getRequestContext } from '@/server/http/request-context.ts';

/**
 * The front door in process, on a real loopback socket, in front of a stand-in for the Astro
 * handler that reports what reached it. The built server's own tests are in
 * test/integration/server/hostile-network.test.ts.
 */
interface Seen {
  url: string | undefined;
  forwardedFor: string | undefined;
  forwardedHost: string | undefined;
  forwardedProto: string | undefined;
  clientAddress: string | undefined;
  servedOrigins: string[] | undefined;
}

let server: Server;
let port: number;
let seen: Seen[] = [];
const SITE = 'https://clinic.example';

beforeAll(async () => {
  const door = createFrontDoor({
    servedOrigins: new Set([SITE, 'http://127.0.0.1:1']),
    trustedProxies: parseTrustedProxies('10.9.9.9'),
    redirects: new Map([
      ['/locations/lancaster/', '/locations/'],
      ['/locations/lancaster', '/locations/'],
    ]),
    handler: (req, res) => {
      const context = getRequestContext();
      seen.push({
        url: req.url,
        forwardedFor: req.headers['x-forwarded-for'] as string | undefined,
        forwardedHost: req.headers['x-forwarded-host'] as string | undefined,
        forwardedProto: req.headers['x-forwarded-proto'] as string | undefined,
        clientAddress: context?.clientAddress,
        servedOrigins: context ? [...context.servedOrigins] : undefined,
      });
      res.end('ok');
    },
  });
  server = createServer(door);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(options: { method?: string; path?: string; headers?: Record<string, string> }): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: { host: 'clinic.example', ...options.headers }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('createFrontDoor', () => {
  it.each([
    ['GET', '/locations/lancaster/', '/locations/', 'Moved to /locations/\n'],
    ['HEAD', '/locations/lancaster', '/locations/', ''],
    ['GET', '/locations/lancaster/?utm_source=gbp&utm_campaign=lancaster', '/locations/?utm_source=gbp&utm_campaign=lancaster', 'Moved to /locations/?utm_source=gbp&utm_campaign=lancaster\n'],
  ])('%s %s (an old page path) → 301 to %s, with the security headers, never reaching the handler', async (method, path, location, body) => {
    seen = [];
    const answer = await send({ method, path });
    expect([answer.status, answer.headers.location, answer.body]).toEqual([301, location, body]);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(seen).toEqual([]);
  });

  it('does not redirect a method pages do not answer, nor for a host it does not serve', async () => {
    expect((await send({ method: 'POST', path: '/locations/lancaster/' })).status).toBe(405);
    expect((await send({ path: '/locations/lancaster/', headers: { host: 'evil.example' } })).status).toBe(421);
  });

  it('hands a request for a host it serves to the handler, with the client address from the socket and no query string', async () => {
    seen = [];
    const answer = await send({ path: '/locations/?email=a@b.example', headers: { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } });
    expect(answer.status).toBe(200);
    expect(seen).toEqual([
      { url: '/locations/', forwardedFor: '127.0.0.1', forwardedHost: undefined, forwardedProto: undefined, clientAddress: '127.0.0.1', servedOrigins: [SITE, 'http://127.0.0.1:1'] },
    ]);
    // Not from a trusted proxy: no HSTS, whatever X-Forwarded-Proto says.
    expect(answer.headers['strict-transport-security']).toBeUndefined();
    expect(answer.headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self';/);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['x-frame-options']).toBe('DENY');
  });

  it.each([
    ['clinic.example:443', 200],
    ['CLINIC.EXAMPLE', 200],
    ['127.0.0.1:1', 200],
    ['clinic.example:8443', 421],
    ['evil.example', 421],
  ])('Host %s → %s', async (host, status) => {
    expect((await send({ headers: { host } })).status).toBe(status);
  });

  it('refuses a host it does not serve in plain text, or in JSON to a JSON client, and closes the connection', async () => {
    seen = [];
    const text = await send({ headers: { host: 'evil.example' } });
    expect([text.status, text.body, text.headers['content-type'], text.headers['connection'], text.headers['cache-control']]).toEqual([
      421,
      'This server does not serve that host name.\n',
      'text/plain; charset=utf-8',
      'close',
      'no-store',
    ]);
    const json = await send({ headers: { host: 'evil.example', accept: 'application/json' } });
    expect([json.headers['content-type'], JSON.parse(json.body)]).toEqual(['application/json; charset=utf-8', { error: 'This server does not serve that host name.' }]);
    expect(json.headers['content-security-policy']).toBeDefined();
    expect(seen).toEqual([]);
  });

  it.each([
    ['TRACE', '/', 'GET, HEAD'],
    ['POST', '/', 'GET, HEAD'],
    ['GET', '/api/leads', 'POST'],
    ['DELETE', '/api/leads/', 'POST'],
    ['PUT', '/api/form-token', 'GET, HEAD'],
  ])('%s %s → 405, Allow: %s, never reaching the handler', async (method, path, allow) => {
    seen = [];
    const answer = await send({ method, path, headers: { 'content-type': 'application/json' } });
    expect([answer.status, answer.headers['allow'], JSON.parse(answer.body)]).toEqual([405, allow, { error: `Use ${allow.replace(', ', ' or ')} here.` }]);
    expect(seen).toEqual([]);
  });

  it('answers HEAD refusals without a body', async () => {
    const answer = await send({ method: 'HEAD', path: '/api/leads' });
    expect([answer.status, answer.body, answer.headers['content-length']]).toEqual([405, '', String(Buffer.byteLength('Use POST here.\n'))]);
  });

  it('keeps the image endpoint and the intake inbox their query strings, and no other path', async () => {
    seen = [];
    await send({ path: '/_image?href=%2F_astro%2Flogo.svg&w=160' });
    await send({ path: '/intake/?queue=urgent-care-desk&page=2' });
    await send({ path: '/intake?status=new' });
    await send({ path: '/intakes/?x=1' });
    expect(seen.map((s) => s.url)).toEqual(['/_image?href=%2F_astro%2Flogo.svg&w=160', '/intake/?queue=urgent-care-desk&page=2', '/intake?status=new', '/intakes/']);
  });
});
