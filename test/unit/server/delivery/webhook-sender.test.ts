import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { sendWebhook, WEBHOOK_USER_AGENT } from '@/server/delivery/webhook-sender.ts';
import { getClosedPortUrl, getWebhookHeaders, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

/**
 * The sender against a real HTTP receiver on 127.0.0.1, which checks every request with the
 * standardwebhooks package's own verifier, as a receiver would.
 */
const secretOf = () => `whsec_${randomBytes(32).toString('base64')}`;
const SECRET = secretOf();
const BODY = JSON.stringify({ type: 'lead.created', timestamp: '2026-03-02T15:04:05.000Z', data: { id: '01JZ8Q4M6T9X2B7C3D5E8F1G0H', queue: 'intake-portland' } });
const ID = '01JZ8Q5A0000000000000000AB';

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.received.length = 0;
});

/** The current second: HTTP dates and webhook-timestamp carry no milliseconds. */
const thisSecond = () => new Date(Math.floor(Date.now() / 1000) * 1000);
const send = (overrides: Partial<Parameters<typeof sendWebhook>[0]> = {}) => sendWebhook({ url: receiver.url, secrets: [SECRET], id: ID, body: BODY, now: new Date(), ...overrides });

describe('sendWebhook', () => {
  it('posts the body as JSON with Standard Webhooks headers that the standardwebhooks verifier accepts', async () => {
    expect(await send()).toEqual({ kind: 'delivered', detail: 'HTTP 204' });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    if (request === undefined) throw new Error('nothing received');
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/carepath', body: BODY });
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': WEBHOOK_USER_AGENT, 'webhook-id': ID, 'content-length': String(Buffer.byteLength(BODY)) });
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(SECRET).verify(request.body, getWebhookHeaders(request))).toEqual(JSON.parse(BODY));
  });

  it('sends a body with any characters exactly, and the signature covers its bytes', async () => {
    const body = JSON.stringify({ note: 'Zoë – 東京 – \u2028 – "quotes" – 🦘' });
    expect(await send({ body })).toMatchObject({ kind: 'delivered' });
    const [request] = receiver.received;
    expect(request?.body).toBe(body);
    expect(() => new Webhook(SECRET).verify(request?.body ?? '', getWebhookHeaders(request!))).not.toThrow();
  });

  it('signs with every secret during a key rotation: a receiver that knows either one verifies', async () => {
    const [oldSecret, newSecret] = [secretOf(), secretOf()];
    expect(await send({ secrets: [oldSecret, newSecret] })).toMatchObject({ kind: 'delivered' });
    const [request] = receiver.received;
    if (request === undefined) throw new Error('nothing received');
    expect(request.headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    expect(new Webhook(newSecret).verify(request.body, getWebhookHeaders(request))).toEqual(JSON.parse(BODY));
    expect(new Webhook(oldSecret).verify(request.body, getWebhookHeaders(request))).toEqual(JSON.parse(BODY));
    expect(() => new Webhook(secretOf()).verify(request.body, getWebhookHeaders(request))).toThrow(WebhookVerificationError);
  });

  it('is refused by the receiver when the body, id or timestamp is changed on the way', async () => {
    await send();
    const [request] = receiver.received;
    if (request === undefined) throw new Error('nothing received');
    const headers = getWebhookHeaders(request);
    const verifier = new Webhook(SECRET);
    expect(() => verifier.verify(request.body.replace('intake-portland', 'intake-portlane'), headers)).toThrow('No matching signature found');
    expect(() => verifier.verify(`${request.body} `, headers)).toThrow(WebhookVerificationError);
    expect(() => verifier.verify(request.body, { ...headers, 'webhook-id': `${ID.slice(0, -1)}C` })).toThrow(WebhookVerificationError);
    expect(() => verifier.verify(request.body, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 1) })).toThrow(WebhookVerificationError);
  });

  it('writes webhook-timestamp as the Unix seconds of now', async () => {
    const before = Date.now();
    await send({ now: new Date() });
    const stamp = Number(receiver.received[0]?.headers['webhook-timestamp']);
    expect(Number.isInteger(stamp)).toBe(true);
    expect(Math.abs(stamp * 1000 - before)).toBeLessThan(3000);

    // The clock passed in, not the machine's: a retry is stamped when it is made.
    const aMinuteAgo = new Date(Date.now() - 60_000 - 456);
    await send({ now: aMinuteAgo });
    const request = receiver.received[1];
    expect(request?.headers['webhook-timestamp']).toBe(String(Math.floor(aMinuteAgo.getTime() / 1000)));
    expect(() => new Webhook(SECRET).verify(request?.body ?? '', getWebhookHeaders(request!))).not.toThrow();
  });

  it('sends the same webhook-id again after a 503, and the retry verifies too', async () => {
    receiver.answer(
      (res) => res.writeHead(503).end('down for maintenance'),
      (res) => res.writeHead(200).end('ok'),
    );
    expect(await send()).toEqual({ kind: 'retry', detail: 'HTTP 503', destinationDown: true });
    expect(await send({ now: new Date() })).toEqual({ kind: 'delivered', detail: 'HTTP 200' });
    expect(receiver.received.map((request) => request.headers['webhook-id'])).toEqual([ID, ID]);
    for (const request of receiver.received) expect(() => new Webhook(SECRET).verify(request.body, getWebhookHeaders(request))).not.toThrow();
  });

  it.each([
    [200, { kind: 'delivered', detail: 'HTTP 200' }],
    [201, { kind: 'delivered', detail: 'HTTP 201' }],
    [202, { kind: 'delivered', detail: 'HTTP 202' }],
    [204, { kind: 'delivered', detail: 'HTTP 204' }],
    [299, { kind: 'delivered', detail: 'HTTP 299' }],
    [410, { kind: 'gone', detail: 'HTTP 410' }],
    [429, { kind: 'retry', detail: 'HTTP 429', destinationDown: true }],
    [500, { kind: 'retry', detail: 'HTTP 500', destinationDown: true }],
    [502, { kind: 'retry', detail: 'HTTP 502', destinationDown: true }],
    [503, { kind: 'retry', detail: 'HTTP 503', destinationDown: true }],
    [504, { kind: 'retry', detail: 'HTTP 504', destinationDown: true }],
    [400, { kind: 'retry', detail: 'HTTP 400', destinationDown: false }],
    [401, { kind: 'retry', detail: 'HTTP 401', destinationDown: false }],
    [403, { kind: 'retry', detail: 'HTTP 403', destinationDown: false }],
    [404, { kind: 'retry', detail: 'HTTP 404', destinationDown: false }],
    [409, { kind: 'retry', detail: 'HTTP 409', destinationDown: false }],
    [413, { kind: 'retry', detail: 'HTTP 413', destinationDown: false }],
    [422, { kind: 'retry', detail: 'HTTP 422', destinationDown: false }],
  ])('takes HTTP %i as %j', async (status, outcome) => {
    receiver.answer((res) => res.writeHead(status).end());
    expect(await send()).toEqual(outcome);
  });

  it.each([
    ['delay-seconds', '120', 120_000],
    ['zero seconds', '0', 0],
    ['an IMF-fixdate 90 s ahead', (now: Date) => new Date(now.getTime() + 90_000).toUTCString(), 90_000],
    ['an IMF-fixdate in the past', (now: Date) => new Date(now.getTime() - 90_000).toUTCString(), 0],
    ['an asctime date 30 s ahead', (now: Date) => toAsctime(new Date(now.getTime() + 30_000)), 30_000],
  ])('honours Retry-After as %s on a 429 and a 503', async (_, value, retryAfterMs) => {
    for (const status of [429, 503]) {
      const now = thisSecond();
      const header = typeof value === 'string' ? value : value(now);
      receiver.answer((res) => res.writeHead(status, { 'retry-after': header }).end());
      expect(await send({ now })).toEqual({ kind: 'retry', detail: `HTTP ${status}`, destinationDown: true, retryAfterMs });
    }
  });

  it.each([
    [429, 'soon'],
    [429, '1.5'],
    [503, '-5'],
    [503, '2026-03-02'],
    [500, '120'],
    [502, '120'],
  ])('ignores an HTTP %i with Retry-After %j', async (status, header) => {
    receiver.answer((res) => res.writeHead(status, { 'retry-after': header }).end());
    expect(await send()).toEqual({ kind: 'retry', detail: `HTTP ${status}`, destinationDown: true });
  });

  it.each([301, 302, 303, 307, 308])('does not follow a %i: it is a failure of this delivery, retried', async (status) => {
    receiver.answer((res) => res.writeHead(status, { location: '/elsewhere' }).end());
    expect(await send()).toEqual({ kind: 'retry', detail: `HTTP ${status} (redirect not followed)`, destinationDown: false });
    expect(receiver.received.map((request) => request.path)).toEqual(['/hooks/carepath']);
  });

  it.each([
    [200, 'timeout after 0.2 s'],
    [1000, 'timeout after 1 s'],
  ])('gives up on a receiver that never answers after %i ms, and says so', async (timeoutMs, detail) => {
    receiver.answer(() => undefined);
    const started = performance.now();
    expect(await send({ timeoutMs })).toEqual({ kind: 'retry', detail, destinationDown: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(timeoutMs - 10);
    expect(performance.now() - started).toBeLessThan(timeoutMs + 2000);
    expect(receiver.received).toHaveLength(1);
  });

  it('takes an answer whose body never ends by its status, once the timeout cuts the body', async () => {
    // A receiver that sends headers but no end of body still counts as an answer: its status is in.
    receiver.answer((res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    });
    const started = performance.now();
    expect(await send({ timeoutMs: 300 })).toEqual({ kind: 'delivered', detail: 'HTTP 200' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads at most a little of a long answer, and none of it reaches the detail', async () => {
    const marker = 'RECEIVER-SECRET-STACK-TRACE';
    receiver.answer((res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      // A body far over the cap that never ends: the sender must stop reading, not wait for it.
      const chunk = `${marker} ${'x'.repeat(16 * 1024)}\n`;
      const timer = setInterval(() => res.write(chunk), 1);
      res.on('close', () => clearInterval(timer));
    });
    const started = performance.now();
    const outcome = await send({ timeoutMs: 5000 });
    expect(outcome).toEqual({ kind: 'retry', detail: 'HTTP 500', destinationDown: true });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(JSON.stringify(outcome)).not.toContain(marker);
  });

  it('reads each answer to its end, so that one connection carries delivery after delivery', async () => {
    const before = receiver.connections();
    for (let i = 0; i < 20; i += 1) {
      receiver.answer((res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ received: true, i })));
      expect(await send()).toEqual({ kind: 'delivered', detail: 'HTTP 200' });
    }
    expect(receiver.connections() - before).toBeLessThanOrEqual(2);
  });

  it('leaves no connection hanging on a long answer it did not read to the end', async () => {
    const before = receiver.openConnections();
    for (let i = 0; i < 5; i += 1) {
      receiver.answer((res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('y'.repeat(1024 * 1024)));
      expect(await send()).toEqual({ kind: 'delivered', detail: 'HTTP 200' });
    }
    // Dropped connections close on the receiver's side a moment later.
    for (let waited = 0; receiver.openConnections() > before + 1 && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(receiver.openConnections()).toBeLessThanOrEqual(before + 1);
  });

  it('says there was no connection when the port is closed', async () => {
    expect(await send({ url: await getClosedPortUrl() })).toEqual({ kind: 'retry', detail: 'no connection (ECONNREFUSED)', destinationDown: true });
  });

  it('says there was no connection when the receiver drops it without an answer', async () => {
    receiver.answer((res) => res.socket?.destroy());
    const outcome = await send();
    expect(outcome).toMatchObject({ kind: 'retry', destinationDown: true });
    expect(outcome.detail).toMatch(/^no connection \((ECONNRESET|UND_ERR_SOCKET)\)$/);
  });

  it('says there was no connection when the host name does not resolve', async () => {
    const outcome = await send({ url: new URL('https://carepath-webhook-test.invalid/hooks'), timeoutMs: 5000 });
    expect(outcome).toMatchObject({ kind: 'retry', destinationDown: true });
    expect(outcome.detail).toMatch(/^no connection \((ENOTFOUND|EAI_AGAIN)\)$/);
  });

  it('returns a failure of this delivery, without throwing, for a request fetch will not make', async () => {
    expect(await send({ id: 'bad\nid' })).toEqual({ kind: 'retry', detail: 'request failed (TypeError)', destinationDown: false });
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses to send unsigned', async () => {
    await expect(send({ secrets: [] })).rejects.toThrow('sendWebhook needs at least one secret to sign with.');
    expect(receiver.received).toHaveLength(0);
  });
});

function toAsctime(date: Date): string {
  const [weekday, day, month, year, time] = date.toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${(day ?? '').replace(/^0/, ' ')} ${time} ${year}`;
}
