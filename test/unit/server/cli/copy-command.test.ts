import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { NewDelivery } from '@/lib/leads/delivery.ts';
import type { StoredLead } from '@/lib/leads/store.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runLeadsCli, USAGE } from '@/server/cli/leads-command.ts';
import { SqliteIntakeStore } from '@/server/intake/sqlite-intake-store.ts';
import { PostgresFunnelStore } from '@/server/postgres/funnel-store.ts';
import { PostgresIntakeStore } from '@/server/postgres/intake-store.ts';
import { PostgresLeadStore } from '@/server/postgres/lead-store.ts';
import { SqliteFunnelStore } from '@/server/sqlite-funnel-store.ts';
import { SqliteLeadStore } from '@/server/sqlite-lead-store.ts';
import { applyMigrations, LEAD_MIGRATIONS } from '@/server/sqlite-migrations.ts';
import { SqlitePageViewStore } from '@/server/sqlite-page-views.ts';
import { createPostgresPool } from '@/server/postgres/connection.ts';
import { applyPostgresMigrations, POSTGRES_LEAD_MIGRATIONS } from '@/server/postgres/migrations.ts';
import { COPIED_TABLES, copyLeadStore, type CopiedTable } from '@/server/store-copy.ts';
import { createTestDatabase } from '../../../support/postgres.ts';
import { buildNewLead } from '../support/leads.ts';
import { useStoreFile } from '../support/store-file.ts';

// `npm run leads -- copy` through runLeadsCli in this process: a SQLite file seeded through the
// SQLite stores, copied into a database of its own on the test PostgreSQL server, then read back
// through the PostgreSQL stores and compared with what the SQLite stores return.

const file = useStoreFile();
let url = '';

beforeEach(async () => {
  url = await createTestDatabase(inject('postgresAdminUrl'), 'copy');
});

