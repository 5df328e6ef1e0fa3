import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LeadInput } from './schema.ts';

/**
 * Spam checks that need no third party. A post is spam when a person could not have sent it:
 * the hidden honeypot field is filled, or a validly signed form token shows it was sent faster
 * than anyone can fill the form, or was issued more than a day ago, or the message is stuffed with
 * links. A token carries at most MAX_TOKEN_USES leads; the store counts its uses, and the caller
 * marks a lead beyond them `token-reused`. Everything else that looks odd (no token, a token from
 * before a restart) is only flagged: a real person's request must never be lost to a guess. Spam
 * is stored and quarantined by the caller, never dropped.
 */

/** Fewer seconds than this between showing the form and sending it is not a person. */
export const MIN_FILL_MS = 3_000;
/** A token older than this is expired: a lead sent with it is spam (`token-expired`). */
export const MAX_TOKEN_AGE_MS = 24 * 60 * 60 * 1000;
/**
 * How many leads one token (one page load) may carry: a person may ask for themselves and two
 * family members from the same page. Further leads with it are spam (`token-reused`).
 */
export const MAX_TOKEN_USES = 3;
const MAX_LINKS = 2;

export interface SpamVerdict {
  spam: boolean;
  /** Why it is spam, or odd: `honeypot`, `too-fast`, `token-expired`, `links`, `no-token`, `token-invalid`. */
  reasons: string[];
  /** A validly signed token's nonce and expiry, for the store to count its uses; null without one. */
  token: { nonce: string; expiresAt: Date } | null;
}

/** A form token as read back: when it was issued, and the random nonce that tells tokens apart. */
export interface FormToken {
  issued: Date;
  nonce: string;
}

/** Signs the moment a form was shown, with a random nonce: `<ms>.<nonce>.<hmac>`. */
export function issueFormToken(now: Date, secret: string): string {
  const payload = `${now.getTime()}.${randomBytes(16).toString('base64url')}`;
  return `${payload}.${sign(payload, secret)}`;
}

/** Reads a token back, or null when it was not signed with `secret` (or has the older nonce-less form). */
export function readFormToken(token: string, secret: string): FormToken | null {
  const match = /^((\d{10,16})\.([A-Za-z0-9_-]{22}))\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, payload = '', issued = '', nonce = '', signature = ''] = match;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { issued: new Date(Number(issued)), nonce } : null;
}

export function checkSpam(lead: LeadInput, options: { now: Date; secret: string }): SpamVerdict {
  const reasons: string[] = [];
  let spam = false;
  let token: SpamVerdict['token'] = null;
  if (lead.website !== undefined && lead.website.trim() !== '') {
    spam = true;
    reasons.push('honeypot');
  }
  if (lead.formToken === undefined) {
    reasons.push('no-token');
  } else {
    const read = readFormToken(lead.formToken, options.secret);
    if (read === null) reasons.push('token-invalid');
    else {
      token = { nonce: read.nonce, expiresAt: new Date(read.issued.getTime() + MAX_TOKEN_AGE_MS) };
      const age = options.now.getTime() - read.issued.getTime();
      if (age < MIN_FILL_MS) {
        spam = true;
        reasons.push('too-fast');
      } else if (age > MAX_TOKEN_AGE_MS) {
        spam = true;
        reasons.push('token-expired');
      }
    }
  }
  if ((lead.message?.match(/https?:\/\/|www\./gi) ?? []).length > MAX_LINKS) {
    spam = true;
    reasons.push('links');
  }
  return { spam, reasons, token };
}

function sign(value: string, secret: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}
