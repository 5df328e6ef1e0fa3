import { paths } from '../lib/paths.ts';
import { readFormPost, toFormErrors, type FormValues } from '../lib/leads/form.ts';
import { describeRepeatedField, findRepeatedJsonKey } from '../lib/leads/repeated-keys.ts';
import type { FieldErrors } from '../lib/leads/schema.ts';
import { submitLead, type LeadSiteContext } from '../lib/leads/submit.ts';
import { StoreUnavailableError, type LeadStore } from '../lib/leads/store.ts';
import type { DeliveryChannels, DeliverySettings } from '../lib/leads/delivery.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** Request bodies larger than this are refused with 413: every lead type fits in a few hundred bytes. */
export const MAX_BODY_BYTES = 32 * 1024;
/**
 * The node adapter's own body limit (astro.config.mjs), for every on-demand route. It is far above
 * MAX_BODY_BYTES so that the endpoint's reader always counts past its own limit first and answers
 * 413 (at the adapter's limit the stream just breaks, which looks like a client that hung up), yet
 * finite, so that nothing buffers a gigabyte.
 */
export const ADAPTER_BODY_LIMIT_BYTES = 1024 * 1024;
/** A post with the same content this soon after another (no JavaScript, so no key) is the same lead. */
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;
const RETRY_AFTER_UNAVAILABLE_S = 30;

export interface LeadEndpointDeps {
  store: () => LeadStore;
  site: LeadSiteContext;
  limiter: RateLimiter;
  secret: string;
  now: Date;
  /** The client's address, already resolved through trusted proxies. */
  clientAddress: string;
  /**
   * The origins a post may come from: the site's public origin (SITE_URL), ALLOWED_ORIGINS and the
   * server's own address on this machine. The request's own URL does not count: it is made from
   * the Host header, which the sender chooses. A lead's referrer on one of them is the site
   * itself, not where the visit came from.
   */
  allowedOrigins: ReadonlySet<string>;
  /** The content's delivery settings and the channels the environment opens; no deliveries when absent. */
  delivery?: { settings: DeliverySettings; channels: DeliveryChannels } | undefined;
  /** Logs one line per lead: id, type, route, status. Never personal data. */
  log: (line: string) => void;
}

/**
 * A request refused before any lead was read from it, for a person's browser: the page explains
 * it in plain words, in the site's frame, with the same status and headers a script would get.
 */
export interface Refusal {
  status: number;
  /** The page's heading. */
  title: string;
  /** What happened and what the person can do; the page adds the phone number. */
  explanation: string;
  /** Retry-After or Allow, as the JSON answer would carry them. */
  headers: Record<string, string>;
  /** The page the person came from (path and query), when a Referer from the site says so; else home. */
  backTo: string;
  /** What the person typed, for the form to keep, when the post was read before it was refused. */
  values?: FormValues;
}

/**
 * A finished response; or the form to show again with the person's input and the errors; or a
 * refusal to explain in a page (only for plain form posts and browsers asking for HTML).
 */
export type LeadEndpointResult = { kind: 'response'; response: Response } | { kind: 'form'; status: 422; values: FormValues; errors: FieldErrors } | { kind: 'refusal'; refusal: Refusal };

/** A JSON answer that no cache keeps. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });

type RefusalReason = 'method' | 'cross-site' | 'content-type' | 'rate-limited' | 'too-large' | 'unreadable' | 'unavailable' | 'failed';

/** Each refusal: its status, the JSON error for scripts, and the page's words for people. */
const REFUSALS: Record<RefusalReason, { status: number; error: (seconds: number) => string; title: string; explanation: (seconds: number) => string }> = {
  method: {
    status: 405,
    error: () => 'Send the request with POST.',
    title: 'This address only takes requests from our form',
    explanation: () => 'To ask for an appointment, use the request form below or on any page of our site, or call us.',
  },
  'cross-site': {
    status: 403,
    error: () => 'Requests from other sites are not accepted.',
    title: 'We could not accept this request',
    explanation: () => 'The request came from another website, so we did not accept it and nothing was stored. Please send it with the form on our own site (below), or call us.',
  },
  'content-type': {
    status: 415,
    error: () => 'Send the form as application/x-www-form-urlencoded or application/json.',
    title: 'We could not read this request',
    explanation: () => 'We could not read your request: it was not sent the way our form sends it, so nothing was stored. Please send it again with the form below, or call us.',
  },
  'rate-limited': {
    status: 429,
    error: (seconds) => `Too many requests. Try again in ${seconds} seconds, or call us.`,
    title: 'Please wait a moment',
    explanation: (seconds) => `We have had too many requests from your connection in a short time, so we did not take this one. Please try again in ${formatWait(seconds)}, or call us.`,
  },
  'too-large': {
    status: 413,
    error: () => `The request is larger than ${MAX_BODY_BYTES / 1024} KB.`,
    title: 'Your request was too long',
    explanation: () => 'Your request was too long for us to take, so nothing was stored. Please shorten your message and send it again, or call us.',
  },
  unreadable: {
    status: 400,
    error: () => 'The request body is not valid UTF-8 text.',
    title: 'We could not read this request',
    explanation: () => 'Some of the text in your request came through garbled, so nothing was stored. Please send it again with the form below, or call us.',
  },
  unavailable: {
    status: 503,
    error: () => 'We cannot take requests for a moment. Please try again shortly, or call us.',
    title: 'We cannot take requests for a moment',
    explanation: (seconds) =>
      `Our system could not save your request just now, so nothing was stored. The form below keeps what you typed: please send it again in ${formatWait(seconds)}, or call us.`,
  },
  failed: {
    status: 500,
    error: () => 'Something went wrong on our side and the request was not stored. Please call us.',
    title: 'Something went wrong on our side',
    explanation: () => 'We could not take your request because of a fault in our system, so nothing was stored. Please call us; the form below keeps what you typed.',
  },
};

