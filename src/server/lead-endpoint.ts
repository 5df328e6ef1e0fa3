import { paths } from '../lib/paths.ts';
import { readFormPost, toFormErrors, type FormValues } from '../lib/leads/form.ts';
import { describeRepeatedField, findRepeatedJsonKey } from '../lib/leads/repeated-keys.ts';
import type { FieldErrors } from '../lib/leads/schema.ts';
import { submitLead, type LeadSiteContext } from '../lib/leads/submit.ts';
import { StoreUnavailableError, type LeadStore } from './lead-store.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** Request bodies larger than this are refused with 413: every lead type fits in a few hundred bytes. */
export const MAX_BODY_BYTES = 32 * 1024;
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
  /** Origins allowed to post besides the request's own (the public origin behind a TLS proxy). */
  allowedOrigins: ReadonlySet<string>;
  /** Logs one line per lead: id, type, route, status. Never personal data. */
  log: (line: string) => void;
}

/** Either a finished response, or the form to show again with the person's input and the errors. */
export type LeadEndpointResult =
  | { kind: 'response'; response: Response }
  | { kind: 'form'; status: 422; values: FormValues; errors: FieldErrors };

/** A JSON answer that no cache keeps. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });

/**
 * `POST /api/leads`: reads, checks and stores one inquiry, and answers as the client asked:
 * JSON clients get 201 `{id, status}` or 422 `{errors}`; a plain form post gets 303 to the
 * thank-you page, or its form back with the errors explained. Every refusal is a 4xx with a
 * reason; only storage that cannot take writes right now gives 503, with Retry-After.
 */
export async function handleLeadRequest(request: Request, deps: LeadEndpointDeps): Promise<LeadEndpointResult> {
  const respond = (response: Response): LeadEndpointResult => ({ kind: 'response', response });
  if (request.method !== 'POST') {
    return respond(json(405, { error: 'Send the request with POST.' }, { allow: 'POST' }));
  }
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  const isJson = type === 'application/json';
  if (!isJson && type !== 'application/x-www-form-urlencoded') {
    return respond(json(415, { error: 'Send the form as application/x-www-form-urlencoded or application/json.' }));
  }
  if (isCrossSite(request, deps.allowedOrigins)) {
    return respond(json(403, { error: 'Requests from other sites are not accepted.' }));
  }
  const limit = deps.limiter.take(deps.clientAddress, deps.now.getTime());
  if (!limit.allowed) {
    const seconds = Math.ceil(limit.retryAfterMs / 1000);
    return respond(json(429, { error: `Too many requests. Try again in ${seconds} seconds, or call us.` }, { 'retry-after': String(seconds) }));
  }

  const body = await readBody(request);
  if (body.kind === 'too-large') return respond(json(413, { error: `The request is larger than ${MAX_BODY_BYTES / 1024} KB.` }));
  if (body.kind === 'unreadable') return respond(json(400, { error: 'The request body is not valid UTF-8 text.' }));

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
      duplicateWindowMs: DUPLICATE_WINDOW_MS,
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
      deps.log(`lead store unavailable: ${error.code}`);
      return respond(
        json(503, { error: 'We cannot take requests for a moment. Please try again shortly, or call us.' }, { 'retry-after': String(RETRY_AFTER_UNAVAILABLE_S) }),
      );
    }
    throw error;
  }
}

/** A browser post from another site: its Origin (or Sec-Fetch-Site) says so. */
function isCrossSite(request: Request, allowedOrigins: ReadonlySet<string>): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null) return origin !== new URL(request.url).origin && !allowedOrigins.has(origin);
  return request.headers.get('sec-fetch-site') === 'cross-site';
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
        await reader.cancel();
        return { kind: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    // The adapter's own body limit, or a client that hung up: either way the body is not usable.
    return { kind: size > MAX_BODY_BYTES ? 'too-large' : 'unreadable' };
  }
  try {
    return { kind: 'ok', text: STRICT_UTF8.decode(Buffer.concat(chunks)) };
  } catch {
    return { kind: 'unreadable' };
  }
}
