import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDeliverySettings, buildLeadSite } from '@/lib/content/lead-site.ts';
import { DEFAULT_CHANNEL_RULES } from '@/lib/funnel/channels.ts';
import { ID_MAX_LENGTH } from '@/lib/ids.ts';
import { RoutingSchema } from '@/lib/leads/routing.ts';
import { issueFormToken } from '@/lib/leads/spam.ts';
import { submitLead } from '@/lib/leads/submit.ts';
import { writeSyntheticContent } from '../../bench/synthetic/generate-content.ts';
import { SqliteLeadStore } from '../../../src/server/sqlite-lead-store.ts';
import { GOOD_FIXTURE, SECOND_ORG } from '../../support/fixtures.ts';
import { readContent } from '../../support/read-content.ts';

/**
 * Every location and service a site has pages for takes a lead naming it: the content's id rule
 * and the lead schema's are one (src/lib/ids.ts). Once an 89-character service id built, got
 * pages, and every request from them was refused with "Choose a service".
 */
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'carepath-lead-site-'));
  dirs.push(dir);
  return dir;
};

/** The good fixture with family-medicine renamed, everywhere, to the longest id the content accepts. */
function withLongServiceId(longId: string): string {
  const dir = join(tempDir(), 'content');
  cpSync(GOOD_FIXTURE, dir, { recursive: true });
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, file);
    if (!/\.(mdx?|ya?ml)$/.test(file)) continue;
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('family-medicine', longId));
  }
  renameSync(join(dir, 'services', 'family-medicine.mdx'), join(dir, 'services', `${longId}.mdx`));
  return dir;
}

const SAMPLE = 'content';
const generated = join(tempDir(), 'generated');
writeSyntheticContent(generated, { locations: 12, services: 9, conditions: 4, providers: 10, seed: 'lead-ids' });

describe.each([
  ['the sample', SAMPLE],
  ['the good fixture', GOOD_FIXTURE],
  ['a generated site', generated],
])('%s', (_, contentDir) => {
  it('takes a lead for every location and every service it has pages for', async () => {
    const { snapshot, issues } = await readContent({ contentDir });
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    const [organization] = snapshot.organization;
    const [routing] = snapshot.routing;
    if (!organization || !routing) throw new Error('no organization or routing');
    const site = buildLeadSite({ organization: organization.data, locations: snapshot.locations, services: snapshot.services, routing: routing.data });
    const store = SqliteLeadStore.open({ path: join(tempDir(), 'leads.db') });
    const now = new Date('2026-11-25T18:00:00Z');
    const secret = 'lead-site';
    const send = (place: { location?: string; service?: string }, n: number) =>
      submitLead({
        input: { leadType: 'patient', name: `Person ${n}`, phone: '503 555 0142', timing: 'flexible', consent: true, formToken: issueFormToken(new Date(now.getTime() - 60_000), secret), ...place },
        store,
        site: site.context,
        now,
        secret,
        siteOrigins: [],
        duplicateWindowMs: 0,
      });
    try {
      let n = 0;
      for (const location of site.locations) {
        const result = await send({ location: location.id }, n++);
        expect(result.kind, location.id).toBe('accepted');
      }
      for (const service of site.services) {
        const offeredAt = snapshot.locations.find((l) => l.data.services.includes(service.id));
        const result = await send({ service: service.id, ...(offeredAt ? { location: offeredAt.id } : {}) }, n++);
        expect(result.kind, service.id).toBe('accepted');
        if (result.kind === 'accepted') expect(result.lead.fields['service']).toBe(service.id);
      }
      expect((await store.list({})).length).toBe(site.locations.length + site.services.length);
    } finally {
      await store.close();
    }
  });
});

