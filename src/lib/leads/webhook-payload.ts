/**
 * The body of a lead's webhook, shaped as Standard Webhooks recommends: an event type, a
 * timestamp and the data. Pure: the sender signs and posts the string this returns.
 */
import { isValidId } from '../ids.ts';
import type { LeadType, Priority } from './kinds.ts';
import type { StoredLead } from './store.ts';
import { getDueAt, type WebhookPayload } from './delivery.ts';

/**
 * A thin payload's data: what to do with the lead and where to read it, and nothing the person
 * typed. Keys are written in this order.
 *
 * - `id`: the lead's id.
 * - `leadType`: `patient`, `caregiver`, `referral`, `employer` or `insurance`.
 * - `quarantined`: `true`, present only for a lead the spam checks quarantined; such a lead is
 *   sent only when the organization asks for spam too (`deliverSpam`), and only to `crm`.
 * - `queue`, `priority`, `responseTargetMinutes`: the route.
 * - `dueAt`: ISO 8601, when someone should have answered (created + response target).
 * - `score`: 0–100, how easy the lead looks to serve.
 * - `fit`: each fit check, true, false or null (not enough information).
 * - `flags`: short machine-readable notes, such as `service-not-offered-at-location`.
 * - `service`, `location`: the content ids the person chose, or null.
 * - `createdAt`: ISO 8601, when the lead was stored.
 * - `url`: the lead in the inbox, where staff sign in to read the rest.
 */
export interface ThinLeadData {
  id: string;
  leadType: LeadType;
  quarantined?: true;
  queue: string;
  priority: Priority;
  responseTargetMinutes: number;
  dueAt: string;
  score: number;
  fit: Record<string, boolean | null>;
  flags: string[];
  service: string | null;
  location: string | null;
  createdAt: string;
  url: string;
}

/**
 * A full payload's data, for a CRM under a business associate agreement: the thin data, then
 * - `matchedRule`: the routing rule that matched, or null for the default route;
 * - `fields`: everything the person submitted, by field name (personal data);
 * - `attribution`: landing page, page, referrer origin, utm_*, gclid, msclkid.
 */
export interface FullLeadData extends ThinLeadData {
  matchedRule: string | null;
  fields: Record<string, string>;
  attribution: Record<string, string>;
}

/** The whole body: `type` is always `lead.created`; `timestamp` is the lead's creation. */
export interface LeadWebhookEvent<Data extends ThinLeadData = ThinLeadData> {
  type: 'lead.created';
  timestamp: string;
  data: Data;
}

/**
 * The JSON body of the webhook for a lead, thin or full (see ThinLeadData and FullLeadData).
 * @param options.inboxUrl INTAKE_URL, where the inbox is served; a missing trailing slash is added.
 * @throws When inboxUrl is not an absolute http(s) URL without query or fragment.
 */
export function buildWebhookBody(lead: StoredLead, options: { payload: WebhookPayload; inboxUrl: string }): string {
  const createdAt = new Date(lead.createdAt).toISOString();
  const thin: ThinLeadData = {
    id: lead.id,
    leadType: lead.leadType,
    ...(lead.status === 'spam' ? { quarantined: true as const } : {}),
    queue: lead.route.queue,
    priority: lead.route.priority,
    responseTargetMinutes: lead.route.responseTargetMinutes,
    dueAt: getDueAt(lead).toISOString(),
    score: lead.score,
    fit: sortKeys(lead.fit),
    flags: [...lead.flags],
    service: getContentId(lead.fields['service']),
    location: getContentId(lead.fields['location']),
    createdAt,
    url: new URL(`leads/${encodeURIComponent(lead.id)}/`, normalizeInboxUrl(options.inboxUrl)).href,
  };
  const data: ThinLeadData | FullLeadData =
    options.payload === 'full' ? { ...thin, matchedRule: lead.route.matchedRule, fields: sortKeys(lead.fields), attribution: sortKeys(lead.attribution) } : thin;
  const event: LeadWebhookEvent<ThinLeadData | FullLeadData> = { type: 'lead.created', timestamp: createdAt, data };
  return JSON.stringify(event);
}

function normalizeInboxUrl(value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '') {
    throw new Error(`INTAKE_URL must be the inbox's absolute URL, without query or fragment, such as https://intake.clinic.example/; got "${value}".`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

// The endpoint only stores ids that name content entries; the check here keeps a thin payload
// free of typed text even if a lead reached the store some other way.
function getContentId(value: string | undefined): string | null {
  return value !== undefined && isValidId(value) ? value : null;
}

// Stored records keep the order they were written in; the payload should not depend on it.
function sortKeys<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
