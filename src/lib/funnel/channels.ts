import { z } from 'astro/zod';
import { strictFields } from '../strict-fields.ts';
import { LEAD_TYPES, type LeadType } from '../leads/kinds.ts';
import { ID_RULE, isValidId } from '../ids.ts';
import { CHANNEL_LABELS, CHANNELS, type ChannelMatch } from './types.ts';

/**
 * Which channel a lead came from, decided by rules kept as data: the organization's own (under
 * `channels:` in content/routing/routing.yaml), then DEFAULT_CHANNEL_RULES, then the built-in
 * fallbacks. The first rule whose conditions all hold names the channel, and the lead keeps that
 * rule's name with it, so a count in a report can be traced to the rule that made it.
 */

/** The ids ad platforms add to a link when auto-tagging is on: Google Ads, Microsoft Advertising. */
const CLICK_IDS = ['gclid', 'msclkid'] as const;
type ClickId = (typeof CLICK_IDS)[number];

/** Whether the organization's rules come before the default rules (`after`) or stand alone (`off`). */
const DEFAULT_RULE_MODES = ['after', 'off'] as const;

/**
 * The rules that always come last, after the organization's and the defaults: a referrer no rule
 * knew is another site; a visit with campaign tags no rule knew, or with nothing at all, is direct.
 */
export const FALLBACK_RULES = {
  otherSite: { channel: 'other-sites', rule: 'other-site-referrer' },
  unmatchedCampaign: { channel: 'direct', rule: 'unmatched-campaign' },
  noSource: { channel: 'direct', rule: 'no-source' },
} as const satisfies Record<string, ChannelMatch>;

const FALLBACK_NAMES: readonly string[] = Object.values(FALLBACK_RULES).map((match) => match.rule);

/** One value or a list of them; a single value is read as a list of one. */
const oneOrMore = <T extends z.ZodType>(item: T, what: string) => z.preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(item).min(1, { error: `List at least one ${what}.` }));

/** A campaign tag's value as links carry it; compared without regard to case. */
const tagValue = (tag: string) =>
  z
    .string({ error: `Write the ${tag} values to match, such as ${tag}: [newsletter].` })
    .trim()
    .min(1, { error: `Write the ${tag} values to match; a value may not be empty.` })
    .max(100, { error: `Keep each ${tag} value under 100 characters.` })
    .transform((value) => value.toLowerCase());

// Labels of letters, digits and inner hyphens, dot-separated; `.*` at the end stands for a domain ending.
const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.\*)?$/;
const HOST_RULE =
  'Write a host name such as facebook.com (it matches its subdomains too, like m.facebook.com), or google.* for google with any country ending (google.de, google.co.uk); no https://, no path.';

const referrerHost = z
  .string({ error: HOST_RULE })
  .trim()
  .transform((value) => value.toLowerCase())
  .refine((value) => HOST_PATTERN.test(value), {
    error: (issue) => (typeof issue.input === 'string' && issue.input.includes('://') ? `Write the host only, without the scheme or a path: "${hostOf(issue.input)}".` : HOST_RULE),
  });

const fields = strictFields;

const WhenSchema = fields(
  {
    /** utm_source values, any of which matches (case does not count). */
    utm_source: oneOrMore(tagValue('utm_source'), 'utm_source value').optional(),
    utm_medium: oneOrMore(tagValue('utm_medium'), 'utm_medium value').optional(),
    utm_campaign: oneOrMore(tagValue('utm_campaign'), 'utm_campaign value').optional(),
    /**
     * Hosts of the referring site, each matching itself and its subdomains at a label boundary
     * (`facebook.com` matches `m.facebook.com`, not `notfacebook.com`); `google.*` matches google
     * followed by a top-level domain or a country's second-level one (`google.de`,
     * `www.google.co.uk`), not `google.evil.example`. A referrer from the site itself is no referrer.
     */
    referrer: oneOrMore(referrerHost, 'host').optional(),
    /** Click ids the link carried, any of which matches. */
    clickId: oneOrMore(z.enum(CLICK_IDS, { error: `Click ids are: ${CLICK_IDS.join(', ')}.` }), 'click id').optional(),
    leadTypes: oneOrMore(z.enum(LEAD_TYPES, { error: `Lead types are: ${LEAD_TYPES.join(', ')}.` }), 'lead type').optional(),
  },
  { one: 'condition', many: 'Conditions' },
).refine((when) => Object.values(when).some((condition) => condition !== undefined), {
  error: 'Give the rule at least one condition: utm_source, utm_medium, utm_campaign, referrer, clickId or leadTypes.',
  // A misspelled condition is the one thing to fix, not also a missing one.
  when: (payload) => payload.issues.length === 0,
});