/** The JSON answer to a request our own fault kept from being stored (the `failed` refusal). */
export const failedJson = (): Response => json(REFUSALS.failed.status, { error: REFUSALS.failed.error(0) });

/**
 * `POST /api/leads`: reads, checks and stores one inquiry, and answers as the client asked:
 * JSON clients get 201 `{id, status}` or 422 `{errors}`; a plain form post gets 303 to the
 * thank-you page, or its form back with the errors explained. Every refusal is a 4xx with a
 * reason (a page for a form post or a browser, JSON for others); only storage that cannot take
 * writes right now gives 503, with Retry-After.
 */
export async function handleLeadRequest(request: Request, deps: LeadEndpointDeps): Promise<LeadEndpointResult> {
  const respond = (response: Response): LeadEndpointResult => ({ kind: 'response', response });
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const isJson = type === 'application/json';
  const isForm = type === 'application/x-www-form-urlencoded';
  const refuse = (reason: RefusalReason, options: { seconds?: number; headers?: Record<string, string>; values?: FormValues } = {}): LeadEndpointResult => {
    const { status, error, title, explanation } = REFUSALS[reason];
    const seconds = options.seconds ?? 0;
    const headers = { ...(options.seconds === undefined ? {} : { 'retry-after': String(seconds) }), ...options.headers };
    if (isJson || !(isForm || prefersHtml(request.headers.get('accept')))) return respond(json(status, { error: error(seconds) }, headers));
    const backTo = findBackPath(request.headers.get('referer'), deps.allowedOrigins);
    const refusal: Refusal = { status, title, explanation: explanation(seconds), headers, backTo };
    if (options.values !== undefined) refusal.values = options.values;
    return { kind: 'refusal', refusal };
  };

  if (request.method !== 'POST') return refuse('method', { headers: { allow: 'POST' } });
  // Before the content type: a page on another site must learn nothing from our answers.
  if (isCrossSite(request, deps.allowedOrigins)) return refuse('cross-site');
  if (!isJson && !isForm) return refuse('content-type');
  const limit = deps.limiter.take(deps.clientAddress, deps.now.getTime());
  if (!limit.allowed) return refuse('rate-limited', { seconds: Math.ceil(limit.retryAfterMs / 1000) });

  const body = await readBody(request);
  if (body.kind === 'too-large') return refuse('too-large');
  if (body.kind === 'unreadable') return refuse('unreadable');

  let input: unknown;
  let values: FormValues = {};
  if (isJson) {
    try {
      input = JSON.parse(body.text);
    } catch {
      return respond(json(400, { error: 'The request body is not valid JSON.' }));
    }
    const repeated = findRepeatedJsonKey(body.text);
    if (repeated !== null) return respond(json(422, { errors: { [repeated]: describeRepeatedField(repeated) } }));
  } else {
    const entries = [...new URLSearchParams(body.text)];
    // Shown again in the form: what the person typed, first value of each field, not the traps.
    values = Object.fromEntries(entries.filter(([key]) => key !== 'website' && key !== 'formToken').reverse());
    const post = readFormPost(entries);
    if (!post.ok) return { kind: 'form', status: 422, values, errors: post.errors };
    input = post.lead;
  }

  try {
    const result = await submitLead({
      input,
      store: deps.store(),
      site: deps.site,
      now: deps.now,
      secret: deps.secret,
      siteOrigins: deps.allowedOrigins,
      duplicateWindowMs: DUPLICATE_WINDOW_MS,
      delivery: deps.delivery,
    });
    if (result.kind === 'invalid') {
      if (isJson) return respond(json(422, { errors: result.errors }));
      const leadType = typeof (input as { leadType?: unknown }).leadType === 'string' ? String((input as { leadType: string }).leadType) : '';
      return { kind: 'form', status: 422, values, errors: toFormErrors(leadType, result.errors) };
    }
    const { lead, replayed } = result;
    deps.log(`lead ${lead.id} type=${lead.leadType} route=${lead.route.queue} status=${lead.status}${replayed ? ' replayed' : ''}`);
    if (isJson) {
      // Spam gets the same answer as anyone else: nothing tells a bot it was caught.
      return respond(json(201, { id: lead.id, status: 'new' }, replayed ? { 'idempotent-replayed': 'true' } : {}));
    }
    return respond(new Response(null, { status: 303, headers: { location: paths.thankYou(lead.leadType), 'cache-control': 'no-store' } }));
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      // One line an operator can act on; the error's stack and cause say nothing more useful.
      deps.log(`lead store unavailable: ${error.code} (${error.reason})`);
      return refuse('unavailable', { seconds: RETRY_AFTER_UNAVAILABLE_S, values });
    }
    // A fault of ours. One line, without the message or stack, which may quote what was sent.
    deps.log(`lead endpoint failed: ${error instanceof Error ? error.name : typeof error}`);
    return refuse('failed', { values });
  }
}

