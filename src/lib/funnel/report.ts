/**
 * The funnel report: for a range of days, compared with the range before it, where leads came
 * from, how far they got, how fast they were answered, and which pages turned visits and searches
 * into booked patients. Counts, rates and ids only: nothing about any person. Pure: the data comes
 * in (types.ts `FunnelSource` reads it), the report goes out as plain JSON-ready data.
 */
import { LOST_REASONS, NOT_A_FIT_REASONS } from '../intake/lifecycle.ts';
import { LEAD_TYPE_LABELS } from '../leads/schema.ts';
import type { LeadStatus } from '../leads/store.ts';
import { getPageKind, type PageKind } from '../page-kinds.ts';
import { addDays, countDays, getLocalDay, getWeekStart } from './days.ts';
import { CHANNEL_LABELS, CHANNELS, type ChannelMatch, type DayRange, type FunnelLead, type PageViewCount, type SearchConsolePage } from './types.ts';

/** What one range holds. */
export interface FunnelData {
  range: DayRange;
  leads: readonly FunnelLead[];
  views: readonly PageViewCount[];
  searchConsole: readonly SearchConsolePage[];
}

export interface FunnelReportOptions {
  organization: { name: string; timeZone: string };
  current: FunnelData;
  previous: FunnelData;
  /** The channel of a lead stored before channels were kept (the content's rules, today). */
  classify: (lead: FunnelLead) => ChannelMatch;
  /** Names for service and location ids; an id without one is shown as itself. */
  names: { services: ReadonlyMap<string, string>; locations: ReadonlyMap<string, string> };
  now: Date;
}

/** A figure for the range and for the one before it. */
export interface Compared {
  current: number;
  previous: number;
}

/** One group of leads (a channel, a page, a service…). */
export interface LeadGroup {
  key: string;
  label: string;
  leads: Compared;
  booked: Compared;
}