/** One classification rule: every condition under `when` must hold; within a condition, any value may. */
export const ChannelRuleSchema = fields({
  /** Stored with each lead the rule classifies (leads.channel_rule). */
  name: z.string({ error: `Name the rule with an id: ${ID_RULE}.` }).refine(isValidId, { error: `Name the rule with an id: ${ID_RULE}.` }),
  channel: z.enum(CHANNELS, { error: `The channel is one of: ${CHANNELS.join(', ')}.` }),
  when: WhenSchema,
});

/** `channels:` in the routing file: the organization's rules, and whether the defaults follow them. */
export const ChannelsSchema = fields({
  /** Tried in order, before the default rules. */
  rules: z.array(ChannelRuleSchema).default([]),
  defaults: z
    .enum(DEFAULT_RULE_MODES, {
      error: 'Write defaults: after (your rules first, then the default rules) or defaults: off (your rules only).',
    })
    .default('after'),
}).superRefine((channels, context) => {
  const seen = new Set<string>();
  const taken = channels.defaults === 'after' ? new Set(DEFAULT_CHANNEL_RULES.map((rule) => rule.name)) : new Set<string>();
  channels.rules.forEach((rule, index) => {
    const path = ['rules', index, 'name'];
    if (FALLBACK_NAMES.includes(rule.name)) {
      context.addIssue({ code: 'custom', path, message: `"${rule.name}" is the name of a built-in rule; name yours differently.` });
    } else if (taken.has(rule.name)) {
      context.addIssue({ code: 'custom', path, message: `"${rule.name}" is the name of a default rule; name yours differently, or write defaults: off.` });
    } else if (seen.has(rule.name)) {
      context.addIssue({ code: 'custom', path, message: `Another rule is named "${rule.name}" already; give each rule its own name.` });
    }
    seen.add(rule.name);
  });
});

export type ChannelRule = z.output<typeof ChannelRuleSchema>;
export type ChannelsConfig = z.output<typeof ChannelsSchema>;

const SEARCH_ENGINES = ['google', 'bing', 'duckduckgo', 'yahoo', 'ecosia', 'brave', 'baidu', 'yandex', 'startpage', 'qwant', 'kagi', 'naver', 'seznam'];

/**
 * The default rules, in order. Paid clicks first (an ad's link may carry any utm tags too), then
 * what links are tagged with, then the lead's own type, then where the visitor came from.
 */
