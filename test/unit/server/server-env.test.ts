import { describe, expect, it } from 'vitest';
import { describeLeadsStore, readServerEnv } from '@/server/server-env.ts';

describe('readServerEnv', () => {
  it('has a default for everything', () => {
    const env = readServerEnv({});
    expect({ ...env, trustedProxies: env.trustedProxies.entries }).toEqual({
      port: 4321,
      host: 'localhost',
      siteOrigin: 'http://localhost:4321',
      publicOrigins: new Set(['http://localhost:4321']),
      trustedProxies: [],
      leadRateLimit: 20,
      leadsDbPath: 'data/leads.db',
      leadsStore: { kind: 'sqlite', path: 'data/leads.db' },
      leadsSecret: undefined,
      delivery: {
        webhooks: new Map(),
        smtp: null,
        mailFrom: null,
        intakeUrl: 'http://localhost:4321/intake/',
        retrySchedule: [0, 5, 300, 1800, 7200, 18000, 36000, 36000],
        workerInServer: true,
      },
      intake: { idleMs: 15 * 60_000, absoluteMs: 12 * 3_600_000 },
      pageViews: true,
    });
  });

  it.each([
    [{ PAGE_VIEWS: 'off' }, false],
    [{ PAGE_VIEWS: 'on' }, true],
    [{ PAGE_VIEWS: '' }, true],
  ])('reads %j', (env, pageViews) => {
    expect(readServerEnv(env).pageViews).toBe(pageViews);
  });

  it('reads the delivery variables', () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const { delivery } = readServerEnv({
      SITE_URL: 'https://clinic.example',
      LEADS_WEBHOOK_URL: 'https://crm.example/hooks',
      LEADS_WEBHOOK_SECRET: secret,
      LEADS_WEBHOOK_REFERRALS_CRM_URL: 'https://referrals.example/in',
      LEADS_WEBHOOK_REFERRALS_CRM_SECRET: secret,
      SMTP_URL: 'smtp://intake:p%40ss@smtp.clinic.example:2525',
      LEADS_MAIL_FROM: 'Clinic <no-reply@clinic.example>',
      INTAKE_URL: 'https://intake.clinic.example/inbox',
      LEADS_DELIVERY_WORKER: 'off',
      LEADS_RETRY_SCHEDULE: '0, 1.5,2',
    });
    expect([...delivery.webhooks.keys()]).toEqual(['crm', 'referrals-crm']);
    expect(delivery.webhooks.get('crm')?.url.href).toBe('https://crm.example/hooks');
    expect(delivery.smtp).toMatchObject({ host: 'smtp.clinic.example', port: 2525, requireTLS: true, auth: { user: 'intake', pass: 'p@ss' } });
    expect(delivery).toMatchObject({ mailFrom: 'Clinic <no-reply@clinic.example>', intakeUrl: 'https://intake.clinic.example/inbox/', workerInServer: false, retrySchedule: [0, 1.5, 2] });
  });

  it('reads every variable', () => {
    const env = readServerEnv({
      PORT: '8080',
      HOST: '0.0.0.0',
      SITE_URL: 'https://clinic.example/',
      ALLOWED_ORIGINS: 'https://www.clinic.example, https://cdn.clinic.example/',
      TRUSTED_PROXIES: '10.0.0.2,10.1.0.0/16',
      LEAD_RATE_LIMIT: '7',
      LEADS_DB: '/var/lib/carepath/leads.db',
      LEADS_SECRET: 's3cret',
    });
    expect(env).toMatchObject({ port: 8080, host: '0.0.0.0', siteOrigin: 'https://clinic.example', leadRateLimit: 7, leadsDbPath: '/var/lib/carepath/leads.db', leadsSecret: 's3cret' });
    expect([...env.publicOrigins]).toEqual(['https://clinic.example', 'https://www.clinic.example', 'https://cdn.clinic.example']);
    expect(env.trustedProxies.has('10.1.200.3')).toBe(true);
  });

  it.each([
    [{ ALLOWED_ORIGINS: 'www.clinic.example' }, 'ALLOWED_ORIGINS: "www.clinic.example" is not an origin'],
    [{ ALLOWED_ORIGINS: 'https://clinic.example/path' }, 'ALLOWED_ORIGINS: "https://clinic.example/path" is not an origin'],
    [{ LEAD_RATE_LIMIT: '0' }, 'LEAD_RATE_LIMIT must be a whole number of at least 1, such as 20; got "0"'],
    [{ LEAD_RATE_LIMIT: '2.5' }, 'LEAD_RATE_LIMIT must be a whole number'],
    [{ TRUSTED_PROXIES: 'proxy' }, 'TRUSTED_PROXIES: "proxy" is not an IP address'],
    [{ PORT: 'eighty' }, 'PORT must be a whole number'],
    [{ SMTP_URL: 'smtp://mail.example' }, 'SMTP_URL is set but LEADS_MAIL_FROM is not'],
    [{ LEADS_MAIL_FROM: 'a@clinic.example' }, 'LEADS_MAIL_FROM is set but SMTP_URL is not'],
    [{ INTAKE_URL: 'intake' }, 'INTAKE_URL must be an http(s) address'],
    [{ INTAKE_URL: 'ftp://clinic.example/' }, 'INTAKE_URL must be an http(s) address'],
    [{ LEADS_RETRY_SCHEDULE: '0,,5' }, 'LEADS_RETRY_SCHEDULE must be seconds between attempts'],
    [{ LEADS_RETRY_SCHEDULE: '0,-1' }, 'LEADS_RETRY_SCHEDULE must be seconds between attempts'],
    [{ LEADS_DELIVERY_WORKER: 'no' }, 'LEADS_DELIVERY_WORKER is on or off; got "no"'],
    [{ PAGE_VIEWS: 'false' }, 'PAGE_VIEWS is on or off; got "false"'],
    [{ LEADS_WEBHOOK_URL: 'https://crm.example/hooks' }, 'LEADS_WEBHOOK_SECRET'],
    [{ INTAKE_IDLE_MINUTES: '0' }, 'INTAKE_IDLE_MINUTES must be a number above 0, such as 15; got "0"'],
    [{ INTAKE_SESSION_HOURS: 'long' }, 'INTAKE_SESSION_HOURS must be a number above 0'],
  ])('refuses %j', (env, message) => {
    expect(() => readServerEnv(env)).toThrow(message);
  });
});

