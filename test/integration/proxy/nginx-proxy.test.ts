import type { OutgoingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fillForm, readFormEntries } from '../../support/html-form.ts';
import { addUser, runCli, totp } from '../../support/intake-client.ts';
import { UPSTREAM_HEADER } from '../../support/nginx.ts';
import { makeSharedPostgresStore, startProxiedServers, type ProxiedServers } from '../../support/proxied-servers.ts';
import { getSetCookies, sendRequest, toCookieHeader, type RawResponse } from '../../support/raw-request.ts';
import { listLeads } from '../endpoint/leads.ts';

/**
 * Two built Carepath servers on one PostgreSQL database behind Debian's nginx terminating TLS with a
 * certificate made for the run, as a deployment would run them: TRUSTED_PROXIES is the address
 * nginx connects from (127.0.0.1), and the test's clients connect from other loopback addresses,
 * so that a client is never mistaken for the proxy.
 */
const HSTS = 'max-age=63072000; includeSubDomains';
const CLIENT = '127.0.0.2';
const OTHER_CLIENT = '127.0.0.3';
const PASSWORD = 'correct horse battery staple';

let cluster: ProxiedServers;
beforeAll(async () => {
  const store = await makeSharedPostgresStore(inject('postgresAdminUrl'), 'nginx');
  cluster = await startProxiedServers({ count: 2, env: { LEAD_RATE_LIMIT: '1000' }, store });
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

/** Through nginx over https, trusting only the certificate made for this run. */
function viaProxy(path: string, options: { method?: string; headers?: OutgoingHttpHeaders; body?: string; from?: string } = {}): Promise<RawResponse> {
  const { from = CLIENT, ...rest } = options;
  return sendRequest({ url: new URL(path, cluster.proxy.origin).href, ca: cluster.proxy.ca, localAddress: from, ...rest });
}

function direct(serverIndex: number, path: string, options: { method?: string; headers?: OutgoingHttpHeaders; body?: string } = {}): Promise<RawResponse> {
  const server = cluster.servers[serverIndex];
  if (server === undefined) throw new Error(`no server ${serverIndex}`);
  return sendRequest({ url: new URL(path, server.origin).href, localAddress: CLIENT, ...options });
}

const upstreamOf = (response: RawResponse) => String(response.headers[UPSTREAM_HEADER]);
const serverHosts = () => cluster.servers.map((server) => new URL(server.origin).host).sort();

interface AuditRow {
  actor: string;
  action: string;
  client: string;
}
const readAudit = () => JSON.parse(runCli(cluster.store.leadsDb, ['audit', '--json'], cluster.store.env).stdout) as AuditRow[];

/** The sign-in page's form token and its double-submit cookie, fetched through the proxy. */
async function openSignIn(from = CLIENT): Promise<{ csrf: string; cookie: string; page: RawResponse }> {
  const page = await viaProxy('/intake/sign-in/', { from });
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { csrf, cookie: toCookieHeader(getSetCookies(page)), page };
}

const formHeaders = (cookie: string): OutgoingHttpHeaders => ({ 'content-type': 'application/x-www-form-urlencoded', origin: cluster.proxy.origin, cookie });

describe('over https through nginx', () => {
  it('pages carry HSTS, and both servers behind the proxy answer', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, () => viaProxy('/')));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers['strict-transport-security']).toBe(HSTS);
    }
    // Round robin: each server named by nginx, and nothing else.
    expect([...new Set(answers.map(upstreamOf))].sort()).toEqual(serverHosts());
  });

  it('the intake cookies are __Host- cookies (Secure, Path=/, no Domain), and a session made on one server works on both', async () => {
    const { page, csrf, cookie } = await openSignIn();
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toBe(HSTS);
    const [signInCookie, ...others] = getSetCookies(page);
    expect(others).toEqual([]);
    // A browser only keeps a __Host- cookie that is Secure, has Path=/ and names no Domain.
    expect(signInCookie).toMatch(/^__Host-carepath-sign-in=[A-Za-z0-9_-]{43};/);
    expectHostCookie(signInCookie);

    const user = addUser(cluster.store.leadsDb, 'pia', { queues: ['south-salem-dental-desk'], name: 'Pia Proxy', env: cluster.store.env });
    const setUpPage = await viaProxy(user.setupPath);
    expect(setUpPage.status).toBe(200);
    const setUp = await viaProxy(user.setupPath, { method: 'POST', headers: formHeaders(''), body: new URLSearchParams({ password: PASSWORD, repeat: PASSWORD, code: totp(user.key) }).toString() });
    expect(setUp.status).toBe(200);

    // The next step's code: the set-up used this one.
    const code = totp(user.key, new Date(Date.now() + 30_000));
    const signedIn = await viaProxy('/intake/sign-in/', { method: 'POST', headers: formHeaders(cookie), body: new URLSearchParams({ csrf, login: 'pia', password: PASSWORD, code }).toString() });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/intake/');
    expect(signedIn.headers['strict-transport-security']).toBe(HSTS);
    const session = getSetCookies(signedIn).find((header) => header.startsWith('__Host-carepath-intake='));
    expectHostCookie(session);
    // The sign-in cookie is cleared with the same attributes, or the browser would ignore the clearing.
    const cleared = getSetCookies(signedIn).find((header) => header.startsWith('__Host-carepath-sign-in='));
    expect(cleared).toMatch(/^__Host-carepath-sign-in=[^;]*; .*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
    expectHostCookie(cleared);
    expect(getSetCookies(signedIn).some((header) => header.startsWith('carepath-'))).toBe(false);

    const sessionCookie = toCookieHeader(getSetCookies(signedIn), cookie);
    const inbox = await Promise.all([viaProxy('/intake/', { headers: { cookie: sessionCookie } }), viaProxy('/intake/', { headers: { cookie: sessionCookie } })]);
    for (const answer of inbox) {
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('Pia Proxy');
    }
    expect(inbox.map(upstreamOf).sort()).toEqual(serverHosts());
  });
});

