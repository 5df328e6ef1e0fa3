import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoutingSchema } from '@/lib/leads/routing.ts';
import { issueFormToken, MAX_TOKEN_AGE_MS, MAX_TOKEN_USES } from '@/lib/leads/spam.ts';
import { DEFAULT_CHANNEL_RULES } from '@/lib/funnel/channels.ts';
import { hashContent, submitLead, type LeadSiteContext, type SubmitOptions } from '@/lib/leads/submit.ts';
import { SqliteLeadStore } from '../../../src/server/sqlite-lead-store.ts';

const SECRET = 'test-secret';
const SITE_ORIGIN = 'https://clinic.example';
const NOW = new Date('2026-11-25T18:00:00Z'); // Wednesday 10:00 in Portland
const weekdays = [{ days: ['monday' as const, 'tuesday' as const, 'wednesday' as const, 'thursday' as const, 'friday' as const], opens: '08:00', closes: '18:00' }];

const site: LeadSiteContext = {
  locations: new Map([
    ['gateway', { services: ['urgent-care', 'primary-care'], insurance: ['Medicare'], hours: weekdays, timeZone: 'America/Los_Angeles' }],
    ['salem', { services: ['primary-care'], insurance: [], hours: weekdays, timeZone: 'America/Los_Angeles' }],
  ]),
  services: new Map([
    ['urgent-care', { urgent: true }],
    ['primary-care', { urgent: false }],
  ]),
  routing: RoutingSchema.parse({
    defaultRoute: { queue: 'central', priority: 'normal', responseTargetMinutes: 240 },
    rules: [{ name: 'Urgent care', when: { urgentService: true }, route: { queue: 'urgent-desk', priority: 'urgent', responseTargetMinutes: 15 } }],
  }),
  channelRules: DEFAULT_CHANNEL_RULES,
};

let dir: string;
let store: SqliteLeadStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'carepath-submit-'));
  store = SqliteLeadStore.open({ path: join(dir, 'leads.db') });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const person = {
  leadType: 'patient',
  name: 'Ana Ruiz',
  phone: '503 555 0142',
  location: 'gateway',
  service: 'urgent-care',
  timing: 'asap',
  consent: 'yes',
  formToken: issueFormToken(new Date(NOW.getTime() - 30_000), SECRET),
  attribution: { utm_source: 'google', landingPage: '/services/urgent-care/' },
};
const submit = (input: unknown, extra: Partial<SubmitOptions> = {}) =>
  submitLead({ input, store, site, now: NOW, secret: SECRET, siteOrigins: [SITE_ORIGIN], duplicateWindowMs: 10 * 60_000, ...extra });