/**
 * A post from a page that is not the site's: its Origin is none of the allowed ones (or, from a
 * browser that sends no Origin, Sec-Fetch-Site says it is not same-origin). Browsers send Origin
 * with every POST; a client that sends neither (curl, a server) is not a browser a page on
 * another site could be using.
 */
function isCrossSite(request: Request, allowedOrigins: ReadonlySet<string>): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null) return !allowedOrigins.has(origin);
  const fetchSite = request.headers.get('sec-fetch-site');
  return fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none';
}

/** Whether an Accept header ranks text/html above application/json: a browser, not a script. */
export function prefersHtml(accept: string | null): boolean {
  if (accept === null) return false;
  const ranges = accept.split(',').map((part) => {
    const [range = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return { range, quality: Number.isFinite(quality) ? quality : 0 };
  });
  const rank = (mediaType: string) => {
    const match = ranges.find((r) => r.range === mediaType) ?? ranges.find((r) => r.range === `${mediaType.split('/')[0]}/*`) ?? ranges.find((r) => r.range === '*/*');
    return match?.quality ?? 0;
  };
  return rank('text/html') > rank('application/json');
}

/** The page a Referer from one of the site's origins names (path and query), else the home page. */
export function findBackPath(referer: string | null, allowedOrigins: ReadonlySet<string>): string {
  if (referer === null || !URL.canParse(referer)) return paths.home();
  const url = new URL(referer);
  // Back to the endpoint itself (the form shown again after a mistake) would be a GET it refuses.
  if (!allowedOrigins.has(url.origin) || url.pathname === paths.leadEndpoint()) return paths.home();
  return `${url.pathname}${url.search}`;
}

/** "30 seconds", "a minute", "4 minutes": how long to wait, in words, rounded up. */
function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, seconds)} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}

type Body = { kind: 'ok'; text: string } | { kind: 'too-large' } | { kind: 'unreadable' };

// Made once: a decoder used without `stream` starts afresh on every decode() call.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads at most MAX_BODY_BYTES, stopping early, and decodes strict UTF-8. */
async function readBody(request: Request): Promise<Body> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return { kind: 'too-large' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = request.body?.getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        void discardRest(reader, { read: size });
        return { kind: 'too-large' };
      }
      chunks.push(value);
    }
  } catch (error) {
    // The adapter's own limit (in case one chunk leapt past both), or a client that hung up.
    return { kind: isAdapterLimitError(error) ? 'too-large' : 'unreadable' };
  }
  try {
    return { kind: 'ok', text: STRICT_UTF8.decode(Buffer.concat(chunks)) };
  } catch {
    return { kind: 'unreadable' };
  }
}

/**
 * After a 413 the client may still be sending. Closing the connection at once resets it, and a
 * client still writing then often loses the answer with the reset (EPIPE, "other side closed"). So
 * the rest is read and thrown away, like nginx's lingering close: a body a little too large is read
 * to its end and the connection stays usable; past `maxBytes` (below the adapter's limit, which
 * would break the connection at once) reading stops and the connection is closed once the client
 * has had `lingerMs` to read the answer.
 */
export async function discardRest(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  { read, maxBytes = ADAPTER_BODY_LIMIT_BYTES / 2, lingerMs = LINGER_MS }: { read: number; maxBytes?: number; lingerMs?: number },
): Promise<'read to the end' | 'closed'> {
  const closing = new Promise<'close'>((resolve) => setTimeout(resolve, lingerMs, 'close').unref());
  let size = read;
  try {
    for (;;) {
      if (size > maxBytes) {
        await closing;
        break;
      }
      const next = await Promise.race([reader.read(), closing]);
      if (next === 'close') break;
      if (next.done) return 'read to the end';
      size += next.value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client hung up first.
  }
  return 'closed';
}

/** How long a client sending too large a body has to read the 413 before its connection is closed. */
const LINGER_MS = 2_000;

/** The error the node adapter's body limit breaks the request stream with (astro/dist/core/app/node.js). */
export function isAdapterLimitError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('Body size limit exceeded');
}