describe('the same servers over plain http, without the proxy', () => {
  it.each([0, 1])('server %i sends no HSTS and cookies without prefix or Secure, even told X-Forwarded-Proto: https by a client', async (index) => {
    for (const headers of [{}, { 'x-forwarded-proto': 'https' }]) {
      const home = await direct(index, '/', { headers });
      expect(home.status).toBe(200);
      expect(home.headers['strict-transport-security']).toBeUndefined();
      const page = await direct(index, '/intake/sign-in/', { headers });
      expect(page.status).toBe(200);
      expect(page.headers['strict-transport-security']).toBeUndefined();
      const [cookie, ...others] = getSetCookies(page);
      expect(others).toEqual([]);
      expect(cookie).toMatch(/^carepath-sign-in=/);
      expect(cookie).not.toMatch(/Secure/i);
    }
  });
});

describe('the client address', () => {
  it('is the one nginx saw (its X-Forwarded-For), not the proxy’s socket nor what a client wrote in X-Forwarded-For', async () => {
    // The servers' socket peer is always nginx (127.0.0.1); nginx appends the address it saw.
    // A client may write anything to the left of it, even the proxy's own address: none is believed.
    const attempts = [
      { login: 'nobody-plain', from: OTHER_CLIENT, headers: {} },
      { login: 'nobody-spoofed', from: CLIENT, headers: { 'x-forwarded-for': '203.0.113.7' } },
      { login: 'nobody-chain', from: CLIENT, headers: { 'x-forwarded-for': '198.51.100.9, 127.0.0.1' } },
    ];
    for (const { login, from, headers } of attempts) {
      const { csrf, cookie } = await openSignIn(from);
      const answer = await viaProxy('/intake/sign-in/', {
        from,
        method: 'POST',
        headers: { ...formHeaders(cookie), ...headers },
        body: new URLSearchParams({ csrf, login, password: 'wrong', code: '000000' }).toString(),
      });
      expect(answer.status).toBe(401);
    }
    const audit = readAudit().filter((row) => row.actor.startsWith('nobody-'));
    expect(audit.map(({ actor, action, client }) => ({ actor, action, client })).sort((a, b) => a.actor.localeCompare(b.actor))).toEqual([
      { actor: 'nobody-chain', action: 'sign-in-failed', client: CLIENT },
      { actor: 'nobody-plain', action: 'sign-in-failed', client: OTHER_CLIENT },
      { actor: 'nobody-spoofed', action: 'sign-in-failed', client: CLIENT },
    ]);
  });
});

