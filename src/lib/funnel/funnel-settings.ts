/**
 * What the funnel report needs from the content, for the CLI that runs without it: the build
 * emits FUNNEL_SETTINGS_PATH (src/pages/funnel-settings.json.ts) and moves it to
 * dist/server/FUNNEL_SETTINGS_FILE (src/integrations/carepath-server.ts), beside the delivery
 * settings. Pure.
 */
import type { LeadSite } from '../content/lead-site.ts';

export const FUNNEL_SETTINGS_FILE = 'funnel-settings.json';

/** The site path the build emits the settings at, before they are moved out of the site. */
export const FUNNEL_SETTINGS_PATH = `/${FUNNEL_SETTINGS_FILE}`;

export interface FunnelSettings {
  organization: { name: string; timeZone: string };
  /** Names of the services and locations leads ask for, by id. */
  services: { id: string; name: string }[];
  locations: { id: string; name: string }[];
}

/** The report's settings from the lead site's facts. */
export function buildFunnelSettings(site: Pick<LeadSite, 'services' | 'locations' | 'delivery'>): FunnelSettings {
  const { name, timeZone } = site.delivery.organization;
  return {
    organization: { name, timeZone },
    services: site.services.map(({ id, name }) => ({ id, name })),
    locations: site.locations.map(({ id, name }) => ({ id, name })),
  };
}

/** Reads settings as the build wrote them; throws with what is wrong and the fix. */
export function parseFunnelSettings(text: string, file: string): FunnelSettings {
  const fix = `Run \`npm run build\` to write ${file} again.`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not JSON. ${fix}`);
  }
  const settings = value as Partial<FunnelSettings> | null;
  const isList = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item?.id === 'string' && typeof item?.name === 'string');
  if (typeof settings?.organization?.name !== 'string' || typeof settings.organization.timeZone !== 'string' || !isList(settings.services) || !isList(settings.locations)) {
    throw new Error(`${file} does not hold the report's settings (organization, services, locations). ${fix}`);
  }
  return settings as FunnelSettings;
}

/** The names for the report's tables. */
export function getFunnelNames(settings: FunnelSettings): { services: ReadonlyMap<string, string>; locations: ReadonlyMap<string, string> } {
  return {
    services: new Map(settings.services.map((s) => [s.id, s.name])),
    locations: new Map(settings.locations.map((l) => [l.id, l.name])),
  };
}
