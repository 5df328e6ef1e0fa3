import { describe, expect, it } from 'vitest';
import { countPageOutcomes, readPageOutcomesFromReport } from '@/lib/funnel/page-outcomes.ts';
import type { FunnelLead } from '@/lib/funnel/types.ts';

const lead = (landingPage: string | null, status: FunnelLead['status']): FunnelLead => ({
  id: `L${Math.random()}`,
  createdAt: '2026-11-03T17:00:00.000Z',
  leadType: 'patient',
  status,
  queue: 'central-scheduling',
  responseTargetMinutes: 60,
  service: 'primary-care',
  location: null,
  practice: null,
  landingPage,
  channel: null,
  attribution: {},
  firstContactedAt: null,
  steps: [],
});

describe('countPageOutcomes', () => {
  it('counts leads and booked visits per landing page, leaving out spam and leads with no landing page', () => {
    const outcomes = countPageOutcomes([lead('/a/', 'new'), lead('/a/', 'booked'), lead('/a/', 'spam'), lead('/b/', 'booked'), lead(null, 'booked'), lead('/b/', 'lost')], {
      fromDay: '2026-09-03',
      toDay: '2026-12-01',
      source: 'LEADS_DB',
    });
    expect(outcomes).toEqual({ fromDay: '2026-09-03', toDay: '2026-12-01', source: 'LEADS_DB', pages: { '/a/': { leads: 2, booked: 1 }, '/b/': { leads: 2, booked: 1 } } });
  });
});

describe('readPageOutcomesFromReport', () => {
  it("reads a funnel report's landing pages, suppressed counts included, and skips the row for leads with none", () => {
    const json = {
      range: { fromDay: '2026-11-01', toDay: '2026-11-30' },
      byLandingPage: [
        { key: '/a/', leads: { current: 12, previous: 3 }, booked: { current: 'fewer than 5', previous: 0 } },
        { key: '(not known)', leads: { current: 4, previous: 0 }, booked: { current: 0, previous: 0 } },
      ],
    };
    expect(readPageOutcomesFromReport(json, 'november.json')).toEqual({ fromDay: '2026-11-01', toDay: '2026-11-30', source: 'november.json', pages: { '/a/': { leads: 12, booked: 'fewer than 5' } } });
  });

  it.each([null, {}, { range: { fromDay: '2026-11-01' }, byLandingPage: [] }, { range: { fromDay: '2026-11-01', toDay: '2026-11-30' } }])('refuses %j, saying how to make one', (json) => {
    expect(() => readPageOutcomesFromReport(json, 'x.json')).toThrow("x.json is not a funnel report's JSON (make one with `npm run leads -- report --format json --out <file>`).");
  });
});
