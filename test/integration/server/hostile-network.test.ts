import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { readdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { makeLeadsDb, startServer, type RunningServer } from '../../support/built-server.ts';
import { listLeads } from '../endpoint/leads.ts';

/**
 * The built server against a hostile network, on real sockets: forged client addresses, foreign
 * Host and Origin headers, connections that never send a byte, slow bodies, and methods no route
 * answers. Each case was seen to give way before the server's front door (src/server/http/).
 */
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function start(env: Record<string, string> = {}): Promise<RunningServer & { output: () => string }> {
  const db = makeLeadsDb();
  const server = await startServer({ leadsDb: db.path, env });
  let output = '';
  server.process.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.process.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cleanup.push(() => server.stop(), db.remove);
  return Object.assign(server, { output: () => output });
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly these headers (fetch() would replace Host). */
function send(origin: string, options: { method?: string; path?: string; headers?: OutgoingHttpHeaders; body?: string | undefined }): Promise<RawResponse> {
  const url = new URL(options.path ?? '/', origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const lead = (n: number) => JSON.stringify({ leadType: 'patient', name: `Hostile Test ${n}`, phone: '503 555 0142', timing: 'flexible', consent: true });

describe('the client address behind a matching Host', () => {
  const SITE = 'https://clinic.example';
  const postLead = (server: RunningServer, n: number, headers: OutgoingHttpHeaders) =>
    send(server.origin, { method: 'POST', path: '/api/leads', body: lead(n), headers: { 'content-type': 'application/json', origin: SITE, host: 'clinic.example', ...headers } });

  it('comes from the socket: a new X-Forwarded-For (or X-Real-IP, Forwarded) on each post gets no new limit', async () => {
    const server = await start({ SITE_URL: SITE, LEAD_RATE_LIMIT: '5' });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const forged = `198.51.100.${i + 1}`;
      const headers = [{ 'x-forwarded-for': forged }, { 'x-real-ip': forged }, { forwarded: `for=${forged}` }, { 'x-forwarded-host': 'clinic.example', 'x-forwarded-for': forged }][i % 4] ?? {};
      statuses.push((await postLead(server, i, headers)).status);
    }
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    expect(listLeads(server.leadsDb)).toHaveLength(5);
  });

  it('from a trusted proxy, is the rightmost entry the proxy did not write for itself', async () => {
    const server = await start({ SITE_URL: SITE, LEAD_RATE_LIMIT: '5', TRUSTED_PROXIES: '127.0.0.1' });
    const statuses: number[] = [];
    // The client writes a new address each time; the proxy appends the one it saw.
    for (let i = 0; i < 30; i++) statuses.push((await postLead(server, i, { 'x-forwarded-for': `198.51.100.${i + 1}, 203.0.113.7` })).status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    // Someone else writing 203.0.113.7 to the left of their own address does not spend or get its limit.
    expect((await postLead(server, 100, { 'x-forwarded-for': '203.0.113.7, 203.0.113.8' })).status).toBe(201);
    // Through a chain of trusted proxies (a subnet is allowed too), the client is still found.
    const chained = await start({ SITE_URL: SITE, LEAD_RATE_LIMIT: '1', TRUSTED_PROXIES: '127.0.0.0/8, 10.0.0.0/8' });
    expect((await postLead(chained, 1, { 'x-forwarded-for': '192.0.2.1, 203.0.113.9, 10.1.2.3' })).status).toBe(201);
    expect((await postLead(chained, 2, { 'x-forwarded-for': '192.0.2.2, 203.0.113.9, 10.9.9.9' })).status).toBe(429);
  });
});

describe('Host and Origin', () => {
  const SITE = 'https://clinic.example';
  const json = { 'content-type': 'application/json' };
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const formBody = 'leadType=patient&patient.name=Hostile+Form&patient.phone=5035550142&patient.timing=flexible&consent=yes';

  it('a post naming another site in both Host and Origin is refused and stores nothing', async () => {
    const server = await start({ SITE_URL: SITE });
    const evil = { host: 'evil.example', origin: 'http://evil.example' };
    expect((await send(server.origin, { method: 'POST', path: '/api/leads', body: lead(1), headers: { ...json, ...evil } })).status).toBe(421);
    expect((await send(server.origin, { method: 'POST', path: '/api/leads', body: formBody, headers: { ...form, ...evil } })).status).toBe(421);
    // X-Forwarded-Host counts only from a trusted proxy.
    expect((await send(server.origin, { headers: { host: 'evil.example', 'x-forwarded-host': 'clinic.example' } })).status).toBe(421);
    // The site's own host is served, and so is the server's own address on this machine.
    expect((await send(server.origin, { headers: { host: 'clinic.example' } })).status).toBe(200);
    expect((await send(server.origin, { headers: { host: 'CLINIC.example:443' } })).status).toBe(200);
    expect((await send(server.origin, {})).status).toBe(200);
    expect(listLeads(server.leadsDb)).toHaveLength(0);
  });

  it('the Origin must be SITE_URL (or ALLOWED_ORIGINS), whatever the Host says', async () => {
    const server = await start({ SITE_URL: SITE, ALLOWED_ORIGINS: 'https://www.clinic.example' });
    const post = (origin: string, headers: OutgoingHttpHeaders, body = lead(1)) =>
      send(server.origin, { method: 'POST', path: '/api/leads', body, headers: { host: 'clinic.example', origin, ...headers } });
    expect((await post('http://evil.example', json)).status).toBe(403);
    expect((await post('http://clinic.example', json)).status).toBe(403); // not the public https origin
    expect((await post('http://evil.example', form, formBody)).status).toBe(403);
    expect(listLeads(server.leadsDb)).toHaveLength(0);
    expect((await post(SITE, json)).status).toBe(201);
    expect((await post('https://www.clinic.example', json, lead(2))).status).toBe(201);
    expect((await post(SITE, form, formBody)).status).toBe(303);
    expect(listLeads(server.leadsDb)).toHaveLength(3);
  });

  it('a server that cannot start names the variable', async () => {
    const db = makeLeadsDb();
    cleanup.push(db.remove);
    await expect(startServer({ leadsDb: db.path, env: { TRUSTED_PROXIES: '127.0.0.1, proxy.internal' } })).rejects.toThrow(/TRUSTED_PROXIES: "proxy.internal" is not an IP address/);
    await expect(startServer({ leadsDb: db.path, env: { ALLOWED_ORIGINS: 'www.clinic.example' } })).rejects.toThrow(/ALLOWED_ORIGINS: "www.clinic.example" is not an origin/);
  });
});

describe('methods', () => {
  it('a method the route does not answer gets 405 with Allow, and nothing reaches the log', async () => {
    const server = await start();
    const planted = 'planted.person@example.com';
    const cases: [string, string, string][] = [
      ['TRACE', '/', 'GET, HEAD'],
      ['TRACE', '/api/leads', 'POST'],
      ['PUT', '/locations/hawthorne/', 'GET, HEAD'],
      ['DELETE', '/api/leads', 'POST'],
      ['PATCH', '/api/leads/', 'POST'],
      ['OPTIONS', '/api/leads', 'POST'],
      ['GET', '/api/leads', 'POST'],
      ['HEAD', '/api/leads', 'POST'],
      ['POST', '/', 'GET, HEAD'],
      ['POST', '/api/form-token', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await send(server.origin, {
        method,
        path: `${path}?email=${planted}`,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' || method === 'HEAD' ? undefined : '{}',
      });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers['allow'], `${method} ${path}`).toBe(allow);
      expect(response.headers['content-security-policy'], `${method} ${path}`).toMatch(/default-src 'self'/);
    }
    // Pages, a missing page and a lead, each with personal data in the query string.
    expect((await send(server.origin, { path: `/?email=${planted}` })).status).toBe(200);
    expect((await send(server.origin, { path: `/no-such-page/?email=${planted}` })).status).toBe(404);
    // The image endpoint keeps its query (which image, what size); a query it does not expect is refused without a trace.
    const image = await send(server.origin, { path: `/_image?href=${planted}` });
    expect([400, 404]).toContain(image.status);
    const posted = await send(server.origin, { method: 'POST', path: `/api/leads?email=${planted}`, body: lead(1), headers: { 'content-type': 'application/json', origin: server.origin } });
    expect(posted.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output()).not.toContain(planted);
    expect(server.output()).not.toMatch(/\n\s+at /);
    expect(server.output()).not.toMatch(/error/i);
  });
});

describe('slow and silent clients', () => {
  const waitForClose = (socket: Socket) => new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
  const open = (origin: string) => {
    const url = new URL(origin);
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    socket.on('error', () => {});
    return socket;
  };

  it('2,000 connections that never send a byte are closed within 30 s, and pages answer meanwhile', async () => {
    const server = await start();
    const openFiles = () => readdirSync(`/proc/${server.process.pid}/fd`).length;
    const baseline = openFiles();
    const started = Date.now();
    const sockets = Array.from({ length: 2000 }, () => open(server.origin));
    let connected = 0;
    let closed = 0;
    for (const socket of sockets) {
      socket.once('connect', () => connected++);
      socket.once('close', () => closed++);
    }
    const until = async (done: () => boolean, ms: number) => {
      while (!done() && Date.now() - started < ms) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    await until(() => connected === sockets.length, 10_000);
    expect(connected).toBe(sockets.length);
    await until(() => openFiles() >= baseline + sockets.length, 10_000);
    expect(openFiles()).toBeGreaterThanOrEqual(baseline + sockets.length);
    const pages = await Promise.all(Array.from({ length: 20 }, () => send(server.origin, { path: '/locations/hawthorne/' }).then((r) => r.status)));
    expect(pages).toEqual(Array.from({ length: 20 }, () => 200));
    await until(() => closed === sockets.length, 30_000);
    expect(closed).toBe(sockets.length);
    expect(openFiles()).toBeLessThan(baseline + 20);
    expect((await send(server.origin, {})).status).toBe(200);
  }, 60_000);

  it('a POST sending a byte a second, and headers sent a byte a second, are cut within 30 s', async () => {
    const server = await start();
    const body = lead(1);
    const slowBody = open(server.origin);
    slowBody.write(`POST /api/leads HTTP/1.1\r\nHost: ${new URL(server.origin).host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nOrigin: ${server.origin}\r\n\r\n`);
    const slowHeaders = open(server.origin);
    const headers = `GET / HTTP/1.1\r\nHost: ${new URL(server.origin).host}\r\nX-Padding: ${'a'.repeat(100)}\r\n\r\n`;
    let i = 0;
    const drip = setInterval(() => {
      if (!slowBody.destroyed) slowBody.write(body.charAt(i % body.length));
      if (!slowHeaders.destroyed) slowHeaders.write(headers.charAt(i % headers.length));
      i++;
    }, 1000);
    const started = Date.now();
    const times = await Promise.all([waitForClose(slowBody), waitForClose(slowHeaders)]);
    clearInterval(drip);
    for (const time of times) expect(time - started).toBeLessThan(30_000);
    expect(listLeads(server.leadsDb)).toHaveLength(0);
  }, 60_000);
});
