/**
 * What the lead endpoint needs from the content (LeadSiteContext: each location's services,
 * insurance and hours, the services, routing and channel rules), for the server entry, which
 * answers POST /api/leads ahead of Astro and so without the content collections: the build emits
 * LEAD_SITE_PATH (src/pages/lead-site.json.ts) and moves it to dist/server/LEAD_SITE_FILE
 * (src/integrations/carepath-server.ts), beside the delivery settings. Pure.
 */
import { z } from 'astro/zod';
import { parseBuildFile } from '../build-file.ts';
import { formatIsoDate } from '../dates.ts';
import { ChannelRuleSchema } from '../funnel/channels.ts';
import { HolidayHoursSchema, OpeningHoursSchema, TimeZoneSchema } from '../hours.ts';
import { RoutingSchema } from './routing.ts';
import type { LeadSiteContext } from './submit.ts';

export const LEAD_SITE_FILE = 'lead-site.json';

/** The site path the build emits the file at, before it is moved out of the site. */
export const LEAD_SITE_PATH = `/${LEAD_SITE_FILE}`;

const LeadSiteFileSchema = z.object({
  locations: z.record(
    z.string(),
    z.object({
      services: z.array(z.string()),
      insurance: z.array(z.string()),
      hours: z.array(OpeningHoursSchema),
      holidayHours: z.array(HolidayHoursSchema).optional(),
      timeZone: TimeZoneSchema,
    }),
  ),
  services: z.record(z.string(), z.object({ urgent: z.boolean() })),
  routing: RoutingSchema,
  channelRules: z.array(ChannelRuleSchema),
});

/** The file's text: maps as objects, holiday dates as the YYYY-MM-DD the content gives. */
export function formatLeadSiteFile(context: LeadSiteContext): string {
  const locations = Object.fromEntries([...context.locations].map(([id, l]) => [id, { ...l, holidayHours: l.holidayHours?.map((day) => ({ ...day, date: formatIsoDate(day.date) })) }]));
  const file = { locations, services: Object.fromEntries(context.services), routing: context.routing, channelRules: context.channelRules };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The context back from the file's text; a file that does not hold it throws, naming the fix. */
export function parseLeadSiteFile(text: string, file: string): LeadSiteContext {
  const parsed = parseBuildFile(text, file, LeadSiteFileSchema, "the lead endpoint's locations, services and routing");
  return {
    locations: new Map(Object.entries(parsed.locations)),
    services: new Map(Object.entries(parsed.services)),
    routing: parsed.routing,
    channelRules: parsed.channelRules,
  };
}
