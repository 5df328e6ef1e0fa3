import type pg from 'pg';
import { createLeadIdFactory } from '../lead-id.ts';
import type { LeadIdFactory } from '../lead-id.ts';
import { LEAD_STATUSES, PURGE_JOB } from '../../lib/leads/store.ts';
import type {
  AttemptRecord,
  DeliveryListOptions,
  DeliveryOutbox,
  DestinationState,
  InsertOptions,
  InsertResult,
  LeadChange,
  LeadChangeResult,
  LeadEvent,
  LeadHistory,
  LeadRoute,
  LeadStatus,
  LeadStore,
  ListOptions,
  NewLead,
  PurgeOptions,
  PurgeResult,
  StoredLead,
} from '../../lib/leads/store.ts';
import type { Delivery, NewDelivery } from '../../lib/leads/delivery.ts';
import type { Channel } from '../../lib/funnel/types.ts';
import { getRetainedFields } from '../../lib/intake/retention.ts';
import { assertInsertable, assertTokenUse } from '../lead-store-checks.ts';
import * as outbox from './outbox.ts';
import { createPostgresPool, runInTransaction, runQuery } from './connection.ts';
import type { PostgresConnectionOptions, Queryable } from './connection.ts';
import { applyPostgresMigrations, getPostgresSchemaVersion, POSTGRES_LEAD_MIGRATIONS } from './migrations.ts';
import { toPostgresStoreError } from './errors.ts';
import { LEAD_COLUMNS, toColumns } from '../lead-columns.ts';
import { InFlight } from './in-flight.ts';

export interface PostgresLeadStoreOptions extends PostgresConnectionOptions {
  /** Makes lead ids; a fresh monotonic ULID-style factory by default. */
  newId?: LeadIdFactory;
  /** Do not migrate (the schema must already be current), and read only: the CLI's read-only commands. */
  readOnly?: boolean;
}

// The columns after id and created_at, as toColumns gives them, with their casts.
const VALUES = '$1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14, $15, $16, $17';

// Another server stored a lead with the same submission key while this insert was running: its
// transaction is retried from the start, and finds that lead. More than this means a bug.
const MAX_KEY_RACE_RETRIES = 3;

/** An insert lost the race for its submission key to a transaction that committed meanwhile. */
class SubmissionKeyTaken extends Error {}

/**
 * `LeadStore` on PostgreSQL, through a pool of `pg` connections with `synchronous_commit=on`:
 * `insert` resolves only after its COMMIT has returned, so an acknowledged lead is on the server's
 * disk (and its synchronous standbys'). Any number of servers may share the database: what makes
 * a lead a repeat is decided by the database, not by this process. The submission key is UNIQUE,
 * and the duplicate window is a row per content hash (`lead_content_claims`) that each new lead
 * claims with INSERT … ON CONFLICT, which waits for another server's uncommitted claim of the same
 * hash; so two servers given the same post at once store it once, and both answer with that lead.
 * While the server is unreachable every call fails with `StoreUnavailableError`; the pool makes
 * new connections once it is back, without a restart. The outbox (outbox.ts) is on the same
 * database: a lead's deliveries are planned in its transaction, and the workers of several servers
 * share them.
 */
export class PostgresLeadStore implements LeadStore, DeliveryOutbox {
  readonly #pool: pg.Pool;
  readonly #newId: LeadIdFactory;
  readonly #inFlight = new InFlight();
  #closed = false;

  /**
   * Connects and migrates the database (under the migrations' advisory lock), or, `readOnly`,
   * checks its schema is current. Throws `StoreUnavailableError` when the server can't be reached.
   */
  static async open(options: PostgresLeadStoreOptions): Promise<PostgresLeadStore> {
    const pool = createPostgresPool(options);
    try {
      if (options.readOnly) {
        const version = await getPostgresSchemaVersion(pool);
        if (version !== POSTGRES_LEAD_MIGRATIONS.length) {
          throw new Error(
            `The lead database is at schema version ${version}; this code reads version ${POSTGRES_LEAD_MIGRATIONS.length}. Run \`npm run leads -- migrate\` (or start the app once) to migrate it, or use matching code.`,
          );
        }
      } else {
        await applyPostgresMigrations(pool, POSTGRES_LEAD_MIGRATIONS);
      }
      return new PostgresLeadStore(pool, options.newId ?? createLeadIdFactory());
    } catch (error) {
      await pool.end().catch(() => {});
      throw toPostgresStoreError(error, 'open the lead database');
    }
  }

