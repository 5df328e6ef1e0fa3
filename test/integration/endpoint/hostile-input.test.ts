import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone, telHref } from '../../../src/lib/format.ts';
import { issueFormToken, MAX_TOKEN_AGE_MS, MAX_TOKEN_USES, MIN_FILL_MS, readFormToken } from '../../../src/lib/leads/spam.ts';
import { makeLeadsDb, startServer, type RunningServer } from '../../support/built-server.ts';
import { listLeads } from './leads.ts';

/**
 * The lead endpoint against a hostile network, on real sockets against the built server and a
 * real SQLite file: posts whose Origin is not the site's (whatever their Host says), bodies with
 * no declared length, a database file that is not SQLite, repeated fields, reused and expired
 * form tokens, and the HTML answers a person without JavaScript gets when a post is refused.
 */
const SECRET = 'integration';
const ALLOWED = 'https://clinic.example';
const ORG_PHONE = /^phone:\s*"([^"]+)"/m.exec(readFileSync('content/organization/organization.yaml', 'utf8'))?.[1] ?? '';

const valid = { leadType: 'patient', name: 'Ana Ruiz', phone: '503 555 0142', timing: 'flexible', consent: true };
const validForm = 'leadType=patient&patient.name=Ana+Ruiz&patient.phone=5035550142&patient.timing=flexible&consent=yes';
let sent = 0;
/** A distinct person each time, so the duplicate window never merges two posts. */
const person = (extra: Record<string, unknown> = {}) => ({ ...valid, name: `Hostile Input ${++sent}`, ...extra });

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * One request through node:http, which (unlike fetch) sends the Host header it is given. A body
 * given as `chunks` goes out with chunked transfer encoding and no Content-Length; writing stops
 * once the server has answered (it may close the connection before the rest is sent).
 */
function send(origin: string, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string; chunks?: { size: number; count: number } }): Promise<RawAnswer> {
  const url = new URL(options.path ?? '/api/leads', origin);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers ?? {} }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (options.chunks) {
      const chunk = Buffer.alloc(options.chunks.size, 'a');
      let left = options.chunks.count;
      const write = () => {
        while (left > 0 && !answered && !req.destroyed) {
          left -= 1;
          if (!req.write(chunk)) return void req.once('drain', write);
        }
        if (!req.destroyed) req.end();
      };
      write();
    } else {
      req.end(options.body ?? '');
    }
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** What every HTML refusal has: the site's frame, the reason, the phone number, no caching, noindex. */
function expectRefusalPage(answer: RawAnswer, status: number, reason: RegExp): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^text\/html/);
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.text).toMatch(/^<!DOCTYPE html>/i);
  expect(answer.text).toMatch(/<meta name="robots" content="noindex/);
  expect(answer.text).toContain('class="site-header__phone"');
  expect(answer.text).toMatch(reason);
  expect(ORG_PHONE).not.toBe('');
  expect(answer.text).toContain(`href="${telHref(ORG_PHONE)}"`);
  expect(answer.text).toContain(formatPhone(ORG_PHONE));
}

const backLink = (html: string) => /<a [^>]*href="([^"]*)"[^>]*data-refusal-back/.exec(html)?.[1];

