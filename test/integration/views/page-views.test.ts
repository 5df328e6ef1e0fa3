import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../bench/synthetic/seeded-random.ts';
import { getLocalDay } from '../../../src/lib/funnel/days.ts';
import { makeLeadsDb, startServer, type RunningServer } from '../../support/built-server.ts';

/**
 * The page view counter in the built server: 10,000 requests of every kind (pages, assets,
 * missing pages, the intake inbox, the API; GET and HEAD; browsers, bots, no user agent) through
 * a trusted proxy, then SIGTERM, which writes what is left. The counts in page_views must be
 * exactly the browsers' GETs of pages, and neither the client's address nor any user agent may
 * be anywhere in the database files or the server's output.
 */
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

const CLIENT_ADDRESS = '203.0.113.77';
const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.86 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
];
const BOTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'curl/8.5.0',
  'python-requests/2.32.3',
];
/** No User-Agent header at all, or an empty one: both count as bots. */
const NO_AGENT = [undefined, ''];

const timeZone = (JSON.parse(readFileSync('dist/server/delivery-settings.json', 'utf8')) as { organization: { timeZone: string } }).organization.timeZone;

/** Pages of the built site, each with the path its views are counted under. */
function listPages(): { target: string; path: string }[] {
  const locations = readdirSync('dist/client/locations')
    .filter((name) => !name.includes('.'))
    .slice(0, 3);
  const services = readdirSync('dist/client/services')
    .filter((name) => !name.includes('.'))
    .slice(0, 3);
  return [
    { target: '/', path: '/' },
    { target: '/services/', path: '/services/' },
    { target: '/privacy/', path: '/privacy/' },
    ...locations.map((id) => ({ target: `/locations/${id}/`, path: `/locations/${id}/` })),
    ...services.map((id) => ({ target: `/services/${id}/`, path: `/services/${id}/` })),
    // The query is never part of the path; the other spellings of a page are that page.
    { target: '/?utm_source=newsletter&email=ada%40example.org', path: '/' },
    { target: `/services/${services[0]}`, path: `/services/${services[0]}/` },
    { target: '/locations/index.html', path: '/locations/' },
  ];
}

interface Planned {
  method: 'GET' | 'HEAD';
  target: string;
  kind: 'page' | 'asset' | 'missing' | 'intake' | 'api';
  userAgent: string | undefined;
  /** The path this request adds a view to, if any. */
  counts: string | null;
}

function planRequests(count: number): Planned[] {
  const random = createRandom('page-views');
  const pages = listPages();
  const assets = readdirSync('dist/client/_astro')
    .slice(0, 4)
    .map((name) => `/_astro/${name}`);
  const others: Record<Exclude<Planned['kind'], 'page' | 'asset'>, string[]> = {
    missing: ['/no-such-page/', '/services/no-such-service/'],
    intake: ['/intake/sign-in/'],
    api: ['/api/form-token'],
  };
  return Array.from({ length: count }, () => {
    const roll = random.next();
    const kind: Planned['kind'] = roll < 0.55 ? 'page' : roll < 0.8 ? 'asset' : roll < 0.9 ? 'missing' : roll < 0.95 ? 'intake' : 'api';
    const method = random.chance(0.15) ? 'HEAD' : 'GET';
    const agents = random.next();
    const userAgent = agents < 0.6 ? random.pick(BROWSERS) : agents < 0.9 ? random.pick(BOTS) : random.pick(NO_AGENT);
    if (kind === 'page') {
      const page = random.pick(pages);
      const counts = method === 'GET' && BROWSERS.includes(userAgent ?? '') ? page.path : null;
      return { method, target: page.target, kind, userAgent, counts };
    }
    return { method, target: random.pick(kind === 'asset' ? assets : others[kind]), kind, userAgent, counts: null };
  });
}

interface Answer {
  status: number;
  setCookie: boolean;
}

function send(origin: URL, agent: Agent, planned: Planned): Promise<Answer> {
  const headers: Record<string, string> = { 'x-forwarded-for': CLIENT_ADDRESS };
  if (planned.userAgent !== undefined) headers['user-agent'] = planned.userAgent;
  return new Promise((resolve, reject) => {
    const req = request({ host: origin.hostname, port: origin.port, method: planned.method, path: planned.target, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] !== undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends every request over a few kept-alive connections, `concurrency` at a time, in order. */
async function sendAll(origin: string, plan: readonly Planned[], concurrency: number): Promise<Answer[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(origin);
  const answers: Answer[] = new Array(plan.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < plan.length) {
        const index = next++;
        answers[index] = await send(url, agent, plan[index] as Planned);
      }
    }),
  );
  agent.destroy();
  return answers;
}

function readServerViews(path: string): { day: string; path: string; views: number }[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare("SELECT day, path, views FROM page_views WHERE source = 'server' ORDER BY path, day").all() as { day: string; path: string; views: number }[];
  } finally {
    db.close();
  }
}