  private constructor(pool: pg.Pool, newId: LeadIdFactory) {
    this.#pool = pool;
    this.#newId = newId;
  }

  insert(lead: NewLead, options: InsertOptions): Promise<InsertResult> {
    if (this.#closed) return Promise.reject(new Error('The lead store is closed'));
    const token = options.formToken;
    try {
      assertInsertable(lead, options);
      if (token !== undefined) assertTokenUse(lead, token);
    } catch (error) {
      return Promise.reject(error);
    }
    // Copied now: the write runs later, after the caller may have changed its objects.
    const job: InsertJob = {
      // Made at the call, so that ids sort in the order of the calls (as in SQLite's store), though
      // the transactions of concurrent calls run on several connections; a replay leaves its id unused.
      id: this.#newId(options.now),
      columns: toColumns(lead),
      submissionKey: lead.submissionKey,
      contentHash: lead.contentHash,
      now: new Date(options.now.getTime()),
      duplicateWindowMs: options.duplicateWindowMs,
      token:
        token === undefined ? null : { nonce: token.nonce, expiresAt: new Date(token.expiresAt.getTime()), maxUses: token.maxUses, overusedColumns: toColumns({ ...lead, ...token.whenOverused }) },
      planDeliveries: options.planDeliveries,
    };
    return this.#inFlight.track(this.#insertWithRetries(job));
  }

  async #insertWithRetries(job: InsertJob): Promise<InsertResult> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await runInTransaction(this.#pool, 'store a lead', (client) => this.#insertOnce(client, job));
      } catch (error) {
        if (!(error instanceof SubmissionKeyTaken) || attempt > MAX_KEY_RACE_RETRIES) throw error;
      }
    }
  }

  /** One try at an insert, in its own transaction; the checks run in the order SQLite's store makes them. */
  async #insertOnce(client: pg.PoolClient, job: InsertJob): Promise<InsertResult> {
    if (job.submissionKey !== null) {
      const byKey = await client.query(`SELECT ${LEAD_COLUMNS} FROM leads WHERE submission_key = $1`, [job.submissionKey]);
      if (byKey.rows[0] !== undefined) return { lead: toStoredLead(byKey.rows[0]), replayed: true };
    }
    const { id } = job;
    const windowStart = new Date(job.now.getTime() - job.duplicateWindowMs);
    // Claims the content hash for this lead, unless the lead that holds it is inside the window
    // (a repeat) or newer than this one (the clock stepped back: the newest stays the claim).
    const claim = await client.query(
      `INSERT INTO lead_content_claims AS c (content_hash, lead_id, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (content_hash) DO UPDATE SET lead_id = excluded.lead_id, created_at = excluded.created_at
         WHERE c.created_at <= excluded.created_at AND ($4::boolean OR c.created_at <= $5)
       RETURNING lead_id`,
      [job.contentHash, id, job.now, job.duplicateWindowMs <= 0, windowStart],
    );
    if (claim.rowCount === 0 && job.duplicateWindowMs > 0) {
      // ON CONFLICT locked the claim's row: it can't change before this transaction ends.
      const earlier = await client.query(
        `SELECT ${LEAD_COLUMNS.replace(/(\w+)/g, 'l.$1')} FROM lead_content_claims c JOIN leads l ON l.id = c.lead_id
         WHERE c.content_hash = $1 AND c.created_at > $2`,
        [job.contentHash, windowStart],
      );
      if (earlier.rows[0] !== undefined) return { lead: toStoredLead(earlier.rows[0]), replayed: true };
    }
    let columns = job.columns;
    if (job.token !== null) {
      await client.query('DELETE FROM form_token_uses WHERE expires_at < $1', [job.now]);
      const counted = await client.query<{ uses: number }>(
        `INSERT INTO form_token_uses (nonce, uses, expires_at) VALUES ($1, 1, $2)
         ON CONFLICT (nonce) DO UPDATE SET uses = form_token_uses.uses + 1 RETURNING uses`,
        [job.token.nonce, job.token.expiresAt],
      );
      if ((counted.rows[0]?.uses ?? 0) > job.token.maxUses) columns = job.token.overusedColumns;
    }
    const inserted = await client.query(`INSERT INTO leads (${LEAD_COLUMNS}) VALUES (${VALUES}) ON CONFLICT (submission_key) DO NOTHING RETURNING ${LEAD_COLUMNS}`, [id, job.now, ...columns]);
    if (inserted.rows[0] === undefined) throw new SubmissionKeyTaken();
    const stored = toStoredLead(inserted.rows[0]);
    // In the lead's transaction: the lead and its deliveries are written together or not at all.
    if (job.planDeliveries !== undefined) await outbox.planDeliveriesOf(client, { leadId: id, now: job.now, deliveries: job.planDeliveries(stored) });
    return { lead: stored, replayed: false };
  }

  get(id: string): Promise<StoredLead | null> {
    return this.#read('read a lead', async () => {
      const { rows } = await runQuery(this.#pool, 'read a lead', `SELECT ${LEAD_COLUMNS} FROM leads WHERE id = $1`, [id]);
      return rows[0] === undefined ? null : toStoredLead(rows[0]);
    });
  }

  list(options: ListOptions = {}): Promise<StoredLead[]> {
    const limit = options.limit ?? null;
    if (limit !== null && (!Number.isInteger(limit) || limit < 0)) {
      return Promise.reject(new RangeError(`List limit must be a whole number ≥ 0, got ${limit}`));
    }
    return this.#read('list leads', async () => {
      const { rows } =
        options.status === undefined
          ? await runQuery(this.#pool, 'list leads', `SELECT ${LEAD_COLUMNS} FROM leads ORDER BY id DESC LIMIT $1`, [limit])
          : await runQuery(this.#pool, 'list leads', `SELECT ${LEAD_COLUMNS} FROM leads WHERE status = $1 ORDER BY id DESC LIMIT $2`, [options.status, limit]);
      return rows.map(toStoredLead);
    });
  }

  count(): Promise<number> {
    return this.#read('count leads', async () => {
      const { rows } = await runQuery<{ count: string }>(this.#pool, 'count leads', 'SELECT count(*) AS count FROM leads');
      return Number(rows[0]?.count ?? 0);
    });
  }

  setStatus(id: string, status: LeadStatus, options: { actor?: string; now?: Date } = {}): Promise<StoredLead | null> {
    if (!(LEAD_STATUSES as readonly string[]).includes(status)) return Promise.reject(new TypeError(`Unknown lead status "${status}"`));
    const at = options.now ?? new Date();
    return this.#write("set a lead's status", async (client) => {
      const { rows } = await client.query(
        `UPDATE leads SET status = $1, version = version + 1,
           first_contacted_at = CASE WHEN first_contacted_at IS NULL AND $1 <> 'new' AND $1 <> 'spam' THEN $2 ELSE first_contacted_at END
         WHERE id = $3 RETURNING ${LEAD_COLUMNS}`,
        [status, at, id],
      );
      if (rows[0] === undefined) return null;
      await addEvent(client, { id, at, actor: options.actor ?? 'cli', kind: 'status', status, reason: null, scheduledFor: null, note: null });
      return toStoredLead(rows[0]);
    });
  }

  changeLead(id: string, change: LeadChange, options: { expectedVersion: number; actor: string; now: Date }): Promise<LeadChangeResult> {
    if (change.kind === 'status' && !(LEAD_STATUSES as readonly string[]).includes(change.status)) {
      return Promise.reject(new TypeError(`Unknown lead status "${change.status}"`));
    }
    const at = options.now;
    return this.#write('change a lead', async (client): Promise<LeadChangeResult> => {
      const status = change.kind === 'status' ? change.status : null;
      const { rows } = await client.query(
        `UPDATE leads SET status = coalesce($1::text, status), version = version + 1,
           first_contacted_at = CASE WHEN first_contacted_at IS NULL AND $1::text IS NOT NULL AND $1::text <> 'new' AND $1::text <> 'spam' THEN $2 ELSE first_contacted_at END
         WHERE id = $3 AND version = $4 RETURNING ${LEAD_COLUMNS}`,
        [status, at, id, options.expectedVersion],
      );
      if (rows[0] === undefined) return describeRefusedChange(client, id);
      if (change.kind === 'status') {
        await addEvent(client, { id, at, actor: options.actor, kind: 'status', status: change.status, reason: change.reason ?? null, scheduledFor: change.scheduledFor ?? null, note: null });
      } else {
        await addEvent(client, { id, at, actor: options.actor, kind: 'note', status: null, reason: null, scheduledFor: null, note: change.note });
      }
      return { ok: true, lead: toStoredLead(rows[0]), version: options.expectedVersion + 1 };
    });
  }

  rerouteLead(
    id: string,
    options: { route: LeadRoute; release: boolean; expectedVersion: number; actor: string; now: Date; planDeliveries?: (lead: StoredLead) => readonly NewDelivery[] },
  ): Promise<LeadChangeResult> {
    return this.#write('send a lead to another queue', async (client): Promise<LeadChangeResult> => {
      const before = await client.query<{ route_queue: string }>('SELECT route_queue FROM leads WHERE id = $1', [id]);
      const { rows } = await client.query(
        `UPDATE leads SET route_queue = $1, route_priority = $2, route_response_target_minutes = $3, route_matched_rule = $4,
           status = CASE WHEN $5 THEN 'new' ELSE status END, version = version + 1
         WHERE id = $6 AND version = $7 RETURNING ${LEAD_COLUMNS}`,
        [options.route.queue, options.route.priority, options.route.responseTargetMinutes, options.route.matchedRule, options.release, id, options.expectedVersion],
      );
      if (rows[0] === undefined) return describeRefusedChange(client, id);
      const lead = toStoredLead(rows[0]);
      await addEvent(client, {
        id,
        at: options.now,
        actor: options.actor,
        kind: options.release ? 'release' : 'reassign',
        status: lead.status,
        reason: `${before.rows[0]?.route_queue ?? ''} → ${lead.route.queue}`,
        scheduledFor: null,
        note: null,
      });
      const deliveries = options.planDeliveries?.(lead) ?? [];
      if (deliveries.length > 0) {
        // A plan the worker has not expanded yet keeps its deliveries, before the new ones.
        const earlier = await outbox.takePlanned(client, id);
        await outbox.planDeliveriesOf(client, { leadId: id, now: options.now, deliveries: [...earlier, ...deliveries] });
      }
      return { ok: true, lead, version: options.expectedVersion + 1 };
    });
  }

  getHistory(id: string): Promise<LeadHistory | null> {
    return this.#read("read a lead's history", async () => {
      const state = await runQuery<{ version: number; first_contacted_at: Date | null }>(this.#pool, "read a lead's history", 'SELECT version, first_contacted_at FROM leads WHERE id = $1', [id]);
      const lead = state.rows[0];
      if (lead === undefined) return null;
      return { version: lead.version, firstContactedAt: lead.first_contacted_at?.toISOString() ?? null, events: await readEvents(this.#pool, id) };
    });
  }

  purgePersonalData(options: PurgeOptions): Promise<PurgeResult> {
    return this.#write('purge personal data', async (client) => {
      // A scheduled run claims its period; a second server claiming the same one waits here for
      // the first one's COMMIT (then finds its row) or ROLLBACK (then runs). A dry run claims nothing.
      const period = options.dryRun ? undefined : options.period;
      if (period !== undefined) {
        const claimed = await client.query(`INSERT INTO job_runs (job, period, ran_at, result) VALUES ($1, $2, $3, '{}') ON CONFLICT DO NOTHING`, [PURGE_JOB, period, options.now]);
        if (claimed.rowCount === 0) return { closed: 0, spam: 0, alreadyRan: true };
      }
      type Row = { id: string; fields: Record<string, string> };
      // Closed when its last step was taken (an older lead without steps: when it came in).
      const closed =
        options.closedBefore === null
          ? []
          : (
              await client.query<Row>(
                `SELECT id, fields FROM leads WHERE purged_at IS NULL AND status IN ('booked', 'lost', 'not-a-fit', 'closed')
                   AND coalesce((SELECT max(at) FROM lead_events e WHERE e.lead_id = leads.id AND e.kind = 'status'), created_at) < $1
                 FOR UPDATE`,
                [options.closedBefore],
              )
            ).rows;
      const spam =
        options.spamBefore === null
          ? []
          : (await client.query<Row>(`SELECT id, fields FROM leads WHERE purged_at IS NULL AND status = 'spam' AND created_at < $1 FOR UPDATE`, [options.spamBefore])).rows;
      if (!options.dryRun) {
        for (const row of [...closed, ...spam]) {
          // The content hash goes too (a hash of a name and a phone number can be guessed back),
          // and with it the lead's claim on the duplicate window.
          await client.query(`UPDATE leads SET fields = $1::jsonb, content_hash = '', purged_at = $2 WHERE id = $3`, [JSON.stringify(getRetainedFields(row.fields)), options.now, row.id]);
          await client.query('DELETE FROM lead_content_claims WHERE lead_id = $1', [row.id]);
          await client.query('UPDATE lead_events SET note = NULL WHERE lead_id = $1 AND note IS NOT NULL', [row.id]);
        }
      }
      const result = { closed: closed.length, spam: spam.length };
      if (period !== undefined) await client.query('UPDATE job_runs SET result = $1::jsonb WHERE job = $2 AND period = $3', [JSON.stringify(result), PURGE_JOB, period]);
      return result;
    });
  }

  expandPlanned(limit: number): Promise<number> {
    return this.#write('plan deliveries', (client) => outbox.expandPlanned(client, limit));
  }

  countPlanned(): Promise<number> {
    return this.#read('count planned deliveries', () => outbox.countPlanned(this.#pool));
  }

  listDueDestinations(now: Date, owner: string): Promise<string[]> {
    return this.#read('list due deliveries', () => outbox.listDueDestinations(this.#pool, now, owner));
  }

  leaseDestination(destination: string, options: { owner: string; now: Date; leaseMs: number }): Promise<boolean> {
    return this.#write('lease a destination', (client) => outbox.leaseDestination(client, destination, options));
  }

  releaseDestination(destination: string, owner: string): Promise<void> {
    return this.#write('release a destination', (client) => outbox.releaseDestination(client, destination, owner));
  }

  listLeases(now: Date): Promise<{ destination: string; owner: string }[]> {
    return this.#read('list leases', () => outbox.listLeases(this.#pool, now));
  }

  listDue(destination: string, now: Date, limit: number): Promise<Delivery[]> {
    return this.#read('read due deliveries', () => outbox.listDue(this.#pool, destination, now, limit));
  }

  recordAttempts(records: readonly { id: string; record: AttemptRecord }[]): Promise<void> {
    return this.#write('record delivery attempts', async (client) => {
      for (const { id, record } of records) await outbox.recordAttempt(client, id, record);
    });
  }

  listDeliveries(options?: DeliveryListOptions): Promise<Delivery[]> {
    return this.#read('list deliveries', () => outbox.listDeliveries(this.#pool, options));
  }

  listDestinations(): Promise<DestinationState[]> {
    return this.#read('list destinations', () => outbox.listDestinations(this.#pool));
  }

  redeliver(id: string, now: Date): Promise<Delivery[]> {
    return this.#write('redeliver', (client) => outbox.redeliver(client, id, now));
  }

  enableDestination(destination: string): Promise<boolean> {
    return this.#write('enable a destination', (client) => outbox.enableDestination(client, destination));
  }

  /** Waits for the calls under way, then closes the pool's connections. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#inFlight.settle();
    await this.#pool.end();
  }

  #read<T>(action: string, read: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('The lead store is closed'));
    return this.#inFlight.track(read().catch((error: unknown) => Promise.reject(toPostgresStoreError(error, action))));
  }

  #write<T>(action: string, write: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('The lead store is closed'));
    return this.#inFlight.track(runInTransaction(this.#pool, action, write));
  }
}

/** An insert as `insert` copied it: the row's columns after id and created_at, serialized already. */
interface InsertJob {
  id: string;
  columns: (string | number | null)[];
  submissionKey: string | null;
  contentHash: string;
  now: Date;
  duplicateWindowMs: number;
  token: { nonce: string; expiresAt: Date; maxUses: number; overusedColumns: (string | number | null)[] } | null;
  planDeliveries: ((lead: StoredLead) => readonly NewDelivery[]) | undefined;
}

