import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { POSTGRES_LEAD_MIGRATIONS } from '../../../src/server/postgres/migrations.ts';
import { startServer, type RunningServer } from '../../support/built-server.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { addUser, IntakeClient, runCli } from '../../support/intake-client.ts';

/**
 * The built server with LEADS_DATABASE_URL: it migrates the database at start and keeps
 * everything there, not in a SQLite file: the lead (once per submission key), the intake inbox's
 * users (made with the leads CLI, whose commands follow LEADS_DATABASE_URL) and sessions, and
 * the page views.
 */
const PASSWORD = 'correct horse battery staple';
// The test cluster trusts every local connection, so the password is never checked: it is here to
// prove the server does not print it.
const URL_PASSWORD = 'pw-never-printed';
let server: RunningServer;
let databaseUrl: string;
let db: pg.Client;

beforeAll(async () => {
  const url = new URL(await createTestDatabase(inject('postgresAdminUrl'), 'server'));
  url.password = URL_PASSWORD;
  databaseUrl = url.toString();
  // LEADS_DB empty: the server must not be given both (server-env.ts refuses that).
  server = await startServer({ leadsDb: '', env: { LEADS_DATABASE_URL: databaseUrl, LEAD_RATE_LIMIT: '1000' } });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await db?.end();
});

async function postLead(body: Record<string, unknown>): Promise<{ status: number; id: string }> {
  const response = await fetch(`${server.origin}/api/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify({ leadType: 'patient', phone: '503 555 0142', timing: 'flexible', consent: true, ...body }),
  });
  return { status: response.status, id: ((await response.json()) as { id: string }).id };
}

describe('a server on PostgreSQL', () => {
  it('names the database at start, host and name, never the password', () => {
    const { hostname, port, pathname } = new URL(databaseUrl);
    expect(server.output()).toContain(`Leads: PostgreSQL database "${pathname.slice(1)}" on ${hostname}:${port}`);
    expect(server.output()).not.toContain(URL_PASSWORD);
  });

  it('stores a lead in PostgreSQL once per submission key, and the intake inbox shows it', async () => {
    const submissionKey = crypto.randomUUID();
    const first = await postLead({ name: 'Pat Postgres', service: 'dental', submissionKey });
    expect(first.status).toBe(201);
    const again = await postLead({ name: 'Pat Postgres', service: 'dental', submissionKey });
    expect(again.id).toBe(first.id);

    const rows = await db.query<{ id: string; name: string }>("SELECT id, fields->>'name' AS name FROM leads WHERE submission_key = $1", [submissionKey]);
    expect(rows.rows).toEqual([{ id: first.id, name: 'Pat Postgres' }]);
    expect((await db.query('SELECT count(*)::int AS n FROM leads')).rows[0]).toEqual({ n: 1 });
    // The delivery outbox is on the same database: nothing is configured, so nothing is planned to anyone.
    expect((await db.query('SELECT count(*)::int AS n FROM deliveries')).rows[0]).toEqual({ n: 0 });

    const user = addUser('', 'ada', { queues: [], admin: true, env: { LEADS_DATABASE_URL: databaseUrl } });
    const client = new IntakeClient(server.origin);
    expect((await client.setUp(user, PASSWORD)).status).toBe(200);
    expect((await client.signIn(user, PASSWORD)).status).toBe(303);
    const inbox = await client.get('/intake/');
    expect(inbox.response.status).toBe(200);
    expect(inbox.html).toContain(`/intake/leads/${first.id}/`);
    // The session lives in the database, so any server behind the same proxy knows it.
    expect((await db.query('SELECT count(*)::int AS n FROM intake_sessions')).rows[0]).toEqual({ n: 1 });
    const lead = await client.get(`/intake/leads/${first.id}/`);
    expect(lead.response.status).toBe(200);
    expect(lead.html).toContain('Pat Postgres');
    expect((await client.get('/intake/report/')).response.status).toBe(200);
  });

  it('the leads CLI, a process of its own under plain Node, lists and shows the lead the server stored, and finds the schema current', async () => {
    const { id } = await postLead({ name: 'Lee Listed', service: 'dental', submissionKey: crypto.randomUUID() });
    const env = { LEADS_DATABASE_URL: databaseUrl };

    const table = runCli('', ['list'], env);
    expect(table.stderr).toBe('');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^${id}  .* patient  `, 'm'));
    const listed = runCli('', ['list', '--json'], env);
    expect(listed.status, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { id: string; fields: Record<string, unknown> }[]).find((lead) => lead.id === id)?.fields).toMatchObject({ name: 'Lee Listed', service: 'dental' });
    const shown = runCli('', ['show', id], env);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Lee Listed');

    const { hostname, port, pathname } = new URL(databaseUrl);
    const latest = POSTGRES_LEAD_MIGRATIONS.length;
    expect(runCli('', ['migrate'], env)).toEqual({
      status: 0,
      stdout: `PostgreSQL database "${pathname.slice(1)}" on ${hostname}:${port}: schema version ${latest} → ${latest}, nothing to do.\n`,
      stderr: '',
    });
    const users = runCli('', ['user', 'list'], env);
    expect(users.status, users.stderr).toBe(0);
    expect(users.stdout).toContain('ada');
    expect([table, listed, shown, users].map((result) => result.stdout + result.stderr).join('')).not.toContain(URL_PASSWORD);
  });

  it('counts page views in PostgreSQL, written at shutdown', async () => {
    const browser = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.86 Safari/537.36';
    expect((await fetch(`${server.origin}/`, { headers: { 'user-agent': browser } })).status).toBe(200);
    await server.stop();
    const views = await db.query<{ path: string; views: string }>("SELECT path, views FROM page_views WHERE source = 'server'");
    expect(views.rows).toEqual([{ path: '/', views: '1' }]);
  });
});
