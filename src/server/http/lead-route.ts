import type { IncomingMessage, ServerResponse } from 'node:http';
import { failedJson, handleLeadRequest, type LeadEndpointDeps } from '../lead-endpoint.ts';
import { getRequestContext } from './request-context.ts';
import { describeError } from '../../lib/errors.ts';

/**
 * POST /api/leads, answered by the server entry ahead of Astro: the adapter's static handler
 * (which looks for a file on disk first) and Astro's routing and rendering cost more than the
 * lead itself. A JSON answer or a redirect is written here; an answer that is a page (the form
 * with its errors, a refusal explained to a person) goes on to the Astro route src/pages/api/leads.astro
 * in the request context, which renders it in the site's frame without reading the request again.
 */
export type LeadRoute = (req: IncomingMessage, res: ServerResponse, toAstro: () => void) => void;

/** What each request needs besides itself: the deps of handleLeadRequest but those made per request. */
export type LeadRouteDeps = Omit<LeadEndpointDeps, 'now' | 'clientAddress' | 'allowedOrigins'>;

export function createLeadRoute(deps: LeadRouteDeps): LeadRoute {
  return (req, res, toAstro) => {
    const context = getRequestContext();
    if (context === undefined) throw new Error('The lead route runs inside the front door’s request context.');
    // A streamed body needs `duplex`, which Node's fetch takes and the DOM types do not know yet.
    const init: RequestInit & { duplex: 'half' } = { method: req.method ?? 'POST', headers: toHeaders(req.headers), body: readLazily(req), duplex: 'half' };
    const request = new Request(new URL(req.url ?? '/', 'http://carepath.invalid'), init);
    handleLeadRequest(request, { ...deps, now: new Date(), clientAddress: context.clientAddress, allowedOrigins: context.servedOrigins })
      .then(async (result) => {
        if (result.kind !== 'response') {
          context.leadResult = result;
          toAstro();
          return;
        }
        await send(res, result.response);
      })
      .catch(async (error: unknown) => {
        // A fault of ours, not of the request (handleLeadRequest answers those): no stack, no body in the log.
        console.error(`lead endpoint failed: ${describeError(error)}`);
        if (res.headersSent) return void res.destroy();
        await send(res, failedJson());
      })
      .catch(() => res.destroy());
  };
}

/** Writes a web Response as Node's answer, with its length. */
async function send(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'content-length': body.byteLength });
  res.end(body);
}

/**
 * The request body as a web stream that reads nothing until asked, as the adapter's own: a body
 * never read (a refusal before it) is then read and dropped by Node once the answer is sent, and
 * the connection stays usable; cancelling it closes the connection.
 */
function readLazily(req: IncomingMessage): ReadableStream<Uint8Array> {
  let chunks: AsyncIterator<Buffer> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= req[Symbol.asyncIterator]();
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      },
      async cancel() {
        await chunks?.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/** Node's headers as a Headers object; a repeated header joined as Node's fetch would. */
function toHeaders(incoming: IncomingMessage['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}