describe('on one server (SITE_URL is its own origin, ALLOWED_ORIGINS another)', () => {
  let server: RunningServer;
  let db: ReturnType<typeof makeLeadsDb>;
  beforeAll(async () => {
    db = makeLeadsDb();
    server = await startServer({ leadsDb: db.path, env: { LEAD_RATE_LIMIT: '100000', ALLOWED_ORIGINS: ALLOWED } });
  });
  afterAll(async () => {
    await server?.stop();
    db?.remove();
  });
  const count = () => listLeads(server.leadsDb).length;

  describe('the Origin must be the site, not whatever the Host header says', () => {
    it.each([
      ['JSON', JSON_TYPE, () => JSON.stringify(person())],
      ['a form', FORM_TYPE, () => validForm.replace('Ana+Ruiz', `Host+Spoof+${++sent}`)],
    ])('%s with Host: evil.example and Origin: http://evil.example → 421 (a host we do not serve), nothing stored', async (_, type, body) => {
      const before = count();
      const answer = await send(server.origin, { headers: { ...type, host: 'evil.example', origin: 'http://evil.example' }, body: body() });
      expect(answer.status).toBe(421);
      expect(count()).toBe(before);
    });

    it.each([
      ['JSON', JSON_TYPE, () => JSON.stringify(person())],
      ['a form', FORM_TYPE, () => validForm.replace('Ana+Ruiz', `Origin+Spoof+${++sent}`)],
    ])('%s with our Host and an Origin of another port on it → 403, nothing stored', async (_, type, body) => {
      const before = count();
      const answer = await send(server.origin, { headers: { ...type, origin: `http://${new URL(server.origin).hostname}:1` }, body: body() });
      expect(answer.status).toBe(403);
      expect(count()).toBe(before);
    });

    it('a post from SITE_URL or an ALLOWED_ORIGINS origin is taken', async () => {
      for (const origin of [server.origin, ALLOWED]) {
        const answer = await send(server.origin, { headers: { ...JSON_TYPE, origin }, body: JSON.stringify(person()) });
        expect(answer.status, origin).toBe(201);
      }
    });
  });

  describe('bodies without a declared length', () => {
    it.each([
      ['JSON', JSON_TYPE],
      ['a form', FORM_TYPE],
    ])('10 MB of %s sent chunked → 413, nothing stored', async (_, type) => {
      const before = count();
      const answer = await send(server.origin, { headers: { ...type, origin: server.origin }, chunks: { size: 64 * 1024, count: 160 } });
      expect(answer.status).toBe(413);
      expect(count()).toBe(before);
    });

    it('a small chunked lead is taken', async () => {
      const answer = await send(server.origin, { headers: { ...JSON_TYPE, origin: server.origin, 'transfer-encoding': 'chunked' }, body: JSON.stringify(person()) });
      expect(answer.status).toBe(201);
    });
  });

  describe('a field given twice is refused, naming it', () => {
    const json = (text: string) => send(server.origin, { headers: { ...JSON_TYPE, origin: server.origin }, body: text });
    it.each([
      ['a top-level key', '{"leadType":"patient","name":"Ana One","name":"Ana Two","phone":"5035550142","timing":"asap","consent":true}', 'name'],
      ['a key spelt with an escape', '{"leadType":"patient","name":"Ana One","n\\u0061me":"Ana Two","phone":"5035550142","timing":"asap","consent":true}', 'name'],
      ['the lead type', '{"leadType":"employer","leadType":"patient","name":"Ana","phone":"5035550142","timing":"asap","consent":true}', 'leadType'],
      ['an attribution key', '{"leadType":"patient","name":"Ana","phone":"5035550142","timing":"asap","consent":true,"attribution":{"utm_source":"a","utm_source":"b"}}', 'attribution.utm_source'],
    ])('JSON: %s → 422 {errors: {field}}', async (_, body, field) => {
      const before = count();
      const answer = await json(body);
      expect(answer.status).toBe(422);
      const { errors } = JSON.parse(answer.text) as { errors: Record<string, string> };
      expect(Object.keys(errors)).toEqual([field]);
      expect(errors[field]).toMatch(/more than once/);
      expect(count()).toBe(before);
    });

    it('JSON: a key inside a string is not a repeat', async () => {
      expect((await json(JSON.stringify(person({ message: 'Tell them "name": twice, "name":' })))).status).toBe(201);
    });

    const form = (text: string) => send(server.origin, { headers: { ...FORM_TYPE, ...BROWSER, origin: server.origin }, body: text });
    it.each([
      ['a person’s field', `${validForm}&patient.name=Someone+Else`, 'patient.name', 'lf-patient-name'],
      ['the shared place field and an old page’s own', `${validForm}&location=gateway&patient.location=hawthorne`, 'location', 'lf-location'],
      ['the consent box', `${validForm}&consent=yes`, 'consent', 'lf-consent'],
    ])('a form: %s → 422, the form again with the error', async (_, body, _field, target) => {
      const before = count();
      const answer = await form(body);
      expect(answer.status).toBe(422);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.text).toMatch(new RegExp(`<a href="#${target}">[^<]*more than once`));
      expect(count()).toBe(before);
    });

    it('a form: an old page’s <type>.location alone is still read', async () => {
      const answer = await form(`${validForm.replace('Ana+Ruiz', `Old+Page+${++sent}`)}&patient.location=gateway`);
      expect(answer.status).toBe(303);
      expect(listLeads(server.leadsDb).find((lead) => lead.fields['name'] === `Old Page ${sent}`)?.fields['location']).toBe('gateway');
    });
  });

  describe('form tokens', () => {
    const post = (body: Record<string, unknown>) => send(server.origin, { headers: { ...JSON_TYPE, origin: server.origin }, body: JSON.stringify(body) });
    const stored = (id: string) => {
      const lead = listLeads(server.leadsDb).find((item) => item.id === id);
      return { status: lead?.status, queue: lead?.route.queue, flags: lead?.flags ?? [] };
    };
    const idOf = (answer: RawAnswer) => (JSON.parse(answer.text) as { id: string }).id;

    it('each page load gets its own token, with its own nonce', async () => {
      const tokens = await Promise.all([1, 2, 3].map(async () => ((await (await fetch(`${server.origin}/api/form-token`)).json()) as { token: string }).token));
      const nonces = tokens.map((token) => readFormToken(token, SECRET)?.nonce);
      expect(nonces.every((nonce) => typeof nonce === 'string')).toBe(true);
      expect(new Set(nonces).size).toBe(3);
    });

    it(`one token carries ${MAX_TOKEN_USES} leads; the next is quarantined as token-reused with the same answer`, async () => {
      const { token } = (await (await fetch(`${server.origin}/api/form-token`)).json()) as { token: string };
      await new Promise((resolve) => setTimeout(resolve, MIN_FILL_MS + 100));
      const answers = [];
      for (let i = 0; i <= MAX_TOKEN_USES; i++) answers.push(await post(person({ formToken: token })));
      expect(answers.map((answer) => answer.status)).toEqual(Array(MAX_TOKEN_USES + 1).fill(201));
      const leads = answers.map((answer) => stored(idOf(answer)));
      expect(leads.slice(0, MAX_TOKEN_USES).map((lead) => lead.status)).toEqual(Array(MAX_TOKEN_USES).fill('new'));
      expect(leads.at(-1)).toMatchObject({ status: 'spam', queue: 'spam-quarantine' });
      expect(leads.at(-1)?.flags).toContain('token-reused');
      // A plain form post with the used-up token gets the thank-you page like anyone else.
      const formAnswer = await send(server.origin, {
        headers: { ...FORM_TYPE, origin: server.origin },
        body: `${validForm.replace('Ana+Ruiz', `Reused+Form+${++sent}`)}&formToken=${encodeURIComponent(token)}`,
      });
      expect(formAnswer.status).toBe(303);
      expect(formAnswer.headers.location).toBe('/thank-you/patient/');
      const formLead = listLeads(server.leadsDb).find((lead) => lead.fields['name'] === `Reused Form ${sent}`);
      expect(formLead?.status).toBe('spam');
    });

    it('a replay of the same lead (same submission key) does not use the token again', async () => {
      const token = issueFormToken(new Date(Date.now() - 60_000), SECRET);
      const body = person({ formToken: token, submissionKey: crypto.randomUUID() });
      for (let i = 0; i < MAX_TOKEN_USES + 2; i++) expect((await post(body)).status).toBe(201);
      const next = await post(person({ formToken: token }));
      expect(stored(idOf(next)).status).toBe('new');
    });

    it('a token older than a day → spam, token-expired, with the same answer', async () => {
      const token = issueFormToken(new Date(Date.now() - MAX_TOKEN_AGE_MS - 60_000), SECRET);
      const answer = await post(person({ formToken: token }));
      expect(answer.status).toBe(201);
      expect(stored(idOf(answer))).toMatchObject({ status: 'spam', queue: 'spam-quarantine' });
      expect(stored(idOf(answer)).flags).toContain('token-expired');
    });

    it('no token (no JavaScript) still gets through, flagged no-token', async () => {
      const answer = await post(person());
      expect(stored(idOf(answer)).status).toBe('new');
      expect(stored(idOf(answer)).flags).toContain('no-token');
    });
  });

  describe('a person without JavaScript gets a page, not JSON', () => {
    it('403: a form post from another site, with a link home', async () => {
      const answer = await send(server.origin, { headers: { ...FORM_TYPE, ...BROWSER, origin: 'https://evil.example', referer: 'https://evil.example/form' }, body: validForm });
      expectRefusalPage(answer, 403, /another website/);
      expect(backLink(answer.text)).toBe('/');
    });

    it('403 from another origin on the same host name: still the page', async () => {
      const answer = await send(server.origin, { headers: { ...FORM_TYPE, ...BROWSER, origin: `http://${new URL(server.origin).hostname}:1` }, body: validForm });
      expectRefusalPage(answer, 403, /another website/);
    });

    it('413: a huge form post, with a link back to the page it came from', async () => {
      const answer = await send(server.origin, {
        headers: { ...FORM_TYPE, ...BROWSER, origin: server.origin, referer: `${server.origin}/locations/gateway/?utm_source=flyer` },
        chunks: { size: 64 * 1024, count: 160 },
      });
      expectRefusalPage(answer, 413, /too long/);
      expect(backLink(answer.text)).toBe('/locations/gateway/?utm_source=flyer');
    });

    it('415: a browser posting multipart', async () => {
      const answer = await send(server.origin, {
        headers: { 'content-type': 'multipart/form-data; boundary=x', ...BROWSER, origin: server.origin },
        body: '--x\r\nContent-Disposition: form-data; name="leadType"\r\n\r\npatient\r\n--x--',
      });
      expectRefusalPage(answer, 415, /could not read/);
    });

    it('JSON clients keep JSON answers', async () => {
      const answer = await send(server.origin, { headers: { ...JSON_TYPE, ...BROWSER, origin: 'https://evil.example' }, body: JSON.stringify(person()) });
      expect(answer.status).toBe(403);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(answer.text)).toMatchObject({ error: expect.any(String) });
    });
  });
});

