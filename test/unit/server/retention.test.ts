import { describe, expect, it } from 'vitest';
import { getPurgeCutoffs, getRetainedFields } from '@/lib/intake/retention.ts';
import { PURGE_JOB, type LeadStore, type StoredLead } from '@/lib/leads/store.ts';
import { buildNewLead } from './support/leads.ts';
import { LEAD_STORE_KINDS } from './support/lead-stores.ts';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const PERSONAL = { name: 'Zebulon Quackenbush', phone: '503 555 0199', email: 'zeb@patient.example', message: 'my knee hurts', plan: 'Acme Gold' };
const KEPT = { service: 'orthopedics', location: 'hawthorne', timing: 'asap', contactTime: 'any', consent: 'given' };

/** What the funnel counts: leads by type, queue, status and source, none of it personal. */
const funnel = (leads: StoredLead[]) => leads.map((l) => [l.id, l.leadType, l.route.queue, l.status, l.attribution['utm_source'], l.fields['service'], l.createdAt].join(' ')).sort();

describe.each(LEAD_STORE_KINDS)('retention in the $name store', (kind) => {
  const { openStore, compact, queryOther } = kind.use();

  async function seed(store: LeadStore) {
    const make = async (key: string, createdDaysAgo: number, status: 'new' | 'spam' = 'new') =>
      (await store.insert(buildNewLead({ contentHash: key, status, fields: { ...PERSONAL, ...KEPT } }), { duplicateWindowMs: 0, now: daysAgo(createdDaysAgo) })).lead;
    const oldBooked = await make('old-booked', 410);
    await store.changeLead(oldBooked.id, { kind: 'note', note: 'Spoke with Zebulon about his knee' }, { expectedVersion: 0, actor: 'dana', now: daysAgo(405) });
    await store.setStatus(oldBooked.id, 'booked', { now: daysAgo(400) });
    const recentLost = await make('recent-lost', 120);
    await store.setStatus(recentLost.id, 'lost', { now: daysAgo(100) });
    const oldButOpen = await make('old-open', 500);
    const oldSpam = await make('old-spam', 40, 'spam');
    const newSpam = await make('new-spam', 10, 'spam');
    return { oldBooked, recentLost, oldButOpen, oldSpam, newSpam };
  }

  it('deletes the details of leads closed 400 days ago under a 365-day policy, and of old spam, keeping the funnel’s numbers', async () => {
    const store = await openStore();
    const leads = await seed(store);
    const before = funnel(await store.list());
    const cutoffs = getPurgeCutoffs({ closedLeadsDays: 365, spamDays: 30 }, NOW);

    expect(await store.purgePersonalData({ ...cutoffs, now: NOW, dryRun: true })).toEqual({ closed: 1, spam: 1 });
    expect((await store.get(leads.oldBooked.id))?.fields).toEqual({ ...PERSONAL, ...KEPT });

    expect(await store.purgePersonalData({ ...cutoffs, now: NOW, dryRun: false })).toEqual({ closed: 1, spam: 1 });
    await compact(store);
    for (const purged of [leads.oldBooked, leads.oldSpam]) {
      const lead = await store.get(purged.id);
      expect(lead?.fields).toEqual(KEPT);
      expect(lead?.contentHash).toBe('');
    }
    for (const kept of [leads.recentLost, leads.oldButOpen, leads.newSpam]) expect((await store.get(kept.id))?.fields).toEqual({ ...PERSONAL, ...KEPT });
    const history = await store.getHistory(leads.oldBooked.id);
    expect(history?.events.map((e) => [e.kind, e.status, e.note])).toEqual([
      ['note', null, null],
      ['status', 'booked', null],
    ]);
    expect(funnel(await store.list())).toEqual(before);
    // Done once: the next run finds nothing more.
    expect(await store.purgePersonalData({ ...cutoffs, now: NOW, dryRun: false })).toEqual({ closed: 0, spam: 0 });
  });

  it('runs the daily purge once per day across servers: two at once → one purges, the other finds the day taken', async () => {
    const [first, second] = [await openStore(), await openStore()];
    const leads = await seed(first);
    const cutoffs = getPurgeCutoffs({ closedLeadsDays: 365, spamDays: 30 }, NOW);
    const day = { ...cutoffs, now: NOW, dryRun: false, period: '2026-12-01' };
    // A dry run counts only: it does not take the day.
    expect(await second.purgePersonalData({ ...day, dryRun: true })).toEqual({ closed: 1, spam: 1 });

    const results = await Promise.all([first.purgePersonalData(day), second.purgePersonalData(day)]);
    expect(results).toContainEqual({ closed: 1, spam: 1 });
    expect(results).toContainEqual({ closed: 0, spam: 0, alreadyRan: true });
    expect(await queryOther('SELECT job, period, result FROM job_runs')).toEqual([
      { job: PURGE_JOB, period: '2026-12-01', result: kind.name === 'SQLite' ? '{"closed":1,"spam":1}' : { closed: 1, spam: 1 } },
    ]);

    // Later that day, a lead becomes purgeable: the day's purge has run, so it waits for tomorrow.
    await first.setStatus(leads.oldButOpen.id, 'lost', { now: daysAgo(400) });
    expect(await second.purgePersonalData(day)).toEqual({ closed: 0, spam: 0, alreadyRan: true });
    expect((await first.get(leads.oldButOpen.id))?.fields).toEqual({ ...PERSONAL, ...KEPT });
    expect(await second.purgePersonalData({ ...day, period: '2026-12-02' })).toEqual({ closed: 1, spam: 0 });
    expect((await first.get(leads.oldButOpen.id))?.fields).toEqual(KEPT);
    // A person's purge (no period) always runs.
    expect(await first.purgePersonalData({ ...cutoffs, now: NOW, dryRun: false })).toEqual({ closed: 0, spam: 0 });
  });

  it('keeps everything without a policy', async () => {
    const store = await openStore();
    await seed(store);
    expect(await store.purgePersonalData({ ...getPurgeCutoffs({ closedLeadsDays: null, spamDays: null }, NOW), now: NOW, dryRun: false })).toEqual({ closed: 0, spam: 0 });
  });

  it('takes the content hash away from the duplicate window with the details', async () => {
    const store = await openStore();
    const spam = (await store.insert(buildNewLead({ contentHash: 'same', status: 'spam' }), { duplicateWindowMs: 0, now: daysAgo(40) })).lead;
    await store.purgePersonalData({ closedBefore: null, spamBefore: daysAgo(30), now: NOW, dryRun: false });
    const again = await store.insert(buildNewLead({ contentHash: 'same' }), { duplicateWindowMs: 100 * 86_400_000, now: NOW });
    expect(again.replayed).toBe(false);
    expect(again.lead.id).not.toBe(spam.id);
  });
});

describe('retention rules', () => {
  it('keeps only the fields that say what was asked for', () => {
    expect(getRetainedFields({ ...PERSONAL, ...KEPT, practice: 'Riverside Clinic', relationship: 'parent', organization: 'Acme' })).toEqual(KEPT);
  });
});
