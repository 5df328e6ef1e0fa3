import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { MAX_TOKEN_AGE_MS, MIN_FILL_MS, checkSpam, issueFormToken, readFormToken } from '@/lib/leads/spam.ts';
import { parseLead, type LeadInput } from '@/lib/leads/schema.ts';

const SECRET = 'test-secret';
const NOW = new Date('2026-11-26T18:00:00Z');
const ago = (ms: number) => issueFormToken(new Date(NOW.getTime() - ms), SECRET);

const lead = (extra: Record<string, unknown>): LeadInput => {
  const result = parseLead({ leadType: 'patient', name: 'Ana', phone: '5035550142', timing: 'asap', consent: 'yes', ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.lead;
};

describe('form tokens', () => {
  it('round-trips the issue time and a random nonce', () => {
    expect(readFormToken(issueFormToken(NOW, SECRET), SECRET)).toEqual({ issued: NOW, nonce: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
  });

  it('tells two tokens issued at the same moment apart', () => {
    const [a, b] = [issueFormToken(NOW, SECRET), issueFormToken(NOW, SECRET)];
    expect(a).not.toBe(b);
    expect(readFormToken(a, SECRET)?.nonce).not.toBe(readFormToken(b, SECRET)?.nonce);
  });

  // The form before nonces: `<ms>.<hmac>`, which one bot sent with 76,605 leads.
  const nonceless = `${NOW.getTime()}.${createHmac('sha256', SECRET).update(String(NOW.getTime())).digest('base64url')}`;
  it.each([
    ['another secret', issueFormToken(NOW, 'other')],
    ['a changed time', issueFormToken(NOW, SECRET).replace(/^\d/, '9')],
    ['a changed nonce', issueFormToken(NOW, SECRET).replace(/\.(.)/, (_, c: string) => `.${c === 'A' ? 'B' : 'A'}`)],
    ['no nonce (the older form)', nonceless],
    ['garbage', 'not-a-token'],
    ['something in front of a valid token', `x${issueFormToken(NOW, SECRET)}`],
    ['something after a valid token', `${issueFormToken(NOW, SECRET)}x`],
    ['an empty string', ''],
  ])('refuses a token with %s', (_, token) => {
    expect(readFormToken(token, SECRET)).toBeNull();
  });
});

describe('checkSpam', () => {
  it.each([
    ['a person who took their time', { formToken: ago(20_000) }, { spam: false, reasons: [] }],
    ['a filled honeypot', { formToken: ago(20_000), website: 'http://spam.example' }, { spam: true, reasons: ['honeypot'] }],
    ['a post faster than a person can type', { formToken: ago(MIN_FILL_MS - 1) }, { spam: true, reasons: ['too-fast'] }],
    ['exactly the minimum fill time', { formToken: ago(MIN_FILL_MS) }, { spam: false, reasons: [] }],
    ['a post without JavaScript (no token)', {}, { spam: false, reasons: ['no-token'] }],
    ['a token from another secret (a restart)', { formToken: issueFormToken(NOW, 'old') }, { spam: false, reasons: ['token-invalid'] }],
    ['a token exactly a day old', { formToken: ago(MAX_TOKEN_AGE_MS) }, { spam: false, reasons: [] }],
    ['a token issued more than a day ago', { formToken: ago(MAX_TOKEN_AGE_MS + 1) }, { spam: true, reasons: ['token-expired'] }],
    ['a message full of links', { formToken: ago(20_000), message: 'see http://a.example http://b.example www.c.example' }, { spam: true, reasons: ['links'] }],
    ['a message with one link', { formToken: ago(20_000), message: 'my portal http://a.example' }, { spam: false, reasons: [] }],
    ['a message with two links', { formToken: ago(20_000), message: 'http://a.example and www.b.example' }, { spam: false, reasons: [] }],
    ['an empty honeypot, as a JSON client sends it', { formToken: ago(20_000), website: '' }, { spam: false, reasons: [] }],
    ['a honeypot holding only spaces', { formToken: ago(20_000), website: '  ' }, { spam: false, reasons: [] }],
    ['a token exactly as old as allowed', { formToken: ago(MAX_TOKEN_AGE_MS) }, { spam: false, reasons: [] }],
  ])('%s', (_, extra, verdict) => {
    expect(checkSpam(lead(extra), { now: NOW, secret: SECRET })).toMatchObject(verdict);
  });

  it('hands on a valid token’s nonce and expiry for the store to count, and nothing for others', () => {
    const token = ago(20_000);
    const read = readFormToken(token, SECRET);
    expect(checkSpam(lead({ formToken: token }), { now: NOW, secret: SECRET }).token).toEqual({
      nonce: read?.nonce,
      expiresAt: new Date(NOW.getTime() - 20_000 + MAX_TOKEN_AGE_MS),
    });
    expect(checkSpam(lead({}), { now: NOW, secret: SECRET }).token).toBeNull();
    expect(checkSpam(lead({ formToken: issueFormToken(NOW, 'old') }), { now: NOW, secret: SECRET }).token).toBeNull();
  });
});
