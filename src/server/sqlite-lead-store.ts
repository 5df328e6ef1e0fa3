import type { DatabaseSync, SQLOutputValue, StatementSync } from 'node:sqlite';
import { createLeadIdFactory } from './lead-id.ts';
import type { LeadIdFactory } from './lead-id.ts';
import { LEAD_STATUSES, PURGE_JOB, StoreUnavailableError } from '../lib/leads/store.ts';
import type { Channel } from '../lib/funnel/types.ts';
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
  LeadStatus,
  LeadStore,
  ListOptions,
  NewLead,
  PurgeOptions,
  PurgeResult,
  StoredLead,
} from '../lib/leads/store.ts';
import type { Delivery, NewDelivery } from '../lib/leads/delivery.ts';
import type { LeadRoute } from '../lib/leads/store.ts';
import { toStoreError } from './sqlite-errors.ts';
import { getRetainedFields } from '../lib/intake/retention.ts';
import { openLeadDatabase, rollBack, runInWriteTransaction } from './sqlite-connection.ts';
import * as outbox from './sqlite-outbox.ts';
import { assertInsertable, assertTokenUse } from './lead-store-checks.ts';
import { LEAD_COLUMNS, toColumns } from './lead-columns.ts';

export interface SqliteLeadStoreOptions {
  /** The database file. Its folder (0700) and the file (0600) are created when missing. */
  path: string;
  /** How long a write waits for another connection's lock before failing as busy. Default 5000. */
  busyTimeoutMs?: number;
  /**
   * Open for reading only (the CLI): nothing is created, migrated or written, the schema must
   * already be current, and `insert` fails with `StoreUnavailableError` (SQLITE_READONLY).
   */
  readOnly?: boolean;
  /** Makes lead ids; a fresh monotonic ULID-style factory by default. */
  newId?: LeadIdFactory;
  /**
   * `full` (the default) fsyncs every commit: an acknowledged lead survives a power cut. `normal`
   * is for the delivery worker's connection, which stores only attempts: in WAL mode its commits
   * still survive a crash of the process, and one lost in a power cut means a delivery is sent
   * again with the same id, which receivers deduplicate.
   */
  synchronous?: 'full' | 'normal';
}

/** The connection settings as SQLite reports them. */
export interface SqliteSettings {
  journalMode: string;
  /** 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
  synchronous: number;
  busyTimeoutMs: number;
  foreignKeys: boolean;
  secureDelete: boolean;
  journalSizeLimitBytes: number;
}

/** At most this many inserts share one transaction; the rest go into the next group at once. */
const MAX_GROUP_SIZE = 256;

/** An insert waiting for its group: what it needs, copied when `insert` was called. */
interface PendingInsert {
  /** The row's columns after id and created_at, serialized already (so also a copy). */
  columns: (string | number | null)[];
  submissionKey: string | null;
  contentHash: string;
  now: Date;
  duplicateWindowMs: number;
  /** The form token use to count, and the columns to store instead past its limit. */
  token: { nonce: string; expiresAt: string; maxUses: number; overusedColumns: (string | number | null)[] } | null;
  planDeliveries: ((lead: StoredLead) => readonly NewDelivery[]) | undefined;
  resolve: (result: InsertResult) => void;
  reject: (error: unknown) => void;
}

/** How one insert of a group came out, known before the group commits. */
type InsertOutcome = { ok: true; result: InsertResult } | { ok: false; error: unknown };

/** Counts since the store was opened, for health checks and tests. */
export interface GroupCommitStats {
  /** Transactions begun for groups of inserts (committed or not). */
  groups: number;
  /** Inserts that went through a group, whatever their outcome; one written again counts again. */
  inserts: number;
  /** The most inserts one group held. */
  largestGroup: number;
}

interface Statements {
  savepoint: StatementSync;
  release: StatementSync;
  rollbackTo: StatementSync;
  insert: StatementSync;
  getById: StatementSync;
  getByKey: StatementSync;
  getRecentByHash: StatementSync;
  listAll: StatementSync;
  listByStatus: StatementSync;
  count: StatementSync;
  countTokenUse: StatementSync;
  pruneTokenUses: StatementSync;
  setStatus: StatementSync;
  changeIfVersion: StatementSync;
  addEvent: StatementSync;
  events: StatementSync;
  leadState: StatementSync;
  rerouteIfVersion: StatementSync;
  plannedOf: StatementSync;
  replacePlan: StatementSync;
  closedToPurge: StatementSync;
  spamToPurge: StatementSync;
  purge: StatementSync;
  purgeNotes: StatementSync;
  claimJobRun: StatementSync;
  recordJobRun: StatementSync;
  outbox: outbox.OutboxStatements;
}

/**
 * `LeadStore` on one SQLite file through `node:sqlite`: one connection, WAL with
 * synchronous=FULL, so the WAL is fsynced before `insert` resolves. A resolved insert survives a
 * crash of the process (the SIGKILL test) and, as far as the disk honours fsync, a power cut
 * (not testable on this machine).
 *
 * Group commit: the inserts that arrive while the event loop takes in the ready requests are
 * written in one `BEGIN IMMEDIATE` transaction with one COMMIT (one fsync), and each resolves
 * only after that COMMIT. Inside the group each insert runs in its own savepoint, in arrival order,
 * with the same per-lead rules as alone: it sees the leads stored before it in the group, so a
 * repeated submission key or duplicate content is replayed, and a form token's uses are counted
 * in the same savepoint as the lead they belong to. An insert that fails on its own (a
 * constraint, a bad id) is undone to its savepoint and rejected with its error, and the rest of
 * the group goes on; if its failure ended the whole transaction, the others are written again in
 * a new group. A failure of the group (storage busy, full, read-only or failing; BEGIN or COMMIT
 * failing) rolls back all of it and rejects every insert in it with that error, a
 * `StoreUnavailableError` when storage can't take writes: nothing of the group is written.
 */
export class SqliteLeadStore implements LeadStore, DeliveryOutbox {
  readonly #db: DatabaseSync;
  readonly #statements: Statements;
  readonly #newId: LeadIdFactory;
  #pending: PendingInsert[] = [];
  #flushScheduled = false;
  #closed = false;
  readonly #stats: GroupCommitStats = { groups: 0, inserts: 0, largestGroup: 0 };

