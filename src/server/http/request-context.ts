import { AsyncLocalStorage } from 'node:async_hooks';
import type { LeadEndpointResult } from '../lead-endpoint.ts';

/**
 * What the server's front door learned about a request from its socket, handed to the Astro
 * routes that need it without a header a client could forge. The front door (bundled into
 * dist/server/entry.mjs) and the routes (in Astro's server bundle) are separate copies of this
 * module, so they share one store through a global symbol.
 */
export interface RequestContext {
  /** The client's address, resolved through trusted proxies only (client-address.ts). */
  clientAddress: string;
  /** The origins this server answers for (front-door.ts getServedOrigins): the only ones that may post. */
  servedOrigins: ReadonlySet<string>;
  /** Whether the visitor reached us over TLS (directly or through a trusted proxy): cookies are then Secure. */
  https: boolean;
  /**
   * The lead endpoint's answer when the server entry handled POST /api/leads ahead of Astro and
   * the answer is a page (the form with its errors, or a refusal explained): the route renders it.
   */
  leadResult?: LeadEndpointResult;
}

const KEY = Symbol.for('carepath.request-context');
const globals = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };
const storage = (globals[KEY] ??= new AsyncLocalStorage<RequestContext>());

export function runInRequestContext<T>(context: RequestContext, run: () => T): T {
  return storage.run(context, run);
}

/** The context of the request being handled, or undefined outside the built server (`astro dev`). */
export function getRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
