import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { parseWebhookSecrets, parseWebhookUrl, readWebhooks } from '@/server/delivery/webhook-config.ts';

const secretOf = (bytes: number) => `whsec_${randomBytes(bytes).toString('base64')}`;
const SECRET = secretOf(32);
const OTHER = secretOf(24);

function getMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('it was taken');
}

describe('parseWebhookUrl', () => {
  it.each([
    ['https://crm.clinic.example/hooks/carepath', 'https://crm.clinic.example/hooks/carepath'],
    ['https://crm.clinic.example:8443/hooks?token=abc', 'https://crm.clinic.example:8443/hooks?token=abc'],
    ['  https://crm.clinic.example/  ', 'https://crm.clinic.example/'],
    ['http://localhost:9000/hook', 'http://localhost:9000/hook'],
    ['http://127.0.0.1:9000/hook', 'http://127.0.0.1:9000/hook'],
    ['http://[::1]:9000/hook', 'http://[::1]:9000/hook'],
    ['https://crm.clinic.example:443/hook', 'https://crm.clinic.example/hook'],
    ['https://crm.clinic.example:10081/hook', 'https://crm.clinic.example:10081/hook'],
    ['HTTPS://CRM.Clinic.Example/Hooks', 'https://crm.clinic.example/Hooks'],
  ])('takes %s', (value, href) => {
    expect(parseWebhookUrl(value, 'LEADS_WEBHOOK_URL').href).toBe(href);
  });

  it.each([
    ['', "LEADS_WEBHOOK_URL is empty. Set it to the receiver's https URL, such as https://crm.clinic.example/hooks/carepath, or unset it."],
    ['crm.clinic.example/hooks', "LEADS_WEBHOOK_URL is not an absolute URL. Write the receiver's https URL, such as https://crm.clinic.example/hooks/carepath."],
    [
      'http://crm.clinic.example/hooks',
      'LEADS_WEBHOOK_URL must use https (got http://crm.clinic.example): a lead must not cross the network unencrypted. Write https://, such as https://crm.clinic.example/hooks/carepath; plain http is only for localhost, 127.0.0.1 or [::1].',
    ],
    ['http://10.0.0.7/hooks', 'LEADS_WEBHOOK_URL must use https (got http://10.0.0.7)'],
    ['http://127.0.0.2/hooks', 'LEADS_WEBHOOK_URL must use https (got http://127.0.0.2)'],
    ['http://localhost.evil.example/hooks', 'LEADS_WEBHOOK_URL must use https (got http://localhost.evil.example)'],
    ['ftp://crm.clinic.example/hooks', 'LEADS_WEBHOOK_URL must use https (got ftp://crm.clinic.example)'],
    [
      'https://ops:hunter2@crm.clinic.example/hooks',
      'LEADS_WEBHOOK_URL must not carry a user name or password (https://…@crm.clinic.example): the webhook-signature header authenticates each request. Remove them, as in https://crm.clinic.example/hooks/carepath.',
    ],
    ['https://ops@crm.clinic.example/hooks', 'LEADS_WEBHOOK_URL must not carry a user name or password'],
    [
      'https://crm.clinic.example:6000/hooks',
      'LEADS_WEBHOOK_URL uses port 6000, which fetch refuses to connect to (a "bad port" in the Fetch standard). Serve the receiver on another port, such as 443: https://crm.clinic.example/hooks/carepath.',
    ],
    ['http://localhost:25/hooks', 'LEADS_WEBHOOK_URL uses port 25, which fetch refuses'],
    ['https://crm.clinic.example/hooks#leads', 'LEADS_WEBHOOK_URL has a fragment (#…), which is never sent to the receiver. Remove it, as in https://crm.clinic.example/hooks/carepath.'],
  ])('refuses %j', (value, message) => {
    expect(() => parseWebhookUrl(value, 'LEADS_WEBHOOK_URL')).toThrow(message);
  });

  it('refuses only ports that fetch itself refuses before connecting', async () => {
    const refused: number[] = [];
    for (let port = 1; port <= 11_000; port += 1) {
      try {
        parseWebhookUrl(`http://127.0.0.1:${port}/`, 'LEADS_WEBHOOK_URL');
      } catch {
        refused.push(port);
      }
    }
    expect(refused.length).toBeGreaterThan(70);
    for (const port of refused) {
      const error: unknown = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST' }).catch((caught: unknown) => caught);
      expect((error as Error).cause, `port ${port}`).toEqual(expect.objectContaining({ message: 'bad port' }));
    }
  });

  it('names the variable it was given and repeats no password, path or query', () => {
    for (const value of [
      'http://ops:hunter2@crm.clinic.example/t0k3n-path?key=s3cr3t',
      'http://crm.clinic.example/t0k3n-path?key=s3cr3t',
      'https://crm.clinic.example/t0k3n-path?key=s3cr3t#hunter2',
    ]) {
      const message = getMessage(() => parseWebhookUrl(value, 'LEADS_WEBHOOK_REFERRALS_URL'));
      expect(message).toMatch(/^LEADS_WEBHOOK_REFERRALS_URL /);
      for (const secret of ['ops', 'hunter2', 't0k3n-path', 's3cr3t']) expect(message).not.toContain(secret);
    }
  });
});

