import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NewUser } from '../../../src/lib/intake/store.ts';
import { StoreUnavailableError } from '../../../src/lib/leads/store.ts';
import { createToken, hashToken } from '../../../src/server/intake/tokens.ts';
import { PostgresIntakeStore } from '../../../src/server/postgres/intake-store.ts';
import { createTestDatabase, startPostgres, type PostgresServer } from '../../support/postgres.ts';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const LIMITS = { idleMs: HOUR, absoluteMs: 8 * HOUR };
const ada: NewUser = { login: 'ada.l', name: 'Ada Lovelace', queues: ['referrals'], admin: false };
const KEY = new Uint8Array(20).fill(7);

const open: PostgresIntakeStore[] = [];
async function openStore(url: string, options: { connectionTimeoutMs?: number } = {}): Promise<PostgresIntakeStore> {
  const store = await PostgresIntakeStore.open({ url, ...options });
  open.push(store);
  return store;
}
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

function addUser(store: PostgresIntakeStore, user: NewUser = ada) {
  return store.addUser(user, { now: T0, setupTokenHash: hashToken(createToken()), setupExpiresAt: new Date(T0.getTime() + HOUR), totpKey: KEY });
}

async function addActiveUser(store: PostgresIntakeStore) {
  const user = await addUser(store);
  await store.completeSetup(user.id, { passwordHash: 'scrypt$stand-in', totpStep: 100 });
  return user;
}

// What only a shared server can show: the inbox behind several app servers on one database.
describe('several servers on one database', () => {
  it('keeps a session across servers: signed in on one, used on another, signed out on a third', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'intake_servers');
    const [a, b, c] = [await openStore(url), await openStore(url), await openStore(url)];
    const user = await addActiveUser(a);
    await a.createSession({ idHash: 'session-1', userId: user.id, csrfToken: 'csrf-1', now: T0 });

    expect(await b.touchSession('session-1', { now: new Date(T0.getTime() + 50 * 60_000), ...LIMITS })).toMatchObject({ user: { login: 'ada.l' }, csrfToken: 'csrf-1' });
    // B's use moved the idle limit for every server: 90 minutes after sign-in is 40 after that use.
    expect(await a.touchSession('session-1', { now: new Date(T0.getTime() + 90 * 60_000), ...LIMITS })).toMatchObject({ createdAt: T0 });
    await c.endSessions(user.id);
    expect(await b.touchSession('session-1', { now: new Date(T0.getTime() + 91 * 60_000), ...LIMITS })).toBeNull();
  });

  it('accepts a TOTP step once when two servers are given the same code at the same moment', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'intake_servers');
    const [a, b] = [await openStore(url), await openStore(url)];
    const user = await addActiveUser(a);
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? a : b).useTotpStep(user.id, 101)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await b.getCredentials('ada.l'))?.totpLastStep).toBe(101);
  });

  it('gives a login to one user when two servers add it at the same moment, and says so to the other', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'intake_servers');
    const [a, b] = [await openStore(url), await openStore(url)];
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, index) => addUser(index % 2 === 0 ? a : b, { ...ada, name: `Ada ${index}` })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ message: 'The login "ada.l" is already taken: choose another, or reset that user.' });
    }
    expect(await b.listUsers()).toHaveLength(1);
  });
});

describe('the schema', () => {
  it('keeps times as timestamptz, so that they read back the same whatever the session time zone', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'intake_schema');
    await openStore(url);
    const columns = await query(
      url,
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_name LIKE 'intake\\_%' AND column_name ~ '(_at|^at)$' ORDER BY table_name, column_name`,
    );
    expect(columns.map((column) => `${String(column['table_name'])}.${String(column['column_name'])} ${String(column['data_type'])}`)).toEqual([
      'intake_audit.at timestamp with time zone',
      'intake_sessions.created_at timestamp with time zone',
      'intake_sessions.last_seen_at timestamp with time zone',
      'intake_users.created_at timestamp with time zone',
      'intake_users.disabled_at timestamp with time zone',
      'intake_users.setup_expires_at timestamp with time zone',
    ]);

    const name = new URL(url).pathname.slice(1);
    await query(url, `ALTER DATABASE ${name} SET timezone = 'Pacific/Chatham'`);
    const store = await openStore(url);
    const user = await addUser(store);
    await store.audit({ at: T0, actor: 'cli', action: 'user-add', leadId: null, client: 'cli', detail: null });
    expect(user.createdAt).toEqual(T0);
    expect((await store.listUsers())[0]?.createdAt).toEqual(T0);
    expect((await store.listAudit())[0]?.at).toEqual(T0);
  });

  it('refuses to truncate the audit log, as it refuses to change or delete its rows', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'intake_schema');
    const store = await openStore(url);
    await store.audit({ at: T0, actor: 'cli', action: 'user-add', leadId: null, client: 'cli', detail: null });
    await expect(query(url, 'TRUNCATE intake_audit')).rejects.toThrow('intake_audit is append-only: rows cannot be deleted');
    expect(await store.listAudit()).toHaveLength(1);
  });
});

describe('when the server is unavailable', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server.remove();
  });

  it('fails with StoreUnavailableError while the server is stopped, and recovers without a restart when it is back', async () => {
    const store = await openStore(server.url(), { connectionTimeoutMs: 1000 });
    const user = await addActiveUser(store);
    await store.createSession({ idHash: 'session-1', userId: user.id, csrfToken: 'csrf-1', now: T0 });

    await server.stop();
    await expect(store.touchSession('session-1', { now: T0, ...LIMITS })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.getCredentials('ada.l')).rejects.toMatchObject({ name: 'StoreUnavailableError', code: 'PG_UNREACHABLE' });

    await server.start();
    expect(await store.touchSession('session-1', { now: T0, ...LIMITS })).toMatchObject({ user: { login: 'ada.l' } });
  });

  it('refuses to open with StoreUnavailableError when nothing listens', async () => {
    const closed = new URL(server.url());
    closed.port = '1';
    await expect(PostgresIntakeStore.open({ url: closed.toString() })).rejects.toMatchObject({
      name: 'StoreUnavailableError',
      code: 'PG_UNREACHABLE',
      message: /^Lead store unavailable while trying to open the intake tables of the lead database: PG_UNREACHABLE/,
    });
  });
});