describe('submitLead', () => {
  it('stores a valid lead, routed, qualified and attributed', async () => {
    const result = await submit({ ...person, submissionKey: '6f1c1c36-2b7e-4d55-9a39-1c2b0f3f5a10' });
    expect(result.kind).toBe('accepted');
    if (result.kind !== 'accepted') return;
    const stored = await store.get(result.lead.id);
    expect(stored).toMatchObject({
      leadType: 'patient',
      status: 'new',
      fields: { name: 'Ana Ruiz', phone: '503 555 0142', location: 'gateway', service: 'urgent-care', timing: 'asap', contactTime: 'any', consent: 'given' },
      attribution: { utm_source: 'google', landingPage: '/services/urgent-care/' },
      route: { queue: 'urgent-desk', priority: 'urgent', responseTargetMinutes: 15, matchedRule: 'Urgent care' },
      fit: { serviceOfferedAtLocation: true, insuranceAccepted: null },
      flags: [],
      submissionKey: '6f1c1c36-2b7e-4d55-9a39-1c2b0f3f5a10',
    });
    // Control fields are not part of what the person asked for.
    expect(Object.keys(stored?.fields ?? {})).not.toContain('formToken');
  });

  it('stores what the person asked for and nothing else: no control fields, no empty answers', async () => {
    const result = await submit({ ...person, location: '', email: ' ', website: '', submissionKey: '9a4f0c2e-1b3d-4e5f-8a6b-7c8d9e0f1a2b' });
    expect(result.kind).toBe('accepted');
    if (result.kind !== 'accepted') return;
    const stored = await store.get(result.lead.id);
    expect(stored?.fields).toEqual({ name: 'Ana Ruiz', phone: '503 555 0142', service: 'urgent-care', timing: 'asap', contactTime: 'any', consent: 'given' });
    expect(stored?.attribution).toEqual({ utm_source: 'google', landingPage: '/services/urgent-care/' });
  });

  it('accepts a patient who chose no location or service', async () => {
    expect(await submit({ ...person, location: '', service: '' })).toMatchObject({ kind: 'accepted' });
  });

  it('returns the first lead for a repeated submission key and stores one', async () => {
    const key = { submissionKey: '0b0e4c1e-5d8a-4f0e-8a55-3b0b7d1c2e99' };
    const first = await submit({ ...person, ...key });
    const second = await submit({ ...person, ...key, name: 'Ana R.' });
    expect(second).toMatchObject({ kind: 'accepted', replayed: true });
    expect(first.kind === 'accepted' && second.kind === 'accepted' && second.lead.id === first.lead.id).toBe(true);
    expect(await store.count()).toBe(1);
  });

  it('treats the same content without a key inside the window as the same lead', async () => {
    const { formToken: _, ...noJs } = person;
    await submit(noJs);
    const again = await submit({ ...noJs, name: '  ana ruiz ' }, { now: new Date(NOW.getTime() + 60_000) });
    expect(again).toMatchObject({ kind: 'accepted', replayed: true });
    const later = await submit(noJs, { now: new Date(NOW.getTime() + 11 * 60_000) });
    expect(later).toMatchObject({ kind: 'accepted', replayed: false });
    expect(await store.count()).toBe(2);
  });

  it('quarantines a honeypot hit as spam, out of every team queue, and still says accepted', async () => {
    const result = await submit({ ...person, website: 'http://cheap-pills.example' });
    expect(result).toMatchObject({ kind: 'accepted', replayed: false, lead: { status: 'spam', route: { queue: 'spam-quarantine' }, score: 0 } });
    expect(await store.list({ status: 'spam' })).toHaveLength(1);
    expect(await store.list({ status: 'new' })).toHaveLength(0);
  });

  it.each([
    ['an ad click', { gclid: 'EAIaIQobChMI', utm_source: 'google' }, { channel: 'paid-search', rule: 'ad-click-id' }],
    ['a search engine', { referrer: 'https://www.google.com' }, { channel: 'organic-search', rule: 'search-engine-referrer' }],
    ['the site itself as referrer', { referrer: SITE_ORIGIN, landingPage: '/' }, { channel: 'direct', rule: 'no-source' }],
  ])('keeps the channel of %s, and the rule that gave it', async (_, attribution, channel) => {
    const result = await submit({ ...person, attribution });
    expect(result.kind === 'accepted' && (await store.get(result.lead.id))?.channel).toEqual(channel);
  });

  it("classifies by the site's channel rules", async () => {
    const rules = [{ name: 'riverbend-news', channel: 'email' as const, when: { utm_source: ['riverbend-news'] } }];
    const result = await submit({ ...person, attribution: { utm_source: 'Riverbend-News' } }, { site: { ...site, channelRules: rules } });
    expect(result).toMatchObject({ kind: 'accepted', lead: { channel: { channel: 'email', rule: 'riverbend-news' } } });
  });

  it('gives spam a channel too', async () => {
    const result = await submit({ ...person, website: 'http://cheap-pills.example', attribution: { referrer: 'https://t.co' } });
    expect(result).toMatchObject({ kind: 'accepted', lead: { status: 'spam', channel: { channel: 'social', rule: 'social-referrer' } } });
  });

  it('flags a lead that matches no rule and one without a token', async () => {
    const { formToken: _, ...noToken } = person;
    const result = await submit({ ...noToken, service: 'primary-care', location: 'salem' });
    expect(result).toMatchObject({ kind: 'accepted', lead: { route: { queue: 'central', matchedRule: null }, flags: ['no-token', 'unrouted'] } });
  });

  it.each([
    ['an unknown location', { location: 'atlantis' }, { location: 'Choose a location from the list.' }],
    ['an unknown service', { service: 'cosmetics' }, { service: 'Choose a service from the list.' }],
    ['a field that would set the status', { status: 'booked' }, { form: 'Unexpected fields: status.' }],
  ])('refuses %s and stores nothing', async (_, extra, errors) => {
    expect(await submit({ ...person, ...extra })).toEqual({ kind: 'invalid', errors });
    expect(await store.count()).toBe(0);
  });
});

