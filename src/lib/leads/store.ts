/**
 * The lead store contract: what the lead endpoint needs from durable storage, and nothing about
 * how it is done. `SqliteLeadStore` is one implementation; tests may use a real temp file.
 */
import type { LeadType, Priority } from './kinds.ts';

export const LEAD_STATUSES = ['new', 'spam', 'contacted', 'booked', 'closed'] as const;
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
export interface StoredLead extends NewLead {
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
  /** Waits for pending writes, then releases the database. */
  close(): Promise<void>;
}

/** The SQLite result codes that mean "try again later", not "this request is wrong". */
export type StoreUnavailableCode =
  | 'SQLITE_BUSY'
  | 'SQLITE_LOCKED'
  | 'SQLITE_READONLY'
  | 'SQLITE_IOERR'
  | 'SQLITE_FULL'
  | 'SQLITE_CANTOPEN'
  | 'SQLITE_NOTADB';

/**
 * Storage can't take writes (or reads) right now. Nothing was written. The endpoint answers 503
 * with Retry-After; the store recovers by itself once the cause is gone.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code: StoreUnavailableCode;
  /** SQLite's extended result code, e.g. 778 for SQLITE_IOERR_WRITE. */
  readonly extendedCode: number;
  /** SQLite's or the file system's words for it (`database is locked`, `ENOSPC`): never personal data. */
  readonly reason: string;

  constructor(
    message: string,
    details: { code: StoreUnavailableCode; extendedCode: number; reason?: string; cause?: unknown },
  ) {
    super(message, { cause: details.cause });
    this.code = details.code;
    this.extendedCode = details.extendedCode;
    this.reason = details.reason ?? details.code;
  }
}
