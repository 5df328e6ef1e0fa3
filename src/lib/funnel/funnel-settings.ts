/**
 * What the funnel report needs from the content, for the CLI that runs without it: the build
 * emits FUNNEL_SETTINGS_PATH (src/pages/funnel-settings.json.ts) and moves it to
 * dist/server/FUNNEL_SETTINGS_FILE (src/integrations/carepath-server.ts), beside the delivery
 * settings. Pure.
 */
import { z } from 'astro/zod';
import { parseBuildFile } from '../build-file.ts';
import type { LeadSite } from '../content/lead-site.ts';
import { ChannelRuleSchema, classifyChannel, type ChannelRule } from './channels.ts';
import type { ChannelMatch, FunnelLead } from './types.ts';

export const FUNNEL_SETTINGS_FILE = 'funnel-settings.json';

/** The site path the build emits the settings at, before they are moved out of the site. */
export const FUNNEL_SETTINGS_PATH = `/${FUNNEL_SETTINGS_FILE}`;

export interface FunnelSettings {
  organization: { name: string; timeZone: string };
  /** Names of the services and locations leads ask for, by id. */
  services: { id: string; name: string }[];
  locations: { id: string; name: string }[];
  /** The channel rules routing.yaml resolves to, for leads stored before channels were kept. */
  channelRules: readonly ChannelRule[];
  /** The site's own origins: a referrer there is no referrer. */
  siteOrigins: string[];
}

/** The report's settings from the lead site's facts and the site's origins. */
export function buildFunnelSettings(site: Pick<LeadSite, 'services' | 'locations' | 'delivery' | 'context'>, siteOrigins: Iterable<string>): FunnelSettings {
  const { name, timeZone } = site.delivery.organization;
  return {
    organization: { name, timeZone },
    services: site.services.map(({ id, name }) => ({ id, name })),
    locations: site.locations.map(({ id, name }) => ({ id, name })),
    channelRules: site.context.channelRules,
    siteOrigins: [...siteOrigins],
  };
}

/** How the report classifies a lead stored before channels were kept: by the rules of the day. */
export function getLegacyClassifier(settings: Pick<FunnelSettings, 'channelRules' | 'siteOrigins'>): (lead: FunnelLead) => ChannelMatch {
  return (lead) => classifyChannel({ leadType: lead.leadType, attribution: lead.attribution, siteOrigins: settings.siteOrigins }, settings.channelRules);
}

const SettingsFileSchema = z.object({
  organization: z.object({ name: z.string(), timeZone: z.string() }),
  services: z.array(z.object({ id: z.string(), name: z.string() })),
  locations: z.array(z.object({ id: z.string(), name: z.string() })),
  channelRules: z.array(ChannelRuleSchema),
  siteOrigins: z.array(z.string()),
});

/** Reads settings as the build wrote them; throws with what is wrong and the fix. */
export function parseFunnelSettings(text: string, file: string): FunnelSettings {
  return parseBuildFile(text, file, SettingsFileSchema, "the report's settings");
}

/** The names for the report's tables. */
export function getFunnelNames(settings: FunnelSettings): { services: ReadonlyMap<string, string>; locations: ReadonlyMap<string, string> } {
  return {
    services: new Map(settings.services.map((s) => [s.id, s.name])),
    locations: new Map(settings.locations.map((l) => [l.id, l.name])),
  };
}
