import { scryptSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../../src/server/intake/passwords.ts';

// Real scrypt at the real cost (N=2^17): each hash or check takes a few hundred milliseconds, so
// one hash is made for the whole file.
const PASSWORD = 'correct horse battery staple';
let stored = '';

beforeAll(async () => {
  stored = await hashPassword(PASSWORD);
});

/** The stored string's four `$`-separated parts. */
function parts(hash: string): [string, string, string, string] {
  return hash.split('$') as [string, string, string, string];
}

describe('hashPassword', () => {
  it('names the algorithm and its parameters, with a 16-byte salt and a 32-byte hash in base64', () => {
    const [algorithm, parameters, salt, hash] = parts(stored);
    expect(algorithm).toBe('scrypt');
    expect(parameters).toBe('N=131072,r=8,p=1');
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash, 'base64')).toHaveLength(32);
  });

  it('is scrypt of the password with the stored salt and parameters', () => {
    const [, , salt, hash] = parts(stored);
    const expected = scryptSync(PASSWORD, Buffer.from(salt, 'base64'), 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
    expect(expected.toString('base64')).toBe(hash);
  });

  it('salts every hash afresh', async () => {
    const again = await hashPassword(PASSWORD);
    expect(parts(again)[2]).not.toBe(parts(stored)[2]);
    expect(again).not.toBe(stored);
  });
});

describe('verifyPassword', () => {
  it('accepts the password, also typed with decomposed accents', async () => {
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    const composed = await hashPassword('Zoë’s long passphrase');
    expect(await verifyPassword('Zoe\u0308’s long passphrase', composed)).toBe(true);
  });

  it.each([
    ['another password', 'correct horse battery stapler'],
    ['a different case', 'Correct horse battery staple'],
    ['the empty string', ''],
  ])('refuses %s', async (_, password) => {
    expect(await verifyPassword(password, stored)).toBe(false);
  });

  it('refuses when the stored hash, salt or parameters were tampered with', async () => {
    const [algorithm, parameters, salt, hash] = parts(stored);
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64');
    };
    expect(await verifyPassword(PASSWORD, [algorithm, parameters, salt, flip(hash)].join('$'))).toBe(false);
    expect(await verifyPassword(PASSWORD, [algorithm, parameters, flip(salt), hash].join('$'))).toBe(false);
    expect(await verifyPassword(PASSWORD, [algorithm, 'N=65536,r=8,p=1', salt, hash].join('$'))).toBe(false);
  });

  it.each([
    ['an empty string', ''],
    ['a bcrypt hash', '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'],
    ['another algorithm', 'argon2id$N=131072,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['N not a power of two', 'scrypt$N=131071,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['N beyond the bound', 'scrypt$N=4194304,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['r of 0', 'scrypt$N=131072,r=0,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['a missing part', 'scrypt$N=131072,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['a hash too short', 'scrypt$N=131072,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA'],
    ['non-canonical base64', 'scrypt$N=131072,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAB==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
  ])('returns false for %s', async (_, hash) => {
    expect(await verifyPassword(PASSWORD, hash)).toBe(false);
  });
});
