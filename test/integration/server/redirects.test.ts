import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLeadsDb, startServer, type RunningServer } from '../../support/built-server.ts';

/**
 * The built server answers the old paths of content/redirects.yaml (the sample has
 * /services/physio/ → /services/physical-therapy/) with a 301, before the static files.
 */
let server: RunningServer;
let db: { path: string; remove: () => void };
beforeAll(async () => {
  db = makeLeadsDb();
  server = await startServer({ leadsDb: db.path });
});
afterAll(async () => {
  await server?.stop();
  db?.remove();
});

const get = (path: string, method = 'GET') => fetch(new URL(path, server.origin), { method, redirect: 'manual' });

describe('redirects in the built server', () => {
  it.each([
    ['GET', '/services/physio/', '/services/physical-therapy/'],
    ['HEAD', '/services/physio/', '/services/physical-therapy/'],
    ['GET', '/services/physio', '/services/physical-therapy/'],
    ['GET', '/services/physio/?utm_source=partner&utm_medium=referral', '/services/physical-therapy/?utm_source=partner&utm_medium=referral'],
  ])('%s %s → 301 Location: %s', async (method, path, location) => {
    const response = await get(path, method);
    expect([response.status, response.headers.get('location')]).toEqual([301, location]);
  });

  it('serves the page it redirects to', async () => {
    const response = await get('/services/physical-therapy/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('still answers an unknown path with 404', async () => {
    const response = await get('/services/physio-old/');
    expect([response.status, response.headers.get('location')]).toEqual([404, null]);
  });
});
