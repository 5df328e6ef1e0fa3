/**
 * The lead store contract: what the lead endpoint needs from durable storage, and nothing about
 * how it is done. `SqliteLeadStore` is one implementation; tests may use a real temp file.
 */
import type { LeadType, Priority } from './kinds.ts';
import type { Delivery, DeliveryState, NewDelivery } from './delivery.ts';
import type { ChannelMatch } from '../funnel/types.ts';

/**
 * new → contacted → qualified or not-a-fit → scheduled → booked or lost (intake/lifecycle.ts);
 * spam waits in quarantine; closed is an older end without an outcome.
 */
export const LEAD_STATUSES = ['new', 'spam', 'contacted', 'qualified', 'not-a-fit', 'scheduled', 'booked', 'lost', 'closed'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Where a lead was sent and how fast someone should answer it. */
export interface LeadRoute {
  queue: string;
  priority: Priority;
  responseTargetMinutes: number;
  /** The routing rule that matched, or null when the default route applied. */
  matchedRule: string | null;
}

/** A lead as the domain hands it to the store: validated, routed and scored already. */
export interface NewLead {
  leadType: LeadType;
  status: LeadStatus;
  /** What the person submitted, validated upstream. Personal data: never log it. */
  fields: Record<string, string>;
  /** Landing page, page, referrer origin, utm_*, gclid, msclkid. */
  attribution: Record<string, string>;
  /** The channel its attribution was classified as (funnel/channels.ts), with the rule that said so. */
  channel: ChannelMatch;
  route: LeadRoute;
  score: number;
  flags: string[];
  fit: Record<string, boolean | null>;
  /** The client's idempotency key; null for posts without one (no JavaScript). */
  submissionKey: string | null;
  /** A hash of the submitted content, for the duplicate window when there is no key. */
  contentHash: string;
}

/** A lead as stored: the new lead plus the id and time the store gave it. */
export interface StoredLead extends Omit<NewLead, 'channel'> {
  /** Null for a lead stored before channels were kept. */
  channel: ChannelMatch | null;
  /** 26 characters, Crockford base32, sorts in creation order. */
  id: string;
  /** ISO 8601, UTC. */
  createdAt: string;
}

export interface InsertOptions {
  /** A lead with the same content hash stored less than this long before `now` is a duplicate. */
  duplicateWindowMs: number;
  now: Date;
  /** The form token the lead came with, whose uses the store counts; none without a valid token. */
  formToken?: FormTokenUse | undefined;
  /**
   * The deliveries a newly stored lead makes (delivery.ts `planDeliveries`), written in the lead's
   * own transaction (as one planned row, see `DeliveryOutbox.expandPlanned`): a lead is never
   * stored without them, nor they without it. Not called for a replayed lead.
   */
  planDeliveries?: ((lead: StoredLead) => readonly NewDelivery[]) | undefined;
}

/**
 * One use of a form token. Every lead stored with it counts one use, in the same transaction as
 * the lead (a replayed lead stores nothing and counts nothing), so the count holds across restarts.
 */
export interface FormTokenUse {
  /** The token's random nonce. */
  nonce: string;
  /** When its count may be forgotten: by then a lead with the token is refused by its age anyway. */
  expiresAt: Date;
  /** How many leads the token may carry. */
  maxUses: number;
  /** What the lead is stored with instead when the token has carried `maxUses` leads already. */
  whenOverused: Pick<NewLead, 'status' | 'route' | 'score' | 'flags'>;
}

export interface InsertResult {
  lead: StoredLead;
  /** True when an earlier lead was returned instead of storing a new one. */
  replayed: boolean;
}

/** A step or a note (intake/lifecycle.ts decides which steps may be taken). */
export type LeadChange = { kind: 'status'; status: LeadStatus; reason?: string; scheduledFor?: string } | { kind: 'note'; note: string };

export interface LeadEvent {
  at: Date;
  /** The user's login, or `cli`. */
  actor: string;
  /** A step, a note, or a move to another queue (`reassign`; `release` out of quarantine), whose reason says `from → to`. */
  kind: 'status' | 'note' | 'reassign' | 'release';
  status: LeadStatus | null;
  reason: string | null;
  scheduledFor: string | null;
  note: string | null;
}

export interface LeadHistory {
  version: number;
  firstContactedAt: string | null;
  events: LeadEvent[];
}

export type LeadChangeResult =
  | { ok: true; lead: StoredLead; version: number }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict'; version: number; by: string | null; at: Date | null };

export interface ListOptions {
  status?: LeadStatus;
  limit?: number;
}

export interface LeadStore {
  /**
   * Stores a lead, or returns the earlier one it repeats: the lead with the same submission key,
   * else the newest lead with the same content hash inside the duplicate window. A new lead with a
   * form token counts one use of it, and is stored as `whenOverused` says past its limit. Resolves only
   * once the write is durable; rejects with `StoreUnavailableError` when storage can't take it
   * now (busy, full, read-only, I/O error), with nothing written.
   */
  insert(lead: NewLead, options: InsertOptions): Promise<InsertResult>;
  /** The lead with this id, or null. */
  get(id: string): Promise<StoredLead | null>;
  /** Leads newest first, optionally of one status; all of them unless `limit` is given. */
  list(options?: ListOptions): Promise<StoredLead[]>;
  count(): Promise<number>;
  /** Sets a lead's status (`contacted` stops its reminders), recorded as a step by `actor`; the lead as it is now, or null when there is none. */
  setStatus(id: string, status: LeadStatus, options?: { actor?: string; now?: Date }): Promise<StoredLead | null>;
  /**
   * Takes a step on a lead, or adds a note, if the lead is still at `expectedVersion`: else
   * nothing changes and the answer says who changed it last, and when.
   */
  changeLead(id: string, change: LeadChange, options: { expectedVersion: number; actor: string; now: Date }): Promise<LeadChangeResult>;
  /**
   * Sends a lead to another route (a reassignment, or a release from quarantine, which also makes
   * it new again), if it is still at `expectedVersion`, and plans the deliveries the new route
   * makes, in the same transaction. Recorded as a step by `actor`.
   */
  rerouteLead(
    id: string,
    options: { route: LeadRoute; release: boolean; expectedVersion: number; actor: string; now: Date; planDeliveries?: (lead: StoredLead) => readonly NewDelivery[] },
  ): Promise<LeadChangeResult>;
  /** The lead's version, first contact and steps, oldest first; null when there is no such lead. */
  getHistory(id: string): Promise<LeadHistory | null>;
  /**
   * Deletes the person's details (intake/retention.ts) from leads closed (booked, lost, not a
   * fit) before `closedBefore` and spam that came in before `spamBefore`, and their notes; the
   * rest of each lead stays. With `dryRun`, only counts. Returns how many leads of each.
   */
  purgePersonalData(options: PurgeOptions): Promise<PurgeResult>;
  /** Waits for pending writes, then releases the database. */
  close(): Promise<void>;
}

/** The daily purge's name in the stores' `job_runs` table. */
export const PURGE_JOB = 'retention-purge';

export interface PurgeOptions {
  closedBefore: Date | null;
  spamBefore: Date | null;
  now: Date;
  dryRun: boolean;
  /**
   * The scheduled run's period (the daily purge: its UTC day, `2026-12-02`): the purge then runs
   * only if none has run for that period on this database, whichever server ran it, and records
   * itself in the same transaction (a failed run records nothing). Absent for a person's `purge`.
   */
  period?: string;
}

/** How many leads lost their details; `alreadyRan` when the period's purge had run (nothing done). */
export interface PurgeResult {
  closed: number;
  spam: number;
  alreadyRan?: true;
}

/** A destination as the outbox knows it: whether it is down or disabled, and what waits for it. */
export interface DestinationState {
  destination: string;
  /** While set and in the future, the destination is down: only its oldest due delivery is tried, then. */
  pausedUntil: Date | null;
  /** Set when the receiver answered 410 Gone: nothing is sent until `enableDestination`. */
  disabled: { at: Date; reason: string } | null;
  pending: number;
  dead: number;
}

/** How one attempt changes a delivery (and, when it was the destination's fault, the destination). */
export interface AttemptRecord {
  at: Date;
  state: DeliveryState;
  /** The next attempt's time, for a delivery still pending. */
  nextAttemptAt: Date;
  /** What the attempt got; never personal data. */
  result: string;
  /** Whether the attempt was made (false for a reminder skipped without sending). */
  counted: boolean;
  /** Pause the whole destination until then (it is down), or clear a pause (null). Unset: unchanged. */
  pauseDestinationUntil?: Date | null;
  /** Disable the destination (410 Gone), with the reason to show. */
  disableDestination?: string;
  /** Deliveries this one makes now that it is done (a notification's reminder and escalation). */
  followUps?: readonly NewDelivery[];
}

export interface DeliveryListOptions {
  state?: DeliveryState;
  leadId?: string;
  limit?: number;
}

/**
 * The outbox: the deliveries leads made, and the destinations they go to. Several workers (the
 * server's and `npm run leads -- deliver`) may share it: a worker leases a destination before
 * sending to it, so each destination's deliveries go out one at a time, oldest first.
 */
export interface DeliveryOutbox {
  /**
   * Makes the deliveries that new leads planned (written with each lead as one row) into rows of
   * their own, up to `limit` leads, oldest first, in one transaction; returns how many leads.
   */
  expandPlanned(limit: number): Promise<number>;
  /** Leads whose deliveries are planned but not yet made into rows. */
  countPlanned(): Promise<number>;
  /** Destinations with a delivery due by `now` that are neither paused, disabled nor leased by a worker other than `owner`. */
  listDueDestinations(now: Date, owner: string): Promise<string[]>;
  /** Takes or renews the lease on a destination for `leaseMs`; false when another worker holds it. */
  leaseDestination(destination: string, options: { owner: string; now: Date; leaseMs: number }): Promise<boolean>;
  releaseDestination(destination: string, owner: string): Promise<void>;
  /** The leases held now (a worker finds those of workers that died, to take them over at once). */
  listLeases(now: Date): Promise<{ destination: string; owner: string }[]>;
  /** The oldest pending deliveries to a destination that are due by `now`, oldest first, at most `limit`. */
  listDue(destination: string, now: Date, limit: number): Promise<Delivery[]>;
  /** Records attempts (or skips) of pending deliveries, in one transaction, in the order given. */
  recordAttempts(records: readonly { id: string; record: AttemptRecord }[]): Promise<void>;
  /** Newest first. */
  listDeliveries(options?: DeliveryListOptions): Promise<Delivery[]>;
  listDestinations(): Promise<DestinationState[]>;
  /**
   * Makes deliveries pending again, due now, attempts reset: the one with this id, or every dead
   * delivery of the lead with this id. Returns those made pending (none for an unknown id).
   */
  redeliver(id: string, now: Date): Promise<Delivery[]>;
  /** Clears a destination's disabled state and pause; false when it was neither. */
  enableDestination(destination: string): Promise<boolean>;
}

/** The SQLite result codes and PostgreSQL conditions that mean "try again later", not "this request is wrong". */
export type StoreUnavailableCode =
  | 'SQLITE_BUSY'
  | 'SQLITE_LOCKED'
  | 'SQLITE_READONLY'
  | 'SQLITE_IOERR'
  | 'SQLITE_FULL'
  | 'SQLITE_CANTOPEN'
  | 'SQLITE_NOTADB'
  /** No connection to the PostgreSQL server: refused, reset, timed out, or ended under a query. */
  | 'PG_UNREACHABLE'
  /** The server is shutting down, starting up or recovering (SQLSTATE class 57P). */
  | 'PG_SHUTDOWN'
  /** The server has no connection slot left (53300). */
  | 'PG_TOO_MANY_CONNECTIONS'
  /** Disk full, out of memory, or another lack of resources (class 53). */
  | 'PG_INSUFFICIENT_RESOURCES'
  /** The server takes no writes: a standby, or a read-only transaction (25006). */
  | 'PG_READ_ONLY'
  /** Cancelled by a timeout, or a lock or serialization conflict the caller may retry (57014, 55P03, 40001, 40P01). */
  | 'PG_CONFLICT';

/**
 * Storage can't take writes (or reads) right now. Nothing was written. The endpoint answers 503
 * with Retry-After; the store recovers by itself once the cause is gone.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code: StoreUnavailableCode;
  /** SQLite's extended result code, e.g. 778 for SQLITE_IOERR_WRITE; -1 for other causes. */
  readonly extendedCode: number;
  /**
   * SQLite's, PostgreSQL's or the system's words for it (`database is locked`, `ENOSPC`,
   * `57P01 terminating connection due to administrator command`): never personal data.
   */
  readonly reason: string;

  constructor(message: string, details: { code: StoreUnavailableCode; extendedCode: number; reason?: string; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.code = details.code;
    this.extendedCode = details.extendedCode;
    this.reason = details.reason ?? details.code;
  }
}