describe('the origin check', () => {
  const lead = (name: string) => JSON.stringify({ leadType: 'patient', name, phone: '503 555 0142', timing: 'flexible', consent: true });
  const postJson = (origin: string, name: string) => viaProxy('/api/leads', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: lead(name) });

  it('takes a post whose Origin is the public https origin (SITE_URL), and refuses others with 403', async () => {
    const refused = [
      await postJson('https://evil.example', 'Origin Evil'),
      await postJson(cluster.proxy.origin.replace('https:', 'http:'), 'Origin Plain'),
      await postJson(cluster.servers[0]?.origin.replace('http:', 'https:') ?? '', 'Origin Upstream'),
    ];
    for (const answer of refused) {
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body)).toEqual({ error: 'Requests from other sites are not accepted.' });
    }
    const accepted = await postJson(cluster.proxy.origin, 'Origin Public');
    expect(accepted.status).toBe(201);
    const names = listLeads(cluster.store.leadsDb, cluster.store.env).map((stored) => stored.fields['name']);
    expect(names).toContain('Origin Public');
    expect(names.filter((name) => name?.startsWith('Origin ') && name !== 'Origin Public')).toEqual([]);
  });
});

describe('a form post without JavaScript', () => {
  it('sends the page’s form as a browser would, and gets 303 to the thank-you page from either server', async () => {
    const pagePath = '/services/dental/';
    const page = await viaProxy(pagePath);
    expect(page.status).toBe(200);
    const entries = readFormEntries(page.body, 'form[data-lead-form]');
    // What the page's form holds before a person types: the default lead type, the page, empty tokens (the script fills them).
    expect(Object.fromEntries(entries)).toMatchObject({ leadType: 'patient', 'attribution.page': pagePath, formToken: '', submissionKey: '', website: '' });

    const send = (name: string) =>
      viaProxy('/api/leads', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: cluster.proxy.origin, referer: new URL(pagePath, cluster.proxy.origin).href, accept: 'text/html' },
        body: fillForm(entries, { 'patient.name': name, 'patient.phone': '503 555 0177', 'patient.timing': 'flexible', consent: 'yes' }).toString(),
      });
    // Two in a row: round robin gives one to each server.
    const answers = [await send('Proxy Form One'), await send('Proxy Form Two')];
    for (const answer of answers) {
      expect(answer.status, answer.body).toBe(303);
      expect(answer.headers.location).toBe('/thank-you/patient/');
      expect(answer.headers['strict-transport-security']).toBe(HSTS);
    }
    expect(answers.map(upstreamOf).sort()).toEqual(serverHosts());
    const thanks = await viaProxy('/thank-you/patient/');
    expect(thanks.status).toBe(200);

    const stored = listLeads(cluster.store.leadsDb, cluster.store.env).filter((stored) => stored.fields['name']?.startsWith('Proxy Form'));
    expect(stored.map((stored) => stored.fields['name']).sort()).toEqual(['Proxy Form One', 'Proxy Form Two']);
  });
});

describe('the proxy’s access log', () => {
  it('the access log has the path, never the query string or the form’s contents', async () => {
    expect((await viaProxy('/privacy/?email=query.person%40example.com&name=Query+Person')).status).toBe(200);
    // nginx writes the line once the response is sent, so maybe after the client has read it.
    await expect.poll(() => cluster.proxy.accessLog()).toContain('/privacy/');
    // After the form posts above: their names and phone are nowhere in it either.
    const log = cluster.proxy.accessLog();
    expect(log).not.toMatch(/query\.person|Query|\?/);
    expect(log).not.toMatch(/Proxy Form|5035550177/);
    expect(log).toMatch(/^127\.0\.0\.2 \[[^\]]+\] "GET \/privacy\/ HTTP\/1\.1" 200 \d+ upstream=127\.0\.0\.1:\d+$/m);
  });
});

function expectHostCookie(header: string | undefined): void {
  expect(header).toMatch(/; Secure(;|$)/);
  expect(header).toMatch(/; HttpOnly(;|$)/);
  expect(header).toMatch(/; SameSite=Strict(;|$)/);
  expect(header).toMatch(/; Path=\/(;|$)/);
  expect(header).not.toMatch(/; Domain=/i);
}
