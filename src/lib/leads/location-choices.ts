import { distanceKm } from '../content/relations.ts';
import { RELATED_GROUP, arrangeOptions, type OptionGroup, type SelectOption } from './form.ts';

/** A location as the request form's list needs it. */
export interface LocationChoice {
  id: string;
  name: string;
  /** The city it is listed under; mobile clinics are listed together. */
  city: string;
  /** Absent for a mobile clinic: it is near nothing, and nothing is near it. */
  geo?: { latitude: number; longitude: number } | undefined;
  services: readonly string[];
}

/**
 * The most locations a page's form lists by name. An organization with no more than this many
 * lists all of them on every page, as a short list one can scan (a longer one needs city headings:
 * GROUP_OPTIONS_ABOVE). A larger one lists a page's own locations and the nearest others, and
 * links to the one page that lists them all (`paths.request()`), so a page's HTML does not grow
 * with the organization.
 */
export const LOCATION_OPTIONS_MAX = 12;

/** How many of the nearest other locations a page's form offers, as "Also offered at" shows. */
export const NEARBY_LOCATION_OPTIONS = 6;

export const NEARBY_GROUP = 'Nearby';

/**
 * The empty choice when the list is not every location: "any" and "one not listed" both mean we
 * help. Short enough for a phone's select (about 30 characters at 390 px).
 */
export const NO_PREFERENCE_HELP = 'Any — we’ll help you choose';

export interface LocationOptions {
  /** The select's choices after its empty one, in order. */
  groups: OptionGroup[];
  /** Whether they are every location; if not, the form offers the full list. */
  complete: boolean;
  /** How many locations the organization has. */
  total: number;
}

/**
 * The location choices of a page's request form. Every location when the organization has no
 * more than LOCATION_OPTIONS_MAX (or when `every` asks for them: the request page), arranged as
 * before. Otherwise at most LOCATION_OPTIONS_MAX: the page's own locations (and one chosen in a
 * post shown again) first, then the nearest others offering one of the page's services, nearest
 * first, ties by name. A page with no location of its own lists the locations offering its
 * services when they are few enough, else none by name: a handful picked from hundreds would
 * look like the whole list. Unknown ids are ignored (the lead endpoint refuses them).
 */
export function chooseLocationOptions(input: {
  /** Every location, in name order. */
  locations: readonly LocationChoice[];
  preset: { locations: readonly string[]; services: readonly string[] };
  chosen?: string | undefined;
  every?: boolean | undefined;
}): LocationOptions {
  const { locations, preset } = input;
  const total = locations.length;
  const option = (l: LocationChoice): SelectOption => ({ value: l.id, label: l.name, related: preset.locations.includes(l.id), group: l.city });
  if (input.every === true || total <= LOCATION_OPTIONS_MAX) return { groups: arrangeOptions(locations.map(option)), complete: true, total };

  const byId = new Map(locations.map((l) => [l.id, l]));
  const own = [...new Set(preset.locations)].flatMap((id) => byId.get(id) ?? []).slice(0, LOCATION_OPTIONS_MAX);
  const chosen = input.chosen === undefined ? undefined : byId.get(input.chosen);
  const extra = chosen !== undefined && !own.includes(chosen) && own.length < LOCATION_OPTIONS_MAX ? [chosen] : [];
  const anchors = [...own, ...extra];
  const offersWanted = (l: LocationChoice) => preset.services.length === 0 || l.services.some((s) => preset.services.includes(s));

  if (anchors.length === 0) {
    const offering = locations.filter(offersWanted);
    return { groups: offering.length <= LOCATION_OPTIONS_MAX ? arrangeOptions(offering.map(option)) : [], complete: false, total };
  }
  const here = anchors.flatMap((l) => (l.geo === undefined ? [] : [l.geo]));
  const room = Math.min(NEARBY_LOCATION_OPTIONS, LOCATION_OPTIONS_MAX - anchors.length);
  const nearby =
    here.length === 0 || room === 0
      ? []
      : locations
          .flatMap((l) => {
            const { geo } = l;
            if (geo === undefined || anchors.includes(l) || !offersWanted(l)) return [];
            return [{ l, km: Math.min(...here.map((h) => distanceKm(h, geo))) }];
          })
          .sort((a, b) => a.km - b.km || a.l.name.localeCompare(b.l.name))
          .slice(0, room)
          .map(({ l }) => option(l));
  return {
    groups: [own.length > 1 ? { label: RELATED_GROUP, options: own.map(option) } : { options: own.map(option) }, { options: extra.map(option) }, { label: NEARBY_GROUP, options: nearby }].filter(
      (group) => group.options.length > 0,
    ),
    complete: false,
    total,
  };
}

/** The full list as `paths.requestLocations()` serves it: the groups of the select, plain. */
export interface LocationList {
  total: number;
  groups: { label?: string; options: { value: string; label: string }[] }[];
}

/** Every location, arranged as the request page's select lists them (by city when long). */
export function buildLocationList(locations: readonly LocationChoice[]): LocationList {
  const { groups, total } = chooseLocationOptions({ locations, preset: { locations: [], services: [] }, every: true });
  return {
    total,
    groups: groups.map((group) => ({ ...(group.label === undefined ? {} : { label: group.label }), options: group.options.map(({ value, label }) => ({ value, label })) })),
  };
}

/**
 * What a form that lists some locations says about the rest: its empty choice, and the link to
 * the full list; nothing when it lists them all.
 */
export function describeOtherLocations(choices: LocationOptions): { emptyLabel: string; lead: string; label: string } | undefined {
  if (choices.complete) return undefined;
  return { emptyLabel: NO_PREFERENCE_HELP, lead: 'Another location?', label: `See all ${choices.total.toLocaleString('en-US')} locations` };
}
