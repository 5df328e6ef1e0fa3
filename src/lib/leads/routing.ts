import { z } from 'astro/zod';
import { LEAD_TYPES, PRIORITIES } from './kinds.ts';
import { ID_RULE, isValidId } from '../ids.ts';
import { REFERRAL_URGENCIES, TIMINGS, type LeadInput } from './schema.ts';
import type { OpeningHours, Weekday } from '../content/schemas.ts';

/**
 * Routing rules, kept with the content (content/routing/*.yaml) so intake managers change them
 * without a developer: the first rule whose conditions all match a lead decides its queue,
 * priority and response-time target. A lead no rule matches gets the default route and a flag.
 */

const id = z.string().refine(isValidId, { error: `Write an id: ${ID_RULE}.` });

export const RouteSchema = z.strictObject({
  /** The team inbox or work queue the lead lands in, e.g. "urgent-care-desk". */
  queue: id,
  priority: z.enum(PRIORITIES, { error: `Priority is one of: ${PRIORITIES.join(', ')}.` }),
  /** How soon someone should answer, in minutes. */
  responseTargetMinutes: z.number().int().positive({ error: 'Give the response target in whole minutes.' }),
});

export const RuleSchema = z.strictObject({
  /** A short name intake staff recognise; stored with each lead it routes. */
  name: z.string().trim().min(1, { error: 'Give the rule a name.' }),
  /** Every condition given must match; a rule with none matches everything. */
  when: z
    .strictObject({
      leadTypes: z.array(z.enum(LEAD_TYPES, { error: `Lead types are: ${LEAD_TYPES.join(', ')}.` })).min(1).optional(),
      /** Service ids (files in services/). */
      services: z.array(id).min(1).optional(),
      /** Location ids (files in locations/). */
      locations: z.array(id).min(1).optional(),
      /** Services whose intent is urgent (urgent care). */
      urgentService: z.boolean().optional(),
      /** When the person hopes to be seen (patient and caregiver leads). */
      timings: z.array(z.enum(Object.keys(TIMINGS) as [keyof typeof TIMINGS])).min(1).optional(),
      /** How soon a referred patient should be seen. */
      referralUrgencies: z.array(z.enum(Object.keys(REFERRAL_URGENCIES) as [keyof typeof REFERRAL_URGENCIES])).min(1).optional(),
      /** Whether the chosen location (or, with none chosen, any location) is open when the lead arrives. */
      open: z.boolean().optional(),
    })
    .default({}),
  route: RouteSchema,
});

/** `content/routing/*.yaml`: exactly one file with the default route and the ordered rules. */
export const RoutingSchema = z.strictObject({
  /** IANA time zone the opening hours are in, e.g. America/Los_Angeles. */
  timeZone: z.string().refine(isTimeZone, { error: 'Give an IANA time zone such as America/Los_Angeles.' }),
  /** Where a lead goes when no rule matches; such leads are also flagged `unrouted`. */
  defaultRoute: RouteSchema,
  rules: z.array(RuleSchema).default([]),
});

export type Route = z.output<typeof RouteSchema>;
export type Rule = z.output<typeof RuleSchema>;
export type Routing = z.output<typeof RoutingSchema>;

/** What routing needs to know about the site, as plain data (the lead site context has it). */
export interface RoutingContext {
  routing: Routing;
  /** Service id → whether it is urgent care. */
  services: ReadonlyMap<string, { urgent: boolean }>;
  /** Location id → its weekly hours. */
  locations: ReadonlyMap<string, { hours: OpeningHours[] }>;
  now: Date;
}

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
  // The clock reading is the same for every location: read it once.
  const local = getLocalTime(context.now, context.routing.timeZone);
  return {
    leadType: lead.leadType,
    service,
    location,
    urgentService: service !== undefined && context.services.get(service)?.urgent === true,
    timing: 'timing' in lead ? lead.timing : undefined,
    referralUrgency: 'urgency' in lead ? lead.urgency : undefined,
    open: locations.some((l) => isOpenDuring(context.locations.get(l)?.hours ?? [], local)),
  };
}

function matches(when: Rule['when'], facts: LeadFacts): boolean {
  const oneOf = (allowed: readonly string[] | undefined, value: string | undefined) =>
    allowed === undefined || (value !== undefined && allowed.includes(value));
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

const WEEKDAY_BY_SHORT: Record<string, Weekday> = {
  Mon: 'monday',
  Tue: 'tuesday',
  Wed: 'wednesday',
  Thu: 'thursday',
  Fri: 'friday',
  Sat: 'saturday',
  Sun: 'sunday',
};

/** Whether weekly `hours` (in `timeZone`) include the instant `now`. */
export function isOpenAt(hours: OpeningHours[], now: Date, timeZone: string): boolean {
  return isOpenDuring(hours, getLocalTime(now, timeZone));
}

/** A weekday and a wall-clock time ("HH:MM", 24 h) in some time zone. */
interface LocalTime {
  day: Weekday | undefined;
  time: string;
}

function isOpenDuring(hours: OpeningHours[], { day, time }: LocalTime): boolean {
  return day !== undefined && hours.some((h) => h.days.includes(day) && h.opens <= time && time < h.closes);
}

// Making an Intl.DateTimeFormat loads time-zone and locale data and costs far more than
// formatting with it; the lead endpoint would otherwise make one per location per lead.
const FORMATS = new Map<string, Intl.DateTimeFormat>();

function getLocalTime(now: Date, timeZone: string): LocalTime {
  let format = FORMATS.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    FORMATS.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: WEEKDAY_BY_SHORT[part('weekday')], time: `${part('hour')}:${part('minute')}` };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
