import { randomBytes as cryptoRandomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_LENGTH = 10;
const RANDOM_LENGTH = 16;
const MAX_TIME = 2 ** 48 - 1;

export type LeadIdFactory = (now: Date) => string;

/**
 * Makes a ULID-style id generator: 10 characters of milliseconds since the epoch, then 16 of
 * randomness, in Crockford base32. Ids from one generator sort in the order they were made: within
 * a millisecond, or when the clock steps back, it keeps the last time and increments the random
 * part (the ULID monotonic rule).
 */
export function createLeadIdFactory(randomBytes: (size: number) => Uint8Array = cryptoRandomBytes): LeadIdFactory {
  let lastTime = -1;
  let lastRandom: number[] = [];

  return (now) => {
    const time = now.getTime();
    if (!Number.isInteger(time) || time < 0 || time > MAX_TIME) {
      throw new RangeError(`Cannot make a lead id for the time ${String(time)}`);
    }
    if (time <= lastTime) {
      lastRandom = incrementBase32(lastRandom);
    } else {
      lastTime = time;
      lastRandom = Array.from(randomBytes(RANDOM_LENGTH), (byte) => byte % 32);
    }
    return encodeTime(lastTime) + lastRandom.map((digit) => CROCKFORD[digit]).join('');
  };
}

/** The millisecond time encoded in a lead id, or null when it isn't one. */
export function getLeadIdTime(id: string): number | null {
  if (!isLeadId(id)) return null;
  let time = 0;
  for (const char of id.slice(0, TIME_LENGTH)) time = time * 32 + CROCKFORD.indexOf(char);
  return time;
}

export function isLeadId(value: string): boolean {
  return /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/.test(value);
}

function encodeTime(time: number): string {
  let rest = time;
  let out = '';
  for (let i = 0; i < TIME_LENGTH; i++) {
    out = CROCKFORD.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function incrementBase32(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    const digit = next[i] ?? 0;
    if (digit < 31) {
      next[i] = digit + 1;
      return next;
    }
    next[i] = 0;
  }
  // 80 random bits overflowing within one millisecond: ULID gives up here too.
  throw new RangeError('Lead id random part overflowed within one millisecond');
}
