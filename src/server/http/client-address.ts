import { BlockList, isIP } from 'node:net';

/** The reverse proxies whose `X-Forwarded-For` is believed: addresses and subnets (CIDR). */
export interface TrustedProxies {
  has(address: string): boolean;
  /** As configured, for messages. */
  readonly entries: readonly string[];
}

/**
 * Reads `TRUSTED_PROXIES`: comma-separated IPv4/IPv6 addresses or subnets such as `10.0.0.0/8`.
 * Throws naming the entry that is neither.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (family === 0 || extra !== undefined || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or a subnet such as 10.0.0.0/8 or fd00::/8.`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return {
    entries,
    has: (candidate) => {
      const address = normalizeAddress(candidate);
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

/** `::ffff:203.0.113.9` (an IPv4 client on a dual-stack socket) is `203.0.113.9`. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/**
 * The client's address. It is the socket's, unless the socket is a trusted proxy: then it is the
 * rightmost `X-Forwarded-For` entry that is not itself a trusted proxy, because each proxy
 * appends the address it saw and everything to the left of that was written by the client.
 * An entry that is not an IP address stops the walk at the proxy's own address.
 */
export function resolveClientAddress(options: { socketAddress: string; forwardedFor: string | readonly string[] | undefined; trustedProxies: TrustedProxies }): string {
  const socketAddress = normalizeAddress(options.socketAddress);
  const { forwardedFor, trustedProxies } = options;
  if (forwardedFor === undefined || !trustedProxies.has(socketAddress)) return socketAddress;
  const hops = (typeof forwardedFor === 'string' ? [forwardedFor] : forwardedFor)
    .join(',')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  let client = socketAddress;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i] ?? '');
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!trustedProxies.has(hop)) return hop;
  }
  return client;
}