describe('parseWebhookSecrets', () => {
  it.each([
    ['one secret of 32 bytes', SECRET, [SECRET]],
    ['the shortest, 24 bytes', OTHER, [OTHER]],
    ['the longest, 64 bytes', `whsec_${Buffer.alloc(64, 7).toString('base64')}`, [`whsec_${Buffer.alloc(64, 7).toString('base64')}`]],
    ['two during a rotation, in order', `${SECRET} ${OTHER}`, [SECRET, OTHER]],
    ['any whitespace between them', `\n ${SECRET}\t\t${OTHER}  `, [SECRET, OTHER]],
    ['a repeat once', `${SECRET} ${SECRET}`, [SECRET]],
  ])('takes %s', (_, value, secrets) => {
    expect(parseWebhookSecrets(value, 'LEADS_WEBHOOK_SECRET')).toEqual(secrets);
  });

  it('takes only secrets the standardwebhooks package can sign with', () => {
    for (const secret of parseWebhookSecrets(`${SECRET} ${OTHER}`, 'LEADS_WEBHOOK_SECRET')) {
      expect(new Webhook(secret).sign('msg_1', new Date(), '{}')).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    }
  });

  const MAKE = 'Make one with: echo "whsec_$(openssl rand -base64 32)".';
  it.each([
    ['', `LEADS_WEBHOOK_SECRET is empty. Set it to the secret the receiver was given, whsec_ and base64. ${MAKE}`],
    ['   ', 'LEADS_WEBHOOK_SECRET is empty.'],
    [randomBytes(32).toString('base64'), `LEADS_WEBHOOK_SECRET does not start with whsec_. Write Standard Webhooks' form, whsec_ and base64. ${MAKE}`],
    [`WHSEC_${randomBytes(32).toString('base64')}`, 'LEADS_WEBHOOK_SECRET does not start with whsec_.'],
    [`whsec_${randomBytes(32).toString('base64url').replace(/^./, '-')}`, `LEADS_WEBHOOK_SECRET is not whsec_ and base64 (letters, digits, + and /, padded with =). ${MAKE}`],
    [`whsec_${randomBytes(32).toString('base64').replace(/=+$/, '')}`, 'LEADS_WEBHOOK_SECRET is not whsec_ and base64'],
    ['whsec_', 'LEADS_WEBHOOK_SECRET holds 0 bytes; Standard Webhooks secrets hold 24 to 64.'],
    [secretOf(16), `LEADS_WEBHOOK_SECRET holds 16 bytes; Standard Webhooks secrets hold 24 to 64. ${MAKE}`],
    [secretOf(23), 'LEADS_WEBHOOK_SECRET holds 23 bytes'],
    [secretOf(65), 'LEADS_WEBHOOK_SECRET holds 65 bytes'],
    [`${SECRET} ${secretOf(8)}`, 'Secret 2 of 2 in LEADS_WEBHOOK_SECRET holds 8 bytes'],
    [`${SECRET},${OTHER}`, 'LEADS_WEBHOOK_SECRET is not whsec_ and base64'],
  ])('refuses %j', (value, message) => {
    expect(() => parseWebhookSecrets(value, 'LEADS_WEBHOOK_SECRET')).toThrow(message);
  });

  it('repeats no secret in its messages', () => {
    const short = secretOf(10);
    for (const value of [`${SECRET} ${short}`, `${SECRET} ${short.slice(6)}`, `${SECRET} ${short.slice(0, -2)}`]) {
      const message = getMessage(() => parseWebhookSecrets(value, 'LEADS_WEBHOOK_SECRET'));
      expect(message).toMatch(/^Secret 2 of 2 in LEADS_WEBHOOK_SECRET /);
      for (const secret of [SECRET.slice(6), short.slice(6, -2)]) expect(message).not.toContain(secret);
    }
  });
});

