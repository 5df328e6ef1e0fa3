import { describe, expect, it } from 'vitest';
import { normalizeAddress, parseTrustedProxies, resolveClientAddress } from '@/server/http/client-address.ts';

describe('parseTrustedProxies', () => {
  it.each([
    ['', '10.0.0.2', false],
    ['10.0.0.2', '10.0.0.2', true],
    ['10.0.0.2', '10.0.0.3', false],
    ['10.0.0.0/8', '10.200.3.4', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['127.0.0.1', '::ffff:127.0.0.1', true],
    ['fd00::/8', 'fd12::1', true],
    ['fd00::/8', 'fe80::1', false],
    ['::1', '::1', true],
    [' 10.0.0.2 , 192.168.0.0/16 ', '192.168.7.7', true],
    ['10.0.0.2', 'not an address', false],
  ])('"%s" trusts %s: %s', (value, address, expected) => {
    expect(parseTrustedProxies(value).has(address)).toBe(expected);
  });

  it.each(['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/9', 'fd00::/129', '10.0.0.0/x', '300.1.1.1'])('refuses "%s", naming it', (entry) => {
    expect(() => parseTrustedProxies(`127.0.0.1,${entry}`)).toThrow(`TRUSTED_PROXIES: "${entry}" is not an IP address or a subnet`);
  });

  it('keeps the entries as written, for messages', () => {
    expect(parseTrustedProxies('10.0.0.2, fd00::/8').entries).toEqual(['10.0.0.2', 'fd00::/8']);
  });
});

describe('normalizeAddress', () => {
  it.each([
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['::FFFF:203.0.113.9', '203.0.113.9'],
    ['203.0.113.9', '203.0.113.9'],
    ['2001:db8::1', '2001:db8::1'],
    ['::ffff:2001:db8::1', '::ffff:2001:db8::1'],
  ])('%s → %s', (address, expected) => expect(normalizeAddress(address)).toBe(expected));
});

describe('resolveClientAddress', () => {
  const trusted = parseTrustedProxies('10.0.0.2, 10.0.0.3, 172.16.0.0/12');
  it.each<[string, string, string | string[] | undefined, string]>([
    ['a direct client, ignoring a forged header', '198.51.100.7', '1.2.3.4', '198.51.100.7'],
    ['a direct client on a dual-stack socket', '::ffff:198.51.100.7', undefined, '198.51.100.7'],
    ['through the trusted proxy', '10.0.0.2', '203.0.113.9', '203.0.113.9'],
    ['through the proxy, with addresses the client wrote to the left', '10.0.0.2', '6.6.6.6, 7.7.7.7, 203.0.113.9', '203.0.113.9'],
    ['through two trusted proxies, with a forged hop before them', '10.0.0.2', '6.6.6.6, 203.0.113.9, 10.0.0.3', '203.0.113.9'],
    ['through a proxy in a trusted subnet', '172.20.1.1', '203.0.113.9, 172.16.5.5', '203.0.113.9'],
    ['over several header lines', '10.0.0.2', ['6.6.6.6', '203.0.113.9'], '203.0.113.9'],
    ['an IPv6 client through the proxy', '10.0.0.2', '2001:db8::7', '2001:db8::7'],
    ['a mapped IPv4 client through the proxy', '10.0.0.2', '::ffff:203.0.113.9', '203.0.113.9'],
    ['a trusted proxy with no header', '10.0.0.2', undefined, '10.0.0.2'],
    ['a trusted proxy with an empty header', '10.0.0.2', ' , ', '10.0.0.2'],
    ['only trusted hops: the farthest one', '10.0.0.2', '10.0.0.3', '10.0.0.3'],
    ['garbage where the proxy wrote: the proxy itself', '10.0.0.2', '203.0.113.9, unknown', '10.0.0.2'],
    ['garbage to the left of the client', '10.0.0.2', 'unknown, 203.0.113.9', '203.0.113.9'],
    ['garbage behind a second trusted proxy: that proxy', '10.0.0.2', 'unknown, 10.0.0.3', '10.0.0.3'],
  ])('%s', (_, socketAddress, forwardedFor, expected) => {
    expect(resolveClientAddress({ socketAddress, forwardedFor, trustedProxies: trusted })).toBe(expected);
  });
});
