import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLeadsDb, startServer, type RunningServer } from '../../support/built-server.ts';
import { addUser, IntakeClient, runCli, totp, type CreatedUser } from '../../support/intake-client.ts';

/**
 * The intake inbox on the built server, as staff use it: a user made with the CLI sets up with
 * the one-time link and an authenticator code, signs in with password and code, sees exactly
 * their queues' leads, and each step lands in the audit log.
 */
const PASSWORD = 'correct horse battery staple';
let server: RunningServer;
let db: ReturnType<typeof makeLeadsDb>;
let desk: CreatedUser;
let salem: CreatedUser;
let admin: CreatedUser;
// A code is accepted once, and only within a step of the clock: each test signs in its own user.
let dee: CreatedUser;
let dot: CreatedUser;
const leadIds: Record<string, string> = {};

async function postLead(body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${server.origin}/api/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify({ leadType: 'patient', phone: '503 555 0142', timing: 'flexible', consent: true, ...body }),
  });
  return ((await response.json()) as { id: string }).id;
}

/** A client of a user set up with their link and signed in with password and code. */
async function signIn(user: CreatedUser): Promise<IntakeClient> {
  const client = new IntakeClient(server.origin);
  await client.setUp(user, PASSWORD);
  expect((await client.signIn(user, PASSWORD)).status).toBe(303);
  return client;
}

beforeAll(async () => {
  db = makeLeadsDb();
  server = await startServer({ leadsDb: db.path, env: { LEAD_RATE_LIMIT: '1000' } });
  // Two leads in two queues: urgent care (urgent-care-desk or nurse-advice-line by the hour) and Salem.
  leadIds['salem'] = await postLead({ name: 'Salem Person', location: 'downtown-salem', timing: 'asap' });
  leadIds['dental'] = await postLead({ name: 'Dental Person', service: 'dental' });
  desk = addUser(db.path, 'dana', { queues: ['south-salem-dental-desk'], name: 'Dana Desk' });
  salem = addUser(db.path, 'sam', { queues: ['salem-scheduling'], name: 'Sam Salem' });
  admin = addUser(db.path, 'ada', { queues: [], admin: true, name: 'Ada Admin' });
  dee = addUser(db.path, 'dee', { queues: ['south-salem-dental-desk'] });
  dot = addUser(db.path, 'dot', { queues: ['south-salem-dental-desk'] });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  db?.remove();
});