describe('form tokens', () => {
  const accepted = async (input: unknown, extra: Partial<SubmitOptions> = {}) => {
    const result = await submit(input, extra);
    if (result.kind !== 'accepted') throw new Error(`Not accepted: ${JSON.stringify(result)}`);
    return result;
  };

  it(`one token carries ${MAX_TOKEN_USES} leads; the next is quarantined as token-reused`, async () => {
    const leads = [];
    for (let i = 0; i <= MAX_TOKEN_USES; i++) leads.push((await accepted({ ...person, name: `Family member ${i}` })).lead);
    expect(leads.map((lead) => lead.status)).toEqual([...Array(MAX_TOKEN_USES).fill('new'), 'spam']);
    expect(leads.at(-1)).toMatchObject({ route: { queue: 'spam-quarantine' }, score: 0 });
    expect(leads.at(-1)?.flags).toContain('token-reused');
    expect(leads[0]?.flags).not.toContain('token-reused');
    // Another page load's token is counted on its own.
    const other = await accepted({ ...person, name: 'Someone else', formToken: issueFormToken(new Date(NOW.getTime() - 30_000), SECRET) });
    expect(other.lead.status).toBe('new');
  });

  it('a replay stores nothing and so does not count as a use', async () => {
    const key = { submissionKey: '9a1f5d3e-2c4b-4e6f-8a7b-1c2d3e4f5a6b' };
    for (let i = 0; i < MAX_TOKEN_USES + 2; i++) expect(await accepted({ ...person, ...key })).toMatchObject({ replayed: i > 0 });
    expect((await accepted({ ...person, name: 'Second family member' })).lead.status).toBe('new');
  });

  it('an invalid lead counts no use', async () => {
    for (let i = 0; i < MAX_TOKEN_USES + 2; i++) expect((await submit({ ...person, name: '' })).kind).toBe('invalid');
    expect((await accepted(person)).lead.status).toBe('new');
  });

  it('a token from a day and a minute ago is spam, token-expired', async () => {
    const expired = issueFormToken(new Date(NOW.getTime() - MAX_TOKEN_AGE_MS - 60_000), SECRET);
    const { lead } = await accepted({ ...person, formToken: expired });
    expect(lead).toMatchObject({ status: 'spam', route: { queue: 'spam-quarantine' } });
    expect(lead.flags).toContain('token-expired');
  });
});

describe('hashContent', () => {
  it('ignores case, spacing and field order, not content', () => {
    const a = hashContent('patient', { name: 'Ana  Ruiz', phone: '503' });
    expect(hashContent('patient', { phone: '503 ', name: 'ana ruiz' })).toBe(a);
    expect(hashContent('patient', { phone: '503', name: 'Anar Uiz' })).not.toBe(a);
    expect(hashContent('caregiver', { name: 'Ana Ruiz', phone: '503' })).not.toBe(a);
    expect(hashContent('patient', { name: 'Ana Ruiz', phone: '504' })).not.toBe(a);
  });
});
