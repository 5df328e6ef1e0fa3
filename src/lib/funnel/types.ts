/**
 * What the funnel report reads: leads as counts need them (no personal data), page views per
 * path per day, and Search Console's per-page figures. The store fills these
 * (src/server/sqlite-funnel-store.ts); the report (report.ts) is pure.
 */
import type { LeadType } from '../leads/kinds.ts';
import type { LeadStatus } from '../leads/store.ts';

/** Where a lead came from, as channels.ts classifies its attribution. */
export const CHANNELS = ['organic-search', 'paid-search', 'local-listing', 'email', 'social', 'referral-partner', 'other-sites', 'direct'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  'organic-search': 'Organic search',
  'paid-search': 'Paid search',
  'local-listing': 'Local listing',
  email: 'Email',
  social: 'Social',
  'referral-partner': 'Referral partner',
  'other-sites': 'Other sites',
  direct: 'Direct',
};

/** The channel a lead was given and the name of the rule that gave it. */
export interface ChannelMatch {
  channel: Channel;
  rule: string;
}

/** A lead as the report counts it: what was asked, where from, and how it was worked. Never who. */
export interface FunnelLead {
  id: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  leadType: LeadType;
  status: LeadStatus;
  queue: string;
  responseTargetMinutes: number;
  service: string | null;
  location: string | null;
  /** A referral's practice or organization (a clinic, not a person). */
  practice: string | null;
  /** The path the visit began on, when known. */
  landingPage: string | null;
  /** Null for a lead stored before channels were kept. */
  channel: ChannelMatch | null;
  /** The attribution as stored (landing page, referrer origin, utm_*, click ids): for leads without a channel. */
  attribution: Readonly<Record<string, string>>;
  /** ISO 8601, UTC; null while nobody has marked it contacted. */
  firstContactedAt: string | null;
  /** Its status steps, oldest first (notes and reassignments left out). */
  steps: { at: string; status: LeadStatus; reason: string | null }[];
}

/** Views of one page on one day, in the organization's time zone. */
export interface PageViewCount {
  /** YYYY-MM-DD */
  day: string;
  path: string;
  views: number;
  /** Counted by the Carepath server, or imported (a CDN's figures). */
  source: 'server' | 'import';
}

/** One page of a Search Console Performance export, for the dates it was exported for. */
export interface SearchConsolePage {
  /** YYYY-MM-DD, both ends included. */
  fromDay: string;
  toDay: string;
  path: string;
  clicks: number;
  impressions: number;
  /** 0–1 */
  ctr: number;
  position: number;
}

/** Local dates, YYYY-MM-DD, both ends included. */
export interface DayRange {
  fromDay: string;
  toDay: string;
}

/** What the report reads, for a range of days in the organization's time zone. */
export interface FunnelSource {
  /** Leads that came in between `from` (included) and `to` (excluded), oldest first, spam included. */
  listFunnelLeads(range: { from: Date; to: Date }): Promise<FunnelLead[]>;
  listPageViews(range: DayRange): Promise<PageViewCount[]>;
  /** Imports whose dates lie inside the range. */
  listSearchConsolePages(range: DayRange): Promise<SearchConsolePage[]>;
}
