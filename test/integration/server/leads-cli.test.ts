import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredLead } from '../../../src/lib/leads/store.ts';
import { SqliteLeadStore } from '../../../src/server/sqlite-lead-store.ts';
import { buildNewLead, makeTempDir } from '../../unit/server/support/leads.ts';
import { REPO_ROOT, runLeadsCli } from './support/processes.ts';

let temp: ReturnType<typeof makeTempDir>;
let path: string;
// The app's store stays open while the CLI reads, as in production.
let store: SqliteLeadStore;
let ada: StoredLead;
let bo: StoredLead;

beforeAll(async () => {
  temp = makeTempDir();
  path = join(temp.dir, 'leads.db');
  store = SqliteLeadStore.open({ path });
  const options = { duplicateWindowMs: 0, now: new Date('2026-03-01T12:00:00.000Z') };
  ada = (
    await store.insert(
      buildNewLead({
        fields: { name: 'Ada, "the Countess"', phone: '+15035550142', note: '=HYPERLINK("http://evil")' },
        submissionKey: 'key-ada',
      }),
      options,
    )
  ).lead;
  bo = (
    await store.insert(
      buildNewLead({
        leadType: 'referral',
        status: 'spam',
        fields: { name: 'Bo Referrer', phone: '+15035550199' },
        route: { queue: 'referrals', priority: 'high', responseTargetMinutes: 60, matchedRule: 'referral' },
        contentHash: 'hash-bo',
      }),
      { ...options, now: new Date('2026-03-01T12:05:00.000Z') },
    )
  ).lead;
});

afterAll(async () => {
  await store.close();
  temp.remove();
});

describe('leads list', () => {
  it('--json prints every lead in full, newest first', () => {
    const result = runLeadsCli(['list', '--json'], path);
    expect(result.status, result.stderr).toBe(0);
    const leads = JSON.parse(result.stdout) as StoredLead[];
    expect(leads).toEqual([bo, ada]);
    for (const lead of leads) {
      expect(lead).toMatchObject({
        id: expect.any(String),
        leadType: expect.any(String),
        status: expect.any(String),
        createdAt: expect.any(String),
        route: { queue: expect.any(String), priority: expect.any(String) },
        fields: expect.any(Object),
      });
    }
  });

  it('--json --status filters', () => {
    const result = runLeadsCli(['list', '--json', '--status', 'spam'], path);
    expect(JSON.parse(result.stdout)).toEqual([bo]);
  });

  it('prints a table without personal data', () => {
    const result = runLeadsCli(['list'], path);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(ada.id);
    expect(result.stdout).toMatch(new RegExp(`${bo.id}\\s+2026-03-01T12:05:00Z\\s+referral\\s+spam\\s+referrals\\s+high`));
    for (const value of [...Object.values(ada.fields), ...Object.values(bo.fields)]) {
      expect(result.stdout).not.toContain(value);
    }
  });

  it('runs as `npm run leads`', () => {
    const result = spawnSync('npm', ['run', '--silent', 'leads', '--', 'list', '--json'], {
      cwd: REPO_ROOT,
      env: { ...process.env, LEADS_DB: path },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as StoredLead[]).map((lead) => lead.id)).toEqual([bo.id, ada.id]);
  });
});

describe('leads show', () => {
  it('prints one lead with its submitted fields', () => {
    const result = runLeadsCli(['show', ada.id], path);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Lead ${ada.id}`);
    expect(result.stdout).toContain('Ada, "the Countess"');
    expect(result.stdout).toContain('+15035550142');
  });

  it('--json prints the stored lead', () => {
    expect(JSON.parse(runLeadsCli(['show', bo.id, '--json'], path).stdout)).toEqual(bo);
  });

  it('fails with exit code 1 for an unknown id', () => {
    const result = runLeadsCli(['show', '01KJMMA2G00000000000000000'], path);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('leads: no lead with id 01KJMMA2G00000000000000000\n');
  });
});

describe('leads export --csv', () => {
  it('quotes per RFC 4180 and neutralizes formulas', () => {
    const result = runLeadsCli(['export', '--csv'], path);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'id,created_at,lead_type,status,route_queue,route_priority,route_response_target_minutes,' +
        'route_matched_rule,score,flags,submission_key,field:name,field:phone,field:note,' +
        'attribution:landingPage,attribution:utm_source,fit:inServiceArea,fit:insuranceAccepted',
    );
    expect(lines[2]).toBe(
      `${ada.id},2026-03-01T12:00:00.000Z,patient,new,intake-portland,normal,240,,40,,key-ada,` +
        `"Ada, ""the Countess""",'+15035550142,"'=HYPERLINK(""http://evil"")",` +
        '/services/physical-therapy/,newsletter,yes,unknown',
    );
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });
});

describe('errors', () => {
  it.each([
    [[], /missing command/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['export'], /export needs a format: --csv/],
    [['list', '--status', 'deleted'], /unknown status "deleted"/],
    [['list', '--limit', 'ten'], /--limit needs a whole number/],
    [['show'], /show takes one lead id/],
    [['show', 'a', '--csv'], /show takes no --csv/],
    [['list', '--verbose'], /Unknown option '--verbose'/],
  ])('%j is a usage error (exit 2)', (args, message) => {
    const result = runLeadsCli(args, path);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage: npm run leads');
  });

  it('says where it looked when there is no database (exit 1)', () => {
    const missing = join(temp.dir, 'nope', 'leads.db');
    const result = runLeadsCli(['list'], missing);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`leads: no lead database at ${missing}`);
  });

  it('rejects a file that is not a lead database (exit 1)', () => {
    const bogus = join(temp.dir, 'bogus.db');
    writeFileSync(bogus, 'not a database, just text that is long enough to look like a header');
    const result = runLeadsCli(['list'], bogus);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`leads: cannot open SQLite file ${bogus}`);
  });

  it('--help prints usage (exit 0)', () => {
    const result = runLeadsCli(['--help'], path);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('export --csv');
  });
});
