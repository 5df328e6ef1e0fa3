import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NewDelivery } from '../../../src/lib/leads/delivery.ts';
import { StoreUnavailableError, type AttemptRecord } from '../../../src/lib/leads/store.ts';
import { handleLeadRequest } from '../../../src/server/lead-endpoint.ts';
import { createRateLimiter } from '../../../src/server/rate-limiter.ts';
import { PostgresLeadStore } from '../../../src/server/postgres/lead-store.ts';
import { POSTGRES_LEAD_MIGRATIONS } from '../../../src/server/postgres/migrations.ts';
import { recordAttempt } from '../../../src/server/postgres/outbox.ts';
import { createTestDatabase, startPostgres, type PostgresServer } from '../../support/postgres.ts';
import { buildNewLead } from './support/leads.ts';
import { ONE_CLINIC_SITE } from './support/lead-site.ts';

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
    const formToken = {
      nonce: 'n-1',
      expiresAt: new Date(T0.getTime() + 86_400_000),
      maxUses: 3,
      whenOverused: { status: 'spam' as const, route: buildNewLead().route, score: 0, flags: ['token-overused'] },
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? a : b).insert(buildNewLead({ contentHash: `hash-${index}` }), { duplicateWindowMs: 0, now: T0, formToken })),
    );
    expect(results.map((result) => result.lead.status).filter((status) => status === 'new')).toHaveLength(3);
    expect(results.map((result) => result.lead.status).filter((status) => status === 'spam')).toHaveLength(7);
  });

  it("expands each lead's planned deliveries once when both servers' workers expand at the same time", async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'servers');
    const [a, b] = [await openStore(url), await openStore(url)];
    const webhook = { channel: 'webhook' as const, purpose: 'lead' as const, destination: 'webhook:crm', recipients: [], notBefore: T0 };
    for (let index = 0; index < 30; index++) {
      await a.insert(buildNewLead({ contentHash: `hash-${index}` }), { duplicateWindowMs: 0, now: T0, planDeliveries: () => [webhook, { ...webhook, destination: 'webhook:billing' }] });
    }
    const expanded = await Promise.all([a, b, a, b, a, b].map((store) => store.expandPlanned(10)));
    expect(expanded.reduce((sum, n) => sum + n, 0)).toBe(30);
    expect(await b.countPlanned()).toBe(0);
    const deliveries = await a.listDeliveries();
    expect(deliveries).toHaveLength(60);
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(60);
  });

  it('gives a destination to one worker of two asking at the same moment', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'servers');
    const [a, b] = [await openStore(url), await openStore(url)];
    const granted = await Promise.all([
      a.leaseDestination('webhook:crm', { owner: 'server-a', now: T0, leaseMs: 30_000 }),
      b.leaseDestination('webhook:crm', { owner: 'server-b', now: T0, leaseMs: 30_000 }),
    ]);
    expect(granted.filter(Boolean)).toHaveLength(1);
    expect(await a.listLeases(T0)).toEqual([{ destination: 'webhook:crm', owner: granted[0] ? 'server-a' : 'server-b' }]);
  });

  it("numbers the follow-ups of one lead's deliveries that two servers record at the same moment", async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'servers');
    const [a, b] = [await openStore(url), await openStore(url)];
    const { lead } = await a.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0, planDeliveries: () => [teamEmail('north'), teamEmail('south')] });
    await a.expandPlanned(10);
    // One server's transaction has numbered the follow-up of -01 and not committed yet …
    const held = new pg.Client({ connectionString: url });
    await held.connect();
    await held.query('BEGIN');
    await recordAttempt(held, `${lead.id}-01`, deliveredWith(reminderOf('north')));
    // … when the other records -02, whose follow-up must not take the same number.
    const other = b.recordAttempts([{ id: `${lead.id}-02`, record: deliveredWith(reminderOf('south')) }]);
    await expect.poll(() => countWaiting(held)).toBe(1);
    await held.query('COMMIT');
    await held.end();
    await other;
    const deliveries = await a.listDeliveries({ leadId: lead.id });
    expect(deliveries.map((d) => `${d.id.slice(lead.id.length)} ${d.purpose} ${d.destination}`).sort()).toEqual([
      '-01 lead email:north',
      '-02 lead email:south',
      '-03 reminder email:north',
      '-04 reminder email:south',
    ]);
  });

  it('adds the follow-ups of a delivery once when two workers record it (a lease ran out while its sender was still at work)', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'servers');
    const [a, b] = [await openStore(url), await openStore(url)];
    const { lead } = await a.insert(buildNewLead(), { duplicateWindowMs: 0, now: T0, planDeliveries: () => [teamEmail('north')] });
    await a.expandPlanned(10);
    const record = { id: `${lead.id}-01`, record: deliveredWith(reminderOf('north')) };
    await a.recordAttempts([record]);
    await b.recordAttempts([record]);
    expect((await a.listDeliveries({ leadId: lead.id })).map((d) => d.purpose).sort()).toEqual(['lead', 'reminder']);
  });

  it('migrates once when both start together', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'servers');
    const [a] = await Promise.all([openStore(url), openStore(url), openStore(url)]);
    expect(await a.count()).toBe(0);
  });
});

