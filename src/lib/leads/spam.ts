import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LeadInput } from './schema.ts';

/**
 * Spam checks that need no third party. A post is spam when a person could not have sent it:
 * the hidden honeypot field is filled, or a validly signed form token shows it was sent faster
 * than anyone can fill the form, or the message is stuffed with links. Everything else that looks
 * odd (no token, a token from before a restart) is only flagged: a real person's request must
 * never be lost to a guess. Spam is stored and quarantined by the caller, never dropped.
 */

/** Fewer seconds than this between showing the form and sending it is not a person. */
export const MIN_FILL_MS = 3_000;
/** A token older than this still counts, but is flagged: the tab was left open. */
export const MAX_TOKEN_AGE_MS = 24 * 60 * 60 * 1000;
const MAX_LINKS = 2;

export interface SpamVerdict {
  spam: boolean;
  /** Why it is spam, or odd: `honeypot`, `too-fast`, `links`, `no-token`, `token-invalid`, `token-stale`. */
  reasons: string[];
}

/** Signs the moment a form was shown: `<ms>.<hmac>`. */
export function issueFormToken(now: Date, secret: string): string {
  const issued = String(now.getTime());
  return `${issued}.${sign(issued, secret)}`;
}

/** Reads a token back: when it was issued, or null when it was not signed with `secret`. */
export function readFormToken(token: string, secret: string): Date | null {
  const match = /^(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, issued = '', signature = ''] = match;
  const expected = Buffer.from(sign(issued, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? new Date(Number(issued)) : null;
}

export function checkSpam(lead: LeadInput, options: { now: Date; secret: string }): SpamVerdict {
  const reasons: string[] = [];
  let spam = false;
  if (lead.website !== undefined && lead.website.trim() !== '') {
    spam = true;
    reasons.push('honeypot');
  }
  if (lead.formToken === undefined) {
    reasons.push('no-token');
  } else {
    const issued = readFormToken(lead.formToken, options.secret);
    const age = issued === null ? null : options.now.getTime() - issued.getTime();
    if (age === null) reasons.push('token-invalid');
    else if (age < MIN_FILL_MS) {
      spam = true;
      reasons.push('too-fast');
    } else if (age > MAX_TOKEN_AGE_MS) reasons.push('token-stale');
  }
  if ((lead.message?.match(/https?:\/\/|www\./gi) ?? []).length > MAX_LINKS) {
    spam = true;
    reasons.push('links');
  }
  return { spam, reasons };
}

function sign(value: string, secret: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}