describe('the longest id the content accepts', () => {
  it('is accepted by the lead endpoint too', async () => {
    const longId = `family-medicine-${'x'.repeat(ID_MAX_LENGTH - 'family-medicine-'.length)}`;
    expect(longId).toHaveLength(ID_MAX_LENGTH);
    const { snapshot, issues } = await readContent({ contentDir: withLongServiceId(longId) });
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(snapshot.services.map((s) => s.id)).toContain(longId);
    const [organization] = snapshot.organization;
    const [routing] = snapshot.routing;
    if (!organization || !routing) throw new Error('no organization or routing');
    const site = buildLeadSite({ organization: organization.data, locations: snapshot.locations, services: snapshot.services, routing: routing.data });
    const store = SqliteLeadStore.open({ path: join(tempDir(), 'leads.db') });
    try {
      const result = await submitLead({
        input: { leadType: 'patient', name: 'Long Id', phone: '503 555 0142', timing: 'flexible', consent: true, service: longId },
        store,
        site: site.context,
        now: new Date(),
        secret: 's',
        siteOrigins: [],
        duplicateWindowMs: 0,
      });
      expect(result.kind).toBe('accepted');
    } finally {
      await store.close();
    }
  });
});

describe('services people cannot ask for in the form', () => {
  it('leaves out a support service that is not bookable, and keeps one that is', async () => {
    const { snapshot } = await readContent({ contentDir: GOOD_FIXTURE });
    const [routing] = snapshot.routing;
    const [first] = snapshot.services;
    if (!routing || !first) throw new Error('no routing or service');
    const support = (id: string, bookable?: boolean) => ({
      ...first,
      id,
      data: { ...first.data, support: true, bookable: bookable ?? false, specialty: undefined },
    });
    const [organization] = snapshot.organization;
    if (!organization) throw new Error('no organization');
    const site = buildLeadSite({
      organization: organization.data,
      locations: snapshot.locations,
      services: [...snapshot.services, support('interpreters'), support('ride-booking', true)],
      routing: routing.data,
    });
    expect(site.services.map((s) => s.id)).not.toContain('interpreters');
    expect(site.services.map((s) => s.id)).toContain('ride-booking');
    expect(site.context.services.has('interpreters')).toBe(false);
  });
});

describe('time zones', () => {
  it("reads each location's hours in its own time zone, else the organization's, else the routing file's", async () => {
    const { snapshot } = await readContent({ contentDir: GOOD_FIXTURE });
    const [routing] = snapshot.routing;
    const [first, ...others] = snapshot.locations;
    if (!routing || !first) throw new Error('no routing or location');
    const locations = [{ ...first, data: { ...first.data, timeZone: 'America/Denver' } }, ...others];
    const [organization] = snapshot.organization;
    if (!organization) throw new Error('no organization');
    const { timeZone: _, ...zoneless } = organization.data;
    const zones = (organizationZone: string | undefined) => {
      const site = buildLeadSite({
        organization: organizationZone === undefined ? zoneless : { ...zoneless, timeZone: organizationZone },
        locations,
        services: snapshot.services,
        routing: routing.data,
      });
      return [...site.context.locations.values()].map((l) => l.timeZone);
    };
    expect(routing.data.timeZone).toBe('America/Los_Angeles');
    expect(others.length).toBeGreaterThan(0);
    expect(zones('America/Chicago')).toEqual(['America/Denver', ...others.map(() => 'America/Chicago')]);
    expect(zones(undefined)).toEqual(['America/Denver', ...others.map(() => 'America/Los_Angeles')]);
  });
});

describe("buildLeadSite's channel rules", () => {
  it("gives the sample's own rule, then the defaults", async () => {
    const { snapshot } = await readContent({ contentDir: SAMPLE });
    const [organization] = snapshot.organization;
    const [routing] = snapshot.routing;
    if (!organization || !routing) throw new Error('no organization or routing');
    const { channelRules } = buildLeadSite({ organization: organization.data, locations: snapshot.locations, services: snapshot.services, routing: routing.data }).context;
    expect(channelRules).toEqual([{ name: 'riverbend-news', channel: 'email', when: { utm_source: ['riverbend-news'] } }, ...DEFAULT_CHANNEL_RULES]);
  });

  it('gives the defaults alone where the routing file has no channels', () => {
    const routing = RoutingSchema.parse({ timeZone: 'America/Chicago', defaultRoute: { queue: 'desk', priority: 'normal', responseTargetMinutes: 60 } });
    const organization = { name: 'A', phone: '+15555550100' };
    expect(buildLeadSite({ organization, locations: [], services: [], routing }).context.channelRules).toEqual(DEFAULT_CHANNEL_RULES);
  });
});

