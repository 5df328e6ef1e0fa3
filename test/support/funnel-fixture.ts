/**
 * A lead database for the funnel report's tests, made by a seeded generator: a few hundred leads
 * with known attribution, channels, steps, response times and landing pages in two ranges (the
 * report's and the one before), page views, a Search Console import, and personal details planted
 * in every lead so a test can prove none of them reaches the report. The generator keeps its own
 * tally of what it planted (`expected`): the tests compare the report with that tally, not with
 * anything the report code computes.
 */
import { DatabaseSync } from 'node:sqlite';
import { createRandom } from '../bench/synthetic/seeded-random.ts';
import { addDays, countDays, getDayStart, getWeekStart } from '../../src/lib/funnel/days.ts';
import type { Channel, DayRange } from '../../src/lib/funnel/types.ts';
import type { LeadStatus, NewLead } from '../../src/lib/leads/store.ts';
import { SqliteLeadStore } from '../../src/server/sqlite-lead-store.ts';

export const FIXTURE_TIME_ZONE = 'America/Los_Angeles';
export const FIXTURE_RANGE: DayRange = { fromDay: '2026-11-01', toDay: '2026-11-30' };
export const FIXTURE_PREVIOUS: DayRange = { fromDay: '2026-10-02', toDay: '2026-10-31' };
/** When the report is made: after both ranges, every response target long past. */
export const FIXTURE_NOW = new Date('2026-12-02T18:00:00Z');

/** Leads per channel in the report's range and the one before. */
export const CHANNEL_PLAN: Readonly<Record<'current' | 'previous', Readonly<Record<Channel, number>>>> = {
  current: { 'organic-search': 60, 'paid-search': 40, 'local-listing': 30, email: 20, social: 15, 'referral-partner': 25, 'other-sites': 6, direct: 4 },
  previous: { 'organic-search': 50, 'paid-search': 30, 'local-listing': 20, email: 10, social: 10, 'referral-partner': 20, 'other-sites': 5, direct: 5 },
};
export const SPAM_PLAN = { current: 20, previous: 10 } as const;
/** Paid-search leads of the current range stored without a channel (before channels were kept): classified by the rules at report time. */
export const LEGACY_PAID_LEADS = 8;

/** Attribution that each channel's leads carry (the rule that would classify it). */
const ATTRIBUTION: Readonly<Record<Channel, Record<string, string>>> = {
  'organic-search': { referrer: 'https://www.google.com' },
  'paid-search': { gclid: 'EAIaIQobChMI-fixture', utm_source: 'google', utm_medium: 'cpc' },
  'local-listing': { utm_source: 'gbp', utm_medium: 'organic', utm_campaign: 'downtown-salem' },
  email: { utm_source: 'newsletter', utm_medium: 'email' },
  social: { referrer: 'https://www.facebook.com' },
  'referral-partner': {},
  'other-sites': { referrer: 'https://www.healthgrades.com' },
  direct: {},
};

/** What happens to a lead, by its place in its channel (cycling): the steps taken, in order. */
type Outcome = { steps: { status: LeadStatus; reason?: string }[] };
const OUTCOMES: readonly Outcome[] = [
  { steps: [{ status: 'contacted' }, { status: 'qualified' }, { status: 'scheduled' }, { status: 'booked' }] },
  { steps: [{ status: 'contacted' }, { status: 'qualified' }, { status: 'scheduled' }, { status: 'booked' }] },
  { steps: [{ status: 'contacted' }, { status: 'qualified' }, { status: 'scheduled' }, { status: 'lost', reason: 'timing' }] },
  { steps: [{ status: 'contacted' }, { status: 'qualified' }, { status: 'lost', reason: 'cost' }] },
  { steps: [{ status: 'contacted' }, { status: 'lost', reason: 'no-answer' }] },
  { steps: [{ status: 'contacted' }] },
  { steps: [{ status: 'not-a-fit', reason: 'service-not-offered' }] },
  { steps: [{ status: 'contacted' }, { status: 'not-a-fit', reason: 'insurance-not-accepted' }] },
  { steps: [] },
  { steps: [{ status: 'contacted' }, { status: 'qualified' }] },
];

