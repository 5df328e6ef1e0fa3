import { Agent, createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '@/lib/leads/store.ts';
import { parseTrustedProxies } from '@/server/http/client-address.ts';
import { createFrontDoor } from '@/server/http/front-door.ts';
import { createLeadRoute } from '@/server/http/lead-route.ts';
import { getRequestContext } from '@/server/http/request-context.ts';
import type { LeadEndpointResult } from '@/server/lead-endpoint.ts';
import { createRateLimiter } from '@/server/rate-limiter.ts';
import { SqliteLeadStore } from '@/server/sqlite-lead-store.ts';
import { makeTempDir } from '../support/leads.ts';
import { ONE_CLINIC_SITE } from '../support/lead-site.ts';
import { sendRequest, type RawResponse } from '../../../support/raw-request.ts';

/**
 * POST /api/leads answered by the front door's lead route, on a real loopback socket and a real
 * SQLite store, in front of a stand-in for the Astro handler that records what reached it: only
 * the answers that are pages (the form again, a refusal for a person) may.
 */
const SITE = 'https://clinic.example';
const site = ONE_CLINIC_SITE;
const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const lead = { leadType: 'patient', name: 'Ana Ruiz', phone: '5035550142', timing: 'flexible', consent: 'yes' };

let server: Server;
let port: number;
let store: LeadStore;
let remove: () => void;
const toAstro: { url: string | undefined; result: LeadEndpointResult | undefined }[] = [];
const lines: string[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  const dir = makeTempDir();
  remove = dir.remove;
  store = SqliteLeadStore.open({ path: `${dir.dir}/leads.db` });
  const door = createFrontDoor({
    servedOrigins: new Set([SITE]),
    trustedProxies: parseTrustedProxies(''),
    leadRoute: createLeadRoute({ store: () => store, site, limiter: createRateLimiter({ capacity: 1000, refillMs: 1 }), secret: 'unit', log: (line) => lines.push(line) }),
    handler: (req, res) => {
      toAstro.push({ url: req.url, result: getRequestContext()?.leadResult });
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>page</p>');
    },
  });
  server = createServer(door);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => {
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
  remove();
});

/** A post through one kept-alive connection, so that a test sees whether the server left it usable. */
function post(options: { path?: string; headers: Record<string, string>; body: string }): Promise<RawResponse> {
  const headers = { host: 'clinic.example', origin: SITE, ...options.headers };
  return sendRequest({ url: `http://127.0.0.1:${port}${options.path ?? '/api/leads'}`, method: 'POST', headers, body: options.body, agent });
}

const count = async () => (await store.list({ limit: 1000 })).length;

describe('the lead route ahead of Astro', () => {
  it('answers a JSON lead itself: 201 with its id, stored, Astro never asked', async () => {
    const before = { astro: toAstro.length, stored: await count() };
    const answer = await post({ headers: { 'content-type': JSON_TYPE }, body: JSON.stringify({ ...lead, name: 'Json Route' }) });
    expect(answer.status).toBe(201);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.headers['cache-control']).toBe('no-store');
    const { id } = JSON.parse(answer.body) as { id: string };
    expect((await store.get(id))?.fields['name']).toBe('Json Route');
    expect(await count()).toBe(before.stored + 1);
    expect(toAstro.length).toBe(before.astro);
    expect(lines.at(-1)).toContain(id);
  });

  it('answers a form post that is stored with 303 to the thank-you page, at /api/leads/ too', async () => {
    const before = toAstro.length;
    const form = new URLSearchParams({ leadType: 'patient', 'patient.name': 'Form Route', 'patient.phone': '5035550142', 'patient.timing': 'flexible', consent: 'yes' });
    const answer = await post({ path: '/api/leads/', headers: { 'content-type': FORM_TYPE, accept: BROWSER }, body: form.toString() });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toMatch(/^\/thank-you\//);
    expect(toAstro.length).toBe(before);
  });

  it('hands Astro the form to show again, with what was typed and the errors, without the body', async () => {
    const form = new URLSearchParams({ leadType: 'patient', 'patient.name': 'Half Typed', consent: 'yes' });
    const answer = await post({ headers: { 'content-type': FORM_TYPE, accept: BROWSER }, body: form.toString() });
    expect(answer).toMatchObject({ status: 200, body: '<p>page</p>' });
    const handed = toAstro.at(-1);
    expect(handed?.url).toBe('/api/leads');
    expect(handed?.result).toMatchObject({ kind: 'form', status: 422, values: { 'patient.name': 'Half Typed' }, errors: { 'patient.timing': expect.any(String) } });
  });

  it('hands Astro a refusal for a person, whose body it never read, and the connection still takes the next lead', async () => {
    const refused = await post({ headers: { 'content-type': FORM_TYPE, accept: BROWSER, origin: 'https://evil.example' }, body: `leadType=patient&message=${'x'.repeat(20_000)}` });
    expect(refused.status).toBe(200);
    expect(toAstro.at(-1)?.result).toMatchObject({ kind: 'refusal', refusal: { status: 403 } });
    const next = await post({ headers: { 'content-type': JSON_TYPE }, body: JSON.stringify({ ...lead, name: 'After Refusal' }) });
    expect(next.status).toBe(201);
  });

  it('answers a refusal to a script itself, as JSON', async () => {
    const before = toAstro.length;
    const answer = await post({ headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringContaining('application/json') });
    expect(toAstro.length).toBe(before);
  });
});
