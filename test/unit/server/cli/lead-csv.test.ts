import { describe, expect, it } from 'vitest';
import { formatCsvCell } from '../../../../src/lib/csv.ts';
import { formatLeadsCsv } from '../../../../src/server/cli/lead-csv.ts';
import type { StoredLead } from '../../../../src/lib/leads/store.ts';
import { buildNewLead } from '../support/leads.ts';

const stored = (overrides: Partial<StoredLead>): StoredLead => ({
  ...buildNewLead(),
  id: '01KJMMA2G00000000000000000',
  createdAt: '2026-03-01T12:00:00.000Z',
  ...overrides,
});

describe('formatCsvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+15035550142', "'+15035550142"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['a=1', 'a=1'],
    [" '=1", " '=1"],
  ])('%j → %j', (value, expected) => {
    expect(formatCsvCell(value)).toBe(expected);
  });
});

describe('formatLeadsCsv', () => {
  it('writes a header of fixed and discovered columns, CRLF line ends and one row per lead', () => {
    const csv = formatLeadsCsv([
      stored({
        fields: { name: 'Ada, "Countess" Lovelace', phone: '+15035550142' },
        attribution: { utm_source: '=cmd|calc' },
        flags: ['after-hours', 'returning'],
        fit: { inServiceArea: true, insuranceAccepted: null },
        submissionKey: 'key-1',
      }),
      stored({
        id: '01KJMMA2G10000000000000000',
        leadType: 'referral',
        status: 'spam',
        fields: { clinic: 'Salem', name: 'Bo' },
        attribution: {},
        route: { queue: 'referrals', priority: 'high', responseTargetMinutes: 60, matchedRule: 'referral-fast' },
        score: -5,
        fit: { inServiceArea: false },
      }),
    ]);
    expect(csv.split('\r\n')).toMatchInlineSnapshot(`
      [
        "id,created_at,lead_type,status,route_queue,route_priority,route_response_target_minutes,route_matched_rule,score,flags,submission_key,field:name,field:phone,field:clinic,attribution:utm_source,fit:inServiceArea,fit:insuranceAccepted",
        "01KJMMA2G00000000000000000,2026-03-01T12:00:00.000Z,patient,new,intake-portland,normal,240,,40,after-hours returning,key-1,"Ada, ""Countess"" Lovelace",'+15035550142,,'=cmd|calc,yes,unknown",
        "01KJMMA2G10000000000000000,2026-03-01T12:00:00.000Z,referral,spam,referrals,high,60,referral-fast,'-5,,,Bo,,Salem,,no,",
        "",
      ]
    `);
  });

  it('writes only the header for no leads', () => {
    expect(formatLeadsCsv([])).toBe('id,created_at,lead_type,status,route_queue,route_priority,route_response_target_minutes,route_matched_rule,score,flags,submission_key\r\n');
  });
});