describe('the lead database', () => {
  const url = 'postgres://carepath:s3cret-pw@db.clinic.example:5432/carepath?sslmode=verify-full';

  it.each([
    [{}, { kind: 'sqlite', path: 'data/leads.db' }],
    [{ LEADS_DB: '/srv/leads.db' }, { kind: 'sqlite', path: '/srv/leads.db' }],
    [
      { LEADS_DATABASE_URL: '  ', LEADS_DB: '/srv/leads.db' },
      { kind: 'sqlite', path: '/srv/leads.db' },
    ],
    [{ LEADS_DATABASE_URL: url }, { kind: 'postgres', url, host: 'db.clinic.example:5432', database: 'carepath' }],
    [
      { LEADS_DATABASE_URL: url, LEADS_DB: ' ' },
      { kind: 'postgres', url, host: 'db.clinic.example:5432', database: 'carepath' },
    ],
    [{ LEADS_DATABASE_URL: 'postgresql://u@10.0.0.5/leads' }, { kind: 'postgres', url: 'postgresql://u@10.0.0.5/leads', host: '10.0.0.5', database: 'leads' }],
  ])('reads %j', (env, leadsStore) => {
    expect(readServerEnv(env).leadsStore).toEqual(leadsStore);
  });

  it('refuses both LEADS_DB and LEADS_DATABASE_URL, without guessing which one wins', () => {
    expect(() => readServerEnv({ LEADS_DB: '/srv/leads.db', LEADS_DATABASE_URL: url })).toThrow(
      'LEADS_DB and LEADS_DATABASE_URL are both set, and Carepath does not guess which store you mean: unset LEADS_DB to keep leads in PostgreSQL, or LEADS_DATABASE_URL to keep them in the SQLite file.',
    );
  });

  it.each([
    ['not a URL', '//carepath:s3cret-pw@db/carepath', /^LEADS_DATABASE_URL is not a URL\. Write it as postgres:\/\//],
    ['another scheme', 'mysql://carepath:s3cret-pw@db/carepath', /^LEADS_DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/; got "mysql:\/\/…"/],
    ['no database', 'postgres://carepath:s3cret-pw@db.clinic.example:5432/', /^LEADS_DATABASE_URL must name a host and a database/],
    ['no host', 'postgres:///carepath?password=s3cret-pw', /^LEADS_DATABASE_URL must name a host and a database/],
  ])('stops at start on %s, never printing the password', (_, value, message) => {
    let error: unknown;
    try {
      readServerEnv({ LEADS_DATABASE_URL: value });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('s3cret-pw');
  });

  it('names the store for the start-up log: host and database, no user or password', () => {
    expect(describeLeadsStore(readServerEnv({ LEADS_DATABASE_URL: url }).leadsStore)).toBe('Leads: PostgreSQL database "carepath" on db.clinic.example:5432');
    expect(describeLeadsStore(readServerEnv({ LEADS_DB: '/srv/leads.db' }).leadsStore)).toBe('Leads: SQLite file /srv/leads.db');
  });
});
