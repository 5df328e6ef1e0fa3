import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;

/** A new secret token: 32 random bytes in base64url (43 characters), safe in a URL path or cookie. */
export function createToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * The SHA-256 of a token, in lower-case hex: what is stored for set-up tokens and session ids,
 * so that a copy of the database signs no one in. A plain hash is enough for 256 random bits;
 * a slow hash is for secrets people choose.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** How long a set-up link works after it was made. */
export const SETUP_LINK_VALID_MS = 24 * 60 * 60 * 1000;

/** The set-up page for a token: `<intake URL>setup/<token>/` (the intake URL ends in `/`). */
export function buildSetupUrl(intakeUrl: string, token: string): string {
  return new URL(`setup/${encodeURIComponent(token)}/`, intakeUrl).href;
}