describe('the form token count holds across a restart', () => {
  it(`${MAX_TOKEN_USES} uses before and one after a restart: the last is token-reused`, async () => {
    const db = makeLeadsDb();
    const token = issueFormToken(new Date(Date.now() - 60_000), SECRET);
    const post = (server: RunningServer) => send(server.origin, { headers: { ...JSON_TYPE, origin: server.origin }, body: JSON.stringify(person({ formToken: token })) });
    try {
      const first = await startServer({ leadsDb: db.path });
      for (let i = 0; i < MAX_TOKEN_USES; i++) expect((await post(first)).status).toBe(201);
      await first.kill();
      const second = await startServer({ leadsDb: db.path });
      const answer = await post(second);
      await second.stop();
      const id = (JSON.parse(answer.text) as { id: string }).id;
      const lead = listLeads(db.path).find((item) => item.id === id);
      expect(lead?.status).toBe('spam');
      expect(lead?.flags).toContain('token-reused');
    } finally {
      db.remove();
    }
  });
});

describe('a database file that is not SQLite', () => {
  let server: RunningServer | undefined;
  let db: ReturnType<typeof makeLeadsDb>;
  afterEach(async () => {
    await server?.stop();
    db?.remove();
  });

  it('503 with Retry-After and one plain log line, then leads again once the file is fixed, without a restart', async () => {
    db = makeLeadsDb();
    writeFileSync(db.path, 'This is not a database, it is a note somebody saved here.\n'.repeat(100));
    server = await startServer({ leadsDb: db.path });
    let output = '';
    server.process.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.process.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const json = await send(server.origin, { headers: { ...JSON_TYPE, origin: server.origin }, body: JSON.stringify(person({ name: 'Private Person' })) });
    expect(json.status).toBe(503);
    expect(Number(json.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(json.text)).toMatchObject({ error: expect.stringMatching(/call us/) });

    const form = await send(server.origin, { headers: { ...FORM_TYPE, ...BROWSER, origin: server.origin }, body: validForm });
    expectRefusalPage(form, 503, /cannot take requests/);
    expect(Number(form.headers['retry-after'])).toBeGreaterThan(0);
    // The form below keeps what the person typed, to send again in a moment.
    expect(form.text).toMatch(/<input[^>]*name="patient\.name"[^>]*value="Ana Ruiz"|<input[^>]*value="Ana Ruiz"[^>]*name="patient\.name"/);

    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = output.split('\n').filter((line) => line.trim() !== '' && !/serving the site at/.test(line));
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^lead store unavailable: SQLITE_NOTADB .*not a database/);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('Private Person');

    rmSync(db.path);
    const fixed = await send(server.origin, { headers: { ...JSON_TYPE, origin: server.origin }, body: JSON.stringify(person()) });
    expect(fixed.status).toBe(201);
    expect(listLeads(db.path)).toHaveLength(1);
  });
});

describe('the rate limit, for a person without JavaScript', () => {
  it('429 is a page with Retry-After', async () => {
    const db = makeLeadsDb();
    const server = await startServer({ leadsDb: db.path, env: { LEAD_RATE_LIMIT: '1' } });
    try {
      const post = () => send(server.origin, { headers: { ...FORM_TYPE, ...BROWSER, origin: server.origin }, body: validForm.replace('Ana+Ruiz', `Rate+${++sent}`) });
      expect((await post()).status).toBe(303);
      const limited = await post();
      expectRefusalPage(limited, 429, /too many requests/i);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await server.stop();
      db.remove();
    }
  });
});
