import { describe, expect, it } from 'vitest';
import { formatLeadDetails, formatLeadTable, toPrintable } from '../../../../src/server/cli/lead-text.ts';
import type { StoredLead } from '../../../../src/lib/leads/store.ts';
import { buildNewLead } from '../support/leads.ts';

const lead: StoredLead = {
  ...buildNewLead({ flags: ['after-hours'], submissionKey: 'key-1' }),
  id: '01KJMMA2G00000000000000000',
  createdAt: '2026-03-01T12:00:00.000Z',
};

describe('formatLeadTable', () => {
  it('shows routing columns and no submitted fields', () => {
    const other: StoredLead = {
      ...lead,
      id: '01KJMMA2G10000000000000000',
      leadType: 'insurance',
      status: 'contacted',
      route: { ...lead.route, queue: 'billing', priority: 'urgent' },
    };
    const table = formatLeadTable([other, lead]);
    expect(table).toMatchInlineSnapshot(`
      "ID                          CREATED               TYPE       STATUS     QUEUE            PRIORITY
      01KJMMA2G10000000000000000  2026-03-01T12:00:00Z  insurance  contacted  billing          urgent
      01KJMMA2G00000000000000000  2026-03-01T12:00:00Z  patient    new        intake-portland  normal
      2 leads
      "
    `);
    for (const value of Object.values(lead.fields)) expect(table).not.toContain(value);
  });

  it('says so when there are no leads', () => {
    expect(formatLeadTable([])).toBe('No leads.\n');
  });

  it('counts one lead as one lead', () => {
    expect(formatLeadTable([lead]).endsWith('\n1 lead\n')).toBe(true);
  });
});

describe('formatLeadDetails', () => {
  it('shows everything about one lead', () => {
    expect(formatLeadDetails(lead)).toMatchInlineSnapshot(`
      "Lead 01KJMMA2G00000000000000000
        created         2026-03-01T12:00:00.000Z
        type            patient
        status          new
        queue           intake-portland
        priority        normal
        respond within  240 min
        matched rule    (default route)
        channel         Direct (rule unmatched-campaign)
        score           40
        flags           after-hours
        submission key  key-1
        content hash    hash-ada

      Submitted fields
        name     Ada Lovelace
        phone    +15035550142
        service  physical-therapy

      Attribution
        landingPage  /services/physical-therapy/
        utm_source   newsletter

      Fit
        inServiceArea      yes
        insuranceAccepted  unknown
      "
    `);
  });

  it('marks what a lead does not have, and lists several flags', () => {
    const details = (overrides: Partial<StoredLead>) => formatLeadDetails({ ...lead, ...overrides });
    expect(details({ flags: [], submissionKey: null })).toMatch(/\n {2}flags {11}\(none\)\n {2}submission key {2}\(none\)\n/);
    expect(details({ flags: ['after-hours', 'urgent-words'] })).toContain('\n  flags           after-hours, urgent-words\n');
    expect(details({ route: { ...lead.route, matchedRule: 'pediatrics-portland' } })).toContain('\n  matched rule    pediatrics-portland\n');
    expect(details({ fit: { inServiceArea: false } })).toContain('Fit\n  inServiceArea  no\n');
    expect(details({ channel: null })).toContain('\n  channel         not classified\n');
  });

  it('marks empty sections', () => {
    const bare = { ...lead, attribution: {}, fit: {} };
    expect(formatLeadDetails(bare)).toContain('Attribution\n  (none)\n\nFit\n  (none)\n');
  });
});

describe('toPrintable', () => {
  it.each([
    ['plain text', 'plain text'],
    ['\u001b[31mred', '\\u{1b}[31mred'],
    ['a\nb\tc', 'a\\u{a}b\\u{9}c'],
    ['\u009b2J', '\\u{9b}2J'],
    ['Zoë', 'Zoë'],
  ])('%j → %j', (value, expected) => {
    expect(toPrintable(value)).toBe(expected);
  });
});