export const DEFAULT_CHANNEL_RULES: readonly ChannelRule[] = z.array(ChannelRuleSchema).parse([
  { name: 'ad-click-id', channel: 'paid-search', when: { clickId: ['gclid', 'msclkid'] } },
  { name: 'paid-utm-medium', channel: 'paid-search', when: { utm_medium: ['cpc', 'ppc', 'paid', 'paidsearch', 'paid-search', 'paid_search'] } },
  { name: 'business-profile-utm-source', channel: 'local-listing', when: { utm_source: ['gbp', 'google-business-profile', 'gmb', 'google-my-business'] } },
  { name: 'local-utm-medium', channel: 'local-listing', when: { utm_medium: ['local', 'local-listing'] } },
  { name: 'email-utm-medium', channel: 'email', when: { utm_medium: ['email', 'e-mail', 'newsletter'] } },
  { name: 'social-utm-medium', channel: 'social', when: { utm_medium: ['social', 'social-media', 'organic-social', 'social-network'] } },
  { name: 'referral-lead', channel: 'referral-partner', when: { leadTypes: ['referral'] } },
  { name: 'partner-utm-medium', channel: 'referral-partner', when: { utm_medium: ['partner', 'partners', 'referral-partner'] } },
  { name: 'search-engine-utm-source', channel: 'organic-search', when: { utm_medium: ['organic'], utm_source: SEARCH_ENGINES } },
  {
    name: 'social-utm-source',
    channel: 'social',
    when: { utm_source: ['facebook', 'fb', 'instagram', 'ig', 'linkedin', 'twitter', 'x', 'tiktok', 'youtube', 'pinterest', 'nextdoor', 'reddit', 'threads', 'bluesky'] },
  },
  { name: 'webmail-referrer', channel: 'email', when: { referrer: ['mail.google.com', 'mail.yahoo.com', 'outlook.live.com', 'outlook.office.com', 'outlook.office365.com'] } },
  { name: 'maps-referrer', channel: 'local-listing', when: { referrer: ['maps.google.*', 'maps.apple.com'] } },
  {
    name: 'search-engine-referrer',
    channel: 'organic-search',
    when: {
      referrer: [
        'google.*',
        'bing.com',
        'duckduckgo.com',
        'yahoo.com',
        'yahoo.co.jp',
        'ecosia.org',
        'search.brave.com',
        'baidu.com',
        'yandex.*',
        'ya.ru',
        'startpage.com',
        'qwant.com',
        'kagi.com',
        'naver.com',
        'seznam.cz',
        'ask.com',
        'search.aol.com',
      ],
    },
  },
  {
    name: 'social-referrer',
    channel: 'social',
    when: {
      referrer: [
        'facebook.com',
        'fb.com',
        'instagram.com',
        'linkedin.com',
        'lnkd.in',
        't.co',
        'x.com',
        'twitter.com',
        'reddit.com',
        'youtube.com',
        'youtu.be',
        'tiktok.com',
        'pinterest.*',
        'nextdoor.com',
        'threads.net',
        'bsky.app',
      ],
    },
  },
]);

/** The rules a lead is classified by, in order: the organization's, then (unless off) the defaults. */
export function resolveChannelRules(channels: ChannelsConfig): readonly ChannelRule[] {
  return channels.defaults === 'off' ? channels.rules : [...channels.rules, ...DEFAULT_CHANNEL_RULES];
}

/** What classification reads about a lead. */
export interface ChannelFacts {
  leadType: LeadType;
  /** As stored: landingPage, referrer (an origin), utm_*, gclid, msclkid; absent keys are absent. */
  attribution: Readonly<Record<string, string | undefined>>;
  /** The origins the site is served from (SITE_URL, ALLOWED_ORIGINS): a referrer on one of their hosts is no referrer. */
  siteOrigins: Iterable<string>;
}

/**
 * The channel of the first rule whose conditions all hold, and its name; when none does, another
 * site for a referrer from outside the site, else direct (`unmatched-campaign` when the link
 * carried utm tags, `no-source` when it carried nothing).
 */
export function classifyChannel(facts: ChannelFacts, rules: readonly ChannelRule[]): ChannelMatch {
  const seen = describeVisit(facts);
  for (const rule of rules) {
    if (matchesRule(rule.when, seen)) return { channel: rule.channel, rule: rule.name };
  }
  if (seen.referrerHost !== null) return { ...FALLBACK_RULES.otherSite };
  if (seen.utm_source !== undefined || seen.utm_medium !== undefined || seen.utm_campaign !== undefined) return { ...FALLBACK_RULES.unmatchedCampaign };
  return { ...FALLBACK_RULES.noSource };
}

