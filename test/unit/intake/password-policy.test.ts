import { describe, expect, it } from 'vitest';
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../src/lib/intake/password-policy.ts';

const person = { login: 'ada.l', name: 'Ada Lovelace' };

describe('checkPassword', () => {
  it.each<[string, string]>([
    ['twelve chars exactly', 'tr0ub4dor&32'],
    ['a passphrase', 'correct horse battery staple'],
    ['the longest allowed', 'x7'.repeat(PASSWORD_MAX_LENGTH / 2)],
    ['12 characters counted as characters, not UTF-16 units', '😀😀😀😀😀😀😀😀😀😀😀😀'],
    ['a short word of the name inside', 'ada-rides-bikes-daily'],
  ])('accepts %s', (_, password) => {
    expect(checkPassword(password, person)).toBeNull();
  });

  it.each<[string, string, string]>([
    ['too short', 'abc123xyz!!', `Use at least ${PASSWORD_MIN_LENGTH} characters (this one has 11).`],
    ['eleven emoji', '😀'.repeat(11), `Use at least ${PASSWORD_MIN_LENGTH} characters (this one has 11).`],
    ['too long', 'x'.repeat(PASSWORD_MAX_LENGTH + 1), `Use at most ${PASSWORD_MAX_LENGTH} characters.`],
    ['a common one', 'passwordpassword', 'This password is one of the most common ones, which attackers try first. Choose another.'],
    ['a common one in capitals', 'PASSWORDPASSWORD', 'This password is one of the most common ones, which attackers try first. Choose another.'],
    ['a common one with digits and punctuation after', 'Password1234!', 'This password is one of the most common ones, which attackers try first. Choose another.'],
    ['a common one with a year', 'qwertyuiop2024', 'This password is one of the most common ones, which attackers try first. Choose another.'],
    ['a common one with spaces and dots after', 'letmein ...  12', 'This password is one of the most common ones, which attackers try first. Choose another.'],
    ['a common one of digits only', '123456789012', 'This password is one of the most common ones, which attackers try first. Choose another.'],
    ['one with the login', 'my-ADA.L-secret-2', 'The password must not contain your login.'],
    ['one with the name', 'lovelace-rules-all', 'The password must not contain your name.'],
  ])('refuses %s', (_, password, message) => {
    expect(checkPassword(password, person)).toBe(message);
  });

  it('only strips from the end: a common word with something before it is fine', () => {
    expect(checkPassword('2024password!', person)).toBeNull();
  });
});
