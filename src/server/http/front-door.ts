import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ServedResponse } from '../../lib/funnel/page-views.ts';
import { INTAKE_PREFIX, paths } from '../../lib/paths.ts';
import { resolveClientAddress, type TrustedProxies } from './client-address.ts';
import type { LeadRoute } from './lead-route.ts';
import { runInRequestContext } from './request-context.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/**
 * The methods each route answers. Pages and assets are files: GET and HEAD. Anything else gets
 * 405 here, before Astro, which would answer a TRACE with a 500 and a stack trace in the log.
 */
const ROUTE_METHODS: ReadonlyMap<string, readonly string[]> = new Map([
  [paths.leadEndpoint(), ['POST']],
  [paths.formToken(), ['GET', 'HEAD']],
]);
const PAGE_METHODS = ['GET', 'HEAD'] as const;

/**
 * Astro's image endpoint, which pages rendered on demand (the form shown again with its errors)
 * link their logo and share image through: the one route whose query string means something
 * (the image and its size), never anything a person typed.
 */
const IMAGE_ENDPOINT = '/_image';

/** The intake inbox's pages take form posts (sign-in, changes to a lead) besides GET and HEAD. */
const INTAKE_METHODS = ['GET', 'HEAD', 'POST'] as const;

export function getAllowedMethods(pathname: string): readonly string[] {
  if (isIntakePath(pathname)) return INTAKE_METHODS;
  return ROUTE_METHODS.get(withoutTrailingSlash(pathname)) ?? PAGE_METHODS;
}

function withoutTrailingSlash(pathname: string): string {
  return pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
}

function isIntakePath(pathname: string): boolean {
  return pathname === INTAKE_PREFIX.slice(0, -1) || pathname.startsWith(INTAKE_PREFIX);
}

/** The Host header values that name an origin: `clinic.example` and `clinic.example:443` alike. */
export function getHostNames(origin: string): string[] {
  const url = new URL(origin);
  if (url.port !== '') return [url.host];
  return [url.host, `${url.host}:${url.protocol === 'https:' ? 443 : 80}`];
}

/**
 * The origins this server answers for: the public ones (SITE_URL, ALLOWED_ORIGINS), and the
 * address it listens on and its loopback names on that port, for a person or a health check on
 * the machine itself.
 */
export function getServedOrigins(options: { publicOrigins: ReadonlySet<string>; host: string; port: number }): ReadonlySet<string> {
  const { publicOrigins, host, port } = options;
  const local = ['localhost', '127.0.0.1', '[::1]'];
  if (host !== '0.0.0.0' && host !== '::') local.push(host.includes(':') ? `[${host}]` : host);
  return new Set([...publicOrigins, ...local.map((name) => `http://${name}:${port}`)]);
}

export interface FrontDoorOptions {
  /** The Astro adapter's handler: static files, then the on-demand routes. */
  handler: RequestListener;
  servedOrigins: ReadonlySet<string>;
  trustedProxies: TrustedProxies;
  /**
   * Called when a response has been sent in full (its 'finish'), with what the page view counter
   * reads; not for a response cut off before its end. Not called at all when left out.
   */
  onResponseFinish?: ((response: ServedResponse) => void) | undefined;
  /** Old page paths and the page each now is (dist/server/redirects.json), answered with 301; none when left out. */
  redirects?: ReadonlyMap<string, string> | undefined;
  /** POST /api/leads, answered here ahead of the adapter (lead-route.ts); by the adapter's route when left out. */
  leadRoute?: LeadRoute | undefined;
}

/**
 * Every request passes here before Astro sees it:
 * - security headers on every response (HSTS only over TLS, seen directly or from a trusted proxy);
 * - a Host (or a trusted proxy's X-Forwarded-Host) that is not one we serve gets 421;
 * - the query string is dropped (no route but Astro's image endpoint and the intake inbox's
 *   filters read it; the form script reads UTM parameters in the browser), so it can reach no log;
 * - a method the route does not answer gets 405 with Allow;
 * - a GET or HEAD of an old page path (`redirects`) gets 301 to its page, with the query kept,
 *   before the static files;
 * - the client's address comes from the socket, or from a trusted proxy's X-Forwarded-For; it
 *   replaces the X-Forwarded-For header Astro reads and is handed to the routes (request-context.ts);
 * - POST /api/leads goes to `leadRoute` (lead-route.ts), which hands Astro only the pages;
 * - once a response to a host we serve is sent, `onResponseFinish` hears its method, path, status, content type and
 *   user agent (the page view counter), and nothing else of the request.
 */
