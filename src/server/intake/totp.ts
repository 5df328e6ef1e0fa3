import { randomBytes } from 'node:crypto';
import { encodeBase32NoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp';

/**
 * TOTP (RFC 6238) as every authenticator app does it by default: HMAC-SHA-1, 6 digits, 30-second
 * steps. The codes come from @oslojs/otp; its TOTP functions read the clock themselves, so the
 * step (seconds since the epoch / 30) is computed here and passed to its HOTP functions, which is
 * what TOTP is.
 */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
const KEY_BYTES = 20;
/** Steps either side of the current one that are accepted, for a phone's clock a little off. */
const DRIFT_STEPS = 1;

/** A new random TOTP key: 20 bytes, the size of an HMAC-SHA-1 output (RFC 4226's recommendation). */
export function createTotpKey(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES));
}

/** The `otpauth://totp/…` URI an authenticator app reads (from a QR code or a paste). */
export function getTotpUri(options: { key: Uint8Array; login: string; issuer: string }): string {
  return createTOTPKeyURI(options.issuer, options.login, options.key, TOTP_STEP_SECONDS, TOTP_DIGITS);
}

/** The key in base32 without padding, for typing into an authenticator app by hand. */
export function formatTotpSecret(key: Uint8Array): string {
  return encodeBase32NoPadding(key);
}

/** The TOTP time step of an instant. */
export function getTotpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** The code an authenticator app shows at `now`. */
export function generateTotpCode(key: Uint8Array, now: Date): string {
  return generateHOTP(key, BigInt(getTotpStep(now)), TOTP_DIGITS);
}

/**
 * Checks a code typed at `now`: exactly 6 digits once spaces are removed, matching the current
 * step or the one before or after, and later than `lastStep` (the last step accepted for this
 * key), so a code seen once can't be used again. Returns the matching step, to be recorded as
 * the new last step.
 */
export function verifyTotpCode(options: { key: Uint8Array; code: string; now: Date; lastStep: number }): { ok: true; step: number } | { ok: false } {
  const code = options.code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(code)) return { ok: false };
  const current = getTotpStep(options.now);
  // The current step first: with drift allowed, a code could (rarely) match two steps.
  for (const step of [current, current - DRIFT_STEPS, current + DRIFT_STEPS]) {
    if (step <= options.lastStep || step < 0) continue;
    if (verifyHOTP(options.key, BigInt(step), TOTP_DIGITS, code)) return { ok: true, step };
  }
  return { ok: false };
}
