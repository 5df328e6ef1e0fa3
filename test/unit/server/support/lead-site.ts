import { DEFAULT_CHANNEL_RULES } from '@/lib/funnel/channels.ts';
import { RoutingSchema } from '@/lib/leads/routing.ts';
import type { LeadSiteContext } from '@/lib/leads/submit.ts';

/** The lead endpoint's tests' organization: one clinic with one service, every lead to the central queue. */
export const ONE_CLINIC_SITE: LeadSiteContext = {
  locations: new Map([['gateway', { services: ['primary-care'], insurance: [], hours: [], timeZone: 'America/Los_Angeles' }]]),
  services: new Map([['primary-care', { urgent: false }]]),
  routing: RoutingSchema.parse({ defaultRoute: { queue: 'central', priority: 'normal', responseTargetMinutes: 240 }, rules: [] }),
  channelRules: DEFAULT_CHANNEL_RULES,
};
