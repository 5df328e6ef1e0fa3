import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSetupUrl, createToken, hashToken } from '../../../../src/server/intake/tokens.ts';

describe('tokens', () => {
  it('are 32 random bytes in base64url', () => {
    const token = createToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(createToken()).not.toBe(token);
  });

  it('hash to SHA-256 in lower-case hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = createToken();
    expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('make a set-up link under the intake URL', () => {
    expect(buildSetupUrl('https://clinic.example/intake/', 'abc_-9')).toBe('https://clinic.example/intake/setup/abc_-9/');
  });
});
