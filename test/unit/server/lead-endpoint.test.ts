import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBackPath, handleLeadRequest, discardRest, isAdapterLimitError, MAX_BODY_BYTES, prefersHtml, type LeadEndpointDeps, type LeadEndpointResult } from '../../../src/server/lead-endpoint.ts';
import { StoreUnavailableError, type LeadStore } from '../../../src/lib/leads/store.ts';
import { createRateLimiter } from '../../../src/server/rate-limiter.ts';
import { SqliteLeadStore } from '../../../src/server/sqlite-lead-store.ts';
import { useStoreFile } from './support/store-file.ts';
import { ONE_CLINIC_SITE } from './support/lead-site.ts';

const SITE = 'https://clinic.example';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const site = ONE_CLINIC_SITE;

const file = useStoreFile();

function deps(overrides: Partial<LeadEndpointDeps> = {}): LeadEndpointDeps & { lines: string[] } {
  const lines: string[] = [];
  let store: LeadStore | undefined;
  return {
    store: () => (store ??= file.openStore()),
    site,
    limiter: createRateLimiter({ capacity: 100, refillMs: 1000 }),
    secret: 'unit',
    now: new Date('2026-11-25T18:00:00Z'),
    clientAddress: '203.0.113.9',
    allowedOrigins: new Set([SITE]),
    log: (line) => lines.push(line),
    lines,
    ...overrides,
  };
}

const request = (options: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {}) =>
  new Request('http://evil.example/api/leads', {
    method: options.method ?? 'POST',
    headers: options.headers ?? {},
    ...(options.body === undefined ? {} : { body: options.body, duplex: 'half' }),
  } as RequestInit);

const FORM = 'application/x-www-form-urlencoded';
const form = 'leadType=patient&patient.name=Ana&patient.phone=5035550142&patient.timing=asap&consent=yes';

function refusalOf(result: LeadEndpointResult) {
  if (result.kind !== 'refusal') throw new Error(`Expected a refusal, got ${result.kind}`);
  return result.refusal;
}

describe('discardRest: what is left of a body too large', () => {
  /** A body of `chunks` chunks of 1 KiB, counting what was read and whether it was cancelled. */
  function body(chunks: number) {
    const seen = { read: 0, cancelled: false };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (seen.read === chunks) return controller.close();
        seen.read += 1;
        controller.enqueue(new Uint8Array(1024));
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    return { reader: stream.getReader(), seen };
  }

  it('reads a body a little too large to its end, so that the connection stays usable', async () => {
    const { reader, seen } = body(20);
    expect(await discardRest(reader, { read: 0, maxBytes: 64 * 1024, lingerMs: 5_000 })).toBe('read to the end');
    expect(seen).toEqual({ read: 20, cancelled: false });
  });

  it('past maxBytes stops reading, and closes once the client has had lingerMs to read the answer', async () => {
    const { reader, seen } = body(1_000);
    const started = Date.now();
    expect(await discardRest(reader, { read: 0, maxBytes: 8 * 1024, lingerMs: 300 })).toBe('closed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    // Nine chunks take it past 8 KiB; the stream's queue may hold one more it pulled ahead.
    expect(seen.read).toBeLessThanOrEqual(10);
    expect(seen.cancelled).toBe(true);
  });

  it('closes a client that stops sending once lingerMs is over', async () => {
    const reader = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) }).getReader();
    expect(await discardRest(reader, { read: 0, lingerMs: 100 })).toBe('closed');
  });
});

