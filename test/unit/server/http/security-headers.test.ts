import { describe, expect, it } from 'vitest';
import { parseTrustedProxies } from '@/server/http/client-address.ts';
import { isHttpsRequest } from '@/server/http/front-door.ts';
import { buildSecurityHeaders } from '@/server/http/security-headers.ts';

describe('buildSecurityHeaders', () => {
  it('allows scripts from this origin only and forbids framing', () => {
    const csp = buildSecurityHeaders({ https: false })['content-security-policy'] ?? '';
    const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('adds HSTS only over TLS', () => {
    expect(buildSecurityHeaders({ https: false })).not.toHaveProperty('strict-transport-security');
    expect(buildSecurityHeaders({ https: true })['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(buildSecurityHeaders({ https: true })).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' });
  });
});

describe('isHttpsRequest', () => {
  const trusted = parseTrustedProxies('10.0.0.2');
  it.each([
    ['a TLS socket', { encrypted: true, socketAddress: '1.2.3.4', forwardedProto: undefined }, true],
    ['plain HTTP', { encrypted: false, socketAddress: '1.2.3.4', forwardedProto: undefined }, false],
    ['a forged header from a client', { encrypted: false, socketAddress: '1.2.3.4', forwardedProto: 'https' }, false],
    ['the trusted proxy saying https', { encrypted: false, socketAddress: '10.0.0.2', forwardedProto: 'https' }, true],
    ['the trusted proxy saying http', { encrypted: false, socketAddress: '10.0.0.2', forwardedProto: 'http' }, false],
  ])('%s', (_, request, expected) => {
    expect(isHttpsRequest({ ...request, trustedProxies: trusted })).toBe(expected);
  });
});