  /**
   * Opens the database, creating and migrating it unless read-only. Throws
   * `StoreUnavailableError` when storage is unusable (can't be created, opened or written).
   */
  static open(options: SqliteLeadStoreOptions): SqliteLeadStore {
    let db: DatabaseSync | undefined;
    try {
      db = openLeadDatabase(options);
      return new SqliteLeadStore(db, options.newId ?? createLeadIdFactory());
    } catch (error) {
      db?.close();
      throw toStoreError(error, 'open the lead database');
    }
  }

  private constructor(db: DatabaseSync, newId: LeadIdFactory) {
    this.#db = db;
    this.#newId = newId;
    this.#statements = {
      // Each insert of a group runs in this savepoint, so that undoing one lead keeps the others.
      savepoint: db.prepare('SAVEPOINT lead'),
      release: db.prepare('RELEASE lead'),
      rollbackTo: db.prepare('ROLLBACK TO lead'),
      insert: db.prepare(`INSERT INTO leads (${LEAD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      getById: db.prepare(`SELECT ${LEAD_COLUMNS} FROM leads WHERE id = ?`),
      getByKey: db.prepare(`SELECT ${LEAD_COLUMNS} FROM leads WHERE submission_key = ?`),
      getRecentByHash: db.prepare(
        `SELECT ${LEAD_COLUMNS} FROM leads WHERE content_hash = ? AND created_at > ?
         ORDER BY created_at DESC, id DESC LIMIT 1`,
      ),
      listAll: db.prepare(`SELECT ${LEAD_COLUMNS} FROM leads ORDER BY id DESC LIMIT ?`),
      listByStatus: db.prepare(`SELECT ${LEAD_COLUMNS} FROM leads WHERE status = ? ORDER BY id DESC LIMIT ?`),
      count: db.prepare('SELECT count(*) AS count FROM leads'),
      countTokenUse: db.prepare(
        `INSERT INTO form_token_uses (nonce, uses, expires_at) VALUES (?, 1, ?)
         ON CONFLICT (nonce) DO UPDATE SET uses = uses + 1 RETURNING uses`,
      ),
      pruneTokenUses: db.prepare('DELETE FROM form_token_uses WHERE expires_at < ?'),
      setStatus: db.prepare(
        `UPDATE leads SET status = :status, version = version + 1,
           first_contacted_at = CASE WHEN first_contacted_at IS NULL AND :status <> 'new' AND :status <> 'spam' THEN :at ELSE first_contacted_at END
         WHERE id = :id`,
      ),
      changeIfVersion: db.prepare(
        `UPDATE leads SET status = coalesce(:status, status), version = version + 1,
           first_contacted_at = CASE WHEN first_contacted_at IS NULL AND :status IS NOT NULL AND :status <> 'new' AND :status <> 'spam' THEN :at ELSE first_contacted_at END
         WHERE id = :id AND version = :version`,
      ),
      addEvent: db.prepare('INSERT INTO lead_events (lead_id, at, actor, kind, status, reason, scheduled_for, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      events: db.prepare('SELECT at, actor, kind, status, reason, scheduled_for, note FROM lead_events WHERE lead_id = ? ORDER BY seq'),
      leadState: db.prepare('SELECT version, first_contacted_at FROM leads WHERE id = ?'),
      rerouteIfVersion: db.prepare(
        `UPDATE leads SET route_queue = :queue, route_priority = :priority, route_response_target_minutes = :target,
           route_matched_rule = :rule, status = CASE WHEN :release = 1 THEN 'new' ELSE status END, version = version + 1
         WHERE id = :id AND version = :version`,
      ),
      plannedOf: db.prepare('SELECT deliveries FROM planned_deliveries WHERE lead_id = ?'),
      replacePlan: db.prepare('DELETE FROM planned_deliveries WHERE lead_id = ?'),
      // Closed when its last step was taken (an older lead without steps: when it came in).
      closedToPurge: db.prepare(
        `SELECT id, fields FROM leads WHERE purged_at IS NULL AND status IN ('booked', 'lost', 'not-a-fit', 'closed')
           AND coalesce((SELECT max(at) FROM lead_events e WHERE e.lead_id = leads.id AND e.kind = 'status'), created_at) < ?`,
      ),
      spamToPurge: db.prepare(`SELECT id, fields FROM leads WHERE purged_at IS NULL AND status = 'spam' AND created_at < ?`),
      // The content hash goes too: a hash of a name and a phone number can be guessed back.
      purge: db.prepare(`UPDATE leads SET fields = ?, content_hash = '', purged_at = ? WHERE id = ?`),
      purgeNotes: db.prepare('UPDATE lead_events SET note = NULL WHERE lead_id = ? AND note IS NOT NULL'),
      claimJobRun: db.prepare(`INSERT INTO job_runs (job, period, ran_at, result) VALUES (?, ?, ?, '{}') ON CONFLICT DO NOTHING`),
      recordJobRun: db.prepare('UPDATE job_runs SET result = ? WHERE job = ? AND period = ?'),
      outbox: outbox.prepareOutboxStatements(db),
    };
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
    return new Promise((resolve, reject) => {
      // Serialized now: the write runs later, after the caller may have changed its objects.
      this.#pending.push({
        columns: toColumns(lead),
        submissionKey: lead.submissionKey,
        contentHash: lead.contentHash,
        now: new Date(options.now.getTime()),
        duplicateWindowMs: options.duplicateWindowMs,
        token:
          token === undefined
            ? null
            : {
                nonce: token.nonce,
                expiresAt: token.expiresAt.toISOString(),
                maxUses: token.maxUses,
                overusedColumns: toColumns({ ...lead, ...token.whenOverused }),
              },
        planDeliveries: options.planDeliveries,
        resolve,
        reject,
      });
      this.#scheduleFlush();
    });
  }

  get(id: string): Promise<StoredLead | null> {
    return this.#read('read a lead', () => {
      const row = this.#statements.getById.get(id);
      return row === undefined ? null : toStoredLead(row);
    });
  }

  list(options: ListOptions = {}): Promise<StoredLead[]> {
    const limit = options.limit ?? -1;
    if (!Number.isInteger(limit) || (options.limit !== undefined && limit < 0)) {
      return Promise.reject(new RangeError(`List limit must be a whole number ≥ 0, got ${limit}`));
    }
    return this.#read('list leads', () => {
      const rows = options.status === undefined ? this.#statements.listAll.all(limit) : this.#statements.listByStatus.all(options.status, limit);
      return rows.map(toStoredLead);
    });
  }

  count(): Promise<number> {
    return this.#read('count leads', () => {
      const row = this.#statements.count.get();
      return Number(row?.['count'] ?? 0);
    });
  }

  setStatus(id: string, status: LeadStatus, options: { actor?: string; now?: Date } = {}): Promise<StoredLead | null> {
    if (!(LEAD_STATUSES as readonly string[]).includes(status)) return Promise.reject(new TypeError(`Unknown lead status "${status}"`));
    const at = (options.now ?? new Date()).toISOString();
    return this.#write("set a lead's status", () => {
      if (Number(this.#statements.setStatus.run({ status, id, at }).changes) === 0) return null;
      this.#statements.addEvent.run(id, at, options.actor ?? 'cli', 'status', status, null, null, null);
      const row = this.#statements.getById.get(id);
      return row === undefined ? null : toStoredLead(row);
    });
  }

  changeLead(id: string, change: LeadChange, options: { expectedVersion: number; actor: string; now: Date }): Promise<LeadChangeResult> {
    if (change.kind === 'status' && !(LEAD_STATUSES as readonly string[]).includes(change.status)) {
      return Promise.reject(new TypeError(`Unknown lead status "${change.status}"`));
    }
    const at = options.now.toISOString();
    return this.#write('change a lead', (): LeadChangeResult => {
      const statements = this.#statements;
      const status = change.kind === 'status' ? change.status : null;
      const changed = Number(statements.changeIfVersion.run({ status, at, id, version: options.expectedVersion }).changes);
      if (changed === 0) {
        return describeRefusedChange(statements, id);
      }
      if (change.kind === 'status') statements.addEvent.run(id, at, options.actor, 'status', change.status, change.reason ?? null, change.scheduledFor ?? null, null);
      else statements.addEvent.run(id, at, options.actor, 'note', null, null, null, change.note);
      // The update matched only at expectedVersion and moved it on by one.
      return { ok: true, lead: toStoredLead(statements.getById.get(id) ?? {}), version: options.expectedVersion + 1 };
    });
  }

  rerouteLead(
    id: string,
    options: { route: LeadRoute; release: boolean; expectedVersion: number; actor: string; now: Date; planDeliveries?: (lead: StoredLead) => readonly NewDelivery[] },
  ): Promise<LeadChangeResult> {
    const at = options.now.toISOString();
    return this.#write('send a lead to another queue', (): LeadChangeResult => {
      const statements = this.#statements;
      const before = statements.getById.get(id);
      const changed = Number(
        statements.rerouteIfVersion.run({
          queue: options.route.queue,
          priority: options.route.priority,
          target: options.route.responseTargetMinutes,
          rule: options.route.matchedRule,
          release: options.release ? 1 : 0,
          id,
          version: options.expectedVersion,
        }).changes,
      );
      if (changed === 0) {
        return describeRefusedChange(statements, id);
      }
      const lead = toStoredLead(statements.getById.get(id) ?? {});
      statements.addEvent.run(id, at, options.actor, options.release ? 'release' : 'reassign', lead.status, `${String(before?.['route_queue'] ?? '')} → ${lead.route.queue}`, null, null);
      const deliveries = options.planDeliveries?.(lead) ?? [];
      if (deliveries.length > 0) {
        // A plan the worker has not expanded yet keeps its deliveries, before the new ones.
        const waiting = statements.plannedOf.get(id);
        const earlier = waiting === undefined ? [] : (JSON.parse(String(waiting['deliveries'])) as NewDelivery[]);
        statements.replacePlan.run(id);
        outbox.planDeliveriesOf(statements.outbox, { leadId: id, now: options.now, deliveries: [...earlier.map((d) => ({ ...d, notBefore: new Date(d.notBefore) })), ...deliveries] });
      }
      return { ok: true, lead, version: options.expectedVersion + 1 };
    });
  }

  getHistory(id: string): Promise<LeadHistory | null> {
    return this.#read("read a lead's history", () => {
      const state = this.#statements.leadState.get(id);
      if (state === undefined) return null;
      return {
        version: Number(state['version']),
        firstContactedAt: state['first_contacted_at'] == null ? null : String(state['first_contacted_at']),
        events: this.#statements.events.all(id).map((row) => ({
          at: new Date(String(row['at'])),
          actor: String(row['actor']),
          kind: String(row['kind']) as LeadEvent['kind'],
          status: row['status'] == null ? null : (String(row['status']) as LeadStatus),
          reason: row['reason'] == null ? null : String(row['reason']),
          scheduledFor: row['scheduled_for'] == null ? null : String(row['scheduled_for']),
          note: row['note'] == null ? null : String(row['note']),
        })),
      };
    });
  }

  purgePersonalData(options: PurgeOptions): Promise<PurgeResult> {
    return this.#write('purge personal data', (): PurgeResult => {
      const statements = this.#statements;
      // A scheduled run claims its period in the write transaction: a second server sharing the
      // file finds the period's row. A dry run claims nothing.
      const period = options.dryRun ? undefined : options.period;
      if (period !== undefined && statements.claimJobRun.run(PURGE_JOB, period, options.now.toISOString()).changes === 0) return { closed: 0, spam: 0, alreadyRan: true };
      const closed = options.closedBefore === null ? [] : statements.closedToPurge.all(options.closedBefore.toISOString());
      const spam = options.spamBefore === null ? [] : statements.spamToPurge.all(options.spamBefore.toISOString());
      if (!options.dryRun) {
        for (const row of [...closed, ...spam]) {
          const id = String(row['id']);
          const fields = getRetainedFields(JSON.parse(String(row['fields'])) as Record<string, string>);
          statements.purge.run(JSON.stringify(fields), options.now.toISOString(), id);
          statements.purgeNotes.run(id);
        }
      }
      const result = { closed: closed.length, spam: spam.length };
      if (period !== undefined) statements.recordJobRun.run(JSON.stringify(result), PURGE_JOB, period);
      return result;
    });
  }

  /** Rebuilds the file so that deleted details leave no pages behind (secure_delete zeroes them already). */
  vacuum(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('The lead store is closed'));
    try {
      this.#db.exec('VACUUM');
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(toStoreError(error, 'vacuum the lead database'));
    }
  }

  expandPlanned(limit: number): Promise<number> {
    // Looked at first without the write lock: the worker asks every second, mostly for nothing.
    // (A failing read goes on to the write, which reports the failure.)
    if (!this.#closed && !this.#hasPlanned()) return Promise.resolve(0);
    return this.#write('plan deliveries', () => outbox.expandPlanned(this.#statements.outbox, limit));
  }

  #hasPlanned(): boolean {
    try {
      return this.#statements.outbox.anyPlanned.get() !== undefined;
    } catch {
      return true;
    }
  }

  countPlanned(): Promise<number> {
    return this.#read('count planned deliveries', () => Number(this.#statements.outbox.countPlanned.get()?.['n'] ?? 0));
  }

  listDueDestinations(now: Date, owner: string): Promise<string[]> {
    return this.#read('list due deliveries', () => outbox.listDueDestinations(this.#statements.outbox, now, owner));
  }

  leaseDestination(destination: string, options: { owner: string; now: Date; leaseMs: number }): Promise<boolean> {
    return this.#write('lease a destination', () => outbox.leaseDestination(this.#statements.outbox, destination, options));
  }

  releaseDestination(destination: string, owner: string): Promise<void> {
    return this.#write('release a destination', () => {
      this.#statements.outbox.release.run(destination, owner);
    });
  }

  listLeases(now: Date): Promise<{ destination: string; owner: string }[]> {
    return this.#read('list leases', () => this.#statements.outbox.leases.all(now.toISOString()).map((row) => ({ destination: String(row['destination']), owner: String(row['lease_owner']) })));
  }

  listDue(destination: string, now: Date, limit: number): Promise<Delivery[]> {
    return this.#read('read due deliveries', () => this.#statements.outbox.nextDue.all(destination, now.toISOString(), limit).map(outbox.toDelivery));
  }

  recordAttempts(records: readonly { id: string; record: AttemptRecord }[]): Promise<void> {
    return this.#write('record delivery attempts', () => {
      for (const { id, record } of records) outbox.recordAttempt(this.#statements.outbox, id, record);
    });
  }

  listDeliveries(options?: DeliveryListOptions): Promise<Delivery[]> {
    return this.#read('list deliveries', () => outbox.listDeliveries(this.#statements.outbox, options));
  }

  listDestinations(): Promise<DestinationState[]> {
    return this.#read('list destinations', () => outbox.listDestinations(this.#statements.outbox));
  }

  redeliver(id: string, now: Date): Promise<Delivery[]> {
    return this.#write('redeliver', () => outbox.redeliver(this.#statements.outbox, id, now));
  }

  enableDestination(destination: string): Promise<boolean> {
    return this.#write('enable a destination', () => Number(this.#statements.outbox.enable.run(destination).changes) > 0);
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#flush();
    this.#closed = true;
    this.#db.close();
    return Promise.resolve();
  }

  /** The connection's PRAGMAs as SQLite reports them, for health checks and tests. */
  getSettings(): SqliteSettings {
    const pragma = (name: string): SQLOutputValue | undefined => {
      const row = this.#db.prepare(`PRAGMA ${name}`).get();
      return row === undefined ? undefined : Object.values(row)[0];
    };
    return {
      journalMode: String(pragma('journal_mode')),
      synchronous: Number(pragma('synchronous')),
      busyTimeoutMs: Number(pragma('busy_timeout')),
      foreignKeys: pragma('foreign_keys') === 1,
      secureDelete: pragma('secure_delete') === 1,
      journalSizeLimitBytes: Number(pragma('journal_size_limit')),
    };
  }

  /** Whether the connection is inside a transaction; after any settled call it must not be. */
  get isInTransaction(): boolean {
    return this.#db.isTransaction;
  }

  /** How inserts were grouped into transactions so far. */
  getGroupCommitStats(): GroupCommitStats {
    return { ...this.#stats };
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    // setImmediate runs once the event loop has taken in every request that was ready (those
    // that arrived during the last COMMIT's fsync, under load), so their inserts share one
    // transaction. A microtask would run after the first request and commit each lead alone. With
    // one request at a time nothing waits: the group is that one insert.
    setImmediate(() => {
      this.#flushScheduled = false;
      if (!this.#closed) this.#flush();
    });
  }

  #flush(): void {
    while (this.#pending.length > 0) this.#commitGroup(this.#pending.splice(0, MAX_GROUP_SIZE));
  }

  #commitGroup(group: PendingInsert[]): void {
    this.#stats.groups += 1;
    this.#stats.inserts += group.length;
    this.#stats.largestGroup = Math.max(this.#stats.largestGroup, group.length);
    const outcomes: InsertOutcome[] = [];
    let current: PendingInsert | undefined;
    try {
      // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
      // writes fails with SQLITE_BUSY at once, ignoring the busy timeout.
      this.#db.exec('BEGIN IMMEDIATE');
      pruneTokenUses(this.#statements, group);
      for (const job of group) {
        current = job;
        outcomes.push(this.#insertInGroup(job));
      }
      current = undefined;
      this.#db.exec('COMMIT');
    } catch (error) {
      rollBack(this.#db);
      const failure = toStoreError(error, 'store a lead');
      // Inserts that had already failed on their own keep their own reason.
      group.forEach((job, index) => {
        const outcome = outcomes[index];
        if (outcome !== undefined && !outcome.ok) job.reject(outcome.error);
      });
      const others = group.filter((job, index) => job !== current && (outcomes[index]?.ok ?? true));
      if (current !== undefined && !(failure instanceof StoreUnavailableError)) {
        // One lead's own statement ended the transaction (not storage): refuse that lead, and
        // write the others again in a new group, as they would have been without it.
        current.reject(failure);
        if (others.length > 0) this.#commitGroup(others);
        return;
      }
      current?.reject(failure);
      for (const job of others) job.reject(failure);
      return;
    }
    group.forEach((job, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) job.resolve(outcome.result);
      else job.reject(outcome?.error);
    });
  }

  /**
   * One insert inside the group's transaction, in a savepoint. Returns its outcome, a failure too
   * when only this insert failed and is undone; throws when the transaction can't go on (storage
   * failing, or SQLite ended the transaction).
   */
  #insertInGroup(job: PendingInsert): InsertOutcome {
    const statements = this.#statements;
    statements.savepoint.run();
    try {
      const earlier = findEarlier(statements, job);
      if (earlier !== undefined) {
        statements.release.run();
        return { ok: true, result: { lead: toStoredLead(earlier), replayed: true } };
      }
      const id = this.#newId(job.now);
      // Counted in this lead's savepoint: undoing the lead undoes its use of the token.
      const columns = job.token !== null && countTokenUse(statements, job.token) > job.token.maxUses ? job.token.overusedColumns : job.columns;
      statements.insert.run(id, job.now.toISOString(), ...columns);
      // Read back rather than echo the input: the caller gets exactly what a replay would return.
      const stored = toStoredLead(statements.getById.get(id) ?? {});
      // In the lead's savepoint: the lead and its deliveries are written together or not at all.
      if (job.planDeliveries !== undefined) {
        outbox.planDeliveriesOf(statements.outbox, { leadId: id, now: job.now, deliveries: job.planDeliveries(stored) });
      }
      statements.release.run();
      return { ok: true, result: { lead: stored, replayed: false } };
    } catch (error) {
      const mapped = toStoreError(error, 'store a lead');
      // Storage trouble concerns every insert of the group; and after some errors SQLite has
      // already rolled back the whole transaction.
      if (mapped instanceof StoreUnavailableError || !this.#db.isTransaction) throw error;
      // This lead alone is at fault (a constraint, say): undo just it, keep the others.
      statements.rollbackTo.run();
      statements.release.run();
      return { ok: false, error: mapped };
    }
  }

  #read<T>(action: string, read: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('The lead store is closed'));
    try {
      return Promise.resolve(read());
    } catch (error) {
      return Promise.reject(toStoreError(error, action));
    }
  }

  /** One write in its own transaction, between groups (all of this is synchronous, so none is open). */
  #write<T>(action: string, write: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('The lead store is closed'));
    try {
      return Promise.resolve(runInWriteTransaction(this.#db, write));
    } catch (error) {
      return Promise.reject(toStoreError(error, action));
    }
  }
}

/** Why a change naming a version changed nothing: no such lead, or who changed it last, and when. */
function describeRefusedChange(statements: Statements, id: string): Extract<LeadChangeResult, { ok: false }> {
  const state = statements.leadState.get(id);
  if (state === undefined) return { ok: false, reason: 'not-found' };
  const last = statements.events.all(id).at(-1);
  return { ok: false, reason: 'conflict', version: Number(state['version']), by: last === undefined ? null : String(last['actor']), at: last === undefined ? null : new Date(String(last['at'])) };
}

function findEarlier(statements: Statements, job: PendingInsert): Record<string, SQLOutputValue> | undefined {
  if (job.submissionKey !== null) {
    const byKey = statements.getByKey.get(job.submissionKey);
    if (byKey !== undefined) return byKey;
  }
  if (job.duplicateWindowMs <= 0) return undefined;
  const windowStart = new Date(job.now.getTime() - job.duplicateWindowMs).toISOString();
  return statements.getRecentByHash.get(job.contentHash, windowStart);
}

/** Counts one more use of a form token; returns how many leads it has carried, this one included. */
function countTokenUse(statements: Statements, token: { nonce: string; expiresAt: string }): number {
  return Number(statements.countTokenUse.get(token.nonce, token.expiresAt)?.['uses']);
}

/** Forgets the counts of tokens expired before the group's earliest `now`, when the group counts any. */
function pruneTokenUses(statements: Statements, group: PendingInsert[]): void {
  if (!group.some((job) => job.token !== null)) return;
  const earliest = Math.min(...group.map((job) => job.now.getTime()));
  statements.pruneTokenUses.run(new Date(earliest).toISOString());
}

function toStoredLead(row: Record<string, SQLOutputValue>): StoredLead {
  // The columns are STRICT-typed and written only by toColumns, so these narrowings hold.
  const text = (column: string): string => row[column] as string;
  const nullableText = (column: string): string | null => (row[column] ?? null) as string | null;
  return {
    id: text('id'),
    createdAt: text('created_at'),
    leadType: text('lead_type') as StoredLead['leadType'],
    status: text('status') as StoredLead['status'],
    fields: JSON.parse(text('fields')) as StoredLead['fields'],
    attribution: JSON.parse(text('attribution')) as StoredLead['attribution'],
    route: {
      queue: text('route_queue'),
      priority: text('route_priority') as StoredLead['route']['priority'],
      responseTargetMinutes: row['route_response_target_minutes'] as number,
      matchedRule: nullableText('route_matched_rule'),
    },
    score: row['score'] as number,
    flags: JSON.parse(text('flags')) as StoredLead['flags'],
    fit: JSON.parse(text('fit')) as StoredLead['fit'],
    submissionKey: nullableText('submission_key'),
    contentHash: text('content_hash'),
    // Both set, or both null for a lead stored before migration 8.
    channel: row['channel'] == null ? null : { channel: text('channel') as Channel, rule: text('channel_rule') },
  };
}