describe('handleLeadRequest: who gets a page and who gets JSON', () => {
  it('a form post from another site → a 403 refusal for the page, back home', async () => {
    const result = await handleLeadRequest(request({ headers: { 'content-type': FORM, origin: 'http://evil.example' }, body: form }), deps());
    expect(refusalOf(result)).toMatchObject({ status: 403, headers: {}, backTo: '/' });
  });

  it('the same from a script posting JSON → JSON 403', async () => {
    const result = await handleLeadRequest(request({ headers: { 'content-type': 'application/json', accept: BROWSER_ACCEPT, origin: 'http://evil.example' }, body: '{}' }), deps());
    if (result.kind !== 'response') throw new Error(result.kind);
    expect(result.response.status).toBe(403);
    expect(result.response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('the Host the request names does not make its Origin the site', async () => {
    // The request URL is http://evil.example/…, as a spoofed Host header makes it.
    const result = await handleLeadRequest(request({ headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: '{}' }), deps());
    expect(result.kind === 'response' && result.response.status).toBe(403);
  });

  it('a browser GET → a 405 refusal with Allow', async () => {
    const result = await handleLeadRequest(request({ method: 'GET', headers: { accept: BROWSER_ACCEPT } }), deps());
    expect(refusalOf(result)).toMatchObject({ status: 405, headers: { allow: 'POST' } });
  });

  it('a browser posting multipart → a 415 refusal, back to the page it came from', async () => {
    const result = await handleLeadRequest(
      request({ headers: { 'content-type': 'multipart/form-data; boundary=x', accept: BROWSER_ACCEPT, origin: SITE, referer: `${SITE}/services/imaging/?a=1` }, body: '--x--' }),
      deps(),
    );
    expect(refusalOf(result)).toMatchObject({ status: 415, backTo: '/services/imaging/?a=1' });
  });

  it('a form post over the rate limit → a 429 refusal with Retry-After', async () => {
    const limited = deps({ limiter: createRateLimiter({ capacity: 1, refillMs: 90_000 }) });
    await handleLeadRequest(request({ headers: { 'content-type': FORM, origin: SITE }, body: form }), limited);
    const refusal = refusalOf(await handleLeadRequest(request({ headers: { 'content-type': FORM, origin: SITE }, body: form }), limited));
    expect(refusal).toMatchObject({ status: 429, headers: { 'retry-after': '90' } });
    expect(refusal.explanation).toContain('2 minutes');
  });

  it('a form post while storage is down → a 503 refusal keeping what was typed, and one log line', async () => {
    const down = deps({
      store: () => {
        throw new StoreUnavailableError('Lead store unavailable while trying to open: SQLITE_NOTADB', { code: 'SQLITE_NOTADB', extendedCode: 26, reason: 'file is not a database' });
      },
    });
    const refusal = refusalOf(await handleLeadRequest(request({ headers: { 'content-type': FORM, origin: SITE }, body: form }), down));
    expect(refusal).toMatchObject({ status: 503, headers: { 'retry-after': '30' }, values: { 'patient.name': 'Ana' } });
    expect(down.lines).toEqual(['lead store unavailable: SQLITE_NOTADB (file is not a database)']);
  });

  it('a body broken off by the adapter’s own limit → 413', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(100));
        controller.error(new Error(`Body size limit exceeded: received more than ${MAX_BODY_BYTES} bytes`));
      },
    });
    const result = await handleLeadRequest(request({ headers: { 'content-type': 'application/json', origin: SITE }, body }), deps());
    expect(result.kind === 'response' && result.response.status).toBe(413);
  });

  it('a body past the limit → 413 at once; the rest is still read behind the answer and thrown away', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 12) controller.close();
        else controller.enqueue(new Uint8Array(MAX_BODY_BYTES / 4));
      },
    });
    const result = await handleLeadRequest(request({ headers: { 'content-type': 'application/json', origin: SITE }, body }), deps());
    expect(result.kind === 'response' && result.response.status).toBe(413);
    // Five chunks made the answer; the other eight (and the end) are read after it.
    await expect.poll(() => pulled).toBe(13);
  });

  it('a body broken off otherwise (the client hung up) → 400', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(new Error('aborted'));
      },
    });
    const result = await handleLeadRequest(request({ headers: { 'content-type': 'application/json', origin: SITE }, body }), deps());
    expect(result.kind === 'response' && result.response.status).toBe(400);
  });

  it('a form post stored → 303 to the thank-you page', async () => {
    const result = await handleLeadRequest(request({ headers: { 'content-type': FORM, origin: SITE }, body: form }), deps());
    expect(result.kind === 'response' && result.response.status).toBe(303);
    const store = SqliteLeadStore.open({ path: join(file.dir, 'leads.db'), readOnly: true });
    expect(await store.count()).toBe(1);
    await store.close();
  });
});

describe('prefersHtml', () => {
  it.each([
    [BROWSER_ACCEPT, true],
    ['text/html', true],
    ['text/*', true],
    ['application/json, text/html;q=0.9', false],
    ['text/html;q=0.5, application/json', false],
    ['*/*', false],
    ['application/json', false],
    ['text/html;q=0', false],
    ['', false],
    [null, false],
  ])('%j → %s', (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });
});

describe('findBackPath', () => {
  const allowed = new Set([SITE, 'https://www.clinic.example']);
  it.each([
    [`${SITE}/locations/gateway/`, '/locations/gateway/'],
    ['https://www.clinic.example/services/?utm_source=flyer#request', '/services/?utm_source=flyer'],
    [`${SITE}/api/leads`, '/'],
    ['https://evil.example/locations/gateway/', '/'],
    ['http://clinic.example/locations/gateway/', '/'],
    ['not a url', '/'],
    [null, '/'],
  ])('%j → %s', (referer, expected) => {
    expect(findBackPath(referer, allowed)).toBe(expected);
  });
});

describe('isAdapterLimitError', () => {
  it.each([
    [new Error('Body size limit exceeded: received more than 1048576 bytes'), true],
    [new Error('aborted'), false],
    ['Body size limit exceeded', false],
  ])('%s → %s', (error, expected) => {
    expect(isAdapterLimitError(error)).toBe(expected);
  });
});

describe('a fault of ours while storing', () => {
  const broken = (): LeadStore => {
    const store = file.openStore();
    return Object.assign(Object.create(Object.getPrototypeOf(store) as object) as LeadStore, store, {
      insert: () => Promise.reject(new TypeError('Cannot read properties of undefined (reading "Ana")')),
    });
  };

  it('answers 500 with a reason, in JSON or as a page, and logs one line without the message', async () => {
    const json = deps({ store: broken });
    const answer = await handleLeadRequest(
      request({ headers: { 'content-type': 'application/json', origin: SITE }, body: JSON.stringify({ leadType: 'patient', name: 'Ana', phone: '5035550142', timing: 'asap', consent: true }) }),
      json,
    );
    if (answer.kind !== 'response') throw new Error(`Expected a response, got ${answer.kind}`);
    expect(answer.response.status).toBe(500);
    expect(await answer.response.json()).toEqual({ error: 'Something went wrong on our side and the request was not stored. Please call us.' });
    expect(json.lines).toEqual(['lead endpoint failed: TypeError']);

    const page = deps({ store: broken });
    const refusal = refusalOf(await handleLeadRequest(request({ headers: { 'content-type': FORM, origin: SITE, accept: BROWSER_ACCEPT }, body: form }), page));
    expect(refusal).toMatchObject({ status: 500, title: 'Something went wrong on our side' });
    expect(refusal.values).toMatchObject({ 'patient.name': 'Ana' });
    expect(page.lines.join('\n')).not.toContain('Ana');
  });
});
