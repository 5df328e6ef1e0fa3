import { StoreUnavailableError } from '../lib/leads/store.ts';
import type { StoreUnavailableCode } from '../lib/leads/store.ts';

// Primary result codes (https://www.sqlite.org/rescode.html); extended codes keep them in the low byte.
const UNAVAILABLE_CODES: ReadonlyMap<number, StoreUnavailableCode> = new Map([
  [5, 'SQLITE_BUSY'],
  [6, 'SQLITE_LOCKED'],
  [8, 'SQLITE_READONLY'],
  [10, 'SQLITE_IOERR'],
  [13, 'SQLITE_FULL'],
  [14, 'SQLITE_CANTOPEN'],
  // The file at the database path is not SQLite (overwritten, or the wrong file restored): no
  // lead can be stored until someone puts the right file back, which the store notices by itself.
  [26, 'SQLITE_NOTADB'],
]);

// File-system errors met while creating the database file or its folder before SQLite opens it.
const UNAVAILABLE_ERRNOS: ReadonlyMap<string, StoreUnavailableCode> = new Map([
  ['ENOSPC', 'SQLITE_FULL'],
  ['EDQUOT', 'SQLITE_FULL'],
  ['EROFS', 'SQLITE_READONLY'],
  ['EACCES', 'SQLITE_READONLY'],
  ['EPERM', 'SQLITE_READONLY'],
  ['EIO', 'SQLITE_IOERR'],
]);

/** The SQLite extended result code of an error thrown by `node:sqlite`, or null for other errors. */
export function getSqliteErrcode(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  return code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number' ? errcode : null;
}

/**
 * The error to throw for a storage failure: a `StoreUnavailableError` when the cause is transient
 * or environmental (busy, locked, read-only, I/O, full, can't open, not a database), else the original error,
 * since a constraint or SQL error is a bug to see, not a condition to retry.
 */
export function toStoreError(error: unknown, action: string): unknown {
  const errcode = getSqliteErrcode(error);
  if (errcode !== null) {
    const code = UNAVAILABLE_CODES.get(errcode & 0xff);
    if (code === undefined) return error;
    const reason = String((error as { errstr?: unknown }).errstr);
    return new StoreUnavailableError(`Lead store unavailable while trying to ${action}: ${code} (${reason})`, { code, extendedCode: errcode, reason, cause: error });
  }
  const errno = (error as { code?: unknown } | null)?.code;
  const code = typeof errno === 'string' ? UNAVAILABLE_ERRNOS.get(errno) : undefined;
  if (code === undefined) return error;
  return new StoreUnavailableError(`Lead store unavailable while trying to ${action}: ${code} (${errno as string})`, { code, extendedCode: -1, reason: errno as string, cause: error });
}
