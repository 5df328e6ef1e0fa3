import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/lib/leads/store.ts';
import { getSqliteErrcode, toStoreError } from '../../../src/server/sqlite-errors.ts';

// Shaped like node:sqlite's errors. The store tests and the integration tests raise real BUSY,
// READONLY and IOERR errors; SQLITE_FULL and the errno cases can't be raised honestly here.
function sqliteError(errcode: number, errstr: string): Error {
  return Object.assign(new Error(errstr), { code: 'ERR_SQLITE_ERROR', errcode, errstr });
}

describe('toStoreError', () => {
  it.each([
    [5, 'SQLITE_BUSY'],
    [517, 'SQLITE_BUSY'], // SQLITE_BUSY_SNAPSHOT
    [6, 'SQLITE_LOCKED'],
    [8, 'SQLITE_READONLY'],
    [1032, 'SQLITE_READONLY'], // SQLITE_READONLY_DBMOVED
    [10, 'SQLITE_IOERR'],
    [778, 'SQLITE_IOERR'], // SQLITE_IOERR_WRITE
    [13, 'SQLITE_FULL'],
    [14, 'SQLITE_CANTOPEN'],
    [26, 'SQLITE_NOTADB'],
  ])('errcode %i → StoreUnavailableError %s', (errcode, code) => {
    const cause = sqliteError(errcode, 'reason');
    const error = toStoreError(cause, 'store a lead');
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code, extendedCode: errcode, reason: 'reason', cause });
    expect((error as Error).message).toBe(`Lead store unavailable while trying to store a lead: ${code} (reason)`);
  });

  it.each([
    ['ENOSPC', 'SQLITE_FULL'],
    ['EDQUOT', 'SQLITE_FULL'],
    ['EROFS', 'SQLITE_READONLY'],
    ['EACCES', 'SQLITE_READONLY'],
    ['EPERM', 'SQLITE_READONLY'],
    ['EIO', 'SQLITE_IOERR'],
  ])('file-system %s → StoreUnavailableError %s', (errno, code) => {
    const cause = Object.assign(new Error(errno), { code: errno });
    const error = toStoreError(cause, 'open');
    // No SQLite result code: the extended code says so.
    expect(error).toMatchObject({ name: 'StoreUnavailableError', code, reason: errno, extendedCode: -1, cause });
    expect((error as Error).message).toBe(`Lead store unavailable while trying to open: ${code} (${errno})`);
  });

  it.each([
    ['a constraint violation', sqliteError(2067, 'UNIQUE constraint failed')],
    ['an SQL error', sqliteError(1, 'SQL logic error')],
    ['a corrupt database', sqliteError(11, 'database disk image is malformed')],
    ['a plain error', new TypeError('bug')],
    ['a file-system error that is a bug', Object.assign(new Error('x'), { code: 'ENOENT' })],
    ['a non-error', 'text'],
    ['null', null],
    ['an SQLite-shaped error whose code is not a number', Object.assign(new Error('x'), { code: 'ERR_SQLITE_ERROR', errcode: '5' })],
  ])('passes %s through unchanged', (_, error) => {
    expect(toStoreError(error, 'store a lead')).toBe(error);
  });
});

describe('getSqliteErrcode', () => {
  it.each([
    [sqliteError(5, 'busy'), 5],
    [Object.assign(new Error('x'), { errcode: 5 }), null],
    [Object.assign(new Error('x'), { code: 'ERR_SQLITE_ERROR', errcode: '5' }), null],
    [null, null],
    [42, null],
  ])('%s → %s', (error, expected) => {
    expect(getSqliteErrcode(error)).toBe(expected);
  });
});
