import { describe, expect, it } from 'vitest';
import { readSettings } from '@/settings.ts';

describe('readSettings', () => {
  it('has a default for everything', () => {
    expect(readSettings({})).toEqual({
      siteUrl: 'http://localhost:4321',
      contentDir: './content',
      port: 4321,
      host: 'localhost',
      deployEnv: 'production',
      similarityThreshold: 0.8,
    });
  });

  it('reads every variable', () => {
    expect(
      readSettings({
        SITE_URL: 'https://clinic.example',
        CONTENT_DIR: 'test/fixtures/good',
        PORT: '8080',
        HOST: '0.0.0.0',
        DEPLOY_ENV: 'preview',
        SIMILARITY_THRESHOLD: '0.65',
      }),
    ).toEqual({
      siteUrl: 'https://clinic.example',
      contentDir: 'test/fixtures/good',
      port: 8080,
      host: '0.0.0.0',
      deployEnv: 'preview',
      similarityThreshold: 0.65,
    });
  });

  it('uses the port in the default site URL', () => {
    expect(readSettings({ PORT: '3000' }).siteUrl).toBe('http://localhost:3000');
  });

  it.each(['', undefined])('treats every variable set to %j as unset', (value) => {
    expect(readSettings({ SITE_URL: value, CONTENT_DIR: value, PORT: value, HOST: value, DEPLOY_ENV: value, SIMILARITY_THRESHOLD: value })).toEqual(readSettings({}));
  });

  it.each([
    ['https://clinic.example/', 'https://clinic.example'],
    ['https://clinic.example/services/urgent-care/?utm=x#top', 'https://clinic.example'],
    ['https://clinic.example:8443/base/', 'https://clinic.example:8443'],
    ['HTTPS://Clinic.Example', 'https://clinic.example'],
    ['http://localhost:4321/', 'http://localhost:4321'],
  ])('keeps only the origin of SITE_URL %j', (siteUrl, origin) => {
    expect(readSettings({ SITE_URL: siteUrl }).siteUrl).toBe(origin);
  });

  it.each(['clinic.example', '/relative/path', 'not a url'])('refuses SITE_URL %j', (siteUrl) => {
    expect(() => readSettings({ SITE_URL: siteUrl })).toThrow(`SITE_URL must be an absolute URL such as https://clinic.example; got "${siteUrl}".`);
  });

  it.each(['abc', '-1', '65536', '80.5', '8080abc'])('refuses PORT %j', (port) => {
    expect(() => readSettings({ PORT: port })).toThrow(`PORT must be a whole number from 0 to 65535; got "${port}".`);
  });

  it('accepts PORT 0, any free port', () => {
    expect(readSettings({ PORT: '0' }).port).toBe(0);
  });

  it.each([
    ['1', 1],
    ['65535', 65535],
  ])('accepts PORT %j', (port, expected) => {
    expect(readSettings({ PORT: port }).port).toBe(expected);
  });

  it.each(['staging', 'PREVIEW'])('refuses DEPLOY_ENV %j', (deployEnv) => {
    expect(() => readSettings({ DEPLOY_ENV: deployEnv })).toThrow(`DEPLOY_ENV must be "production" or "preview"; got "${deployEnv}".`);
  });

  it.each(['0', '1.5', 'high', '-0.2'])('refuses SIMILARITY_THRESHOLD %j', (threshold) => {
    expect(() => readSettings({ SIMILARITY_THRESHOLD: threshold })).toThrow('SIMILARITY_THRESHOLD must be a number above 0 and at most 1');
  });
});
