/**
 * Delivery: what a stored lead sends, to whom, and when to try again. Pure: the outbox rows are
 * written by the lead store in the lead's own transaction (store.ts), and sent by the delivery
 * worker (src/server/delivery/worker.ts), which uses the senders for webhooks and email.
 *
 * Nothing here carries personal data except a `full` webhook payload and the person's own
 * confirmation: staff emails and thin webhooks say what to do and link to the lead in the inbox.
 */
import type { AttemptRecord, StoredLead } from './store.ts';

/** What a delivery is for. */
export const DELIVERY_PURPOSES = ['lead', 'confirmation', 'reminder', 'escalation'] as const;
export type DeliveryPurpose = (typeof DELIVERY_PURPOSES)[number];

export const DELIVERY_CHANNELS = ['webhook', 'email'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/**
 * - `pending`: waiting for its next attempt (or for its destination to come back).
 * - `delivered`: a 2xx from the webhook, or the SMTP server took the message.
 * - `dead`: every attempt failed; replay with `npm run leads -- redeliver <id>`.
 * - `skipped`: no longer needed when its time came (a reminder for a lead already contacted).
 */
export const DELIVERY_STATES = ['pending', 'delivered', 'dead', 'skipped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** The name of the organization-wide webhook, set by LEADS_WEBHOOK_URL and LEADS_WEBHOOK_SECRET. */
export const ORGANIZATION_WEBHOOK = 'crm';

/** `thin`: ids, route and a link (the default); `full`: the whole lead, for a CRM under a business associate agreement. */
export const WEBHOOK_PAYLOADS = ['thin', 'full'] as const;
export type WebhookPayload = (typeof WEBHOOK_PAYLOADS)[number];

/**
 * The delivery settings the content gives (routing file and organization), as the build writes
 * them to dist/server/delivery-settings.json for the server and the CLI. No secrets: webhook URLs
 * and secrets come from the environment.
 */
export interface DeliverySettings {
  organization: {
    name: string;
    /** E.164. */
    phone: string;
    /** Reply-To of the person's confirmation; null when the organization gives none. */
    email: string | null;
    /** IANA time zone that due times are written in. */
    timeZone: string;
  };
  /** Whether a person who gave an email gets "We received your request". */
  confirmation: boolean;
  /** Whether quarantined (spam) leads are sent too, to the organization webhook, flagged. */
  deliverSpam: boolean;
  /** Webhooks the content declares, by name, with their payload; `crm` is the organization's. */
  webhooks: Readonly<Record<string, { payload: WebhookPayload }>>;
  /** How long the person's details are kept (routing.yaml `retention`); null: for ever. */
  retention: { closedLeadsDays: number | null; spamDays: number | null };
}

/** Where a route's leads go besides the inbox, as the routing file says (RouteSchema). */
export interface RouteTargets {
  queue: string;
  /** The team's addresses: a notification for each lead, and one reminder when it is overdue. */
  notify: readonly string[];
  /** Told when a lead is still not contacted after twice its response target. */
  escalate: readonly string[];
  /** Named webhooks (declared in the routing file) that get this route's leads, besides `crm`. */
  webhooks: readonly string[];
  /** The queue's name would reveal a condition: its team's emails name no queue. */
  conceal?: boolean | undefined;
}

/** One message to send for a lead, as the store writes it in the lead's transaction. */
export interface NewDelivery {
  channel: DeliveryChannel;
  purpose: DeliveryPurpose;
  /**
   * The unit of order and of outages: `webhook:<name>`, `email:<queue>` for a team's messages,
   * `email:confirmation` for the people's. Deliveries to one destination go out in the order
   * they were made; while it is down, only the oldest is tried.
   */
  destination: string;
  /** Staff addresses for email to a team; empty for webhooks and for the confirmation (the lead has the address). */
  recipients: readonly string[];
  /** Not sent before this time: a reminder's due time, or the lead's creation. */
  notBefore: Date;
  /** A team email that must not name the queue (its route is marked `conceal`). */
  concealQueue?: boolean;
  /**
   * On a team's notification: who hears of the lead if it is still not contacted after twice its
   * target. Its reminder and escalation are written when it is delivered (`planFollowUps`), by
   * the worker, so that a new lead writes as few rows as it can while the person waits.
   */
  escalate?: readonly string[];
}

/** A delivery as stored. */
export interface Delivery extends Omit<NewDelivery, 'notBefore'> {
  /** `<lead id>-01`, `-02`, …: sorts in creation order; the webhook's `webhook-id`, stable across retries. */
  id: string;
  leadId: string;
  state: DeliveryState;
  /** Attempts made so far. */
  attempts: number;
  /** When it may be tried next (pending only). */
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  /** What the last attempt got: `HTTP 503`, `timeout after 10 s`, `SMTP 250`: never personal data. */
  lastResult: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** What the environment makes available: which webhooks have a URL, whether email can be sent. */
export interface DeliveryChannels {
  /** Names of the webhooks with a URL and secret in the environment (`crm` for LEADS_WEBHOOK_URL). */
  webhooks: ReadonlySet<string>;
  /** SMTP_URL is set. */
  email: boolean;
}

/**
 * The deliveries a newly stored lead makes: the organization webhook and the route's named ones,
 * a notification to the team's addresses (whose delivery plans the reminder and the escalation,
 * `planFollowUps`), and the person's confirmation. Spam makes none, unless `deliverSpam`, then
 * only the organization webhook (the payload says so). A channel the environment lacks makes none.
 */
export function planDeliveries(lead: StoredLead, options: { targets: RouteTargets; settings: DeliverySettings; channels: DeliveryChannels }): NewDelivery[] {
  const { targets, settings, channels } = options;
  const created = new Date(lead.createdAt);
  const webhook = (name: string): NewDelivery => ({ channel: 'webhook', purpose: 'lead', destination: `webhook:${name}`, recipients: [], notBefore: created });
  if (lead.status === 'spam') {
    return settings.deliverSpam && channels.webhooks.has(ORGANIZATION_WEBHOOK) ? [webhook(ORGANIZATION_WEBHOOK)] : [];
  }
  const deliveries: NewDelivery[] = [];
  const names = [ORGANIZATION_WEBHOOK, ...targets.webhooks.filter((name) => name !== ORGANIZATION_WEBHOOK)];
  for (const name of new Set(names)) if (channels.webhooks.has(name)) deliveries.push(webhook(name));
  if (!channels.email) return deliveries;
  const team = toTeamDelivery(lead, targets.conceal === true);
  if (targets.notify.length > 0) deliveries.push({ ...team('lead', targets.notify, created), ...(targets.escalate.length > 0 ? { escalate: [...targets.escalate] } : {}) });
  // No team notification to hang it on: the escalation is planned now.
  else if (targets.escalate.length > 0) deliveries.push(team('escalation', targets.escalate, getEscalationAt(lead)));
  if (settings.confirmation && (lead.fields['email'] ?? '') !== '') {
    deliveries.push({ channel: 'email', purpose: 'confirmation', destination: 'email:confirmation', recipients: [], notBefore: created });
  }
  return deliveries;
}

/**
 * What a team's notification plans once it is delivered, while the lead is still new: a reminder
 * to the same addresses at the due time, and the escalation at twice the target.
 */
export function planFollowUps(delivery: Pick<Delivery, 'channel' | 'purpose' | 'recipients' | 'escalate' | 'concealQueue'>, lead: StoredLead): NewDelivery[] {
  if (delivery.channel !== 'email' || delivery.purpose !== 'lead' || lead.status !== 'new') return [];
  const team = toTeamDelivery(lead, delivery.concealQueue === true);
  return [
    ...(delivery.recipients.length > 0 ? [team('reminder', delivery.recipients, getDueAt(lead))] : []),
    ...(delivery.escalate !== undefined && delivery.escalate.length > 0 ? [team('escalation', delivery.escalate, getEscalationAt(lead))] : []),
  ];
}

function toTeamDelivery(lead: StoredLead, conceal: boolean) {
  return (purpose: DeliveryPurpose, recipients: readonly string[], notBefore: Date): NewDelivery => ({
    channel: 'email',
    purpose,
    destination: `email:${lead.route.queue}`,
    recipients: [...recipients],
    notBefore,
    ...(conceal ? { concealQueue: true } : {}),
  });
}

/** When a lead still not contacted is escalated: created + twice its response target. */
export function getEscalationAt(lead: Pick<StoredLead, 'createdAt' | 'route'>): Date {
  return new Date(new Date(lead.createdAt).getTime() + 2 * lead.route.responseTargetMinutes * 60_000);
}

/** When a lead is due: created + its response target. */
export function getDueAt(lead: Pick<StoredLead, 'createdAt' | 'route'>): Date {
  return new Date(new Date(lead.createdAt).getTime() + lead.route.responseTargetMinutes * 60_000);
}

/** Whether a reminder or escalation is still needed when its time comes: nobody has contacted the person. */
export function isStillNeeded(purpose: DeliveryPurpose, lead: Pick<StoredLead, 'status'>): boolean {
  return purpose === 'reminder' || purpose === 'escalation' ? lead.status === 'new' : true;
}

/**
 * Seconds between attempts, as Standard Webhooks and Svix schedule them: the first at once, then
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (about 27 hours in all). After the last, dead.
 */
export const RETRY_SCHEDULE_S: readonly number[] = [0, 5, 300, 1800, 7200, 18000, 36000, 36000];

/** Each wait is stretched by up to this share at random, so that retries after an outage spread out. */
export const RETRY_JITTER = 0.1;

/**
 * When to try a delivery again after `attempts` failed attempts, or null when that was the last
 * (it is dead). A receiver's `Retry-After` is honoured when later than the schedule, up to a day.
 * @param random A number in [0, 1), for the jitter.
 */
export function getNextAttemptAt(options: { attempts: number; now: Date; schedule?: readonly number[]; retryAfterMs?: number | undefined; random?: number }): Date | null {
  const schedule = options.schedule ?? RETRY_SCHEDULE_S;
  if (options.attempts >= schedule.length) return null;
  const waitMs = (schedule[options.attempts] ?? 0) * 1000 * (1 + RETRY_JITTER * (options.random ?? 0));
  const asked = Math.min(Math.max(options.retryAfterMs ?? 0, 0), 24 * 60 * 60 * 1000);
  return new Date(options.now.getTime() + Math.max(waitMs, asked));
}

/** What one attempt got, as a sender reports it. `detail` is for people and logs: never personal data. */
export type SendOutcome =
  | { kind: 'delivered'; detail: string }
  /**
   * Try again later. `destinationDown` (no connection, a timeout, 5xx, 429) pauses the whole
   * destination so that order holds and a down receiver gets one request, not thousands; any
   * other failure retries only this delivery.
   */
  | { kind: 'retry'; detail: string; destinationDown: boolean; retryAfterMs?: number }
  /** 410 Gone: the receiver asks never to be called again. The destination is disabled until re-enabled. */
  | { kind: 'gone'; detail: string };

/**
 * What an attempt's outcome does to the delivery and its destination: delivered; pending again at
 * the next time of the schedule (or `Retry-After`), pausing the destination when it is down; dead
 * after the last attempt, or once it has been failing longer than the whole schedule (so that after
 * a long outage the deliveries behind the first do not each wait another day); held, with the
 * destination disabled, after 410 Gone.
 */
export function decideAfterAttempt(delivery: Pick<Delivery, 'attempts' | 'createdAt'>, outcome: SendOutcome, options: { at: Date; schedule?: readonly number[]; random?: number }): AttemptRecord {
  const { at } = options;
  const schedule = options.schedule ?? RETRY_SCHEDULE_S;
  const attempts = delivery.attempts + 1;
  switch (outcome.kind) {
    case 'delivered':
      // The first success after failures ends the destination's pause.
      return { at, state: 'delivered', nextAttemptAt: at, result: outcome.detail, counted: true, ...(delivery.attempts > 0 ? { pauseDestinationUntil: null } : {}) };
    case 'gone':
      return { at, state: 'pending', nextAttemptAt: at, result: outcome.detail, counted: true, disableDestination: `${outcome.detail} at ${at.toISOString()}` };
    case 'retry': {
      const spanMs = schedule.reduce((sum, seconds) => sum + seconds, 0) * 1000;
      const next = getNextAttemptAt({ attempts, now: at, schedule, retryAfterMs: outcome.retryAfterMs, random: options.random ?? 0 });
      const expired = at.getTime() - delivery.createdAt.getTime() > spanMs;
      if (next === null || expired) {
        // The destination stays paused for the schedule's second step, then its next delivery is tried.
        const pause = new Date(at.getTime() + (schedule[1] ?? 0) * 1000);
        return { at, state: 'dead', nextAttemptAt: at, result: outcome.detail, counted: true, ...(outcome.destinationDown ? { pauseDestinationUntil: pause } : {}) };
      }
      return { at, state: 'pending', nextAttemptAt: next, result: outcome.detail, counted: true, ...(outcome.destinationDown ? { pauseDestinationUntil: next } : {}) };
    }
  }
}
