import { describe, expect, it } from 'vitest';
import { getAllowedMethods, getHostNames, getPathname, getServedOrigins } from '@/server/http/front-door.ts';

describe('getAllowedMethods', () => {
  it.each([
    ['/api/leads', ['POST']],
    ['/api/leads/', ['POST']],
    ['/api/form-token', ['GET', 'HEAD']],
    ['/', ['GET', 'HEAD']],
    ['/locations/hawthorne/', ['GET', 'HEAD']],
    ['/api/leads/extra', ['GET', 'HEAD']],
    ['/intake/sign-in/', ['GET', 'HEAD', 'POST']],
    ['/intake/leads/01KBQ7ZR4X9E2M8N6T5V3W1Y0A/', ['GET', 'HEAD', 'POST']],
    ['/intake', ['GET', 'HEAD', 'POST']],
    ['/intakes/', ['GET', 'HEAD']],
  ])('%s answers %j', (path, methods) => expect(getAllowedMethods(path)).toEqual(methods));
});

describe('getPathname', () => {
  it.each([
    ['/', '/'],
    ['/locations/?email=a@b.example', '/locations/'],
    ['/a#frag', '/a'],
    ['/api/leads?x=1#y', '/api/leads'],
    ['http://clinic.example/api/leads?email=a@b.example', '/api/leads'],
    ['*', '/'],
    ['', '/'],
  ])('%s → %s', (target, expected) => expect(getPathname(target)).toBe(expected));
});

describe('getHostNames', () => {
  it.each([
    ['https://clinic.example', ['clinic.example', 'clinic.example:443']],
    ['http://clinic.example', ['clinic.example', 'clinic.example:80']],
    ['http://localhost:4321', ['localhost:4321']],
    ['https://clinic.example:8443', ['clinic.example:8443']],
  ])('%s', (origin, names) => expect(getHostNames(origin)).toEqual(names));
});

describe('getServedOrigins', () => {
  it('adds the loopback names on the listening port, and the listening address', () => {
    expect([...getServedOrigins({ publicOrigins: new Set(['https://clinic.example']), host: '10.0.0.5', port: 8080 })]).toEqual([
      'https://clinic.example',
      'http://localhost:8080',
      'http://127.0.0.1:8080',
      'http://[::1]:8080',
      'http://10.0.0.5:8080',
    ]);
  });

  it.each(['0.0.0.0', '::'])('does not add the wildcard address %s', (host) => {
    expect([...getServedOrigins({ publicOrigins: new Set(), host, port: 1 })]).toEqual(['http://localhost:1', 'http://127.0.0.1:1', 'http://[::1]:1']);
  });

  it('brackets an IPv6 listening address', () => {
    expect(getServedOrigins({ publicOrigins: new Set(), host: 'fd00::5', port: 2 }).has('http://[fd00::5]:2')).toBe(true);
  });
});
