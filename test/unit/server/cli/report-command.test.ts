import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FUNNEL_STAGES, type FunnelReport } from '../../../../src/lib/funnel/report.ts';
import { SMALL_GROUP } from '../../../../src/lib/funnel/suppress.ts';
import type { FunnelSettings } from '../../../../src/lib/funnel/funnel-settings.ts';
import { DEFAULT_CHANNEL_RULES } from '../../../../src/lib/funnel/channels.ts';
import { runLeadsCli } from '../../../../src/server/cli/leads-command.ts';
import {
  CHANNEL_PLAN,
  FIXTURE_NOW,
  FIXTURE_PAGES,
  FIXTURE_PREVIOUS,
  FIXTURE_RANGE,
  FIXTURE_TIME_ZONE,
  LEGACY_PAID_LEADS,
  PRACTICES,
  SPAM_PLAN,
  writeFunnelFixture,
  type FunnelFixture,
} from '../../../support/funnel-fixture.ts';
import { createTestDatabase, dropTestDatabase } from '../../../support/postgres.ts';
import { copyLeadDatabase } from '../support/funnel-stores.ts';
import { makeTempDir } from '../support/leads.ts';

const temp = makeTempDir('carepath-report-');
const db = join(temp.dir, 'leads.db');
const settingsFile = join(temp.dir, 'funnel-settings.json');
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

