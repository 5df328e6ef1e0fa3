/**
 * What the intake inbox shows, as pure functions of the stored leads, the signed-in user and the
 * clock: which leads they may see, the filters from the page's query, the order, the pages, and
 * each lead's waiting time, due time and whether it is overdue.
 */
import { getDueAt } from '../leads/delivery.ts';
import { LEAD_TYPES, PRIORITIES, type LeadType } from '../leads/kinds.ts';
import { LEAD_STATUSES, type LeadStatus, type StoredLead } from '../leads/store.ts';
import type { IntakeUser } from './store.ts';

/** Where the spam checks put what they catch; only admins see it. */
export const QUARANTINE_QUEUE = 'spam-quarantine';

/** Leads per page of the inbox. */
export const INBOX_PAGE_SIZE = 25;

/** Whether a user may see (and work) a lead: their queues; an admin every queue. */
export function canSeeLead(user: Pick<IntakeUser, 'admin' | 'queues'>, lead: Pick<StoredLead, 'route'>): boolean {
  return user.admin || (lead.route.queue !== QUARANTINE_QUEUE && user.queues.includes(lead.route.queue));
}

export interface InboxFilters {
  queue: string | null;
  status: LeadStatus | null;
  leadType: LeadType | null;
  overdue: boolean;
  page: number;
}

/**
 * The filters from the inbox's query string. Anything unknown is ignored rather than refused: a
 * stale bookmark still opens the inbox. A queue the user may not see is no filter at all.
 */
export function parseInboxFilters(query: URLSearchParams, user: Pick<IntakeUser, 'admin' | 'queues'>): InboxFilters {
  const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | null => ((allowed as readonly string[]).includes(value ?? '') ? (value as T) : null);
  const queue = query.get('queue');
  const page = Number(query.get('page') ?? '1');
  return {
    queue: queue !== null && (user.admin || user.queues.includes(queue)) ? queue : null,
    status: pick(query.get('status'), LEAD_STATUSES),
    leadType: pick(query.get('type'), LEAD_TYPES),
    overdue: query.get('overdue') === '1',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The query string for these filters (and a page), for links; empty values left out. */
export function formatInboxQuery(filters: InboxFilters, overrides: Partial<InboxFilters> = {}): string {
  const f = { ...filters, ...overrides };
  const query = new URLSearchParams();
  if (f.queue) query.set('queue', f.queue);
  if (f.status) query.set('status', f.status);
  if (f.leadType) query.set('type', f.leadType);
  if (f.overdue) query.set('overdue', '1');
  if (f.page > 1) query.set('page', String(f.page));
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/** Statuses in which nobody has answered the person yet: their leads can be overdue. */
const AWAITING_CONTACT: readonly LeadStatus[] = ['new'];

export interface InboxRow {
  lead: StoredLead;
  dueAt: Date;
  /** Minutes since the lead came in. */
  waitingMinutes: number;
  overdue: boolean;
}

/** Every lead the user may see that matches the filters (no paging), in the inbox's order: what an export writes. */
export function selectInboxLeads(leads: readonly StoredLead[], options: { user: Pick<IntakeUser, 'admin' | 'queues'>; filters: InboxFilters; now: Date }): StoredLead[] {
  return buildInbox(leads, { ...options, filters: { ...options.filters, page: 1 }, pageSize: Number.MAX_SAFE_INTEGER }).rows.map((row) => row.lead);
}

export interface Inbox {
  rows: InboxRow[];
  /** Leads that match the filters, on every page. */
  total: number;
  page: number;
  pages: number;
  /** The queues the user can filter by. */
  queues: string[];
}

/**
 * The inbox page: the leads the user may see that match the filters, most urgent priority first
 * and newest first within a priority, a page of them.
 */
export function buildInbox(leads: readonly StoredLead[], options: { user: Pick<IntakeUser, 'admin' | 'queues'>; filters: InboxFilters; now: Date; pageSize?: number }): Inbox {
  const { user, filters, now } = options;
  const pageSize = options.pageSize ?? INBOX_PAGE_SIZE;
  const visible = leads.filter((lead) => canSeeLead(user, lead));
  const rows = visible
    .filter((lead) => filters.queue === null || lead.route.queue === filters.queue)
    .filter((lead) => filters.status === null || lead.status === filters.status)
    .filter((lead) => filters.leadType === null || lead.leadType === filters.leadType)
    .map((lead) => toRow(lead, now))
    .filter((row) => !filters.overdue || row.overdue)
    .sort((a, b) => PRIORITIES.indexOf(a.lead.route.priority) - PRIORITIES.indexOf(b.lead.route.priority) || compareNewestFirst(a.lead, b.lead));
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const page = Math.min(filters.page, pages);
  const queues = user.admin ? [...new Set(visible.map((lead) => lead.route.queue))].sort() : [...user.queues].sort();
  return { rows: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pages, queues };
}

function compareNewestFirst(a: StoredLead, b: StoredLead): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : -1;
}

function toRow(lead: StoredLead, now: Date): InboxRow {
  const dueAt = getDueAt(lead);
  return {
    lead,
    dueAt,
    waitingMinutes: Math.max(0, Math.floor((now.getTime() - new Date(lead.createdAt).getTime()) / 60_000)),
    overdue: AWAITING_CONTACT.includes(lead.status) && now.getTime() > dueAt.getTime(),
  };
}

/** "3 min", "2 h 5 min", "3 d 4 h": how long a lead has waited, for people. */
export function formatWaiting(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