/** The path from a new lead to a booked visit, in order. */
export const FUNNEL_STAGES = ['new', 'contacted', 'qualified', 'scheduled', 'booked'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface StageRow {
  stage: FunnelStage;
  /** Leads that got at least this far. */
  reached: Compared;
  /** Of those that reached the stage before, the share that reached this one (null for the first, or none before). */
  conversion: { current: number | null; previous: number | null };
}

export interface LossRow {
  outcome: 'lost' | 'not-a-fit';
  reason: string;
  label: string;
  /** The furthest stage these leads had reached. */
  count: Compared;
}

export interface PageRow {
  path: string;
  kind: PageKind;
  /** Search Console, for the imports inside the range; null without one. */
  impressions: number | null;
  clicks: number | null;
  /** Impression-weighted average position. */
  position: number | null;
  /** Null when no view of the page is known (counting off, or no import). */
  views: number | null;
  leads: number;
  booked: number;
  /** Leads per view; null without views. */
  conversion: number | null;
  /** Leads per Search Console click; null without clicks. */
  leadsPerClick: number | null;
}

export interface PageKindRow {
  kind: PageKind;
  views: number | null;
  leads: number;
  booked: number;
  conversion: number | null;
}

export interface ResponseRow {
  queue: string;
  leads: number;
  /** Leads someone answered: the first step taken on them (contacted, or ruled not a fit). */
  answered: number;
  /** Minutes from the lead to its first contact (nearest-rank percentiles); null when none was answered. */
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Of the leads answered or overdue, the share answered within the queue's target; null when none. */
  withinTarget: number | null;
  /** Not answered and past the target now (closed without contact not counted). */
  overdue: number;
  /** The same three for the range before. */
  previous: { answered: number; medianMinutes: number | null; withinTarget: number | null; overdue: number };
}

export interface ReferralRow {
  practice: string;
  leads: number;
  qualified: number;
  booked: number;
}

export interface WeekRow {
  /** The Monday the week starts on (the range may begin or end mid-week). */
  weekStart: string;
  leads: number;
  booked: number;
  /** Null when no view is known for the range. */
  views: number | null;
}

export interface FunnelReport {
  organization: string;
  timeZone: string;
  range: DayRange;
  previousRange: DayRange;
  generatedAt: string;
  totals: { leads: Compared; spam: Compared; spamShare: { current: number | null; previous: number | null }; booked: Compared; views: { current: number | null; previous: number | null } };
  byChannel: LeadGroup[];
  byPageKind: LeadGroup[];
  byLandingPage: LeadGroup[];
  byService: LeadGroup[];
  byLocation: LeadGroup[];
  byLeadType: LeadGroup[];
  stages: StageRow[];
  losses: LossRow[];
  pages: PageRow[];
  pageKinds: PageKindRow[];
  responseTimes: ResponseRow[];
  referrals: ReferralRow[];
  weekly: WeekRow[];
  /** Search Console imports used: their date ranges. */
  searchConsoleRanges: DayRange[];
  /** Leads classified with today's rules because they were stored before channels were kept. */
  classifiedNow: number;
  /** Whether groups of fewer than 5 leads are hidden (suppress.ts). */
  smallGroupsSuppressed: boolean;
}

const STAGE_INDEX: Partial<Record<LeadStatus, number>> = { new: 0, contacted: 1, qualified: 2, scheduled: 3, booked: 4 };
const UNKNOWN = '(not known)';

/** Builds the report for `current`, compared with `previous` (usually getPreviousRange of it). */
export function buildFunnelReport(options: FunnelReportOptions): FunnelReport {
  const { current, previous, names } = options;
  const cur = prepare(current, options);
  const prev = prepare(previous, options);
  const serviceName = (id: string) => names.services.get(id) ?? id;
  const locationName = (id: string) => names.locations.get(id) ?? id;

  const group = (keyOf: (lead: PreparedLead) => string | null, labelOf: (key: string) => string, order?: readonly string[]) =>
    groupLeads({ current: cur.leads, previous: prev.leads, keyOf: (lead) => keyOf(lead) ?? UNKNOWN, labelOf: (key) => (key === UNKNOWN ? 'Not known' : labelOf(key)), order });

  const currentViews = sumViews(current.views);
  const previousViews = sumViews(previous.views);
  return {
    organization: options.organization.name,
    timeZone: options.organization.timeZone,
    range: current.range,
    previousRange: previous.range,
    generatedAt: options.now.toISOString(),
    totals: {
      leads: { current: cur.leads.length, previous: prev.leads.length },
      spam: { current: cur.spam, previous: prev.spam },
      spamShare: { current: share(cur.spam, cur.spam + cur.leads.length), previous: share(prev.spam, prev.spam + prev.leads.length) },
      booked: { current: countBooked(cur.leads), previous: countBooked(prev.leads) },
      views: { current: currentViews, previous: previousViews },
    },
    byChannel: group(
      (lead) => lead.match.channel,
      (key) => CHANNEL_LABELS[key as keyof typeof CHANNEL_LABELS] ?? key,
      CHANNELS,
    ),
    byPageKind: group((lead) => (lead.landingPage === null ? null : getPageKind(lead.landingPage)), formatPageKind),
    byLandingPage: group(
      (lead) => lead.landingPage,
      (key) => key,
    ),
    byService: group((lead) => lead.service, serviceName),
    byLocation: group((lead) => lead.location, locationName),
    byLeadType: group(
      (lead) => lead.leadType,
      (key) => LEAD_TYPE_LABELS[key as keyof typeof LEAD_TYPE_LABELS] ?? key,
    ),
    stages: buildStages(cur.leads, prev.leads),
    losses: buildLosses(cur.leads, prev.leads),
    ...buildPages(cur.leads, current),
    responseTimes: buildResponseTimes(cur.leads, prev.leads, options.now),
    referrals: buildReferrals(cur.leads),
    weekly: buildWeeks(cur.leads, current, options.organization.timeZone),
    searchConsoleRanges: uniqueRanges(current.searchConsole),
    classifiedNow: cur.classifiedNow,
    smallGroupsSuppressed: false,
  };
}

interface PreparedLead extends FunnelLead {
  match: ChannelMatch;
  /** The furthest stage reached, as an index into FUNNEL_STAGES. */
  stage: number;
}

function prepare(data: FunnelData, options: FunnelReportOptions): { leads: PreparedLead[]; spam: number; classifiedNow: number } {
  let spam = 0;
  let classifiedNow = 0;
  const leads: PreparedLead[] = [];
  for (const lead of data.leads) {
    if (lead.status === 'spam') {
      spam++;
      continue;
    }
    if (lead.channel === null) classifiedNow++;
    leads.push({ ...lead, match: lead.channel ?? options.classify(lead), stage: getFurthestStage(lead) });
  }
  return { leads, spam, classifiedNow };
}

/**
 * The furthest stage of the path the lead reached: its status now and its steps. (Its first
 * contact time is not a stage: ruling a new lead not a fit sets it too.)
 */
export function getFurthestStage(lead: Pick<FunnelLead, 'status' | 'steps'>): number {
  let stage = STAGE_INDEX[lead.status] ?? 0;
  for (const step of lead.steps) stage = Math.max(stage, STAGE_INDEX[step.status] ?? 0);
  return stage;
}

function groupLeads(options: {
  current: readonly PreparedLead[];
  previous: readonly PreparedLead[];
  keyOf: (lead: PreparedLead) => string;
  labelOf: (key: string) => string;
  order?: readonly string[] | undefined;
}): LeadGroup[] {
  const groups = new Map<string, LeadGroup>();
  const add = (leads: readonly PreparedLead[], which: keyof Compared) => {
    for (const lead of leads) {
      const key = options.keyOf(lead);
      let row = groups.get(key);
      if (row === undefined) {
        row = { key, label: options.labelOf(key), leads: { current: 0, previous: 0 }, booked: { current: 0, previous: 0 } };
        groups.set(key, row);
      }
      row.leads[which]++;
      if (lead.status === 'booked') row.booked[which]++;
    }
  };
  add(options.current, 'current');
  add(options.previous, 'previous');
  const rows = [...groups.values()];
  const order = options.order;
  if (order) return rows.sort((a, b) => rank(order, a.key) - rank(order, b.key));
  return rows.sort((a, b) => b.leads.current - a.leads.current || b.leads.previous - a.leads.previous || a.label.localeCompare(b.label));
}

function rank(order: readonly string[], key: string): number {
  const index = order.indexOf(key);
  return index === -1 ? order.length : index;
}

function buildStages(current: readonly PreparedLead[], previous: readonly PreparedLead[]): StageRow[] {
  const reached = (leads: readonly PreparedLead[], index: number) => leads.filter((lead) => lead.stage >= index).length;
  return FUNNEL_STAGES.map((stage, index) => {
    const row = { current: reached(current, index), previous: reached(previous, index) };
    if (index === 0) return { stage, reached: row, conversion: { current: null, previous: null } };
    return {
      stage,
      reached: row,
      conversion: { current: share(row.current, reached(current, index - 1)), previous: share(row.previous, reached(previous, index - 1)) },
    };
  });
}

function buildLosses(current: readonly PreparedLead[], previous: readonly PreparedLead[]): LossRow[] {
  const rows = new Map<string, LossRow>();
  const add = (leads: readonly PreparedLead[], which: keyof Compared) => {
    for (const lead of leads) {
      if (lead.status !== 'lost' && lead.status !== 'not-a-fit') continue;
      const reason = [...lead.steps].reverse().find((step) => step.status === lead.status)?.reason ?? 'other';
      const key = `${lead.status}:${reason}`;
      let row = rows.get(key);
      if (row === undefined) {
        row = { outcome: lead.status, reason, label: formatReason(lead.status, reason), count: { current: 0, previous: 0 } };
        rows.set(key, row);
      }
      row.count[which]++;
    }
  };
  add(current, 'current');
  add(previous, 'previous');
  return [...rows.values()].sort((a, b) => a.outcome.localeCompare(b.outcome) || b.count.current - a.count.current || a.reason.localeCompare(b.reason));
}

function formatReason(outcome: 'lost' | 'not-a-fit', reason: string): string {
  const labels: Readonly<Record<string, string>> = outcome === 'lost' ? LOST_REASONS : NOT_A_FIT_REASONS;
  return labels[reason] ?? reason;
}

function buildPages(leads: readonly PreparedLead[], data: FunnelData): { pages: PageRow[]; pageKinds: PageKindRow[] } {
  const viewsKnown = data.views.length > 0;
  const views = new Map<string, number>();
  for (const view of data.views) views.set(view.path, (views.get(view.path) ?? 0) + view.views);
  const search = new Map<string, { clicks: number; impressions: number; weightedPosition: number }>();
  for (const page of data.searchConsole) {
    const row = search.get(page.path) ?? { clicks: 0, impressions: 0, weightedPosition: 0 };
    row.clicks += page.clicks;
    row.impressions += page.impressions;
    row.weightedPosition += page.position * page.impressions;
    search.set(page.path, row);
  }
  const counts = new Map<string, { leads: number; booked: number }>();
  for (const lead of leads) {
    if (lead.landingPage === null) continue;
    const row = counts.get(lead.landingPage) ?? { leads: 0, booked: 0 };
    row.leads++;
    if (lead.status === 'booked') row.booked++;
    counts.set(lead.landingPage, row);
  }
  const paths = new Set([...counts.keys(), ...views.keys(), ...search.keys()]);
  const pages = [...paths].map((path): PageRow => {
    const count = counts.get(path) ?? { leads: 0, booked: 0 };
    const searched = search.get(path);
    const viewed = viewsKnown ? (views.get(path) ?? 0) : null;
    return {
      path,
      kind: getPageKind(path),
      impressions: searched?.impressions ?? null,
      clicks: searched?.clicks ?? null,
      position: searched && searched.impressions > 0 ? round(searched.weightedPosition / searched.impressions, 1) : null,
      views: viewed,
      leads: count.leads,
      booked: count.booked,
      conversion: viewed === null ? null : share(count.leads, viewed),
      leadsPerClick: searched ? share(count.leads, searched.clicks) : null,
    };
  });
  pages.sort((a, b) => b.booked - a.booked || b.leads - a.leads || (b.views ?? 0) - (a.views ?? 0) || a.path.localeCompare(b.path));

  const kinds = new Map<PageKind, PageKindRow>();
  for (const page of pages) {
    const row = kinds.get(page.kind) ?? { kind: page.kind, views: viewsKnown ? 0 : null, leads: 0, booked: 0, conversion: null };
    if (row.views !== null) row.views += page.views ?? 0;
    row.leads += page.leads;
    row.booked += page.booked;
    kinds.set(page.kind, row);
  }
  const pageKinds = [...kinds.values()].map((row) => ({ ...row, conversion: row.views === null ? null : share(row.leads, row.views) }));
  pageKinds.sort((a, b) => b.leads - a.leads || (b.views ?? 0) - (a.views ?? 0) || a.kind.localeCompare(b.kind));
  return { pages, pageKinds };
}

function buildResponseTimes(current: readonly PreparedLead[], previous: readonly PreparedLead[], now: Date): ResponseRow[] {
  const byQueue = (leads: readonly PreparedLead[]) => {
    const queues = new Map<string, PreparedLead[]>();
    for (const lead of leads) {
      const list = queues.get(lead.queue);
      if (list) list.push(lead);
      else queues.set(lead.queue, [lead]);
    }
    return queues;
  };
  const currentQueues = byQueue(current);
  const previousQueues = byQueue(previous);
  const queues = [...new Set([...currentQueues.keys(), ...previousQueues.keys()])].sort();
  return queues.map((queue) => {
    const figures = measureResponses(currentQueues.get(queue) ?? [], now);
    const before = measureResponses(previousQueues.get(queue) ?? [], now);
    return { queue, ...figures, previous: { answered: before.answered, medianMinutes: before.medianMinutes, withinTarget: before.withinTarget, overdue: before.overdue } };
  });
}

/** Response figures for one queue's leads. */
export function measureResponses(leads: readonly FunnelLead[], now: Date): Omit<ResponseRow, 'queue' | 'previous'> {
  const minutes: number[] = [];
  let within = 0;
  let overdue = 0;
  for (const lead of leads) {
    const created = Date.parse(lead.createdAt);
    if (lead.firstContactedAt !== null) {
      const taken = (Date.parse(lead.firstContactedAt) - created) / 60_000;
      minutes.push(taken);
      if (taken <= lead.responseTargetMinutes) within++;
    } else if (lead.status === 'new' && now.getTime() > created + lead.responseTargetMinutes * 60_000) {
      overdue++;
    }
  }
  minutes.sort((a, b) => a - b);
  return {
    leads: leads.length,
    answered: minutes.length,
    medianMinutes: nearestRank(minutes, 0.5),
    p90Minutes: nearestRank(minutes, 0.9),
    withinTarget: share(within, minutes.length + overdue),
    overdue,
  };
}

/** The nearest-rank percentile of sorted values: the smallest value with at least `p` of them at or below it. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const value = sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
  return round(value, 1);
}

function buildReferrals(leads: readonly PreparedLead[]): ReferralRow[] {
  const rows = new Map<string, ReferralRow>();
  for (const lead of leads) {
    if (lead.leadType !== 'referral') continue;
    const practice = lead.practice?.trim() || 'Not known';
    const key = practice.toLowerCase().replace(/\s+/g, ' ');
    const row = rows.get(key) ?? { practice, leads: 0, qualified: 0, booked: 0 };
    row.leads++;
    if (lead.stage >= 2) row.qualified++;
    if (lead.status === 'booked') row.booked++;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.booked - a.booked || b.leads - a.leads || a.practice.localeCompare(b.practice));
}

function buildWeeks(leads: readonly PreparedLead[], data: FunnelData, timeZone: string): WeekRow[] {
  const viewsKnown = data.views.length > 0;
  const weeks = new Map<string, WeekRow>();
  for (let day = data.range.fromDay, i = 0; i < countDays(data.range); day = addDays(day, 1), i++) {
    const weekStart = getWeekStart(day);
    if (!weeks.has(weekStart)) weeks.set(weekStart, { weekStart, leads: 0, booked: 0, views: viewsKnown ? 0 : null });
  }
  for (const lead of leads) {
    const week = weeks.get(getWeekStart(getLocalDay(new Date(lead.createdAt), timeZone)));
    if (!week) continue;
    week.leads++;
    if (lead.status === 'booked') week.booked++;
  }
  for (const view of data.views) {
    const week = weeks.get(getWeekStart(view.day));
    if (week && week.views !== null) week.views += view.views;
  }
  return [...weeks.values()];
}

function uniqueRanges(pages: readonly SearchConsolePage[]): DayRange[] {
  const ranges = new Map(pages.map((page) => [`${page.fromDay}/${page.toDay}`, { fromDay: page.fromDay, toDay: page.toDay }]));
  return [...ranges.values()];
}

function sumViews(views: readonly PageViewCount[]): number | null {
  return views.length === 0 ? null : views.reduce((sum, view) => sum + view.views, 0);
}

function countBooked(leads: readonly PreparedLead[]): number {
  return leads.filter((lead) => lead.status === 'booked').length;
}

/** part / whole, to four places; null when there is no whole. */
function share(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 4);
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

const PAGE_KIND_LABELS: Partial<Record<PageKind, string>> = {
  home: 'Home page',
  locations: 'Locations index',
  location: 'Location pages',
  'location-service': 'Location × service pages',
  services: 'Services index',
  service: 'Service pages',
  conditions: 'Conditions index',
  condition: 'Condition pages',
  providers: 'Providers index',
  'providers-at': 'Providers by location',
  'providers-for': 'Providers by service',
  provider: 'Provider pages',
  privacy: 'Privacy page',
  request: 'Request page',
  'thank-you': 'Thank-you pages',
  'not-found': 'Not-found page',
  other: 'Other pages',
};

/** How a kind of page is named in the report. */
export function formatPageKind(kind: string): string {
  return PAGE_KIND_LABELS[kind as PageKind] ?? kind;
}