const STAGE_OF: Partial<Record<LeadStatus, number>> = { contacted: 1, qualified: 2, scheduled: 3, booked: 4 };

export const FIXTURE_PAGES = ['/services/primary-care/', '/services/urgent-care/', '/locations/downtown-salem/', '/locations/pearl-district/urgent-care/', '/conditions/low-back-pain/', '/'] as const;
export const PRACTICES = ['Riverside Family Medicine', 'Oak Street Pediatrics', 'Valley Orthopedic Group'] as const;
const QUEUES = { primary: { queue: 'central-scheduling', target: 60 }, urgent: { queue: 'urgent-care-desk', target: 15 }, referral: { queue: 'referral-coordinators', target: 240 } } as const;
const RESPONSE_MINUTES = [3, 8, 12, 20, 35, 50, 75, 120, 200, 300] as const;

/** What the generator planted, tallied as it went. */
export interface FixtureTally {
  leads: number;
  spam: number;
  booked: number;
  byChannel: Map<Channel, { leads: number; booked: number }>;
  /** Leads that reached each stage (index into new…booked). */
  reached: number[];
  losses: Map<string, number>;
  byPage: Map<string, { leads: number; booked: number }>;
  /** Per queue: the minutes to first contact of each answered lead, and the leads left new. */
  responses: Map<string, { target: number; leads: number; minutes: number[]; unanswered: number }>;
  referrals: Map<string, { leads: number; qualified: number; booked: number }>;
  weeks: Map<string, { leads: number; booked: number }>;
  views: Map<string, number>;
  totalViews: number;
}

export interface FunnelFixture {
  expected: { current: FixtureTally; previous: FixtureTally };
  /** Every personal value written into the leads: none may appear in any report. */
  planted: string[];
  /** Search Console figures imported for the report's range, per path. */
  searchConsole: Map<string, { clicks: number; impressions: number; position: number }>;
}

function newTally(): FixtureTally {
  return {
    leads: 0,
    spam: 0,
    booked: 0,
    byChannel: new Map(),
    reached: [0, 0, 0, 0, 0],
    losses: new Map(),
    byPage: new Map(),
    responses: new Map(),
    referrals: new Map(),
    weeks: new Map(),
    views: new Map(),
    totalViews: 0,
  };
}

