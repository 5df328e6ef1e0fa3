import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLeadSite, type LeadSite } from '@/lib/content/lead-site.ts';
import { submitLead } from '@/lib/leads/submit.ts';
import { SqliteLeadStore } from '../../../src/server/sqlite-lead-store.ts';
import { SECOND_ORG } from '../../support/fixtures.ts';
import { readContent } from '../../support/read-content.ts';

/**
 * The second fixture organization (Texas, Central time, with an El Paso clinic on Mountain time,
 * a night clinic open 18:00–02:00 and a 24-hour one): valid as written, and its leads routed by
 * each location's own clock on either side of midnight.
 */
let site: LeadSite;
let dir: string;
let store: SqliteLeadStore;
beforeAll(async () => {
  const { snapshot, issues } = await readContent({ contentDir: SECOND_ORG });
  expect(issues.map((i) => `${i.severity} ${i.file} ${i.field}: ${i.message}`)).toEqual([]);
  const [organization] = snapshot.organization;
  const [routing] = snapshot.routing;
  if (!organization || !routing) throw new Error('no organization or routing');
  site = buildLeadSite({ organization: organization.data, locations: snapshot.locations, services: snapshot.services, routing: routing.data });
  dir = mkdtempSync(join(tmpdir(), 'carepath-second-org-'));
  store = SqliteLeadStore.open({ path: join(dir, 'leads.db') });
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const send = (place: { location?: string; service?: string }, at: string) =>
  submitLead({
    input: { leadType: 'patient', name: `Persona ${++n}`, phone: '210 555 0142', timing: 'asap', consent: true, ...place },
    store,
    site: site.context,
    now: new Date(at),
    secret: 'second-org',
    siteOrigins: [],
    duplicateWindowMs: 0,
  });

describe('the second fixture organization', () => {
  it('offers every bookable service in the form, and not the support service that is not', () => {
    expect(site.services.map((s) => s.id)).toEqual(['after-hours-urgent-care', 'pediatric-primary-care', 'pediatric-orthopedics', 'behavioral-health-by-video']);
  });

  // Tuesday 2026-11-24. Central (Austin, San Antonio, Houston) is UTC−6, Mountain (El Paso) UTC−7.
  it.each([
    ['the night clinic, Tuesday 23:30 Central', 'austin-night-clinic', 'after-hours-urgent-care', '2026-11-25T05:30:00Z', 'austin-night-desk'],
    ['the night clinic, Wednesday 01:30, after midnight', 'austin-night-clinic', 'after-hours-urgent-care', '2026-11-25T07:30:00Z', 'austin-night-desk'],
    ['the night clinic, Wednesday 02:30, closed', 'austin-night-clinic', 'after-hours-urgent-care', '2026-11-25T08:30:00Z', 'urgent-line'],
    ['the night clinic, Tuesday 17:30, not yet open', 'austin-night-clinic', 'after-hours-urgent-care', '2026-11-24T23:30:00Z', 'urgent-line'],
    ['the 24-hour clinic at 03:00', 'houston-24-hour', 'after-hours-urgent-care', '2026-11-24T09:00:00Z', 'urgent-line'],
    ['El Paso, 08:30 Mountain (09:30 Central)', 'el-paso-eastside', 'pediatric-primary-care', '2026-11-24T15:30:00Z', 'el-paso-front-desk'],
    ['El Paso, 07:30 Mountain, while San Antonio is open', 'el-paso-eastside', 'pediatric-primary-care', '2026-11-24T14:30:00Z', 'after-hours-callback'],
    ['El Paso, 16:30 Mountain (17:30 Central, San Antonio closed)', 'el-paso-eastside', 'pediatric-orthopedics', '2026-11-24T23:30:00Z', 'el-paso-front-desk'],
    ['El Paso, 17:00 Mountain, closed', 'el-paso-eastside', 'pediatric-orthopedics', '2026-11-25T00:00:00Z', 'after-hours-callback'],
    ['San Antonio, orthopedics', 'san-antonio-medical-center', 'pediatric-orthopedics', '2026-11-24T15:30:00Z', 'central-scheduling'],
    ['the mobile clinic, which has no hours and is never taken as open', 'la-clinica-movil', 'pediatric-primary-care', '2026-11-24T15:30:00Z', 'central-scheduling'],
  ])('%s → %s', async (_, location, service, at, queue) => {
    const result = await send({ location, service }, at);
    if (result.kind !== 'accepted') throw new Error(JSON.stringify(result));
    expect(result.lead.route.queue).toBe(queue);
  });

  it('lists the mobile clinic under "Mobile clinics" in the form', () => {
    expect(site.locations.find((l) => l.id === 'la-clinica-movil')?.city).toBe('Mobile clinics');
  });

  it('takes a lead for the service only by video, with no location, for its own queue', async () => {
    const result = await send({ service: 'behavioral-health-by-video' }, '2026-11-24T15:30:00Z');
    if (result.kind !== 'accepted') throw new Error(JSON.stringify(result));
    expect(result.lead.route.queue).toBe('behavioral-health-intake');
  });

  it('refuses a lead naming the support service, which the form does not offer', async () => {
    expect(await send({ service: 'interpreter-services' }, '2026-11-24T15:30:00Z')).toEqual({ kind: 'invalid', errors: { service: 'Choose a service from the list.' } });
  });
});