/** "Organic search (rule search-engine-referrer)"; "not classified" for a lead stored before channels were kept. */
export function formatChannel(match: ChannelMatch | null): string {
  return match === null ? 'not classified' : `${CHANNEL_LABELS[match.channel]} (rule ${match.rule})`;
}

/**
 * Whether a host matches a rule's pattern: itself or a subdomain of it at a label boundary, or
 * for `stem.*`, the stem followed by a domain ending (see isDomainEnding).
 */
function matchesHost(host: string, pattern: string): boolean {
  if (!pattern.endsWith('.*')) return host === pattern || host.endsWith(`.${pattern}`);
  const stem = pattern.slice(0, -2).split('.');
  const labels = host.split('.');
  for (let start = 0; start + stem.length < labels.length; start += 1) {
    const here = labels.slice(start, start + stem.length);
    if (here.every((label, i) => label === stem[i]) && isDomainEnding(labels.slice(start + stem.length))) return true;
  }
  return false;
}

// Without the public suffix list: one top-level label (`de`, `com`, `xn--p1ai`), or a common
// second-level label under a two-letter country (`co.uk`, `com.au`, `ne.jp`). Enough for the
// search engines' own country domains, and it keeps `google.evil.example` out.
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'ac', 'edu', 'gov', 'gob', 'ne', 'or', 'go']);
function isDomainEnding(labels: readonly string[]): boolean {
  const [first, second] = labels;
  if (labels.length === 1 && first !== undefined) return /^(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/.test(first);
  return labels.length === 2 && first !== undefined && second !== undefined && SECOND_LEVEL.has(first) && /^[a-z]{2}$/.test(second);
}

interface Visit {
  leadType: LeadType;
  utm_source: string | undefined;
  utm_medium: string | undefined;
  utm_campaign: string | undefined;
  clickIds: readonly ClickId[];
  /** The referring site's host, lowercased; null when there is none, or it is the site itself. */
  referrerHost: string | null;
}

function describeVisit(facts: ChannelFacts): Visit {
  const tag = (key: string) => {
    const value = facts.attribution[key]?.trim().toLowerCase();
    return value === undefined || value === '' ? undefined : value;
  };
  return {
    leadType: facts.leadType,
    utm_source: tag('utm_source'),
    utm_medium: tag('utm_medium'),
    utm_campaign: tag('utm_campaign'),
    clickIds: CLICK_IDS.filter((id) => tag(id) !== undefined),
    referrerHost: getReferrerHost(facts.attribution['referrer'], facts.siteOrigins),
  };
}

/** The host of an http(s) referrer from outside the site, lowercased, without a trailing dot. */
function getReferrerHost(referrer: string | undefined, siteOrigins: Iterable<string>): string | null {
  if (referrer === undefined || !URL.canParse(referrer)) return null;
  const url = new URL(referrer);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.replace(/\.$/, '');
  const own = [...siteOrigins].some((origin) => URL.canParse(origin) && new URL(origin).hostname.replace(/\.$/, '') === host);
  return own || host === '' ? null : host;
}

function matchesRule(when: ChannelRule['when'], visit: Visit): boolean {
  const oneOf = (allowed: readonly string[] | undefined, value: string | undefined) => allowed === undefined || (value !== undefined && allowed.includes(value));
  const host = visit.referrerHost;
  return (
    oneOf(when.utm_source, visit.utm_source) &&
    oneOf(when.utm_medium, visit.utm_medium) &&
    oneOf(when.utm_campaign, visit.utm_campaign) &&
    oneOf(when.leadTypes, visit.leadType) &&
    (when.clickId === undefined || when.clickId.some((id) => visit.clickIds.includes(id))) &&
    (when.referrer === undefined || (host !== null && when.referrer.some((pattern) => matchesHost(host, pattern))))
  );
}

function hostOf(text: string): string {
  return URL.canParse(text) ? new URL(text).hostname : (text.replace(/^[a-z]+:\/\//i, '').split('/')[0] ?? text);
}
