import { StoreUnavailableError } from '../../lib/leads/store.ts';
import type { StoreUnavailableCode } from '../../lib/leads/store.ts';

// SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html) that mean the server
// can't take the request now, whatever the request: by exact code first, then by class.
const UNAVAILABLE_SQLSTATES: ReadonlyMap<string, StoreUnavailableCode> = new Map([
  ['53300', 'PG_TOO_MANY_CONNECTIONS'],
  ['25006', 'PG_READ_ONLY'],
  // Only a timeout or a conflict with another transaction: the same request succeeds when retried.
  ['57014', 'PG_CONFLICT'],
  ['55P03', 'PG_CONFLICT'],
  ['40001', 'PG_CONFLICT'],
  ['40P01', 'PG_CONFLICT'],
  ['58030', 'PG_INSUFFICIENT_RESOURCES'],
]);
const UNAVAILABLE_CLASSES: ReadonlyMap<string, StoreUnavailableCode> = new Map([
  ['08', 'PG_UNREACHABLE'],
  ['53', 'PG_INSUFFICIENT_RESOURCES'],
  // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting, recovering).
  ['57P', 'PG_SHUTDOWN'],
]);

// Errors of the socket to the server, before or during a query.
const UNREACHABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

// What `pg` says, without a code, when a connection ends or can't be made in time.
const UNREACHABLE_MESSAGES = /^Connection terminated|timeout exceeded when trying to connect|not queryable|Connection terminated due to connection timeout/i;

/** The SQLSTATE of an error from the PostgreSQL server (five characters), or null for other errors. */
export function getSqlState(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string' ? code : null;
}

/** Why the store can't reach or use the server now, or null when the error is not of that kind. */
export function getUnavailableCause(error: unknown): { code: StoreUnavailableCode; reason: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const message = String((error as { message?: unknown }).message ?? '');
  const sqlState = getSqlState(error);
  if (sqlState !== null) {
    const code = UNAVAILABLE_SQLSTATES.get(sqlState) ?? UNAVAILABLE_CLASSES.get(sqlState.slice(0, 2)) ?? UNAVAILABLE_CLASSES.get(sqlState.slice(0, 3));
    // The server's message for these names no row or value, only the condition.
    return code === undefined ? null : { code, reason: `${sqlState} ${message}` };
  }
  const errno = (error as { code?: unknown }).code;
  if (typeof errno === 'string' && UNREACHABLE_ERRNOS.has(errno)) return { code: 'PG_UNREACHABLE', reason: errno };
  if (UNREACHABLE_MESSAGES.test(message)) return { code: 'PG_UNREACHABLE', reason: message };
  return null;
}

/**
 * The error to throw for a failure of the PostgreSQL store: a `StoreUnavailableError` when the
 * server can't be reached or can't take the request now (see StoreUnavailableCode), else the
 * original error, since a constraint or SQL error is a bug to see, not a condition to retry.
 */
export function toPostgresStoreError(error: unknown, action: string): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const cause = getUnavailableCause(error);
  if (cause === null) return error;
  return new StoreUnavailableError(`Lead store unavailable while trying to ${action}: ${cause.code} (${cause.reason})`, {
    code: cause.code,
    extendedCode: -1,
    reason: cause.reason,
    cause: error,
  });
}
