import { request as httpRequest, type Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP or HTTPS request with exactly these headers (fetch would set Host and refuse some),
 * on a fresh connection (or `agent`'s, to reuse one). `ca` is the certificate to trust for https (nothing else is trusted);
 * `localAddress` the loopback address to connect from, so that a client is not the proxy.
 */
export function sendRequest(options: { url: string; method?: string; headers?: OutgoingHttpHeaders; body?: string; ca?: string; localAddress?: string; agent?: Agent }): Promise<RawResponse> {
  const url = new URL(options.url);
  const https = url.protocol === 'https:';
  const request = https ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: options.agent ?? false,
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
        ...(https && options.ca !== undefined ? { ca: options.ca } : {}),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The Set-Cookie headers of a response, each whole. */
export function getSetCookies(response: RawResponse): string[] {
  return response.headers['set-cookie'] ?? [];
}

/** `name=value` of each cookie set, to send back as one Cookie header. */
export function toCookieHeader(setCookies: readonly string[], previous = ''): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map((pair) => [pair.split('=')[0] ?? '', pair] as const),
  );
  for (const header of setCookies) {
    const pair = header.split(';')[0] ?? '';
    const name = pair.split('=')[0] ?? '';
    if (pair.endsWith('=') || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join('; ');
}