describe('buildDeliverySettings', () => {
  const settingsOf = async (contentDir: string) => {
    const { snapshot, issues } = await readContent({ contentDir });
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    const [organization] = snapshot.organization;
    const [routing] = snapshot.routing;
    if (!organization || !routing) throw new Error('no organization or routing');
    const settings = buildDeliverySettings({ organization: organization.data, routing: routing.data });
    // What the lead endpoint reads is the same.
    expect(buildLeadSite({ organization: organization.data, locations: snapshot.locations, services: snapshot.services, routing: routing.data }).delivery).toEqual(settings);
    return settings;
  };

  it('gives the sample: the organization with its email, no confirmation, no spam, crm thin', async () => {
    expect(await settingsOf(SAMPLE)).toMatchInlineSnapshot(`
      {
        "confirmation": false,
        "deliverSpam": false,
        "organization": {
          "email": "hello@riverbend.example",
          "name": "Riverbend Health",
          "phone": "+15035550100",
          "timeZone": "America/Los_Angeles",
        },
        "retention": {
          "closedLeadsDays": 365,
          "spamDays": 30,
        },
        "webhooks": {
          "crm": {
            "payload": "thin",
          },
        },
      }
    `);
  });

  it('gives the second organization: a confirmation, spam delivered, crm and a named webhook full', async () => {
    expect(await settingsOf(SECOND_ORG)).toEqual({
      organization: { name: "Solana Children's & Orthopedic Care", phone: '+12105550100', email: 'hola@solana.example', timeZone: 'America/Chicago' },
      confirmation: true,
      deliverSpam: true,
      webhooks: { crm: { payload: 'full' }, 'telehealth-ehr': { payload: 'full' } },
      retention: { closedLeadsDays: null, spamDays: null },
    });
  });

  it("gives null for an organization without email, and the routing file's time zone where the organization has none", async () => {
    expect((await settingsOf(GOOD_FIXTURE)).organization).toEqual({ name: 'Fixture Health', phone: '+15555550100', email: null, timeZone: 'America/Los_Angeles' });
  });

  it('always has crm, first, thin unless declared otherwise, beside the declared webhooks', () => {
    const routing = RoutingSchema.parse({
      timeZone: 'America/Chicago',
      defaultRoute: { queue: 'desk', priority: 'normal', responseTargetMinutes: 60, webhooks: ['ehr', 'billing'] },
      delivery: { webhooks: { ehr: { payload: 'full' }, billing: null } },
    });
    const organization = { name: 'A', phone: '+15555550100' };
    const { webhooks } = buildDeliverySettings({ organization, routing });
    expect(Object.entries(webhooks)).toEqual([
      ['crm', { payload: 'thin' }],
      ['ehr', { payload: 'full' }],
      ['billing', { payload: 'thin' }],
    ]);
    const full = RoutingSchema.parse({ ...routing, delivery: { webhooks: { crm: { payload: 'full' } } } });
    expect(buildDeliverySettings({ organization, routing: full }).webhooks).toEqual({ crm: { payload: 'full' } });
  });

  it('fails without a time zone, which the integrity check reports first', () => {
    const routing = RoutingSchema.parse({ defaultRoute: { queue: 'desk', priority: 'normal', responseTargetMinutes: 60 } });
    expect(() => buildDeliverySettings({ organization: { name: 'A', phone: '+15555550100' }, routing })).toThrow('The organization has no time zone');
  });
});
