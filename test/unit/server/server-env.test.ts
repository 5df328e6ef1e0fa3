import { describe, expect, it } from 'vitest';
import { readServerEnv } from '@/server/server-env.ts';

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
      leadsSecret: undefined,
    });
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
  ])('refuses %j', (env, message) => {
    expect(() => readServerEnv(env)).toThrow(message);
  });
});
