import { describe, expect, it } from 'vitest';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { createTotpKey, formatTotpSecret, generateTotpCode, getTotpStep, getTotpUri, verifyTotpCode } from '../../../../src/server/intake/totp.ts';

// RFC 6238 appendix B: the SHA-1 key is the ASCII of "12345678901234567890"; the 6-digit codes
// are the last six digits of its 8-digit vectors.
const RFC_KEY = new TextEncoder().encode('12345678901234567890');
const at = (seconds: number) => new Date(seconds * 1000);

describe('generateTotpCode', () => {
  it.each<[number, string]>([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('at T=%i gives the RFC 6238 code %s', (seconds, code) => {
    expect(generateTotpCode(RFC_KEY, at(seconds))).toBe(code);
  });
});

describe('verifyTotpCode', () => {
  const now = at(1111111111);
  const step = getTotpStep(now);
  const codeAt = (offsetSteps: number) => generateTotpCode(RFC_KEY, at(1111111111 + offsetSteps * 30));

  it('accepts the current code and returns its step', () => {
    expect(step).toBe(37037037);
    expect(verifyTotpCode({ key: RFC_KEY, code: '050471', now, lastStep: 0 })).toEqual({ ok: true, step });
  });

  it.each([-1, 1])('accepts the code %i step away (clock drift), with that step', (offset) => {
    expect(verifyTotpCode({ key: RFC_KEY, code: codeAt(offset), now, lastStep: 0 })).toEqual({ ok: true, step: step + offset });
  });

  it.each([-2, 2, -10])('refuses the code %i steps away', (offset) => {
    expect(verifyTotpCode({ key: RFC_KEY, code: codeAt(offset), now, lastStep: 0 })).toEqual({ ok: false });
  });

  it('refuses a code whose step was already used, or an earlier one', () => {
    expect(verifyTotpCode({ key: RFC_KEY, code: '050471', now, lastStep: step })).toEqual({ ok: false });
    expect(verifyTotpCode({ key: RFC_KEY, code: codeAt(-1), now, lastStep: step - 1 })).toEqual({ ok: false });
    expect(verifyTotpCode({ key: RFC_KEY, code: codeAt(1), now, lastStep: step })).toEqual({ ok: true, step: step + 1 });
  });

  it('strips spaces, but wants exactly six digits', () => {
    expect(verifyTotpCode({ key: RFC_KEY, code: ' 050 471 ', now, lastStep: 0 })).toEqual({ ok: true, step });
    for (const code of ['50471', '0504710', '05047a', '０５０４７１', '050-471', '', '94050471']) {
      expect(verifyTotpCode({ key: RFC_KEY, code, now, lastStep: 0 }), code).toEqual({ ok: false });
    }
  });

  it('refuses a code made with another key', () => {
    const other = new TextEncoder().encode('abcdefghijabcdefghij');
    expect([-1, 0, 1].map(codeAt)).not.toContain(generateTotpCode(other, now));
    expect(verifyTotpCode({ key: other, code: '050471', now, lastStep: 0 })).toEqual({ ok: false });
    expect(verifyTotpCode({ key: other, code: generateTotpCode(other, now), now, lastStep: 0 })).toEqual({ ok: true, step });
  });
});

describe('keys and URIs', () => {
  it('makes random 20-byte keys', () => {
    const key = createTotpKey();
    expect(key).toBeInstanceOf(Uint8Array);
    expect(key).toHaveLength(20);
    expect(createTotpKey()).not.toEqual(key);
  });

  it('shows the key in base32 without padding, which decodes back to it', () => {
    expect(formatTotpSecret(RFC_KEY)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    const key = createTotpKey();
    expect(decodeBase32IgnorePadding(formatTotpSecret(key))).toEqual(key);
  });

  it('writes an otpauth URI for SHA-1, 6 digits, 30 seconds', () => {
    const uri = new URL(getTotpUri({ key: RFC_KEY, login: 'ada.l', issuer: 'clinic.example' }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.href.startsWith('otpauth://totp/clinic.example:ada.l?')).toBe(true);
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: 'clinic.example',
      algorithm: 'SHA1',
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      period: '30',
      digits: '6',
    });
  });
});