describe('readWebhooks', () => {
  it('finds none in an environment without any', () => {
    expect(readWebhooks({ PATH: '/usr/bin', LEADS_WEBHOOK_URL: '', LEADS_WEBHOOK_SECRET: undefined })).toEqual(new Map());
  });

  it('finds the organization webhook as crm and each named one, crm first then by name', () => {
    const webhooks = readWebhooks({
      LEADS_WEBHOOK_ZETA_URL: 'https://zeta.example/in',
      LEADS_WEBHOOK_ZETA_SECRET: OTHER,
      LEADS_WEBHOOK_REFERRALS_CRM_URL: 'https://referrals.example/hooks',
      LEADS_WEBHOOK_REFERRALS_CRM_SECRET: `${SECRET} ${OTHER}`,
      LEADS_WEBHOOK_URL: 'https://crm.clinic.example/hooks/carepath',
      LEADS_WEBHOOK_SECRET: SECRET,
      LEADS_WEBHOOK_TIMEOUT: '5',
    });
    expect([...webhooks].map(([name, { url, secrets }]) => [name, url.href, secrets])).toEqual([
      ['crm', 'https://crm.clinic.example/hooks/carepath', [SECRET]],
      ['referrals-crm', 'https://referrals.example/hooks', [SECRET, OTHER]],
      ['zeta', 'https://zeta.example/in', [OTHER]],
    ]);
  });

  it.each([
    [
      { LEADS_WEBHOOK_URL: 'https://crm.clinic.example/' },
      "LEADS_WEBHOOK_URL is set but LEADS_WEBHOOK_SECRET is not: every webhook is signed. Set LEADS_WEBHOOK_SECRET to the receiver's secret, or unset both.",
    ],
    [{ LEADS_WEBHOOK_URL: 'https://crm.clinic.example/', LEADS_WEBHOOK_SECRET: ' ' }, 'LEADS_WEBHOOK_URL is set but LEADS_WEBHOOK_SECRET is not'],
    [
      { LEADS_WEBHOOK_SECRET: SECRET },
      "LEADS_WEBHOOK_SECRET is set but LEADS_WEBHOOK_URL is not: set LEADS_WEBHOOK_URL to the receiver's URL, such as https://crm.clinic.example/hooks/carepath, or unset both.",
    ],
    [{ LEADS_WEBHOOK_REFERRALS_CRM_URL: 'https://referrals.example/' }, 'LEADS_WEBHOOK_REFERRALS_CRM_URL is set but LEADS_WEBHOOK_REFERRALS_CRM_SECRET is not'],
    [{ LEADS_WEBHOOK_REFERRALS_SECRET: SECRET }, 'LEADS_WEBHOOK_REFERRALS_SECRET is set but LEADS_WEBHOOK_REFERRALS_URL is not'],
    [{ LEADS_WEBHOOK_REFERRALS_URL: 'http://referrals.example/', LEADS_WEBHOOK_REFERRALS_SECRET: SECRET }, 'LEADS_WEBHOOK_REFERRALS_URL must use https'],
    [{ LEADS_WEBHOOK_REFERRALS_URL: 'https://referrals.example/', LEADS_WEBHOOK_REFERRALS_SECRET: 'hunter2' }, 'LEADS_WEBHOOK_REFERRALS_SECRET does not start with whsec_'],
    [{ LEADS_WEBHOOK_CRM_URL: 'https://crm.clinic.example/', LEADS_WEBHOOK_CRM_SECRET: SECRET }, 'LEADS_WEBHOOK_CRM_URL: "crm" is the organization webhook; set LEADS_WEBHOOK_URL instead.'],
    [
      { LEADS_WEBHOOK_Referrals_URL: 'https://referrals.example/' },
      'LEADS_WEBHOOK_Referrals_URL: a webhook\'s name is capital letters and digits in words joined by single underscores, such as LEADS_WEBHOOK_REFERRALS_CRM_URL for "referrals-crm".',
    ],
    [{ LEADS_WEBHOOK_REFERRALS__CRM_SECRET: SECRET }, "LEADS_WEBHOOK_REFERRALS__CRM_SECRET: a webhook's name is capital letters and digits"],
    [{ LEADS_WEBHOOK__URL: 'https://crm.clinic.example/' }, "LEADS_WEBHOOK__URL: a webhook's name is capital letters and digits"],
    [{ 'LEADS_WEBHOOK_REFERRALS-CRM_URL': 'https://referrals.example/' }, "LEADS_WEBHOOK_REFERRALS-CRM_URL: a webhook's name"],
  ])('refuses %j', (env, message) => {
    expect(() => readWebhooks(env)).toThrow(message);
  });
});