async function runReport(args: string[], store: Record<string, string> = { LEADS_DB: db }): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runLeadsCli(['report', ...args], {
    env: { ...store, FUNNEL_SETTINGS: settingsFile },
    now: () => FIXTURE_NOW,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

const RANGE_ARGS = ['--from', FIXTURE_RANGE.fromDay, '--to', FIXTURE_RANGE.toDay];

beforeAll(async () => {
  writeFileSync(settingsFile, JSON.stringify(SETTINGS));
  fixture = await writeFunnelFixture(db);
}, 60_000);
afterAll(() => temp.remove());

/** Nearest rank, written out here apart from the report's. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(p * sorted.length) - 1] as number;
}

describe('npm run leads -- report, over the seeded fixture', () => {
  let report: FunnelReport;
  beforeAll(async () => {
    const result = await runReport([...RANGE_ARGS, '--format', 'json', '--no-suppress-small']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    report = JSON.parse(result.stdout) as FunnelReport;
  });

  it('covers the range asked for and the one before it', () => {
    expect(report.range).toEqual(FIXTURE_RANGE);
    expect(report.previousRange).toEqual(FIXTURE_PREVIOUS);
    expect(report.timeZone).toBe(FIXTURE_TIME_ZONE);
  });

  it('counts leads, spam and booked visits exactly', () => {
    const { current, previous } = fixture.expected;
    expect(report.totals.leads).toEqual({ current: current.leads, previous: previous.leads });
    expect(current.leads).toBe(Object.values(CHANNEL_PLAN.current).reduce((a, b) => a + b, 0));
    expect(report.totals.spam).toEqual({ current: SPAM_PLAN.current, previous: SPAM_PLAN.previous });
    expect(report.totals.spamShare.current).toBeCloseTo(SPAM_PLAN.current / (SPAM_PLAN.current + current.leads), 4);
    expect(report.totals.booked).toEqual({ current: current.booked, previous: previous.booked });
    expect(report.totals.views).toEqual({ current: current.totalViews, previous: previous.totalViews });
  });

  it('counts leads and booked visits per channel, for both ranges', () => {
    for (const [channel, count] of Object.entries(CHANNEL_PLAN.current)) {
      const row = report.byChannel.find((r) => r.key === channel);
      expect(row, channel).toBeDefined();
      expect(row?.leads).toEqual({ current: count, previous: CHANNEL_PLAN.previous[channel as keyof typeof CHANNEL_PLAN.previous] });
      expect(row?.booked.current).toBe(fixture.expected.current.byChannel.get(channel as never)?.booked);
    }
    expect(report.classifiedNow).toBe(LEGACY_PAID_LEADS);
  });

  it('follows leads through the stages, with the conversion between each and the reasons they were lost', () => {
    const { reached } = fixture.expected.current;
    expect(report.stages.map((row) => row.stage)).toEqual([...FUNNEL_STAGES]);
    expect(report.stages.map((row) => row.reached.current)).toEqual(reached);
    expect(report.stages.map((row) => row.reached.previous)).toEqual(fixture.expected.previous.reached);
    report.stages.slice(1).forEach((row, i) => {
      expect(row.conversion.current).toBeCloseTo((reached[i + 1] as number) / (reached[i] as number), 4);
    });
    const losses = Object.fromEntries(report.losses.map((row) => [`${row.outcome}:${row.reason}`, row.count.current]));
    expect(losses).toEqual(Object.fromEntries(fixture.expected.current.losses));
    expect(report.losses.find((row) => row.reason === 'no-answer')?.label).toBe('Could not reach them');
  });

  it('measures response time per queue: median, 90th percentile, share within target, overdue', () => {
    const queues = [...fixture.expected.current.responses.keys()].sort();
    expect(report.responseTimes.map((row) => row.queue)).toEqual(queues);
    for (const row of report.responseTimes) {
      const planted = fixture.expected.current.responses.get(row.queue);
      if (!planted) throw new Error(row.queue);
      expect(row.leads).toBe(planted.leads);
      expect(row.answered).toBe(planted.minutes.length);
      expect(row.medianMinutes).toBe(percentile(planted.minutes, 0.5));
      expect(row.p90Minutes).toBe(percentile(planted.minutes, 0.9));
      expect(row.overdue).toBe(planted.unanswered);
      const within = planted.minutes.filter((m) => m <= planted.target).length;
      expect(row.withinTarget).toBeCloseTo(within / (planted.minutes.length + planted.unanswered), 4);
    }
  });

  it('joins Search Console clicks, views, leads and booked visits per landing page', () => {
    for (const path of FIXTURE_PAGES) {
      const row = report.pages.find((page) => page.path === path);
      const planted = fixture.expected.current.byPage.get(path) ?? { leads: 0, booked: 0 };
      const views = fixture.expected.current.views.get(path) as number;
      expect(row, path).toMatchObject({ leads: planted.leads, booked: planted.booked, views });
      expect(row?.conversion).toBeCloseTo(planted.leads / views, 4);
      const search = fixture.searchConsole.get(path);
      expect(row?.clicks ?? null).toBe(search?.clicks ?? null);
      expect(row?.impressions ?? null).toBe(search?.impressions ?? null);
    }
    // The import for September is not in November's report.
    expect(report.searchConsoleRanges).toEqual([FIXTURE_RANGE]);
    const kinds = Object.fromEntries(report.pageKinds.map((row) => [row.kind, row.leads]));
    expect(kinds['service']).toBe((fixture.expected.current.byPage.get(FIXTURE_PAGES[0])?.leads ?? 0) + (fixture.expected.current.byPage.get(FIXTURE_PAGES[1])?.leads ?? 0));
  });

  it('shows each referring practice with its referrals, qualified and booked', () => {
    expect(report.referrals.map((row) => row.practice).sort()).toEqual([...PRACTICES].sort());
    for (const row of report.referrals) expect(row).toEqual({ practice: row.practice, ...fixture.expected.current.referrals.get(row.practice) });
  });

  it('has a week-by-week trend covering every day of the range', () => {
    expect(report.weekly[0]?.weekStart).toBe('2026-10-26');
    expect(report.weekly.at(-1)?.weekStart).toBe('2026-11-30');
    for (const row of report.weekly) {
      expect({ leads: row.leads, booked: row.booked }).toEqual(fixture.expected.current.weeks.get(row.weekStart) ?? { leads: 0, booked: 0 });
    }
    expect(report.weekly.reduce((sum, row) => sum + (row.views ?? 0), 0)).toBe(fixture.expected.current.totalViews);
  });

  it('groups by service, location and lead type', () => {
    expect(report.byService.find((row) => row.key === 'orthopedics')?.leads.current).toBe(CHANNEL_PLAN.current['referral-partner']);
    expect(report.byService.find((row) => row.key === 'orthopedics')?.label).toBe('Orthopedics');
    expect(report.byLeadType.find((row) => row.key === 'referral')?.leads.current).toBe(CHANNEL_PLAN.current['referral-partner']);
    expect(report.byLocation.find((row) => row.key === 'downtown-salem')?.leads.current).toBe(fixture.expected.current.leads - CHANNEL_PLAN.current['referral-partner']);
  });
});

describe('what leaves the organization', () => {
  it('carries none of the planted personal details, in any format', async () => {
    for (const format of ['html', 'csv', 'json']) {
      const { code, stdout } = await runReport([...RANGE_ARGS, '--format', format, '--no-suppress-small']);
      expect(code).toBe(0);
      const leaked = fixture.planted.filter((value) => stdout.includes(value));
      expect(leaked, format).toEqual([]);
      expect(stdout).not.toMatch(/Quackenbush|phi-plant\.example|PLANTED/);
    }
  });

  it('shows groups of fewer than 5 leads as "fewer than 5" by default, and the rates made from them too', async () => {
    const { stdout } = await runReport([...RANGE_ARGS, '--format', 'json']);
    const report = JSON.parse(stdout) as Record<string, unknown> & { byChannel: { key: string; leads: { current: unknown } }[]; smallGroupsSuppressed: boolean };
    expect(report.smallGroupsSuppressed).toBe(true);
    expect(report.byChannel.find((row) => row.key === 'direct')?.leads.current).toBe(SMALL_GROUP);
    expect(report.byChannel.find((row) => row.key === 'organic-search')?.leads.current).toBe(CHANNEL_PLAN.current['organic-search']);
    const csv = (await runReport([...RANGE_ARGS, '--format', 'csv'])).stdout;
    expect(csv).toContain('channel,direct,Direct,leads,fewer than 5,5\r\n');
  });

  it('has an SVG chart and a table in every section of the HTML', async () => {
    const { stdout } = await runReport(RANGE_ARGS);
    const sections = stdout
      .split('<section class="report-section"')
      .slice(1)
      .filter((s) => !s.includes('id="how-counted"'));
    expect(sections.length).toBe(7);
    for (const section of sections) {
      expect(section).toMatch(/<svg[^>]* role="img"/);
      expect(section).toMatch(/<svg[^>]* aria-label="[^"]+: [^"]+\."/);
      expect(section).toContain('<table>');
      expect(section).not.toContain('<script');
    }
  });

  it('writes the file named by --out, in the format of its extension', async () => {
    const out = join(temp.dir, 'november.csv');
    const { code, stderr } = await runReport([...RANGE_ARGS, '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toContain('fewer than 5');
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe('section,group,label,measure,value,previous');
  });

  it.each([
    [['--from', '2026-11-31', '--to', '2026-12-01'], '--from takes a day written YYYY-MM-DD, got "2026-11-31"'],
    [['--from', '2026-11-02'], 'give both --from and --to'],
    [['--from', '2026-11-05', '--to', '2026-11-01'], 'is after --to'],
    [['--format', 'pdf'], '--format is one of html, csv, json'],
    [['--out', 'report.txt'], 'cannot tell the format from "report.txt"'],
  ])('refuses %j with the reason', async (args, message) => {
    const { code, stderr } = await runReport(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('npm run leads -- report, on PostgreSQL', () => {
  let url = '';
  beforeAll(async () => {
    url = await createTestDatabase(inject('postgresAdminUrl'), 'report');
    await copyLeadDatabase(db, url);
  }, 60_000);
  afterAll(() => dropTestDatabase(inject('postgresAdminUrl'), url));

  it.each([['json'], ['csv'], ['html']])('prints, as %s, the same report as from the SQLite file it was copied from', async (format) => {
    const fromFile = await runReport([...RANGE_ARGS, '--format', format]);
    const fromPostgres = await runReport([...RANGE_ARGS, '--format', format], { LEADS_DATABASE_URL: url });
    expect(fromPostgres.code).toBe(0);
    expect(fromPostgres.stdout.length).toBeGreaterThan(1000);
    expect(fromPostgres).toEqual(fromFile);
  });
});