function teamEmail(queue: string): NewDelivery {
  return { channel: 'email', purpose: 'lead', destination: `email:${queue}`, recipients: [`${queue}@clinic.example`], notBefore: T0 };
}
function reminderOf(queue: string): NewDelivery {
  return { ...teamEmail(queue), purpose: 'reminder', notBefore: new Date(T0.getTime() + 3_600_000) };
}
function deliveredWith(followUp: NewDelivery): AttemptRecord {
  return { at: T0, state: 'delivered', nextAttemptAt: T0, result: '250 OK', counted: true, followUps: [followUp] };
}
/** Sessions of this database, other than `client`'s, waiting for a lock. */
async function countWaiting(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'");
  return rows[0]?.n ?? 0;
}

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

  it('makes the lead endpoint answer 503 with Retry-After while the server is stopped, and 201 once it is back', async () => {
    const store = await openStore(server.url(), { connectionTimeoutMs: 1000 });
    const SITE = 'https://clinic.example';
    const site = ONE_CLINIC_SITE;
    const post = (submissionKey: string) =>
      handleLeadRequest(
        new Request('http://clinic.example/api/leads', {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: SITE },
          body: JSON.stringify({ leadType: 'patient', name: 'Ana', phone: '5035550142', timing: 'asap', consent: true, submissionKey }),
        }),
        {
          store: () => store,
          site,
          limiter: createRateLimiter({ capacity: 100, refillMs: 1000 }),
          secret: 'unit',
          now: T0,
          clientAddress: '203.0.113.9',
          allowedOrigins: new Set([SITE]),
          log: () => {},
        },
      );

    await server.stop();
    const down = await post('0f8c2f7e-5d2a-4c4b-9a57-6c8e1f1f0a01');
    const refusal = down.kind === 'refusal' ? down.refusal : down.kind === 'response' ? { status: down.response.status, headers: Object.fromEntries(down.response.headers) } : null;
    expect(refusal).toMatchObject({ status: 503, headers: { 'retry-after': '30' } });

    await server.start();
    const up = await post('0f8c2f7e-5d2a-4c4b-9a57-6c8e1f1f0a01');
    if (up.kind !== 'response') throw new Error(`Expected a response, got ${up.kind}`);
    expect(up.response.status).toBe(201);
    const { id } = (await up.response.json()) as { id: string };
    expect((await store.get(id))?.submissionKey).toBe('0f8c2f7e-5d2a-4c4b-9a57-6c8e1f1f0a01');
  });

  it('refuses to open with StoreUnavailableError when nothing listens', async () => {
    const closed = new URL(server.url());
    closed.port = '1';
    await expect(PostgresLeadStore.open({ url: closed.toString() })).rejects.toMatchObject({
      name: 'StoreUnavailableError',
      code: 'PG_UNREACHABLE',
      message: /^Lead store unavailable while trying to open the lead database: PG_UNREACHABLE/,
    });
  });

  it('refuses to open read-only a database that was never migrated', async () => {
    const url = await createTestDatabase(server.url(), 'unmigrated');
    await expect(PostgresLeadStore.open({ url, readOnly: true })).rejects.toThrow(`The lead database is at schema version 0; this code reads version ${POSTGRES_LEAD_MIGRATIONS.length}.`);
  });

  it('read-only, reads and the database itself refuses every write', async () => {
    const url = await createTestDatabase(inject('postgresAdminUrl'), 'read_only');
    const writer = await PostgresLeadStore.open({ url, maxConnections: 1 });
    const { lead } = await writer.insert(buildNewLead(), { duplicateWindowMs: 0, now: new Date('2026-11-20T09:00:00Z') });
    await writer.close();
    const reader = await PostgresLeadStore.open({ url, readOnly: true, maxConnections: 1 });
    try {
      expect(await reader.get(lead.id)).toEqual(lead);
      await expect(reader.setStatus(lead.id, 'contacted')).rejects.toMatchObject({ name: 'StoreUnavailableError', code: 'PG_READ_ONLY' });
      expect((await reader.get(lead.id))?.status).toBe('new');
    } finally {
      await reader.close();
    }
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
    const formToken = {
      nonce: 'n1',
      expiresAt: new Date(T0.getTime() + 86_400_000),
      maxUses: 3,
      whenOverused: { status: 'spam' as const, route: buildNewLead().route, score: 0, flags: ['token-reused'] },
    };
    const outcomes = [];
    for (const contentHash of ['first', 'refused', 'third', 'fourth']) {
      outcomes.push(
        await store.insert(buildNewLead({ contentHash }), { duplicateWindowMs: 0, now: T0, formToken }).then(
          (result) => result.lead.status,
          (error: Error) => error.message,
        ),
      );
    }
    expect(outcomes).toEqual(['new', 'refused by a database check', 'new', 'new']);
    expect((await client.query('SELECT uses FROM form_token_uses')).rows).toEqual([{ uses: 3 }]);
    await client.end();
  });
});
