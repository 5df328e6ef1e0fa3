import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (RFC 7914) from node:crypto, run off the main thread.
 *
 * Parameters: N = 2^17 (cost), r = 8 (block size), p = 1, a 32-byte key from a 16-byte random
 * salt: about 128 MiB and a few hundred milliseconds per hash, OWASP's recommended scrypt
 * setting. They are written into the stored string, `scrypt$N=131072,r=8,p=1$<salt>$<hash>`
 * (salt and hash in base64), so a hash made with other parameters still verifies after they
 * change.
 */
const PARAMETERS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

// Parameters read back from a stored string are bounded, so that a tampered row can't make one
// sign-in attempt take gigabytes or minutes; anything outside these bounds fails to verify.
const MAX_LOG2_N = 20;
const MAX_R = 32;
const MAX_P = 16;
const MIN_KEY_BYTES = 16;
const MAX_KEY_BYTES = 64;

const FORMAT = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

interface Parameters {
  N: number;
  r: number;
  p: number;
}

/** A fresh salted hash of the password, as `scrypt$N=131072,r=8,p=1$<salt b64>$<hash b64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await deriveKey(password, salt, KEY_BYTES, PARAMETERS);
  const { N, r, p } = PARAMETERS;
  return `scrypt$N=${N},r=${r},p=${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Whether the password is the one hashed in `hash` (compared in constant time). False for a
 * string that isn't a well-formed `scrypt$…` hash within the accepted parameters; never throws
 * for a bad stored value.
 */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parseHash(hash);
  if (parsed === null) return false;
  const actual = await deriveKey(password, parsed.salt, parsed.hash.length, parsed.parameters);
  return timingSafeEqual(actual, parsed.hash);
}

function parseHash(stored: string): { parameters: Parameters; salt: Buffer; hash: Buffer } | null {
  const match = FORMAT.exec(stored);
  if (match === null) return null;
  const [, n, r, p, salt, hash] = match as unknown as [string, string, string, string, string, string];
  const parameters = { N: Number(n), r: Number(r), p: Number(p) };
  const isPowerOfTwo = Number.isSafeInteger(parameters.N) && parameters.N >= 2 && (parameters.N & (parameters.N - 1)) === 0;
  if (!isPowerOfTwo || parameters.N > 2 ** MAX_LOG2_N) return null;
  if (parameters.r < 1 || parameters.r > MAX_R || parameters.p < 1 || parameters.p > MAX_P) return null;
  const saltBytes = decodeBase64(salt);
  const hashBytes = decodeBase64(hash);
  if (saltBytes === null || hashBytes === null || saltBytes.length === 0) return null;
  if (hashBytes.length < MIN_KEY_BYTES || hashBytes.length > MAX_KEY_BYTES) return null;
  return { parameters, salt: saltBytes, hash: hashBytes };
}

/** Canonical base64 only: Buffer.from ignores stray characters, which would hide tampering. */
function decodeBase64(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

function deriveKey(password: string, salt: Buffer, length: number, parameters: Parameters): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; maxmem (32 MiB by default) must exceed that, with room for p.
  const options: ScryptOptions = { ...parameters, maxmem: 128 * parameters.N * parameters.r * (parameters.p + 1) };
  return new Promise((resolve, reject) => {
    // NFC: the same password typed on two keyboards can arrive composed or decomposed.
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}
