import { describe, expect, it } from 'vitest';
import { buildInbox, canSeeLead, formatInboxQuery, formatWaiting, parseInboxFilters, QUARANTINE_QUEUE } from '@/lib/intake/inbox.ts';
import type { StoredLead } from '@/lib/leads/store.ts';

const NOW = new Date('2026-12-01T16:00:00.000Z');
let serial = 0;
const lead = (queue: string, overrides: Partial<StoredLead> & { minutesAgo?: number; priority?: StoredLead['route']['priority']; target?: number } = {}): StoredLead => {
  const { minutesAgo = 10, priority = 'normal', target = 60, ...rest } = overrides;
  serial += 1;
  return {
    id: `01KBQ7ZR4X9E2M8N6T5V${String(serial).padStart(6, '0')}`,
    createdAt: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString(),
    leadType: 'patient',
    status: 'new',
    fields: {},
    attribution: {},
    channel: { channel: 'direct', rule: 'no-source' },
    route: { queue, priority, responseTargetMinutes: target, matchedRule: null },
    score: 50,
    flags: [],
    fit: {},
    submissionKey: null,
    contentHash: String(serial),
    ...rest,
  };
};
const desk = { admin: false, queues: ['urgent-care-desk', 'salem-scheduling'] };
const admin = { admin: true, queues: [] };

describe('canSeeLead', () => {
  it.each([
    ['a lead of their queue', desk, 'urgent-care-desk', true],
    ['a lead of another queue', desk, 'portland-scheduling', false],
    ['quarantined spam, as a queue user', { admin: false, queues: [QUARANTINE_QUEUE] }, QUARANTINE_QUEUE, false],
    ['any queue, as an admin', admin, 'portland-scheduling', true],
    ['quarantined spam, as an admin', admin, QUARANTINE_QUEUE, true],
  ])('%s: %s', (_, user, queue, expected) => {
    expect(canSeeLead(user, lead(queue))).toBe(expected);
  });
});

describe('parseInboxFilters', () => {
  it.each([
    ['', { queue: null, status: null, leadType: null, overdue: false, page: 1 }],
    ['queue=salem-scheduling&status=contacted&type=referral&overdue=1&page=3', { queue: 'salem-scheduling', status: 'contacted', leadType: 'referral', overdue: true, page: 3 }],
    ['queue=portland-scheduling', { queue: null, status: null, leadType: null, overdue: false, page: 1 }],
    ['status=deleted&type=robot&overdue=yes&page=-2', { queue: null, status: null, leadType: null, overdue: false, page: 1 }],
    ['page=2.5', { queue: null, status: null, leadType: null, overdue: false, page: 1 }],
  ])('"%s" → %j (what the user may not see, or nobody knows, is no filter)', (query, expected) => {
    expect(parseInboxFilters(new URLSearchParams(query), desk)).toEqual(expected);
  });

  it('lets an admin filter by any queue', () => {
    expect(parseInboxFilters(new URLSearchParams('queue=portland-scheduling'), admin).queue).toBe('portland-scheduling');
  });

  it('writes the filters back as a query, without empty ones', () => {
    const filters = parseInboxFilters(new URLSearchParams('queue=salem-scheduling&overdue=1&page=2'), desk);
    expect(formatInboxQuery(filters)).toBe('?queue=salem-scheduling&overdue=1&page=2');
    expect(formatInboxQuery(filters, { page: 1 })).toBe('?queue=salem-scheduling&overdue=1');
    expect(formatInboxQuery(parseInboxFilters(new URLSearchParams(''), desk))).toBe('');
  });
});

describe('buildInbox', () => {
  const none = parseInboxFilters(new URLSearchParams(''), desk);

  it('shows only the user’s queues, most urgent first and newest first within a priority', () => {
    const old = lead('urgent-care-desk', { minutesAgo: 50 });
    const fresh = lead('urgent-care-desk', { minutesAgo: 5 });
    const urgent = lead('salem-scheduling', { priority: 'urgent', minutesAgo: 30 });
    const other = lead('portland-scheduling', { priority: 'urgent' });
    const inbox = buildInbox([old, fresh, urgent, other], { user: desk, filters: none, now: NOW });
    expect(inbox.rows.map((row) => row.lead.id)).toEqual([urgent.id, fresh.id, old.id]);
    expect(inbox).toMatchObject({ total: 3, page: 1, pages: 1, queues: ['salem-scheduling', 'urgent-care-desk'] });
  });

  it('marks a new lead past its due time overdue, and not one that was contacted', () => {
    const late = lead('urgent-care-desk', { minutesAgo: 61, target: 60 });
    const onTime = lead('urgent-care-desk', { minutesAgo: 59, target: 60 });
    const contacted = lead('urgent-care-desk', { minutesAgo: 120, target: 60, status: 'contacted' });
    const rows = buildInbox([late, onTime, contacted], { user: desk, filters: none, now: NOW }).rows;
    expect(rows.map((row) => [row.lead.id, row.overdue, row.waitingMinutes])).toEqual([
      [onTime.id, false, 59],
      [late.id, true, 61],
      [contacted.id, false, 120],
    ]);
    expect(rows[1]?.dueAt.toISOString()).toBe('2026-12-01T15:59:00.000Z');
    const overdueOnly = buildInbox([late, onTime, contacted], { user: desk, filters: { ...none, overdue: true }, now: NOW });
    expect(overdueOnly.rows.map((row) => row.lead.id)).toEqual([late.id]);
  });

  it('filters by queue, status and type, and pages', () => {
    const leads = Array.from({ length: 7 }, (_, i) => lead(i % 2 === 0 ? 'urgent-care-desk' : 'salem-scheduling', { minutesAgo: i + 1, leadType: i === 0 ? 'referral' : 'patient' }));
    const page2 = buildInbox(leads, { user: desk, filters: { ...none, page: 2 }, now: NOW, pageSize: 3 });
    expect(page2).toMatchObject({ total: 7, page: 2, pages: 3 });
    expect(page2.rows.map((row) => row.lead.id)).toEqual([leads[3]?.id, leads[4]?.id, leads[5]?.id]);
    expect(buildInbox(leads, { user: desk, filters: { ...none, page: 9 }, now: NOW, pageSize: 3 }).page).toBe(3);
    expect(buildInbox(leads, { user: desk, filters: { ...none, queue: 'salem-scheduling' }, now: NOW }).total).toBe(3);
    expect(buildInbox(leads, { user: desk, filters: { ...none, leadType: 'referral' }, now: NOW }).rows.map((row) => row.lead.id)).toEqual([leads[0]?.id]);
    expect(buildInbox(leads, { user: desk, filters: { ...none, status: 'booked' }, now: NOW }).total).toBe(0);
  });

  it('gives an admin every queue that has leads, quarantine included', () => {
    const inbox = buildInbox([lead('portland-scheduling'), lead(QUARANTINE_QUEUE, { status: 'spam' })], { user: admin, filters: none, now: NOW });
    expect(inbox.queues).toEqual(['portland-scheduling', QUARANTINE_QUEUE]);
    expect(inbox.total).toBe(2);
  });
});

describe('formatWaiting', () => {
  it.each([
    [0, '0 min'],
    [59, '59 min'],
    [60, '1 h'],
    [125, '2 h 5 min'],
    [1440, '1 d'],
    [1440 * 3 + 240, '3 d 4 h'],
  ])('%i minutes → %s', (minutes, text) => expect(formatWaiting(minutes)).toBe(text));
});
