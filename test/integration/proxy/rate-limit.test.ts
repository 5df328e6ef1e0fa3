import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPSTREAM_HEADER } from '../../support/nginx.ts';
import { startProxiedServers, type ProxiedServers } from '../../support/proxied-servers.ts';
import { sendRequest, type RawResponse } from '../../support/raw-request.ts';

/**
 * The per-server rate limit behind a round-robin proxy, with the arithmetic docs/deploy.md gives
 * ("Several servers"): N servers, LEAD_RATE_LIMIT L each, one client gets N × L leads in a
 * burst and no more; another client has its own. It fails if the limit were shared (L) or lost (∞).
 */
const LIMIT = 3;
const SERVERS = 2;

let cluster: ProxiedServers;
beforeAll(async () => {
  cluster = await startProxiedServers({ count: SERVERS, env: { LEAD_RATE_LIMIT: String(LIMIT) } });
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

function postLead(name: string, from: string): Promise<RawResponse> {
  return sendRequest({
    url: new URL('/api/leads', cluster.proxy.origin).href,
    ca: cluster.proxy.ca,
    localAddress: from,
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: cluster.proxy.origin },
    body: JSON.stringify({ leadType: 'patient', name, phone: '503 555 0142', timing: 'flexible', consent: true }),
  });
}

describe('the rate limit of two servers behind nginx', () => {
  it(`lets one client post ${SERVERS} × ${LIMIT} leads, then answers 429 with Retry-After from every server`, async () => {
    const answers: RawResponse[] = [];
    for (let i = 0; i < SERVERS * LIMIT + 4; i++) answers.push(await postLead(`Burst ${i}`, '127.0.0.4'));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses).toEqual([...Array<number>(SERVERS * LIMIT).fill(201), 429, 429, 429, 429]);
    const refused = answers.slice(SERVERS * LIMIT);
    for (const answer of refused) {
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(answer.body)).toHaveProperty('error');
    }
    // Both servers refused: each one's own bucket is empty.
    expect(new Set(refused.map((answer) => String(answer.headers[UPSTREAM_HEADER]))).size).toBe(SERVERS);

    // Another client is counted apart.
    expect((await postLead('Other client', '127.0.0.5')).status).toBe(201);
  });
});
