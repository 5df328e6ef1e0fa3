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

export function buildSecurityHeaders(options: { https: boolean }): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    ...(options.https ? { 'strict-transport-security': HSTS } : {}),
  };
}

/** The only two sets there are, made once instead of on every response. */
export const SECURITY_HEADERS = {
  http: Object.entries(buildSecurityHeaders({ https: false })),
  https: Object.entries(buildSecurityHeaders({ https: true })),
} as const;