async function start(env: Record<string, string>): Promise<RunningServer> {
  const db = makeLeadsDb();
  const server = await startServer({ leadsDb: db.path, env: { TRUSTED_PROXIES: '127.0.0.1', ...env } });
  cleanup.push(() => server.stop(), db.remove);
  return server;
}

describe('page views in the built server', () => {
  it('10,000 mixed requests give exactly the browsers’ GETs of pages, with no cookie and nothing of the visitor stored or logged', async () => {
    const plan = planRequests(10_000);
    const server = await start({});
    const formatDay = (at: Date) => getLocalDay(at, timeZone);
    const firstDay = formatDay(new Date());
    const answers = await sendAll(server.origin, plan, 8);
    const lastDay = formatDay(new Date());
    await server.stop();

    // The requests were what they were meant to be.
    const statuses = new Map<string, Set<number>>();
    plan.forEach((planned, index) => {
      const seen = statuses.get(planned.kind) ?? new Set();
      seen.add(answers[index]?.status ?? 0);
      statuses.set(planned.kind, seen);
    });
    expect(Object.fromEntries([...statuses].map(([kind, seen]) => [kind, [...seen].sort()]))).toEqual({ page: [200], asset: [200], missing: [404], intake: [200], api: [200] });
    expect(plan.filter((planned) => planned.method === 'HEAD').length).toBeGreaterThan(1000);
    expect(plan.filter((planned) => planned.userAgent === undefined).length).toBeGreaterThan(100);

    const expected: Record<string, number> = {};
    for (const { counts } of plan) if (counts !== null) expected[counts] = (expected[counts] ?? 0) + 1;
    const rows = readServerViews(server.leadsDb);
    const counted: Record<string, number> = {};
    for (const row of rows) counted[row.path] = (counted[row.path] ?? 0) + row.views;
    expect(counted).toEqual(expected);
    expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBeGreaterThan(2000);
    expect(new Set(rows.map((row) => row.day))).toEqual(new Set([firstDay, lastDay]));

    // No public response set a cookie (the intake sign-in page sets its own, on /intake/ only).
    const cookies = plan.filter((planned, index) => planned.kind !== 'intake' && answers[index]?.setCookie);
    expect(cookies).toEqual([]);

    // Neither the client's address nor any user agent is in the database files or the log.
    const files = ['', '-wal', '-shm'].map((suffix) => `${server.leadsDb}${suffix}`).filter((file) => existsSync(file));
    const bytes = Buffer.concat(files.map((file) => readFileSync(file)));
    expect(bytes.includes('/services/'), 'the database holds the counted paths').toBe(true);
    const output = server.output();
    expect(output).toContain('Page views: counted per page per day (no cookie, no address; PAGE_VIEWS=off to stop)');
    for (const secret of [CLIENT_ADDRESS, ...BROWSERS, ...BOTS]) {
      expect(bytes.includes(secret), `${secret} in the database`).toBe(false);
      expect(output.includes(secret), `${secret} in the output`).toBe(false);
    }
    for (const fragment of ['Chrome/131', 'Firefox/133', 'Googlebot', 'python-requests', 'utm_source', 'ada%40example.org']) {
      expect(bytes.includes(fragment), `${fragment} in the database`).toBe(false);
      expect(output.includes(fragment), `${fragment} in the output`).toBe(false);
    }
  });

  it('PAGE_VIEWS=off counts nothing and says so at start', async () => {
    const server = await start({ PAGE_VIEWS: 'off' });
    const answers = await sendAll(server.origin, [{ method: 'GET', target: '/', kind: 'page', userAgent: BROWSERS[0], counts: null }], 1);
    expect(answers[0]?.status).toBe(200);
    await server.stop();
    expect(server.output()).toContain('Page views: not counted (PAGE_VIEWS=off)');
    expect(readServerViews(server.leadsDb)).toEqual([]);
  });

  it('a bad PAGE_VIEWS stops the server at start with the variable and the values it takes', async () => {
    const db = makeLeadsDb();
    cleanup.push(db.remove);
    await expect(startServer({ leadsDb: db.path, env: { PAGE_VIEWS: 'no' } })).rejects.toThrow('Carepath cannot start: PAGE_VIEWS is on or off; got "no".');
  });
});
