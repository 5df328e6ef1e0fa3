import { createHash } from 'node:crypto';
import { parseLead, type FieldErrors, type LeadInput } from './schema.ts';
import { checkSpam, MAX_TOKEN_USES } from './spam.ts';
import { routeLead, type Routing } from './routing.ts';
import { qualifyLead } from './qualify.ts';
import type { Schedule } from '../hours.ts';
import type { FormTokenUse, LeadStore, NewLead, StoredLead } from './store.ts';
import { planDeliveries, type DeliveryChannels, type DeliverySettings, type RouteTargets } from './delivery.ts';
import { classifyChannel, type ChannelRule } from '../funnel/channels.ts';

/** What the lead pipeline needs to know about the site, as plain data built once from the content. */
export interface LeadSiteContext {
  /** Location id → what it offers and accepts, and its hours in its time zone. */
  locations: ReadonlyMap<string, Schedule & { services: readonly string[]; insurance: readonly string[] }>;
  /** Service id → whether people need it today (urgent care). */
  services: ReadonlyMap<string, { urgent: boolean }>;
  routing: Routing;
  /** The rules a lead's channel is told by, in order: routing's `channels`, resolved (resolveChannelRules). */
  channelRules: readonly ChannelRule[];
}

export interface SubmitOptions {
  /** The parsed request body: form fields or JSON. */
  input: unknown;
  store: LeadStore;
  site: LeadSiteContext;
  now: Date;
  /** Signs and checks form tokens (the time trap). */
  secret: string;
  /** The origins the site's pages are served from: a referrer on one of them is no source. */
  siteOrigins: Iterable<string>;
  /** A post with the same content this soon after another is the same lead (double submit without a key). */
  duplicateWindowMs: number;
  /** What a stored lead sends (the content's settings, the environment's channels); nothing when absent. */
  delivery?: { settings: DeliverySettings; channels: DeliveryChannels } | undefined;
}

export type SubmitResult = { kind: 'invalid'; errors: FieldErrors } | { kind: 'accepted'; lead: StoredLead; replayed: boolean };

/** Where spam waits for a person to confirm it is spam; never routed to a team. */
const QUARANTINE = { queue: 'spam-quarantine', priority: 'low', responseTargetMinutes: 7 * 24 * 60, matchedRule: 'spam checks' } as const;

/** Fields that steer the pipeline and are not part of what the person asked for. */
const CONTROL_FIELDS = new Set(['leadType', 'submissionKey', 'formToken', 'website', 'attribution', 'consent']);

/**
 * Validates, checks for spam, routes, qualifies, classifies its channel and stores one inquiry. Resolves once the lead is
 * durable (or is the earlier lead it repeats). Spam is stored with status `spam` in quarantine,
 * so the sender sees the same success as anyone else and nothing is silently dropped. A form token
 * carries MAX_TOKEN_USES leads; the store counts them, and quarantines the next as `token-reused`.
 */
export async function submitLead(options: SubmitOptions): Promise<SubmitResult> {
  const parsed = parseLead(options.input);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const lead = parsed.lead;
  const unknown = findUnknownIds(lead, options.site);
  if (Object.keys(unknown).length > 0) return { kind: 'invalid', errors: unknown };

  const spam = checkSpam(lead, { now: options.now, secret: options.secret });
  const route = spam.spam ? { ...QUARANTINE } : routeLead(lead, { ...options.site, now: options.now });
  const qualification = qualifyLead(lead, { locations: options.site.locations });
  const fields = toFields(lead);
  const attribution = Object.fromEntries(Object.entries(lead.attribution ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
  const newLead: NewLead = {
    leadType: lead.leadType,
    status: spam.spam ? 'spam' : 'new',
    fields,
    attribution,
    // Spam too: a channel that draws bots is worth seeing.
    channel: classifyChannel({ leadType: lead.leadType, attribution, siteOrigins: options.siteOrigins }, options.site.channelRules),
    route,
    score: spam.spam ? 0 : qualification.score,
    flags: [...qualification.flags, ...spam.reasons, ...(route.matchedRule === null ? ['unrouted'] : [])],
    fit: { ...qualification.fit },
    submissionKey: lead.submissionKey ?? null,
    contentHash: hashContent(lead.leadType, fields),
  };
  const formToken: FormTokenUse | undefined =
    spam.token === null
      ? undefined
      : {
          ...spam.token,
          maxUses: MAX_TOKEN_USES,
          whenOverused: { status: 'spam', route: { ...QUARANTINE }, score: 0, flags: [...qualification.flags, ...spam.reasons, 'token-reused'] },
        };
  const delivery = options.delivery;
  const targets: RouteTargets = 'notify' in route ? route : { queue: route.queue, notify: [], escalate: [], webhooks: [] };
  const { lead: stored, replayed } = await options.store.insert(newLead, {
    duplicateWindowMs: options.duplicateWindowMs,
    now: options.now,
    formToken,
    planDeliveries: delivery === undefined ? undefined : (lead) => planDeliveries(lead, { targets, ...delivery }),
  });
  return { kind: 'accepted', lead: stored, replayed };
}

/** Location and service ids must name real entries; the form only offers those. */
function findUnknownIds(lead: LeadInput, site: LeadSiteContext): FieldErrors {
  const errors: FieldErrors = {};
  if ('location' in lead && lead.location !== undefined && !site.locations.has(lead.location)) {
    errors['location'] = 'Choose a location from the list.';
  }
  if ('service' in lead && lead.service !== undefined && !site.services.has(lead.service)) {
    errors['service'] = 'Choose a service from the list.';
  }
  return errors;
}

/** What the person told us, as strings; consent is recorded as the fact that it was given. */
function toFields(lead: LeadInput): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(lead)) {
    if (CONTROL_FIELDS.has(key) || value === undefined) continue;
    fields[key] = String(value);
  }
  fields['consent'] = 'given';
  return fields;
}

/** The same request typed twice hashes the same: case and spacing do not count. */
export function hashContent(leadType: string, fields: Record<string, string>): string {
  const normalized = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${(fields[key] ?? '').toLowerCase().replace(/\s+/g, ' ').trim()}`)
    .join('\n');
  return createHash('sha256').update(`${leadType}\n${normalized}`).digest('hex');
}
