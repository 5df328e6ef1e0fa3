/**
 * Sending a lead somewhere else: to another queue (a person's choice), or out of spam quarantine
 * to the route the rules give it. Pure: the store records it and plans the new queue's deliveries.
 */
import type { RouteTargets } from '../leads/delivery.ts';
import { routeLead, type Route, type Routing } from '../leads/routing.ts';
import { parseLead } from '../leads/schema.ts';
import type { LeadSiteContext } from '../leads/submit.ts';
import type { LeadRoute, StoredLead } from '../leads/store.ts';

/** Every queue the routing file names, default route first, each once. */
export function listQueues(routing: Routing): string[] {
  return [...new Set([routing.defaultRoute.queue, ...routing.rules.map((rule) => rule.route.queue)])];
}

/**
 * The route a lead takes in another queue: that queue's first route in the file (its priority,
 * target, addresses and webhooks), recorded as reassigned by the person. Null for a queue the file
 * does not name.
 */
export function routeToQueue(routing: Routing, queue: string, actor: string): { route: LeadRoute; targets: RouteTargets } | null {
  const found: Route | undefined = [...routing.rules.map((rule) => rule.route), routing.defaultRoute].find((route) => route.queue === queue);
  if (found === undefined) return null;
  return {
    route: { queue, priority: found.priority, responseTargetMinutes: found.responseTargetMinutes, matchedRule: `Reassigned by ${actor}` },
    targets: { queue, notify: found.notify, escalate: found.escalate, webhooks: found.webhooks, conceal: found.conceal },
  };
}

/**
 * Where a quarantined lead goes once an admin says it is not spam: the rules, run again on what
 * the person sent, at `now`. Null when what was stored no longer reads as a lead.
 */
export function routeReleasedLead(lead: StoredLead, site: Pick<LeadSiteContext, 'routing' | 'locations' | 'services'>, now: Date): { route: LeadRoute; targets: RouteTargets } | null {
  const parsed = parseLead({ ...lead.fields, leadType: lead.leadType, consent: true });
  if (!parsed.ok) return null;
  const decision = routeLead(parsed.lead, { ...site, now });
  return {
    route: { queue: decision.queue, priority: decision.priority, responseTargetMinutes: decision.responseTargetMinutes, matchedRule: decision.matchedRule },
    targets: decision,
  };
}
