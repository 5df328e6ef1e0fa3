import { afterEach, describe, expect, it } from 'vitest';
import { makeLeadsDb, startServer, type RunningServer } from '../../support/built-server.ts';
import { listLeads } from './leads.ts';

const valid = { leadType: 'patient', name: 'Ana Ruiz', phone: '503 555 0142', timing: 'flexible', consent: true };
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});
async function start(leadsDb: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const server = await startServer({ leadsDb, env: { LEAD_RATE_LIMIT: '100000', ...env } });
  cleanup.push(() => server.kill());
  return server;
}

describe('an acknowledged lead survives a SIGKILL of the server', () => {
  it('right after 201 (JSON) and 303 (form), ten times each', async () => {
    const db = makeLeadsDb();
    cleanup.push(db.remove);
    const acknowledged: string[] = [];
    for (let round = 0; round < 10; round++) {
      const server = await start(db.path);
      const name = `Crash ${round}`;
      const json = await fetch(`${server.origin}/api/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.origin },
        body: JSON.stringify({ ...valid, name: `${name} json` }),
      });
      expect(json.status).toBe(201);
      acknowledged.push(`${name} json`);
      const form = await fetch(`${server.origin}/api/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin },
        body: new URLSearchParams({ leadType: 'patient', 'patient.name': `${name} form`, 'patient.phone': '5035550100', 'patient.timing': 'asap', consent: 'yes' }).toString(),
        redirect: 'manual',
      });
      expect(form.status).toBe(303);
      acknowledged.push(`${name} form`);
      await server.kill();
    }
    const restarted = await start(db.path);
    expect((await fetch(`${restarted.origin}/`)).status).toBe(200);
    expect(
      listLeads(db.path)
        .map((lead) => lead.fields['name'])
        .sort(),
    ).toEqual(acknowledged.sort());
  });
});

describe('the per-client rate limit', () => {
  it('answers 429 with Retry-After past the limit, per client, trusting X-Forwarded-For only from the proxy', async () => {
    const db = makeLeadsDb();
    cleanup.push(db.remove);
    const server = await start(db.path, { LEAD_RATE_LIMIT: '3', TRUSTED_PROXIES: '127.0.0.1' });
    let sent = 0;
    const send = (client: string) =>
      fetch(`${server.origin}/api/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.origin, 'x-forwarded-for': client },
        // Different content each time, so the duplicate check does not merge them.
        body: JSON.stringify({ ...valid, name: `Client ${client} ${sent++}` }),
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send('203.0.113.1')).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const limited = await send('203.0.113.1');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()) as unknown).toMatchObject({ error: expect.stringMatching(/Too many requests/) });
    expect((await send('203.0.113.2')).status).toBe(201);
    // Only the leads that were acknowledged are stored.
    expect(listLeads(db.path)).toHaveLength(4);
  });
});

describe('security headers', () => {
  it('are on pages, assets and API answers alike', async () => {
    const db = makeLeadsDb();
    cleanup.push(db.remove);
    const server = await start(db.path);
    const page = await fetch(`${server.origin}/locations/hawthorne/`);
    const html = await page.text();
    const asset = /href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    for (const path of ['/locations/hawthorne/', asset ?? '', '/api/form-token', '/no-such-page/']) {
      const response = await fetch(`${server.origin}${path}`);
      expect(response.headers.get('content-security-policy'), path).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
    const behindProxy = await start(db.path, { TRUSTED_PROXIES: '127.0.0.1' });
    const tls = await fetch(`${behindProxy.origin}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers.get('strict-transport-security')).toMatch(/^max-age=/);
  });

  it('logs one line per lead without personal data', async () => {
    const db = makeLeadsDb();
    cleanup.push(db.remove);
    const server = await start(db.path);
    let output = '';
    server.process.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.process.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const response = await fetch(`${server.origin}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify({ ...valid, name: 'Private Person', email: 'private@example.com', phone: '503 555 0199' }),
    });
    const { id } = (await response.json()) as { id: string };
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(output).toContain(`lead ${id} type=patient`);
    for (const secret of ['Private Person', 'private@example.com', '555 0199', '5550199']) expect(output).not.toContain(secret);
  });
});