async function run(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runLeadsCli(argv, {
    env: { LEADS_DB: file.path, ...env },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

async function query(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

const at = (time: string) => new Date(`2026-11-20T${time}Z`);
const WINDOW = { duplicateWindowMs: 10 * 60_000 };

function notifications(lead: StoredLead): NewDelivery[] {
  return [
    { channel: 'webhook', purpose: 'lead', destination: 'webhook:crm', recipients: [], notBefore: new Date(lead.createdAt) },
    {
      channel: 'email',
      purpose: 'lead',
      destination: 'email:intake-portland',
      recipients: ['team@riverbend.example'],
      notBefore: new Date(lead.createdAt),
      concealQueue: true,
      escalate: ['lead@riverbend.example'],
    },
  ];
}

/**
 * A practice's file, written through the SQLite stores: leads (one purged, one spam past its
 * token's uses, one with deliveries still planned), their steps, deliveries delivered, dead and
 * pending, a paused and a disabled destination, users (active with a session, pending set-up,
 * disabled), audit rows, server and imported page views, and Search Console figures.
 */
async function seedPractice(): Promise<void> {
  const leads = file.openStore();
  const token = {
    nonce: 'nonce-1',
    expiresAt: at('12:00:00'),
    maxUses: 1,
    whenOverused: { status: 'spam' as const, route: { queue: 'spam', priority: 'low' as const, responseTargetMinutes: 0, matchedRule: 'overused' }, score: 0, flags: ['token-overused'] },
  };
  const ada = await leads.insert(buildNewLead({ submissionKey: 'key-ada' }), { ...WINDOW, now: at('09:00:00'), formToken: token, planDeliveries: notifications });
  const bob = await leads.insert(buildNewLead({ contentHash: 'hash-bob', fields: { name: 'Bob', phone: '+15035550100', service: 'massage' } }), {
    ...WINDOW,
    now: at('09:05:00.123'),
    formToken: token,
    planDeliveries: notifications,
  });
  const old = await leads.insert(buildNewLead({ contentHash: 'hash-old', leadType: 'referral', fields: { name: 'Old', practice: 'Elm Clinic', service: 'physical-therapy' } }), {
    ...WINDOW,
    now: new Date('2026-01-02T10:00:00Z'),
  });
  await leads.expandPlanned(10);
  await leads.insert(buildNewLead({ contentHash: 'hash-cy', fields: { name: 'Cy', email: 'cy@example.com' } }), { ...WINDOW, now: at('10:00:00'), planDeliveries: notifications });
  const [webhookAda, emailAda, webhookBob] = [`${ada.lead.id}-01`, `${ada.lead.id}-02`, `${bob.lead.id}-01`];
  await leads.recordAttempts([
    { id: webhookAda, record: { at: at('09:00:01'), state: 'delivered', nextAttemptAt: at('09:00:01'), result: 'HTTP 200', counted: true } },
    {
      id: emailAda,
      record: {
        at: at('09:00:02'),
        state: 'delivered',
        nextAttemptAt: at('09:00:02'),
        result: '250 OK',
        counted: true,
        followUps: [{ channel: 'email', purpose: 'reminder', destination: 'email:intake-portland', recipients: ['team@riverbend.example'], notBefore: at('13:00:00') }],
      },
    },
    {
      id: webhookBob,
      record: { at: at('09:06:00'), state: 'dead', nextAttemptAt: at('09:06:00'), result: 'HTTP 410', counted: true, disableDestination: 'HTTP 410 Gone', pauseDestinationUntil: at('09:30:00') },
    },
  ]);
  await leads.leaseDestination('email:intake-portland', { owner: 'worker-1', now: at('09:10:00'), leaseMs: 60_000 });
  await leads.setStatus(ada.lead.id, 'contacted', { actor: 'dana', now: at('09:30:00') });
  await leads.changeLead(ada.lead.id, { kind: 'note', note: 'Called back, wants Tuesday' }, { expectedVersion: 1, actor: 'dana', now: at('09:31:00') });
  await leads.changeLead(ada.lead.id, { kind: 'status', status: 'scheduled', scheduledFor: '2026-11-24T15:00' }, { expectedVersion: 2, actor: 'dana', now: at('09:32:00') });
  await leads.setStatus(old.lead.id, 'lost', { actor: 'dana', now: new Date('2026-01-03T10:00:00Z') });
  await leads.changeLead(old.lead.id, { kind: 'note', note: 'Moved away' }, { expectedVersion: 1, actor: 'dana', now: new Date('2026-01-03T10:01:00Z') });
  expect(await leads.purgePersonalData({ closedBefore: new Date('2026-06-01T00:00:00Z'), spamBefore: null, now: at('11:00:00'), dryRun: false })).toEqual({ closed: 1, spam: 0 });
  await leads.close();

  const intake = SqliteIntakeStore.open({ path: file.path });
  const setup = (login: string) => ({ now: at('08:00:00'), setupTokenHash: `setup-${login}`, setupExpiresAt: at('23:00:00'), totpKey: new Uint8Array([1, 2, 3, 250, 255, login.length]) });
  const dana = await intake.addUser({ login: 'dana', name: 'Dana Reyes', queues: ['intake-portland'], admin: false }, setup('dana'));
  await intake.completeSetup(dana.id, { passwordHash: 'scrypt$dana', totpStep: 58_000_000 });
  expect(await intake.useTotpStep(dana.id, 58_000_001)).toBe(true);
  await intake.createSession({ idHash: 'session-dana', userId: dana.id, csrfToken: 'csrf-dana', now: at('09:29:00') });
  await intake.addUser({ login: 'eli', name: 'Eli Park', queues: [], admin: true }, setup('eli'));
  await intake.addUser({ login: 'fay', name: 'Fay Olsen', queues: ['intake-salem'], admin: false }, setup('fay'));
  await intake.disableUser('fay', at('08:30:00'));
  for (const [time, action, leadId] of [
    ['09:29:00', 'sign-in', null],
    ['09:29:30', 'view-lead', ada.lead.id],
    ['09:30:00', 'change-lead', ada.lead.id],
  ] as const) {
    await intake.audit({ at: at(time), actor: 'dana', action, leadId, client: '203.0.113.7', detail: null });
  }
  await intake.audit({ at: at('08:00:00'), actor: 'cli', action: 'user-add', leadId: null, client: 'cli', detail: 'eli (admin)' });
  await intake.close();

  const views = SqlitePageViewStore.open({ path: file.path });
  views.addServerViews([
    { day: '2026-11-19', path: '/', views: 120 },
    { day: '2026-11-20', path: '/services/physical-therapy/', views: 33 },
  ]);
  views.replaceImportedViews([{ day: '2026-11-20', path: '/', views: 4_000 }]);
  views.replaceSearchConsolePages({ fromDay: '2026-11-01', toDay: '2026-11-19' }, [{ path: '/', clicks: 40, impressions: 1_234, ctr: 0.0324149, position: 7.25 }], at('12:00:00'));
  await views.close();
}

/** Everything the stores of one side return for the seeded practice, to compare the two. */
async function readThroughStores(
  leads: Pick<PostgresLeadStore, 'list' | 'get' | 'getHistory' | 'listDeliveries' | 'listDestinations' | 'countPlanned' | 'count'>,
  intake: Pick<PostgresIntakeStore, 'listUsers' | 'getCredentials' | 'listAudit' | 'findUserBySetupToken'>,
  funnel: SqliteFunnelStore | PostgresFunnelStore,
) {
  const list = await leads.list();
  const users = await intake.listUsers();
  const range = { fromDay: '2026-01-01', toDay: '2026-12-31' };
  return {
    count: await leads.count(),
    list,
    leads: await Promise.all(list.map((lead) => leads.get(lead.id))),
    histories: await Promise.all(list.map((lead) => leads.getHistory(lead.id))),
    spam: await leads.list({ status: 'spam' }),
    deliveries: await leads.listDeliveries(),
    dead: await leads.listDeliveries({ state: 'dead' }),
    destinations: await leads.listDestinations(),
    planned: await leads.countPlanned(),
    users,
    credentials: await Promise.all(users.map((user) => intake.getCredentials(user.login))),
    setupPending: await intake.findUserBySetupToken('setup-eli', at('12:00:00')),
    audit: await intake.listAudit(),
    funnelLeads: await funnel.listFunnelLeads({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') }),
    pageViews: await funnel.listPageViews(range),
    searchConsole: await funnel.listSearchConsolePages(range),
  };
}

async function readSqlite() {
  const leads = SqliteLeadStore.open({ path: file.path, readOnly: true });
  const intake = SqliteIntakeStore.open({ path: file.path, readOnly: true });
  const funnel = SqliteFunnelStore.open({ path: file.path });
  try {
    return await readThroughStores(leads, intake, funnel);
  } finally {
    await Promise.all([leads.close(), intake.close(), funnel.close()]);
  }
}

async function readPostgres() {
  const leads = await PostgresLeadStore.open({ url, readOnly: true });
  const intake = await PostgresIntakeStore.open({ url });
  const funnel = await PostgresFunnelStore.open({ url });
  try {
    return await readThroughStores(leads, intake, funnel);
  } finally {
    await Promise.all([leads.close(), intake.close(), funnel.close()]);
  }
}

/** Every row of every copied table and the identity sequences, as PostgreSQL holds them. */
async function dumpPostgres(): Promise<unknown> {
  const dump: Record<string, unknown> = {};
  for (const table of COPIED_TABLES) {
    dump[table.table] = await query(`SELECT * FROM ${table.table} ORDER BY ${table.key.map((column) => `${column}::text COLLATE "C"`).join(', ')}`);
  }
  dump['sequences'] = await query('SELECT sequencename, last_value FROM pg_sequences ORDER BY sequencename');
  return dump;
}

describe('leads copy', () => {
  it('is in the help, and takes no arguments', async () => {
    expect(USAGE).toContain('copy [--to postgres://user:password@host:5432/database]');
    const result = await run(['copy', 'leads.db', '--to', url]);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/^leads: copy takes no arguments, got "leads.db" \(the database is --to <url>\)\n\nUsage:/);
  });

  it('copies every table, and the PostgreSQL stores return what the SQLite stores do', async () => {
    await seedPractice();
    const expected = await readSqlite();
    // The seed is what the test claims it is.
    expect(expected.count).toBe(4);
    expect(expected.planned).toBe(1);
    expect(new Set(expected.deliveries.map((delivery) => delivery.state))).toEqual(new Set(['delivered', 'dead', 'pending']));
    expect(expected.destinations.some((destination) => destination.disabled !== null)).toBe(true);
    expect(expected.histories.some((history) => history?.events.some((event) => event.note === null && event.kind === 'note'))).toBe(true);
    expect(expected.users.map((user) => [user.login, user.active, user.disabledAt !== null])).toEqual([
      ['dana', true, false],
      ['eli', false, false],
      ['fay', false, true],
    ]);

    const result = await run(['copy', '--to', url]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT_OK);
    const { port } = new URL(url);
    const database = new URL(url).pathname.slice(1);
    expect(result.stdout).toBe(
      `Copying SQLite file ${file.path} into PostgreSQL database "${database}" on 127.0.0.1:${port}.\n` +
        `Migrated PostgreSQL database "${database}" on 127.0.0.1:${port} to schema version 2.\n` +
        'table                  sqlite  postgres  copied\n' +
        'leads                       4         4       4\n' +
        'lead_events                 5         5       5\n' +
        'lead_content_claims         3         3       3\n' +
        'form_token_uses             1         1       1\n' +
        'deliveries                  5         5       5\n' +
        'planned_deliveries          1         1       1\n' +
        'delivery_destinations       2         2       2\n' +
        'intake_users                3         3       3\n' +
        'intake_sessions             1         1       1\n' +
        'intake_audit                4         4       4\n' +
        'page_views                  3         3       3\n' +
        'search_console_pages        1         1       1\n' +
        'job_runs                    0         0       0\n' +
        'Schema: the file at version 10, PostgreSQL at version 2 (each records its own migrations, which are not copied).\n' +
        'Copied 33 rows in one transaction; every table has as many rows in PostgreSQL as in the file.\n',
    );
    expect(await readPostgres()).toEqual(expected);
    // A session is a row the stores only touch; its copy is the same row.
    expect(await query('SELECT id_hash, csrf_token, created_at, last_seen_at FROM intake_sessions')).toEqual([
      { id_hash: 'session-dana', csrf_token: 'csrf-dana', created_at: at('09:29:00'), last_seen_at: at('09:29:00') },
    ]);
    // The duplicate window holds across the move: the same content again within it is a repeat.
    const store = await PostgresLeadStore.open({ url });
    try {
      const repeat = await store.insert(buildNewLead({ contentHash: 'hash-cy' }), { ...WINDOW, now: at('10:05:00') });
      expect(repeat.replayed).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('a second copy writes nothing, and says so', async () => {
    await seedPractice();
    expect((await run(['copy', '--to', url])).code).toBe(EXIT_OK);
    const before = await dumpPostgres();
    const again = await run(['copy'], { LEADS_DATABASE_URL: url });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(EXIT_OK);
    expect(again.stdout).not.toContain('Migrated');
    expect(again.stdout).toContain('leads                       4         4       0\n');
    expect(again.stdout).toMatch(/Nothing to copy: every row of the file was in PostgreSQL already \(an earlier copy\), and nothing was changed\.\n$/);
    expect(await dumpPostgres()).toEqual(before);
  });

  it('after the copy, PostgreSQL numbers new rows past the copied ones', async () => {
    await seedPractice();
    expect((await run(['copy', '--to', url])).code).toBe(EXIT_OK);
    const leads = await PostgresLeadStore.open({ url });
    const intake = await PostgresIntakeStore.open({ url });
    try {
      const stored = await leads.insert(buildNewLead({ contentHash: 'hash-new' }), { ...WINDOW, now: at('12:00:00'), planDeliveries: notifications });
      expect(stored.replayed).toBe(false);
      await leads.setStatus(stored.lead.id, 'contacted', { actor: 'dana', now: at('12:01:00') });
      await intake.audit({ at: at('12:02:00'), actor: 'dana', action: 'view-lead', leadId: stored.lead.id, client: '203.0.113.7', detail: null });
      expect(await leads.count()).toBe(5);
      expect((await intake.listAudit({ limit: 1 }))[0]).toMatchObject({ action: 'view-lead', leadId: stored.lead.id });
      expect(await query('SELECT max(seq)::int AS seq, count(*)::int AS n FROM lead_events')).toEqual([{ seq: 6, n: 6 }]);
      expect(await query('SELECT max(seq)::int AS seq, count(*)::int AS n FROM intake_audit')).toEqual([{ seq: 5, n: 5 }]);
    } finally {
      await Promise.all([leads.close(), intake.close()]);
    }
  });

  it("refuses a database holding another practice's leads, and writes nothing", async () => {
    await seedPractice();
    const other = await PostgresLeadStore.open({ url });
    try {
      await other.insert(buildNewLead({ contentHash: 'hash-elsewhere' }), { ...WINDOW, now: at('08:00:00') });
    } finally {
      await other.close();
    }
    const before = await dumpPostgres();
    const result = await run(['copy', '--to', url]);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toMatch(
      /^leads: PostgreSQL database "copy_\w+" on 127\.0\.0\.1:\d+ already holds 1 row of leads not in .*leads\.db: it is another practice's database, or its server has written to it since an earlier copy\. Nothing was copied: copy into an empty database \(or drop and create this one again\), so that two practices are never merged\.\n$/,
    );
    expect(await dumpPostgres()).toEqual(before);
  });

  it('refuses a database where a copied row has changed since, and overwrites nothing', async () => {
    await seedPractice();
    expect((await run(['copy', '--to', url])).code).toBe(EXIT_OK);
    await query("UPDATE leads SET route_queue = 'intake-salem' WHERE status = 'scheduled'");
    await query("UPDATE intake_users SET totp_last_step = totp_last_step + 1 WHERE login = 'dana'");
    const before = await dumpPostgres();
    const result = await run(['copy', '--to', url]);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toMatch(/^leads: PostgreSQL database "copy_\w+" on 127\.0\.0\.1:\d+ holds 1 row of leads, 1 row of intake_users of .*leads\.db with other values than the file has: /);
    expect(await dumpPostgres()).toEqual(before);
  });

  it('copies all or nothing: a row that fails half-way leaves PostgreSQL as the migration left it', async () => {
    await seedPractice();
    file.execOther(`UPDATE search_console_pages SET imported_at = 'yesterday at noon'`);
    const result = await run(['copy', '--to', url]);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toMatch(
      /^leads: cannot copy into PostgreSQL database "copy_\w+" on 127\.0\.0\.1:\d+: invalid input syntax for type timestamp with time zone: "yesterday at noon"\. Nothing was copied\.\n$/,
    );
    for (const table of COPIED_TABLES) expect(await query(`SELECT count(*)::int AS n FROM ${table.table}`), table.table).toEqual([{ n: 0 }]);
  });

  it('refuses a file whose schema is not current, before touching PostgreSQL', async () => {
    const db = new DatabaseSync(file.path);
    applyMigrations(db, LEAD_MIGRATIONS.slice(0, 8));
    db.close();
    const result = await run(['copy', '--to', url]);
    expect(result).toEqual({
      code: EXIT_FAILURE,
      stdout: '',
      stderr: `leads: cannot copy ${file.path}: The lead database is at schema version 8; this code reads version 10. Run \`npm run leads -- migrate\` (or start the app once) to migrate it, or use matching code.\n`,
    });
    expect(await query("SELECT to_regclass('schema_migrations') IS NULL AS untouched")).toEqual([{ untouched: true }]);
  });

  it('says in a sentence that PostgreSQL cannot be reached, without the URL or its password', async () => {
    await seedPractice();
    const result = await run(['copy', '--to', 'postgres://carepath:s3cret-pw@127.0.0.1:1/carepath']);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toBe(
      'leads: cannot copy into PostgreSQL database "carepath" on 127.0.0.1:1: Lead store unavailable while trying to copy the lead database: PG_UNREACHABLE (ECONNREFUSED). Nothing was copied.\n',
    );
    expect(`${result.stdout}${result.stderr}`).not.toContain('s3cret');
  });

  it.each([
    [['copy'], {}, 'leads: copy needs the PostgreSQL database to copy into: --to postgres://user:password@host:5432/database, or LEADS_DATABASE_URL.\n'],
    [
      ['copy', '--to', 'mysql://carepath:pw@db/carepath'],
      {},
      'leads: --to must start with postgres:// or postgresql://; got "mysql://…". Write it as postgres://carepath:PASSWORD@db.clinic.example:5432/carepath?sslmode=verify-full.\n',
    ],
    [
      ['copy', '--to', 'postgres://carepath:pw@db.clinic.example/carepath'],
      { LEADS_DB: '/nonexistent/leads.db' },
      'leads: no lead database at /nonexistent/leads.db\nSet LEADS_DB to the database file to copy (default data/leads.db, relative to the current folder).\n',
    ],
  ])('%j %j: exit 1 with what to do', async (argv, env, stderr) => {
    expect(await run(argv, env)).toEqual({ code: EXIT_FAILURE, stdout: '', stderr });
  });
});

describe('copyLeadStore', () => {
  it('rolls back and gives both counts when a table has fewer rows in PostgreSQL than in the file', async () => {
    await seedPractice();
    const pool = createPostgresPool({ url, maxConnections: 1 });
    const source = new DatabaseSync(file.path, { readOnly: true });
    try {
      await applyPostgresMigrations(pool, POSTGRES_LEAD_MIGRATIONS);
      // Each row twice: the second has the key of the first, so PostgreSQL keeps one.
      const twice: CopiedTable = {
        table: 'page_views',
        key: ['day', 'path', 'source'],
        columns: { day: 'day', path: 'text', source: 'text', views: 'integer' },
        derivedFrom: 'SELECT day, path, source, views FROM page_views UNION ALL SELECT day, path, source, views FROM page_views',
      };
      expect(await copyLeadStore({ source, target: pool, tables: [twice] })).toEqual({ kind: 'counts-differ', tables: [{ table: 'page_views', sqlite: 6, postgres: 3, copied: 3 }] });
      expect(await query('SELECT count(*)::int AS n FROM page_views')).toEqual([{ n: 0 }]);
    } finally {
      source.close();
      await pool.end();
    }
  });
});

describe('COPIED_TABLES', () => {
  const POSTGRES_TYPES: Record<string, readonly string[]> = {
    text: ['text'],
    integer: ['integer', 'bigint'],
    real: ['double precision'],
    time: ['timestamp with time zone'],
    day: ['date'],
    json: ['jsonb'],
    boolean: ['boolean'],
    bytes: ['bytea'],
  };

  it('maps every column of both schemas, with a PostgreSQL type that takes its values', async () => {
    const open = await PostgresLeadStore.open({ url });
    await open.close();
    const sqlite = new DatabaseSync(':memory:');
    applyMigrations(sqlite, LEAD_MIGRATIONS);
    const sqliteTables = sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('schema_migrations', 'sqlite_sequence') ORDER BY name")
      .all()
      .map((row) => String(row['name']));
    const postgresColumns = await query(
      "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name, ordinal_position",
    );
    const copied = new Map(COPIED_TABLES.map((table) => [table.table, table]));
    expect([...copied.keys()].sort()).toEqual([...new Set(postgresColumns.map((row) => String(row['table_name'])))].sort());
    for (const row of postgresColumns) {
      const kind = copied.get(String(row['table_name']))?.columns[String(row['column_name'])];
      expect(POSTGRES_TYPES[kind ?? 'none'] ?? [], `${String(row['table_name'])}.${String(row['column_name'])}`).toContain(row['data_type']);
    }
    // Every SQLite table is copied, column for column, but for the claims PostgreSQL derives from leads.
    expect(sqliteTables).toEqual(
      COPIED_TABLES.filter((table) => table.derivedFrom === undefined)
        .map((table) => table.table)
        .sort(),
    );
    for (const name of sqliteTables) {
      const columns = sqlite
        .prepare(`SELECT name FROM pragma_table_info('${name}')`)
        .all()
        .map((row) => String(row['name']));
      expect(columns.sort(), name).toEqual(Object.keys(copied.get(name)?.columns ?? {}).sort());
    }
    sqlite.close();
  });
});