export function createFrontDoor(options: FrontDoorOptions): RequestListener {
  const { handler, trustedProxies, onResponseFinish } = options;
  const servedHosts = new Set([...options.servedOrigins].flatMap(getHostNames));
  return (req, res) => {
    const socketAddress = req.socket.remoteAddress ?? '';
    const fromProxy = trustedProxies.has(socketAddress);
    const https = isHttpsRequest({
      encrypted: 'encrypted' in req.socket && req.socket.encrypted === true,
      socketAddress,
      forwardedProto: firstValue(req.headers['x-forwarded-proto']),
      trustedProxies,
    });
    for (const [name, value] of https ? SECURITY_HEADERS.https : SECURITY_HEADERS.http) res.setHeader(name, value);

    const hosts = [fromProxy ? firstValue(req.headers['x-forwarded-host']) : undefined, req.headers.host?.toLowerCase()];
    if (!hosts.some((host) => host !== undefined && servedHosts.has(host))) {
      refuse(req, res, 421, 'This server does not serve that host name.');
      return;
    }

    const target = req.url ?? '/';
    const pathname = getPathname(target);
    if (onResponseFinish) watchFinish({ req, res, pathname, onResponseFinish });
    // The inbox's filters and pages are in its query (queue, status, page: never personal data).
    if (pathname !== IMAGE_ENDPOINT && !isIntakePath(pathname)) req.url = pathname;
    const allowed = getAllowedMethods(pathname);
    if (!allowed.includes(req.method ?? '')) {
      refuse(req, res, 405, `Use ${allowed.join(' or ')} here.`, { allow: allowed.join(', ') });
      return;
    }
    const movedTo = req.method === 'GET' || req.method === 'HEAD' ? options.redirects?.get(pathname) : undefined;
    if (movedTo !== undefined) {
      redirect(req, res, `${movedTo}${getQuery(target)}`);
      return;
    }

    const clientAddress = resolveClientAddress({ socketAddress, forwardedFor: req.headers['x-forwarded-for'], trustedProxies });
    req.headers['x-forwarded-for'] = clientAddress;
    if (!fromProxy) {
      delete req.headers['x-forwarded-host'];
      delete req.headers['x-forwarded-proto'];
    }
    const toAstro = () => handler(req, res);
    const leadRoute = req.method === 'POST' && withoutTrailingSlash(pathname) === paths.leadEndpoint() ? options.leadRoute : undefined;
    runInRequestContext({ clientAddress, servedOrigins: options.servedOrigins, https }, () => (leadRoute ? leadRoute(req, res, toAstro) : toAstro()));
  };
}

/** Tells `onResponseFinish` of the response once sent; `pathname` as read before the front door drops the query. */
function watchFinish(options: { req: IncomingMessage; res: ServerResponse; pathname: string; onResponseFinish: (response: ServedResponse) => void }): void {
  const { req, res, pathname: path, onResponseFinish } = options;
  res.once('finish', () => {
    // Set by setHeader or by writeHead: the security headers set above make writeHead merge its
    // headers into the ones getHeader reads.
    const contentType = res.getHeader('content-type');
    onResponseFinish({
      method: req.method ?? '',
      path,
      status: res.statusCode,
      contentType: typeof contentType === 'string' ? contentType : undefined,
      userAgent: req.headers['user-agent'],
    });
  });
}

/** Whether the visitor reached us over TLS: the socket itself, or a trusted proxy's X-Forwarded-Proto. */
export function isHttpsRequest(options: { encrypted: boolean; socketAddress: string; forwardedProto: string | undefined; trustedProxies: TrustedProxies }): boolean {
  return options.encrypted || (options.trustedProxies.has(options.socketAddress) && options.forwardedProto === 'https');
}

function firstValue(header: IncomingHttpHeaders[string]): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim().toLowerCase();
}

/** The path of a request target (`/a/b?x` or, from a proxy, `http://host/a/b?x`), without its query. */
export function getPathname(target: string): string {
  if (target.startsWith('/')) {
    const end = target.search(/[?#]/);
    return end === -1 ? target : target.slice(0, end);
  }
  return URL.canParse(target) ? new URL(target).pathname : '/';
}

/** The query of a request target, with its `?`, or "" when it has none. */
export function getQuery(target: string): string {
  if (!target.startsWith('/')) return URL.canParse(target) ? new URL(target).search : '';
  const start = target.indexOf('?');
  if (start === -1) return '';
  const end = target.indexOf('#', start);
  return end === -1 ? target.slice(start) : target.slice(start, end);
}

/** A permanent redirect of an old page path to the page it now is. */
function redirect(req: IncomingMessage, res: ServerResponse, location: string): void {
  const body = `Moved to ${location}\n`;
  res.writeHead(301, { location, 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A short refusal, as JSON to a client that sends or asks for JSON, else as plain text. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const wantsJson = /application\/json/i.test(`${req.headers['content-type'] ?? ''} ${req.headers.accept ?? ''}`);
  const body = wantsJson ? JSON.stringify({ error: message }) : `${message}\n`;
  res.writeHead(status, {
    ...headers,
    // The body, if any, is not read: the connection closes after the answer.
    connection: 'close',
    'content-type': wantsJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