describe('set-up and sign-in', () => {
  it('sets up with the link, signs in with password and code, with a strict session cookie', async () => {
    const client = new IntakeClient(server.origin);
    expect((await client.setUp(desk, PASSWORD)).status).toBe(200);
    // The link is used up.
    expect((await client.get(desk.setupPath)).response.status).toBe(404);

    const signedIn = await client.signIn(desk, PASSWORD);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/intake/');
    const cookie = client.jar.setCookies.find((header) => header.startsWith('carepath-intake='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/intake\//i);

    const inbox = await client.get('/intake/');
    expect(inbox.response.status).toBe(200);
    expect(inbox.response.headers.get('cache-control')).toBe('no-store');
    expect(inbox.response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(inbox.response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(inbox.html).toContain(`/intake/leads/${leadIds['dental']}/`);
    expect(inbox.html).not.toContain(leadIds['salem']);
  });

  it.each([
    ['a wrong password', (user: CreatedUser) => ({ password: 'not the password at all', code: totp(user.key) })],
    ['a wrong code', () => ({ password: PASSWORD, code: '000000' })],
    ['an unknown login', (user: CreatedUser) => ({ login: 'nobody', password: PASSWORD, code: totp(user.key) })],
  ])('refuses %s with the same words', async (_, fields) => {
    const client = new IntakeClient(server.origin);
    const page = await client.get('/intake/sign-in/');
    const answer = await client.post('/intake/sign-in/', { csrf: IntakeClient.csrfOf(page.html), login: salem.login, ...fields(salem) });
    expect(answer.response.status).toBe(401);
    expect(answer.html).toContain('That did not work. Check your login, password and the code from your authenticator app');
    expect(client.jar.cookies.has('carepath-intake')).toBe(false);
  });

  it('refuses a sign-in from another origin or without its form token', async () => {
    const client = new IntakeClient(server.origin);
    const page = await client.get('/intake/sign-in/');
    const fields = { login: salem.login, password: PASSWORD, code: totp(salem.key) };
    expect((await client.post('/intake/sign-in/', { csrf: IntakeClient.csrfOf(page.html), ...fields }, { origin: 'https://evil.example' })).response.status).toBe(403);
    expect((await client.post('/intake/sign-in/', fields)).response.status).toBe(403);
  });

  it('locks a login after five failed attempts, even with the right password and code', async () => {
    const victim = addUser(db.path, 'lou', { queues: ['salem-scheduling'] });
    const client = new IntakeClient(server.origin);
    await client.setUp(victim, PASSWORD);
    for (let i = 0; i < 5; i += 1) {
      const page = await client.get('/intake/sign-in/');
      await client.post('/intake/sign-in/', { csrf: IntakeClient.csrfOf(page.html), login: 'lou', password: 'wrong password here', code: '123456' });
    }
    const locked = await client.signIn(victim, PASSWORD);
    expect(locked.status).toBe(429);
  });

  it('ends an idle session (a short configured timeout)', async () => {
    const quick = await startServer({ leadsDb: db.path, env: { INTAKE_IDLE_MINUTES: '0.05' } });
    try {
      const client = new IntakeClient(quick.origin);
      await client.setUp(salem, PASSWORD);
      expect((await client.signIn(salem, PASSWORD)).status).toBe(303);
      expect((await client.get('/intake/')).response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 3500));
      const after = await client.get('/intake/');
      expect(after.response.status).toBe(303);
      expect(after.response.headers.get('location')).toBe('/intake/sign-in/');
    } finally {
      await quick.stop();
    }
  });
});

describe('what a user sees', () => {
  it('answers 404 for a lead of another queue, and shows one of their own in full', async () => {
    const client = await signIn(admin);
    const own = await client.get(`/intake/leads/${leadIds['dental']}/`);
    expect(own.response.status).toBe(200);
    expect(own.html).toContain('Dental Person');
    const log = await client.get('/intake/audit/');
    expect(log.response.status).toBe(200);
    expect(log.html).toContain('view-lead');
    expect(log.html).not.toContain('Dental Person');

    const dana = await signIn(dee);
    expect((await dana.get(`/intake/leads/${leadIds['dental']}/`)).response.status).toBe(200);
    const other = await dana.get(`/intake/leads/${leadIds['salem']}/`);
    expect(other.response.status).toBe(404);
    expect(other.html).not.toContain('Salem Person');
    expect((await dana.get('/intake/leads/01M8SZABMDJMWZ0DARW5M8JBC6/')).response.status).toBe(404);
    // The audit log is for admins: another 404.
    expect((await dana.get('/intake/audit/')).response.status).toBe(404);
  });

  it('signs out only by a form post with the session’s token, and then everywhere', async () => {
    const client = await signIn(dot);
    const inbox = await client.get('/intake/');
    expect((await client.post('/intake/sign-out/', { csrf: 'forged' })).response.status).toBe(403);
    expect((await client.post('/intake/sign-out/', { csrf: IntakeClient.csrfOf(inbox.html) }, { origin: 'https://evil.example' })).response.status).toBe(403);
    expect((await client.get('/intake/')).response.status).toBe(200);
    const out = await client.post('/intake/sign-out/', { csrf: IntakeClient.csrfOf(inbox.html) });
    expect(out.response.status).toBe(303);
    expect((await client.get('/intake/')).response.status).toBe(303);
  });
});

describe('working a lead', () => {
  it('takes a step only from a form of this session, and tells the second of two people who changed it', async () => {
    const worker = addUser(db.path, 'wes', { queues: ['south-salem-dental-desk'] });
    const first = await signIn(worker);
    const path = `/intake/leads/${leadIds['dental']}/`;
    const page = await first.get(path);
    const csrf = IntakeClient.csrfOf(page.html);
    const version = /name="version" value="(\d+)"/.exec(page.html)?.[1] ?? '';

    expect((await first.post(path, { csrf: 'forged', version, step: 'contacted' })).response.status).toBe(403);
    expect((await first.post(path, { csrf, version, step: 'contacted' }, { origin: 'https://evil.example' })).response.status).toBe(403);
    expect((await first.post(path, { csrf, version, step: 'booked' })).response.status).toBe(422);

    const done = await first.post(path, { csrf, version, step: 'contacted' });
    expect(done.response.status).toBe(303);
    // The same form again (another tab, or a colleague who opened it before): refused, named.
    const stale = await first.post(path, { csrf, version, step: 'not-a-fit', reason: 'duplicate' });
    expect(stale.response.status).toBe(409);
    expect(stale.html).toContain('This lead was changed by wes while you had it open');
    const after = await first.get(path);
    expect(after.html).toMatch(/Response time<\/dt><dd>\d+ min, on time/);
    expect(after.html).toContain('wes: contacted');
  });
});

describe('sending a lead elsewhere', () => {
  it('lets a user send a lead to another queue, and an admin release quarantined spam to its route', async () => {
    const boss = addUser(db.path, 'ari', { queues: [], admin: true });
    const client = await signIn(boss);

    const moving = await postLead({ name: 'Moving Person', location: 'downtown-salem', timing: 'asap' });
    const path = `/intake/leads/${moving}/`;
    const page = await client.get(path);
    const fields = { csrf: IntakeClient.csrfOf(page.html), version: /name="version" value="(\d+)"/.exec(page.html)?.[1] ?? '', action: 'reassign' };
    expect((await client.post(path, { ...fields, queue: 'no-such-queue' })).response.status).toBe(422);
    expect((await client.post(path, { ...fields, queue: 'south-salem-dental-desk' })).response.status).toBe(303);
    const moved = await client.get(path);
    expect(moved.html).toContain('south-salem-dental-desk (normal)');
    expect(moved.html).toContain('Reassigned by ari');
    expect(moved.html).toContain('sent to another queue (salem-scheduling → south-salem-dental-desk)');

    // The honeypot filled: quarantined, seen only by admins, released to the dental desk.
    const spam = await postLead({ name: 'Caught By Mistake', service: 'dental', website: 'http://spam.example' });
    const spamPath = `/intake/leads/${spam}/`;
    const quarantined = await client.get(spamPath);
    expect(quarantined.html).toContain('spam-quarantine');
    const release = { csrf: IntakeClient.csrfOf(quarantined.html), version: /name="version" value="(\d+)"/.exec(quarantined.html)?.[1] ?? '', action: 'release' };
    expect((await client.post(spamPath, release)).response.status).toBe(303);
    const released = await client.get(spamPath);
    expect(released.html).toContain('south-salem-dental-desk');
    expect(released.html).toMatch(/<span class="badge">new<\/span>/);
    expect(released.html).toContain('not spam, released (spam-quarantine → south-salem-dental-desk)');
  });
});

describe('the export', () => {
  it('writes the filtered leads of the user’s queues as formula-safe CSV, and is audited', async () => {
    const exporter = addUser(db.path, 'eve', { queues: ['south-salem-dental-desk'] });
    const client = await signIn(exporter);
    const formula = await postLead({ name: '=HYPERLINK("http://evil.example")', service: 'dental' });
    const csv = await client.get('/intake/export.csv?queue=south-salem-dental-desk');
    expect(csv.response.status).toBe(200);
    expect(csv.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.response.headers.get('content-disposition')).toMatch(/^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.html).toContain('Dental Person');
    expect(csv.html).toContain(formula);
    expect(csv.html).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv.html).not.toContain('Salem Person');
    // Signed out, nothing.
    expect((await new IntakeClient(server.origin).get('/intake/export.csv')).response.status).toBe(303);
  });
});

describe('the funnel report', () => {
  it('is for admins only: anyone else gets 404 for the page and its files', async () => {
    const user = addUser(db.path, 'rita', { queues: ['south-salem-dental-desk'] });
    const client = await signIn(user);
    for (const path of ['/intake/report/', '/intake/report.csv', '/intake/report.json']) {
      expect((await client.get(path)).response.status, path).toBe(404);
    }
    expect((await client.get('/intake/')).html).not.toContain('href="/intake/report/"');
    expect((await new IntakeClient(server.origin).get('/intake/report/')).response.status).toBe(303);
  });

  it('shows an admin this month so far, refuses a backwards range with the reason, and audits views and downloads', async () => {
    const boss = addUser(db.path, 'rex', { queues: [], admin: true });
    const client = await signIn(boss);
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' });
    const monthStart = `${today.slice(0, 8)}01`;
    const page = await client.get(`/intake/report/?from=${monthStart}&to=${today}`);
    expect(page.response.status).toBe(200);
    expect(page.html).toContain('<h2 id="channels">Where leads came from</h2>');
    // This file's leads came in today, with no personal detail shown.
    expect(page.html).toMatch(/<dt>Leads<\/dt><dd>\d+<\/dd>/);
    expect(page.html).not.toMatch(/Dental Person|Salem Person|503 555/);

    const backwards = await client.get(`/intake/report/?from=${today}&to=${monthStart === today ? '2020-01-01' : monthStart}`);
    expect(backwards.response.status).toBe(400);
    expect(backwards.html).toContain('The first day comes after the last day: swap them.');
    expect((await client.get('/intake/report/?from=yesterday&to=today')).response.status).toBe(400);

    const json = await client.get(`/intake/report.json?from=${monthStart}&to=${today}`);
    expect(json.response.status).toBe(200);
    expect(json.response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const report = JSON.parse(json.html) as { smallGroupsSuppressed: boolean; totals: { leads: { current: unknown } } };
    expect(report.smallGroupsSuppressed).toBe(true);
    const audit = JSON.parse(runCli(db.path, ['audit', '--json']).stdout) as { actor: string; action: string; detail: string | null }[];
    expect(audit.filter((row) => row.actor === 'rex').map((row) => row.action)).toEqual(expect.arrayContaining(['view-report', 'export-report']));
    expect(audit.find((row) => row.actor === 'rex' && row.action === 'export-report')?.detail).toBe(`json ${monthStart} to ${today}`);

    // The command reads the same database with the names and channel rules the build wrote.
    const cli = runCli(db.path, ['report', '--from', monthStart, '--to', today, '--format', 'json']);
    expect(cli.status, cli.stderr).toBe(0);
    const fromCli = JSON.parse(cli.stdout) as typeof report & { organization: string; byService: { key: string; label: string }[] };
    expect(fromCli.totals).toEqual(report.totals);
    expect(fromCli.organization).toBe('Riverbend Health');
    expect(fromCli.byService.find((row) => row.key === 'dental')?.label).toBe('Dental care');
  });
});

describe('the audit log', () => {
  it('has a row for each sign-in, failed sign-in, view and sign-out, with no lead content', () => {
    const result = runCli(db.path, ['audit', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as { actor: string; action: string; leadId: string | null; detail: string | null }[];
    const actions = new Set(rows.map((row) => `${row.actor} ${row.action}`));
    for (const expected of [
      'dana sign-in',
      'dee view-lead',
      'dot sign-out',
      'sam sign-in-failed',
      'nobody sign-in-failed',
      'lou sign-in-refused',
      'ada view-lead',
      'cli user-add',
      'wes change-lead',
      'eve export',
      'ada view-audit',
      'ari reassign-lead',
      'ari release-lead',
    ]) {
      expect(actions, expected).toContain(expected);
    }
    expect(rows.find((row) => row.action === 'view-lead' && row.actor === 'dee')?.leadId).toBe(leadIds['dental']);
    expect(result.stdout).not.toMatch(/Dental Person|Salem Person|503 555/);
  });
});

describe('search engines', () => {
  it('find no intake address in the sitemaps, and robots.txt keeps them out', () => {
    const client = join('dist', 'client');
    for (const file of readdirSync(client).filter((name) => name.startsWith('sitemap'))) {
      expect(readFileSync(join(client, file), 'utf8'), file).not.toContain('/intake');
    }
    expect(readFileSync(join(client, 'robots.txt'), 'utf8')).toContain('Disallow: /intake/');
  });
});
