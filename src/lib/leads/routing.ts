import { z } from 'astro/zod';
import { strictFields } from '../strict-fields.ts';
import { LEAD_TYPES, PRIORITIES } from './kinds.ts';
import { ID_RULE, isValidId } from '../ids.ts';
import { REFERRAL_URGENCIES, TIMINGS, type LeadInput } from './schema.ts';
import { isOpenAt, TimeZoneSchema, type Schedule } from '../hours.ts';
import { WEBHOOK_PAYLOADS } from './delivery.ts';
import { ChannelsSchema } from '../funnel/channels.ts';

/**
 * Routing rules, kept with the content (content/routing/*.yaml) so intake managers change them
 * without a developer: the first rule whose conditions all match a lead decides its queue,
 * priority and response-time target. A lead no rule matches gets the default route and a flag.
 */

const id = z.string().refine(isValidId, { error: `Write an id: ${ID_RULE}.` });

/** A staff address, written plainly: `desk@clinic.example`. */
const email = z.email({ error: 'Write an email address such as desk@clinic.example.' });

/**
 * A webhook's name: an id. Its URL and secret come from the environment as
 * LEADS_WEBHOOK_<NAME>_URL and LEADS_WEBHOOK_<NAME>_SECRET, the name upper-cased with dashes as
 * underscores (`billing-crm` → LEADS_WEBHOOK_BILLING_CRM_URL).
 */
const webhookName = z.string().refine(isValidId, { error: `Write the webhook's name as an id: ${ID_RULE}.` });

export const RouteSchema = strictFields({
  /** The team inbox or work queue the lead lands in, e.g. "urgent-care-desk". */
  queue: id,
  priority: z.enum(PRIORITIES, { error: `Priority is one of: ${PRIORITIES.join(', ')}.` }),
  /** How soon someone should answer, in minutes. */
  responseTargetMinutes: z.number().int().positive({ error: 'Give the response target in whole minutes.' }),
  /** The team's addresses: each gets an email for each lead, and a reminder when it is not answered in time. */
  notify: z.array(email).default([]),
  /** Who is told when a lead is still not answered after twice the response target, e.g. the intake manager. */
  escalate: z.array(email).default([]),
  /**
   * Webhooks declared under `delivery.webhooks` that also get this route's leads. The
   * organization's own webhook (`crm`) gets every lead already and is not named here.
   */
  webhooks: z.array(webhookName).default([]),
  /**
   * The queue's name would tell a reader of the team's email what the request is about
   * (behavioral-health-intake, say): its emails then say "your team" and name no queue. Give
   * such a route neutral `notify` addresses too: they travel in every email's headers.
   */
  conceal: z.boolean({ error: 'Write conceal: true or conceal: false.' }).default(false),
});

/** One webhook the routing file declares; an entry written with no keys (`billing-crm:`) is a thin one. */
const WebhookSchema = strictFields({
  /** `thin` (the default): ids, route and a link to the lead; `full`: the whole lead, only for a receiver under a business associate agreement. */
  payload: z.enum(WEBHOOK_PAYLOADS, { error: `Payload is one of: ${WEBHOOK_PAYLOADS.join(', ')}.` }).default('thin'),
})
  .nullish()
  .transform((webhook) => ({ payload: webhook?.payload ?? 'thin' }));

/** How leads leave the inbox, beyond the routes' own addresses and webhooks. */
export const DeliverySchema = strictFields({
  /**
   * Webhooks by name, each with its payload. `crm` is the organization-wide webhook (its URL and
   * secret are LEADS_WEBHOOK_URL and LEADS_WEBHOOK_SECRET): it gets every lead, and is declared
   * here only to set its payload. Any other name gets the leads of the routes that name it; its
   * URL and secret are LEADS_WEBHOOK_<NAME>_URL and LEADS_WEBHOOK_<NAME>_SECRET.
   */
  webhooks: z
    .record(webhookName, WebhookSchema, {
      error: (issue) => (issue.code === 'invalid_key' ? `Name each webhook with an id: ${ID_RULE}.` : undefined),
    })
    // `webhooks:` with every entry under it commented out is none.
    .nullish()
    .transform((webhooks) => webhooks ?? {}),
  /** Email a person who gave an email "We received your request"; the organization file must give its `email`. */
  confirmation: z.boolean({ error: 'Write confirmation: true or false.' }).default(false),
  /** Send leads held as spam to the `crm` webhook too, flagged as spam, for a CRM that sorts them itself. */
  deliverSpam: z.boolean({ error: 'Write deliverSpam: true or false.' }).default(false),
});

export const RuleSchema = strictFields({
  /** A short name intake staff recognise; stored with each lead it routes. */
  name: z.string().trim().min(1, { error: 'Give the rule a name.' }),
  /** Every condition given must match; a rule with none matches everything. */
  when: strictFields({
    leadTypes: z
      .array(z.enum(LEAD_TYPES, { error: `Lead types are: ${LEAD_TYPES.join(', ')}.` }))
      .min(1)
      .optional(),
    /** Service ids (files in services/). */
    services: z.array(id).min(1).optional(),
    /** Location ids (files in locations/). */
    locations: z.array(id).min(1).optional(),
    /** Services whose intent is urgent (urgent care). */
    urgentService: z.boolean().optional(),
    /** When the person hopes to be seen (patient and caregiver leads). */
    timings: z
      .array(z.enum(Object.keys(TIMINGS) as [keyof typeof TIMINGS]))
      .min(1)
      .optional(),
    /** How soon a referred patient should be seen. */
    referralUrgencies: z
      .array(z.enum(Object.keys(REFERRAL_URGENCIES) as [keyof typeof REFERRAL_URGENCIES]))
      .min(1)
      .optional(),
    /** Whether the chosen location (or, with none chosen, any location) is open when the lead arrives. */
    open: z.boolean().optional(),
  }).default({}),
  route: RouteSchema,
});

