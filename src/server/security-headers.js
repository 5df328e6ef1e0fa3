// Plain JavaScript on purpose: the build copies this file next to the server entry it writes
// (src/integrations/carepath-server.ts), so the running server and the tests use the same code.

/**
 * The security headers on every response the server sends, pages, assets and API answers alike.
 * Scripts may come only from this origin (the form script is a file; nothing is inlined), styles
 * from this origin or inline (the provider directory's filter rules), and nothing may frame the
 * site or receive its form posts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** Two years, as browsers' HSTS preload lists ask. */
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * @param {{ https: boolean }} options
 * @returns {Record<string, string>}
 */
export function buildSecurityHeaders(options) {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    ...(options.https ? { 'strict-transport-security': HSTS } : {}),
  };
}

// The only two sets there are, made once instead of on every response.
const HTTP_HEADERS = Object.entries(buildSecurityHeaders({ https: false }));
const HTTPS_HEADERS = Object.entries(buildSecurityHeaders({ https: true }));

/**
 * Whether the visitor reached the site over TLS: the socket itself, or, from a trusted proxy,
 * its X-Forwarded-Proto.
 * @param {{ encrypted: boolean; socketAddress: string; forwardedProto: string | null; trustedProxies: ReadonlySet<string> }} options
 * @returns {boolean}
 */
export function isHttpsRequest(options) {
  if (options.encrypted) return true;
  return options.trustedProxies.has(options.socketAddress) && options.forwardedProto?.split(',')[0]?.trim() === 'https';
}

/**
 * Sets the headers on a Node response before the app writes it.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {ReadonlySet<string>} trustedProxies
 */
export function applySecurityHeaders(req, res, trustedProxies) {
  const forwarded = req.headers['x-forwarded-proto'];
  const https = isHttpsRequest({
    encrypted: 'encrypted' in req.socket && req.socket.encrypted === true,
    socketAddress: req.socket.remoteAddress ?? '',
    forwardedProto: typeof forwarded === 'string' ? forwarded : null,
    trustedProxies,
  });
  for (const [name, value] of https ? HTTPS_HEADERS : HTTP_HEADERS) res.setHeader(name, value);
}