async function addEvent(
  client: Queryable,
  event: { id: string; at: Date; actor: string; kind: LeadEvent['kind']; status: LeadStatus | null; reason: string | null; scheduledFor: string | null; note: string | null },
): Promise<void> {
  await client.query('INSERT INTO lead_events (lead_id, at, actor, kind, status, reason, scheduled_for, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    event.id,
    event.at,
    event.actor,
    event.kind,
    event.status,
    event.reason,
    event.scheduledFor,
    event.note,
  ]);
}

async function readEvents(client: Queryable, id: string): Promise<LeadEvent[]> {
  type Row = { at: Date; actor: string; kind: LeadEvent['kind']; status: LeadStatus | null; reason: string | null; scheduled_for: string | null; note: string | null };
  const { rows } = await client.query<Row>('SELECT at, actor, kind, status, reason, scheduled_for, note FROM lead_events WHERE lead_id = $1 ORDER BY seq', [id]);
  return rows.map((row) => ({ at: row.at, actor: row.actor, kind: row.kind, status: row.status, reason: row.reason, scheduledFor: row.scheduled_for, note: row.note }));
}

/** Why a change naming a version changed nothing: no such lead, or who changed it last, and when. */
async function describeRefusedChange(client: Queryable, id: string): Promise<Extract<LeadChangeResult, { ok: false }>> {
  const state = await client.query<{ version: number }>('SELECT version FROM leads WHERE id = $1', [id]);
  const lead = state.rows[0];
  if (lead === undefined) return { ok: false, reason: 'not-found' };
  const last = (await readEvents(client, id)).at(-1);
  return { ok: false, reason: 'conflict', version: lead.version, by: last?.actor ?? null, at: last?.at ?? null };
}

function toStoredLead(row: Record<string, unknown>): StoredLead {
  // Written only by toColumns, with the types the migration gives each column, so these narrowings hold.
  const text = (column: string): string => row[column] as string;
  const nullableText = (column: string): string | null => (row[column] ?? null) as string | null;
  return {
    id: text('id'),
    createdAt: (row['created_at'] as Date).toISOString(),
    leadType: text('lead_type') as StoredLead['leadType'],
    status: text('status') as StoredLead['status'],
    fields: row['fields'] as StoredLead['fields'],
    attribution: row['attribution'] as StoredLead['attribution'],
    route: {
      queue: text('route_queue'),
      priority: text('route_priority') as StoredLead['route']['priority'],
      responseTargetMinutes: row['route_response_target_minutes'] as number,
      matchedRule: nullableText('route_matched_rule'),
    },
    score: row['score'] as number,
    flags: row['flags'] as StoredLead['flags'],
    fit: row['fit'] as StoredLead['fit'],
    submissionKey: nullableText('submission_key'),
    contentHash: text('content_hash'),
    channel: row['channel'] == null ? null : { channel: text('channel') as Channel, rule: text('channel_rule') },
  };
}
