import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLeadsDb, startServer, type RunningServer } from '../../support/built-server.ts';
import { listLeads } from './leads.ts';

/** The built server classifies each lead's channel as it stores it, with the sample's rules. */
describe('the channel of a posted lead', () => {
  const db = makeLeadsDb();
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ leadsDb: db.path });
  });
  afterAll(async () => {
    await server.kill();
    db.remove();
  });

  const post = (name: string, attribution: Record<string, string>) =>
    fetch(`${server.origin}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify({ leadType: 'patient', name, phone: '503 555 0142', timing: 'flexible', consent: true, attribution }),
    });

  it("is paid search for an ad click, the site itself is no source, and the sample's own rule comes first", async () => {
    expect((await post('Ad Click', { landingPage: '/services/dental/', utm_source: 'google', gclid: 'EAIaIQobChMI8x' })).status).toBe(201);
    expect((await post('Same Site', { landingPage: '/', referrer: server.origin })).status).toBe(201);
    expect((await post('Newsletter', { landingPage: '/', utm_source: 'riverbend-news' })).status).toBe(201);
    const channels = Object.fromEntries(listLeads(db.path).map((lead) => [lead.fields['name'], lead.channel]));
    expect(channels).toEqual({
      'Ad Click': { channel: 'paid-search', rule: 'ad-click-id' },
      'Same Site': { channel: 'direct', rule: 'no-source' },
      Newsletter: { channel: 'email', rule: 'riverbend-news' },
    });
  });
});
