import { describe, expect, it } from 'vitest';
import { buildFunnelReport, getFurthestStage, measureResponses, nearestRank, type FunnelData } from '@/lib/funnel/report.ts';
import { formatReportCsv } from '@/lib/funnel/report-csv.ts';
import { formatMinutes, formatShare, renderReportBody } from '@/lib/funnel/report-html.ts';
import { SMALL_GROUP, suppressSmallGroups } from '@/lib/funnel/suppress.ts';
import type { FunnelLead } from '@/lib/funnel/types.ts';

let serial = 0;
const lead = (overrides: Partial<FunnelLead> = {}): FunnelLead => ({
  id: `L${++serial}`,
  createdAt: '2026-11-03T17:00:00.000Z',
  leadType: 'patient',
  status: 'new',
  queue: 'central-scheduling',
  responseTargetMinutes: 60,
  service: 'primary-care',
  location: null,
  practice: null,
  landingPage: '/services/primary-care/',
  channel: { channel: 'organic-search', rule: 'search-engine-referrer' },
  attribution: {},
  firstContactedAt: null,
  steps: [],
  ...overrides,
});
const contactedAfter = (minutes: number, extra: Partial<FunnelLead> = {}) =>
  lead({ status: 'contacted', firstContactedAt: new Date(Date.parse('2026-11-03T17:00:00.000Z') + minutes * 60_000).toISOString(), ...extra });

const NOW = new Date('2026-12-02T18:00:00Z');
const data = (leads: FunnelLead[], range = { fromDay: '2026-11-01', toDay: '2026-11-30' }): FunnelData => ({ range, leads, views: [], searchConsole: [] });
const report = (current: FunnelLead[], previous: FunnelLead[] = []) =>
  buildFunnelReport({
    organization: { name: 'Test Health', timeZone: 'America/Los_Angeles' },
    current: data(current),
    previous: data(previous, { fromDay: '2026-10-02', toDay: '2026-10-31' }),
    classify: () => ({ channel: 'direct', rule: 'no-source' }),
    names: { services: new Map([['primary-care', 'Primary care']]), locations: new Map() },
    now: NOW,
  });

describe('getFurthestStage', () => {
  it.each([
    ['a new lead', lead(), 0],
    ['booked now', lead({ status: 'booked' }), 4],
    [
      'lost after it was scheduled',
      lead({
        status: 'lost',
        steps: [
          { at: 'x', status: 'contacted', reason: null },
          { at: 'y', status: 'scheduled', reason: null },
          { at: 'z', status: 'lost', reason: 'timing' },
        ],
      }),
      3,
    ],
    // Ruling a new lead not a fit sets its first contact time; it never reached "contacted".
    ['ruled not a fit while new', lead({ status: 'not-a-fit', firstContactedAt: '2026-11-03T17:05:00.000Z', steps: [{ at: 'x', status: 'not-a-fit', reason: 'duplicate' }] }), 0],
  ])('%s: stage %i', (_, value, stage) => expect(getFurthestStage(value)).toBe(stage));
});

describe('nearestRank', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9, 10],
  ])('%j at %f → %s', (values, p, expected) => expect(nearestRank(values, p)).toBe(expected));
});

describe('measureResponses', () => {
  it('times answered leads, and counts as overdue only new leads past their target', () => {
    const figures = measureResponses(
      [
        contactedAfter(10),
        contactedAfter(30),
        contactedAfter(90),
        lead(), // new and past target at NOW: overdue
        lead({ createdAt: '2026-12-02T17:30:00.000Z' }), // new, 30 minutes old: not yet due
        lead({ status: 'closed' }), // closed without contact: neither
      ],
      NOW,
    );
    expect(figures).toEqual({ leads: 6, answered: 3, medianMinutes: 30, p90Minutes: 90, withinTarget: 0.5, overdue: 1 });
  });
});

describe('buildFunnelReport', () => {
  it('leaves spam out of the leads and gives its share of everything that came in', () => {
    const built = report([lead(), lead(), lead({ status: 'spam' })], [lead()]);
    expect(built.totals.leads).toEqual({ current: 2, previous: 1 });
    expect(built.totals.spamShare).toEqual({ current: 0.3333, previous: 0 });
    expect(built.byService).toEqual([{ key: 'primary-care', label: 'Primary care', leads: { current: 2, previous: 1 }, booked: { current: 0, previous: 0 } }]);
  });

  it('classifies a lead stored without a channel with the rules of the day, and says how many', () => {
    const built = report([lead({ channel: null }), lead()]);
    expect(built.classifiedNow).toBe(1);
    expect(built.byChannel.map((row) => [row.key, row.leads.current])).toEqual([
      ['organic-search', 1],
      ['direct', 1],
    ]);
  });
});

describe('small groups', () => {
  it('shows 1 to 4 leads, and the rates made from them, as "fewer than 5"; 0 and 5 stay', () => {
    const leads = [...Array.from({ length: 5 }, () => contactedAfter(20)), lead({ status: 'booked', queue: 'urgent-care-desk' })];
    const view = suppressSmallGroups(report(leads));
    expect(view.totals.leads).toEqual({ current: 6, previous: 0 });
    expect(view.totals.booked).toEqual({ current: SMALL_GROUP, previous: 0 });
    const scheduling = view.responseTimes.find((row) => row.queue === 'central-scheduling');
    expect(scheduling).toMatchObject({ answered: 5, medianMinutes: 20, withinTarget: 1 });
    expect(view.responseTimes.find((row) => row.queue === 'urgent-care-desk')).toMatchObject({ leads: SMALL_GROUP, answered: 0, medianMinutes: null });
    expect(view.stages.find((row) => row.stage === 'booked')).toEqual({ stage: 'booked', reached: { current: SMALL_GROUP, previous: 0 }, conversion: { current: SMALL_GROUP, previous: null } });
    expect(view.smallGroupsSuppressed).toBe(true);
  });
});

describe('formats', () => {
  it.each([
    [0, '0 min'],
    [59.6, '1 h'],
    [125, '2 h 5 min'],
    [24 * 60 * 3 + 4 * 60, '3 d 4 h'],
    [null, '—'],
    [SMALL_GROUP, SMALL_GROUP],
  ] as const)('minutes %s → %s', (value, text) => expect(formatMinutes(value)).toBe(text));

  it('writes shares with one decimal', () => {
    expect(formatShare(0.0909)).toBe('9.1%');
    expect(formatShare(null)).toBe('—');
  });

  it('keeps a practice name a spreadsheet would run as a formula as text, in the CSV and the HTML', () => {
    const built = report([lead({ leadType: 'referral', practice: '=HYPERLINK("http://evil.example","Riverside, PC")' })]);
    expect(formatReportCsv(built)).toContain(`referral,"'=HYPERLINK(""http://evil.example"",""Riverside, PC"")"`);
    expect(renderReportBody(built)).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;Riverside, PC&quot;)');
  });
});
