/**
 * Posts one webhook, signed as Standard Webhooks says, and tells the delivery worker what came of
 * it. Network and receiver problems are outcomes, never exceptions.
 */
import { Webhook } from 'standardwebhooks';
import type { SendOutcome } from '../../lib/leads/delivery.ts';

/** Sent as User-Agent, so that a receiver's logs and firewall can tell our requests apart. */
export const WEBHOOK_USER_AGENT = 'Carepath-Webhooks/1';

const DEFAULT_TIMEOUT_MS = 10_000;
// Enough to let a short answer finish, so that its connection can be reused; a longer one is cut.
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs `body` to `url` with `webhook-id`, `webhook-timestamp` (Unix seconds of `now`) and
 * `webhook-signature` (`v1,<signature>` for each secret, space-separated), and classifies the answer:
 * - 2xx: `delivered`; 410: `gone`;
 * - 429, 5xx, no connection (refused, reset, DNS, TLS) or no answer within `timeoutMs`: `retry`
 *   with `destinationDown`, and `retryAfterMs` from a 429's or 503's Retry-After;
 * - anything else, redirects included (they are not followed): `retry` of this delivery only.
 * `detail` is `HTTP 503`, `timeout after 10 s`, `no connection (ECONNREFUSED)` and the like: never a
 * body, ours or the receiver's.
 * @param options.id The delivery's id: the same on every attempt, so that receivers deduplicate.
 * @param options.secrets `whsec_` secrets, as parseWebhookSecrets checks them; throws when there is none.
 */
export async function sendWebhook(options: { url: URL; secrets: readonly string[]; id: string; body: string; now: Date; timeoutMs?: number }): Promise<SendOutcome> {
  const { url, secrets, id, body, now } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (secrets.length === 0) throw new Error('sendWebhook needs at least one secret to sign with.');
  const signature = secrets.map((secret) => new Webhook(secret).sign(id, now, body)).join(' ');
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': WEBHOOK_USER_AGENT,
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    return describeFailure(error, timeoutMs);
  }
  await discardBody(response);
  return classifyResponse(response, now);
}

function classifyResponse(response: Response, now: Date): SendOutcome {
  const { status } = response;
  const detail = `HTTP ${status}`;
  if (status >= 200 && status <= 299) return { kind: 'delivered', detail };
  if (status === 410) return { kind: 'gone', detail };
  if (status === 429 || status >= 500) {
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after'), now) : undefined;
    return retryAfterMs === undefined ? { kind: 'retry', detail, destinationDown: true } : { kind: 'retry', detail, destinationDown: true, retryAfterMs };
  }
  if (status >= 300 && status <= 399) return { kind: 'retry', detail: `${detail} (redirect not followed)`, destinationDown: false };
  return { kind: 'retry', detail, destinationDown: false };
}

const DELAY_SECONDS = /^\d+$/;
// asctime, the one HTTP-date form without a zone; it means GMT, which Date.parse would not assume.
const ASCTIME = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/** Retry-After as milliseconds from `now`: delay-seconds or an HTTP-date; undefined when it is neither. */
function parseRetryAfter(value: string | null, now: Date): number | undefined {
  const text = value?.trim() ?? '';
  if (DELAY_SECONDS.test(text)) return Number(text) * 1000;
  // IMF-fixdate and RFC 850 dates end in GMT; requiring it keeps Date.parse's guesses out.
  const date = text.endsWith(' GMT') ? Date.parse(text) : ASCTIME.test(text) ? Date.parse(`${text} GMT`) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

/** Reads a little of the answer and drops the rest, so that the socket is freed or reused, never left waiting. */
async function discardBody(response: Response): Promise<void> {
  if (response.body === null) return;
  const reader = response.body.getReader();
  try {
    let received = 0;
    while (received <= MAX_RESPONSE_BYTES) {
      const chunk = await reader.read();
      if (chunk.done) return;
      received += chunk.value.byteLength;
    }
    await reader.cancel();
  } catch {
    // Reset or timed out while reading: the status has been received, and it is what counts.
  }
}

function describeFailure(error: unknown, timeoutMs: number): SendOutcome {
  const causes = listCauses(error);
  if (causes.some((cause) => cause.name === 'TimeoutError')) {
    return { kind: 'retry', detail: `timeout after ${timeoutMs / 1000} s`, destinationDown: true };
  }
  const code = causes.map((cause) => (cause as { code?: unknown }).code).find((value) => typeof value === 'string' && /^[A-Z][A-Z0-9_]*$/.test(value));
  if (code !== undefined) return { kind: 'retry', detail: `no connection (${String(code)})`, destinationDown: true };
  // Not the network: a request fetch refused to make (a header it can't send, say). Only this one fails.
  const name = causes.at(-1)?.name ?? 'unknown error';
  return { kind: 'retry', detail: `request failed (${/^\w+$/.test(name) ? name : 'Error'})`, destinationDown: false };
}

/** The error, its causes, and the first of an AggregateError's errors (a host with several addresses), outermost first. */
function listCauses(error: unknown): Error[] {
  const causes: Error[] = [];
  let current: unknown = error;
  while (current instanceof Error && causes.length < 8) {
    causes.push(current);
    current = current instanceof AggregateError && current.cause === undefined ? current.errors[0] : current.cause;
  }
  return causes;
}
