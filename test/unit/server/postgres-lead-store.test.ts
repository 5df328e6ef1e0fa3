import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/lib/leads/store.ts';
import { PostgresLeadStore } from '../../../src/server/postgres/lead-store.ts';
import { createTestDatabase, startPostgres, type PostgresServer } from '../../support/postgres.ts';
import { buildNewLead } from './support/leads.ts';

const WINDOW = 10 * 60_000;
const T0 = new Date('2026-03-01T12:00:00.000Z');

const open: PostgresLeadStore[] = [];
async function openStore(url: string, options: { connectionTimeoutMs?: number } = {}): Promise<PostgresLeadStore> {
  const store = await PostgresLeadStore.open({ url, ...options });
  open.push(store);
  return store;
}
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});

// The PostgreSQL twins of the SQLite store's file-lock and SQLITE_BUSY tests, and what only a
// shared server can show: two lead servers on one database.
describe('several servers on one database', () => {
  it('stores a submission key once when two servers receive it at the same moment, and both answer with that lead', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'servers');
    const [a, b] = [await openStore(url), await openStore(url)];
    // Different content each time, so that only the key can make them one lead.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? a : b).insert(buildNewLead({ submissionKey: 'key-1', contentHash: `hash-${index}` }), { duplicateWindowMs: 0, now: T0 })),
    );
    expect(new Set(results.map((result) => result.lead.id)).size).toBe(1);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    expect(await a.count()).toBe(1);
  });

  it('stores the same content once inside the duplicate window across servers', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'servers');
    const [a, b] = [await openStore(url), await openStore(url)];
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? a : b).insert(buildNewLead(), { duplicateWindowMs: WINDOW, now: T0 })));
    expect(new Set(results.map((result) => result.lead.id)).size).toBe(1);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    expect(await b.count()).toBe(1);
  });

  it('counts a form token across servers, so that its limit holds', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'servers');
    const [a, b] = [await openStore(url), await openStore(url)];
    const formToken = { nonce: 'n-1', expiresAt: new Date(T0.getTime() + 86_400_000), maxUses: 3, whenOverused: { status: 'spam' as const, route: buildNewLead().route, score: 0, flags: ['token-overused'] } };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? a : b).insert(buildNewLead({ contentHash: `hash-${index}` }), { duplicateWindowMs: 0, now: T0, formToken })),
    );
    expect(results.map((result) => result.lead.status).filter((status) => status === 'new')).toHaveLength(3);
    expect(results.map((result) => result.lead.status).filter((status) => status === 'spam')).toHaveLength(7);
  });

  it('migrates once when both start together', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'servers');
    const [a] = await Promise.all([openStore(url), openStore(url), openStore(url)]);
    expect(await a.count()).toBe(0);
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

  it('fails with StoreUnavailableError while the server is stopped, writing nothing, and recovers without a restart when it is back', async () => {
    const store = await openStore(server.url(), { connectionTimeoutMs: 1000 });
    const stored = await store.insert(buildNewLead({ submissionKey: 'before' }), { duplicateWindowMs: 0, now: T0 });

    await server.stop();
    const refused = store.insert(buildNewLead({ submissionKey: 'during' }), { duplicateWindowMs: 0, now: T0 });
    await expect(refused).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(refused).rejects.toMatchObject({ code: expect.stringMatching(/^PG_(UNREACHABLE|SHUTDOWN)$/) });
    await expect(store.count()).rejects.toMatchObject({ name: 'StoreUnavailableError', code: 'PG_UNREACHABLE' });

    await server.start();
    const after = await store.insert(buildNewLead({ submissionKey: 'after' }), { duplicateWindowMs: 0, now: T0 });
    expect(after.replayed).toBe(false);
    expect((await store.list()).map((lead) => lead.submissionKey)).toEqual(['after', 'before']);
    expect(await store.get(stored.lead.id)).toEqual(stored.lead);
  });

  it('refuses to open with StoreUnavailableError when nothing listens', async () => {
    const closed = new URL(server.url());
    closed.port = '1';
    await expect(PostgresLeadStore.open({ url: closed.toString() })).rejects.toMatchObject({ name: 'StoreUnavailableError', code: 'PG_UNREACHABLE', message: /^Lead store unavailable while trying to open the lead database: PG_UNREACHABLE/ });
  });

  it('refuses to open read-only a database that was never migrated', async () => {
    const url = await createTestDatabase(server.url(), 'unmigrated');
    await expect(PostgresLeadStore.open({ url, readOnly: true })).rejects.toThrow('The lead database is at schema version 0; this code reads version 1.');
  });
});

describe('a lead the database refuses', () => {
  it('undoes its use of a form token with it, and the other leads go on', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'refused');
    const store = await openStore(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`
      CREATE FUNCTION refuse_flagged() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.content_hash = 'refused' THEN RAISE EXCEPTION 'refused by a database check'; END IF; RETURN NEW; END; $$;
      CREATE TRIGGER refuse_flagged BEFORE INSERT ON leads FOR EACH ROW EXECUTE FUNCTION refuse_flagged();
    `);
    const formToken = { nonce: 'n1', expiresAt: new Date(T0.getTime() + 86_400_000), maxUses: 3, whenOverused: { status: 'spam' as const, route: buildNewLead().route, score: 0, flags: ['token-reused'] } };
    const outcomes = [];
    for (const contentHash of ['first', 'refused', 'third', 'fourth']) {
      outcomes.push(await store.insert(buildNewLead({ contentHash }), { duplicateWindowMs: 0, now: T0, formToken }).then((result) => result.lead.status, (error: Error) => error.message));
    }
    expect(outcomes).toEqual(['new', 'refused by a database check', 'new', 'new']);
    expect((await client.query('SELECT uses FROM form_token_uses')).rows).toEqual([{ uses: 3 }]);
    await client.end();
  });
});
