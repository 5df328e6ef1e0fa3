import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_RULES } from '@/lib/funnel/channels.ts';
import { getPreviousRange, getRangeBounds } from '@/lib/funnel/days.ts';
import { getFunnelNames, getLegacyClassifier, type FunnelSettings } from '@/lib/funnel/funnel-settings.ts';
import { loadFunnelReport } from '@/lib/funnel/load-report.ts';
import { formatReport, REPORT_FORMATS } from '@/lib/funnel/report-file.ts';
import { suppressSmallGroups } from '@/lib/funnel/suppress.ts';
import type { DayRange, FunnelSource } from '@/lib/funnel/types.ts';
import { CHANNEL_PLAN, FIXTURE_NOW, FIXTURE_PAGES, FIXTURE_RANGE, FIXTURE_TIME_ZONE, SPAM_PLAN, writeFunnelFixture, type FunnelFixture } from '../../support/funnel-fixture.ts';
import { FUNNEL_STORE_KINDS } from './support/funnel-stores.ts';
import { makeTempDir } from './support/leads.ts';

const temp = makeTempDir('carepath-funnel-store-');
const fixturePath = join(temp.dir, 'leads.db');
let fixture: FunnelFixture;

const SETTINGS: FunnelSettings = {
  organization: { name: 'Fixture Health', timeZone: FIXTURE_TIME_ZONE },
  services: [
    { id: 'primary-care', name: 'Primary care' },
    { id: 'urgent-care', name: 'Urgent care' },
    { id: 'orthopedics', name: 'Orthopedics' },
  ],
  locations: [{ id: 'downtown-salem', name: 'Downtown Salem' }],
  channelRules: [...DEFAULT_CHANNEL_RULES],
  siteOrigins: ['https://fixture-health.example'],
};

beforeAll(async () => {
  fixture = await writeFunnelFixture(fixturePath);
}, 60_000);
afterAll(() => temp.remove());

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

describe.each(FUNNEL_STORE_KINDS)('the funnel store on $name, over the seeded fixture', (kind) => {
  let store: FunnelSource & { close(): Promise<void> };
  beforeAll(async () => {
    store = await kind.openOn(fixturePath);
  }, 30_000);
  afterAll(() => store.close());

  it('lists the range’s leads, spam included, oldest first, with their status steps', async () => {
    const leads = await store.listFunnelLeads(getRangeBounds(FIXTURE_RANGE, FIXTURE_TIME_ZONE));
    expect(leads).toHaveLength(sum(Object.values(CHANNEL_PLAN.current)) + SPAM_PLAN.current);
    expect(leads.filter((lead) => lead.status === 'spam')).toHaveLength(SPAM_PLAN.current);
    expect(leads.filter((lead) => lead.status === 'booked')).toHaveLength(fixture.expected.current.booked);
    const created = leads.map((lead) => lead.createdAt);
    expect(created).toEqual([...created].sort());
    const booked = leads.find((lead) => lead.status === 'booked');
    expect(booked?.steps.map((step) => step.status)).toEqual(['contacted', 'qualified', 'scheduled', 'booked']);
    expect(booked?.firstContactedAt).toBe(booked?.steps[0]?.at);
    expect(leads.filter((lead) => lead.leadType === 'referral').map((lead) => lead.practice)).not.toContain(null);
    expect(leads.filter((lead) => lead.leadType === 'patient' && lead.status !== 'spam').every((lead) => lead.practice === null && lead.location === 'downtown-salem')).toBe(true);
  });

  it('gives none of the person’s details: no name, phone, email, message or note', async () => {
    const leads = await store.listFunnelLeads(getRangeBounds({ fromDay: '2026-10-01', toDay: '2026-11-30' }, FIXTURE_TIME_ZONE));
    const text = JSON.stringify(leads);
    expect(fixture.planted.filter((value) => text.includes(value))).toEqual([]);
  });

  it('lists the page views of the range, by day, page and source', async () => {
    const views = await store.listPageViews(FIXTURE_RANGE);
    expect(sum(views.map((row) => row.views))).toBe(fixture.expected.current.totalViews);
    expect(views.filter((row) => row.source === 'import').map((row) => row.path)).toEqual(Array(30).fill(FIXTURE_PAGES[0]));
    expect(views[0]).toMatchObject({ day: FIXTURE_RANGE.fromDay });
    expect(views.at(-1)).toMatchObject({ day: FIXTURE_RANGE.toDay });
  });

  it('lists the Search Console imports whose dates lie inside the range, and no other', async () => {
    const pages = await store.listSearchConsolePages(FIXTURE_RANGE);
    expect(pages.map((page) => page.path).sort()).toEqual(FIXTURE_PAGES.slice(0, 4).toSorted());
    for (const page of pages) {
      const planted = fixture.searchConsole.get(page.path);
      expect(page).toEqual({
        fromDay: FIXTURE_RANGE.fromDay,
        toDay: FIXTURE_RANGE.toDay,
        path: page.path,
        clicks: planted?.clicks,
        impressions: planted?.impressions,
        ctr: (planted?.clicks ?? 0) / (planted?.impressions ?? 1),
        position: planted?.position,
      });
    }
    expect(await store.listSearchConsolePages({ fromDay: '2026-09-01', toDay: '2026-09-30' })).toHaveLength(1);
    expect(await store.listSearchConsolePages({ fromDay: '2026-09-02', toDay: '2026-11-30' })).toHaveLength(4);
  });
});

describe('SQLite and PostgreSQL over the same fixture', () => {
  const stores: (FunnelSource & { close(): Promise<void> })[] = [];
  beforeAll(async () => {
    for (const kind of FUNNEL_STORE_KINDS) stores.push(await kind.openOn(fixturePath));
  }, 30_000);
  afterAll(async () => {
    for (const store of stores) await store.close();
  });
  const [sqlite, postgres] = [() => stores[0] as FunnelSource, () => stores[1] as FunnelSource];
  const ranges: DayRange[] = [FIXTURE_RANGE, getPreviousRange(FIXTURE_RANGE), { fromDay: '2026-11-07', toDay: '2026-11-07' }];

  it.each(ranges)('read the same leads, views and Search Console pages ($fromDay to $toDay)', async (range) => {
    const bounds = getRangeBounds(range, FIXTURE_TIME_ZONE);
    expect(await postgres().listFunnelLeads(bounds)).toEqual(await sqlite().listFunnelLeads(bounds));
    expect(await postgres().listPageViews(range)).toEqual(await sqlite().listPageViews(range));
    expect(await postgres().listSearchConsolePages(range)).toEqual(await sqlite().listSearchConsolePages(range));
  });

  it('give the same funnel report, in every format', async () => {
    const load = (source: FunnelSource) =>
      loadFunnelReport({ source, range: FIXTURE_RANGE, organization: SETTINGS.organization, names: getFunnelNames(SETTINGS), classify: getLegacyClassifier(SETTINGS), now: FIXTURE_NOW });
    const [fromSqlite, fromPostgres] = [await load(sqlite()), await load(postgres())];
    expect(fromSqlite.totals.leads.current).toBe(fixture.expected.current.leads);
    expect(fromPostgres).toEqual(fromSqlite);
    for (const format of REPORT_FORMATS) {
      expect(formatReport(fromPostgres, format)).toBe(formatReport(fromSqlite, format));
      expect(formatReport(suppressSmallGroups(fromPostgres), format)).toBe(formatReport(suppressSmallGroups(fromSqlite), format));
    }
  });
});