/** `content/routing/*.yaml`: exactly one file with the default route and the ordered rules. */
const days = (what: string) =>
  z
    .number({ error: `Give ${what} in whole days, such as 365.` })
    .int({ error: `Give ${what} in whole days, such as 365.` })
    .positive({ error: `Give ${what} in whole days, such as 365.` });

/**
 * How long the person's details are kept. After it, their name, phone, email, message and
 * anything else they typed are deleted; the lead's type, queue, times, outcome and where it came
 * from stay, so the funnel's numbers do not change. Leave a field out to keep details for ever.
 */
export const RetentionSchema = strictFields({
  /** Days after a lead was booked, lost or found not a fit. */
  closedLeadsDays: days('how long closed leads keep their details').optional(),
  /** Days after a quarantined (spam) lead came in. */
  spamDays: days('how long spam keeps its details').optional(),
});

export const RoutingSchema = strictFields({
  /**
   * The organization's time zone, where the organization file gives none (an older home for it).
   * Give it in content/organization/ instead; each location may have its own.
   */
  timeZone: TimeZoneSchema.optional(),
  /** Where a lead goes when no rule matches; such leads are also flagged `unrouted`. */
  defaultRoute: RouteSchema,
  rules: z.array(RuleSchema).default([]),
  /** What happens to a lead besides the inbox and its route's addresses: webhooks, the person's confirmation, spam. */
  delivery: DeliverySchema.prefault({}),
  retention: RetentionSchema.prefault({}),
  /**
   * How each lead's channel is told from its attribution: the organization's rules, tried before
   * the default ones (src/lib/funnel/channels.ts), or instead of them with `defaults: off`.
   */
  channels: ChannelsSchema.prefault({}),
});

export type Route = z.output<typeof RouteSchema>;
export type Rule = z.output<typeof RuleSchema>;
export type Routing = z.output<typeof RoutingSchema>;

/** What routing needs to know about the site, as plain data (the lead site context has it). */
export interface RoutingContext {
  routing: Routing;
  /** Service id → whether it is urgent care. */
  services: ReadonlyMap<string, { urgent: boolean }>;
  /** Location id → its hours and the time zone they are in (its own, or the organization's). */
  locations: ReadonlyMap<string, Schedule>;
  now: Date;
}

/**
 * The route a lead takes: its queue, priority and target, and where it is delivered besides the
 * inbox (`notify`, `escalate`, `webhooks`: the RouteTargets the delivery plan takes).
 */
export interface RouteDecision extends Route {
  /** Name of the rule that matched, or null for the default route. */
  matchedRule: string | null;
}

/** The first rule whose conditions all hold, else the default route. */
export function routeLead(lead: LeadInput, context: RoutingContext): RouteDecision {
  const facts = describeLead(lead, context);
  for (const rule of context.routing.rules) {
    if (matches(rule.when, facts)) return { ...rule.route, matchedRule: rule.name };
  }
  return { ...context.routing.defaultRoute, matchedRule: null };
}

interface LeadFacts {
  leadType: LeadInput['leadType'];
  service: string | undefined;
  location: string | undefined;
  urgentService: boolean;
  timing: string | undefined;
  referralUrgency: string | undefined;
  open: boolean;
}

function describeLead(lead: LeadInput, context: RoutingContext): LeadFacts {
  const service = 'service' in lead ? lead.service : undefined;
  const location = 'location' in lead ? lead.location : undefined;
  const locations = location ? [location] : [...context.locations.keys()];
  return {
    leadType: lead.leadType,
    service,
    location,
    urgentService: service !== undefined && context.services.get(service)?.urgent === true,
    timing: 'timing' in lead ? lead.timing : undefined,
    referralUrgency: 'urgency' in lead ? lead.urgency : undefined,
    // Each location on its own clock.
    open: locations.some((l) => {
      const schedule = context.locations.get(l);
      return schedule !== undefined && isOpenAt(schedule, context.now);
    }),
  };
}

function matches(when: Rule['when'], facts: LeadFacts): boolean {
  const oneOf = (allowed: readonly string[] | undefined, value: string | undefined) => allowed === undefined || (value !== undefined && allowed.includes(value));
  return (
    oneOf(when.leadTypes, facts.leadType) &&
    oneOf(when.services, facts.service) &&
    oneOf(when.locations, facts.location) &&
    oneOf(when.timings, facts.timing) &&
    oneOf(when.referralUrgencies, facts.referralUrgency) &&
    (when.urgentService === undefined || when.urgentService === facts.urgentService) &&
    (when.open === undefined || when.open === facts.open)
  );
}