/** Fills the database at `path` (created) with the fixture and returns what it planted. */
export async function writeFunnelFixture(path: string, seed = 'funnel-fixture'): Promise<FunnelFixture> {
  const random = createRandom(seed);
  const store = SqliteLeadStore.open({ path, synchronous: 'normal' });
  const planted: string[] = [];
  const expected = { current: newTally(), previous: newTally() };
  const legacyIds: string[] = [];
  let serial = 0;

  for (const which of ['current', 'previous'] as const) {
    const range = which === 'current' ? FIXTURE_RANGE : FIXTURE_PREVIOUS;
    const tally = expected[which];
    const plan: { channel: Channel | 'spam'; index: number }[] = [];
    for (const [channel, count] of Object.entries(CHANNEL_PLAN[which]) as [Channel, number][]) {
      for (let index = 0; index < count; index++) plan.push({ channel, index });
    }
    for (let index = 0; index < SPAM_PLAN[which]; index++) plan.push({ channel: 'spam', index });

    for (const item of random.shuffle(plan)) {
      serial++;
      const day = addDays(range.fromDay, random.int(0, countDays(range) - 1));
      const createdAt = new Date(getDayStart(day, FIXTURE_TIME_ZONE).getTime() + random.int(7 * 60, 20 * 60) * 60_000);
      const name = `Plantedname${serial} Quackenbush`;
      const email = `planted${serial}@phi-plant.example`;
      const phone = `+1503555${String(1000 + serial).slice(-4)}`;
      const message = `PLANTED-MESSAGE-${serial} my knee hurts`;
      planted.push(name, email, phone, message);
      const page = random.pick(FIXTURE_PAGES);

      if (item.channel === 'spam') {
        tally.spam++;
        await store.insert(
          buildLead({
            status: 'spam',
            fields: { name, email, phone, message, service: 'primary-care' },
            attribution: { landingPage: page },
            queue: 'spam-quarantine',
            target: 10_080,
            hash: `spam-${serial}`,
          }),
          { duplicateWindowMs: 0, now: createdAt },
        );
        continue;
      }

      const channel = item.channel;
      const referral = channel === 'referral-partner';
      const route = referral ? QUEUES.referral : item.index % 2 === 0 ? QUEUES.primary : QUEUES.urgent;
      const practice = referral ? PRACTICES[item.index % PRACTICES.length] : undefined;
      const service = referral ? 'orthopedics' : route === QUEUES.urgent ? 'urgent-care' : 'primary-care';
      const fields: Record<string, string> = referral
        ? { name, email, phone, message, practice: practice as string, service, urgency: 'routine' }
        : { name, email, phone, message, service, location: 'downtown-salem' };
      const stored = await store.insert(
        buildLead({
          status: 'new',
          leadType: referral ? 'referral' : 'patient',
          fields,
          attribution: { landingPage: page, ...ATTRIBUTION[channel] },
          queue: route.queue,
          target: route.target,
          hash: `lead-${serial}`,
          channel,
        }),
        { duplicateWindowMs: 0, now: createdAt },
      );
      const id = stored.lead.id;
      if (which === 'current' && channel === 'paid-search' && item.index < LEGACY_PAID_LEADS) legacyIds.push(id);

      // Its steps, a response time from the list, later steps a day apart.
      const outcome = OUTCOMES[item.index % OUTCOMES.length] as Outcome;
      const minutes = random.pick(RESPONSE_MINUTES);
      let version = 0;
      let at = createdAt.getTime() + minutes * 60_000;
      for (const step of outcome.steps) {
        const change =
          step.status === 'scheduled'
            ? { kind: 'status' as const, status: step.status, scheduledFor: addDays(day, 7) }
            : { kind: 'status' as const, status: step.status, ...(step.reason ? { reason: step.reason } : {}) };
        const result = await store.changeLead(id, change, { expectedVersion: version, actor: 'fixture', now: new Date(at) });
        if (!result.ok) throw new Error(`fixture: step ${step.status} on ${id} refused (${result.reason})`);
        version = result.version;
        at += 86_400_000;
      }
      const noted = await store.changeLead(id, { kind: 'note', note: `PLANTED-NOTE-${serial} called ${name}` }, { expectedVersion: version, actor: 'fixture', now: new Date(at) });
      if (!noted.ok) throw new Error(`fixture: note on ${id} refused`);
      planted.push(`PLANTED-NOTE-${serial}`);

      // The tally.
      const final = outcome.steps.at(-1)?.status ?? 'new';
      const booked = final === 'booked';
      const stage = Math.max(0, ...outcome.steps.map((step) => STAGE_OF[step.status] ?? 0));
      tally.leads++;
      if (booked) tally.booked++;
      bump(tally.byChannel, channel, { leads: 1, booked: booked ? 1 : 0 });
      for (let s = 0; s <= stage; s++) tally.reached[s] = (tally.reached[s] ?? 0) + 1;
      const last = outcome.steps.at(-1);
      if (last?.reason) tally.losses.set(`${last.status}:${last.reason}`, (tally.losses.get(`${last.status}:${last.reason}`) ?? 0) + 1);
      bump(tally.byPage, page, { leads: 1, booked: booked ? 1 : 0 });
      const response = tally.responses.get(route.queue) ?? { target: route.target, leads: 0, minutes: [], unanswered: 0 };
      response.leads++;
      if (outcome.steps.length > 0) response.minutes.push(minutes);
      else response.unanswered++;
      tally.responses.set(route.queue, response);
      if (practice) bump(tally.referrals, practice, { leads: 1, qualified: stage >= 2 ? 1 : 0, booked: booked ? 1 : 0 });
      bump(tally.weeks, getWeekStart(day), { leads: 1, booked: booked ? 1 : 0 });
    }
  }
  await store.close();

  // The server may be writing to the same file (a page view flush, another test's lead): wait for
  // its lock as the stores do (sqlite-connection.ts), instead of failing at once with SQLITE_BUSY.
  const db = new DatabaseSync(path, { timeout: 5_000 });
  try {
    // Leads stored before channels were kept have none.
    const clearChannel = db.prepare('UPDATE leads SET channel = NULL, channel_rule = NULL WHERE id = ?');
    for (const id of legacyIds) clearChannel.run(id);

    // Views of each fixture page on each day of both ranges (the server's count, and an import for one page).
    const addViews = db.prepare('INSERT INTO page_views (day, path, source, views) VALUES (?, ?, ?, ?)');
    for (const which of ['current', 'previous'] as const) {
      const range = which === 'current' ? FIXTURE_RANGE : FIXTURE_PREVIOUS;
      const tally = expected[which];
      for (let i = 0; i < countDays(range); i++) {
        const day = addDays(range.fromDay, i);
        FIXTURE_PAGES.forEach((page, p) => {
          const views = 20 + ((i + p) % 7) * 5;
          addViews.run(day, page, p === 0 ? 'import' : 'server', views);
          tally.views.set(page, (tally.views.get(page) ?? 0) + views);
          tally.totalViews += views;
        });
      }
    }

    const searchConsole = new Map<string, { clicks: number; impressions: number; position: number }>();
    const addSearch = db.prepare('INSERT INTO search_console_pages (from_day, to_day, path, clicks, impressions, ctr, position, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    FIXTURE_PAGES.slice(0, 4).forEach((page, p) => {
      const figures = { clicks: 300 + p * 120, impressions: 12_000 + p * 4_500, position: 4.5 + p };
      addSearch.run(FIXTURE_RANGE.fromDay, FIXTURE_RANGE.toDay, page, figures.clicks, figures.impressions, figures.clicks / figures.impressions, figures.position, FIXTURE_NOW.toISOString());
      searchConsole.set(page, figures);
    });
    // An import for another range, which the report for FIXTURE_RANGE must leave out.
    addSearch.run('2026-09-01', '2026-09-30', FIXTURE_PAGES[0], 999, 99_999, 0.01, 9, FIXTURE_NOW.toISOString());
    return { expected, planted, searchConsole };
  } finally {
    db.close();
  }
}

function bump<K, V extends Record<string, number>>(map: Map<K, V>, key: K, add: V): void {
  const row = map.get(key);
  if (row === undefined) {
    map.set(key, { ...add });
    return;
  }
  for (const name of Object.keys(add) as (keyof V)[]) (row[name] as number) += add[name] as number;
}

function buildLead(options: {
  status: LeadStatus;
  leadType?: NewLead['leadType'];
  fields: Record<string, string>;
  attribution: Record<string, string>;
  queue: string;
  target: number;
  hash: string;
  channel?: Channel;
}): NewLead {
  const channel = options.channel ?? 'direct';
  return {
    channel: { channel, rule: `fixture-${channel}` },
    leadType: options.leadType ?? 'patient',
    status: options.status,
    fields: options.fields,
    attribution: options.attribution,
    // Quarantined spam is low priority, as the lead endpoint stores it.
    route: { queue: options.queue, priority: options.status === 'spam' ? 'low' : 'normal', responseTargetMinutes: options.target, matchedRule: null },
    score: 50,
    flags: [],
    fit: {},
    submissionKey: null,
    contentHash: options.hash,
  };
}
