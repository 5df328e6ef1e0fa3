import { toToken } from './ids.ts';

/**
 * The provider directory's filters. Each filter is a `<select>`; a stylesheet made here hides
 * the providers that do not match the selected options (`option:checked` inside `:has()`), so the
 * directory narrows without JavaScript and without a server round trip.
 */
export interface DirectoryProvider {
  id: string;
  locations: readonly string[];
  specialty: string;
  languages: readonly string[];
  acceptingNewPatients: boolean;
}

export interface FilterOption {
  /** Token matched against the provider's data attribute; empty for "Any". */
  token: string;
  label: string;
}

export interface Filter {
  /** Field name and data attribute suffix, e.g. `location` → `data-location`. */
  name: 'location' | 'specialty' | 'language' | 'accepting';
  /** Element id of the select. */
  selectId: string;
  label: string;
  options: FilterOption[];
}

export interface Directory {
  filters: Filter[];
  /** Space-separated tokens per provider id, one attribute per filter. */
  attributes: Map<string, Record<`data-${Filter['name']}`, string>>;
  css: string;
}

export function buildDirectory(input: { providers: DirectoryProvider[]; locations: { id: string; name: string }[] }): Directory {
  const { providers, locations } = input;
  const distinct = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  const filter = (name: Filter['name'], label: string, values: { token: string; label: string }[]): Filter => ({
    name,
    selectId: `f-${name}`,
    label,
    options: [{ token: '', label: name === 'accepting' ? 'Show everyone' : 'Any' }, ...values],
  });
  const filters: Filter[] = [
    // Only locations someone works at: a large organization's clinics without providers would
    // make a long list (and a rule each) of choices that show no one.
    filter(
      'location',
      'Location',
      locations.filter((l) => providers.some((p) => p.locations.includes(l.id))).map((l) => ({ token: l.id, label: l.name })),
    ),
    filter(
      'specialty',
      'Specialty',
      distinct(providers.map((p) => p.specialty)).map((s) => ({ token: toToken(s), label: s })),
    ),
    filter(
      'language',
      'Language',
      distinct(providers.flatMap((p) => [...p.languages])).map((l) => ({ token: toToken(l), label: l })),
    ),
    filter('accepting', 'New patients', [{ token: 'yes', label: 'Only those accepting new patients' }]),
  ];
  const attributes = new Map(
    providers.map((p) => [
      p.id,
      {
        'data-location': p.locations.join(' '),
        'data-specialty': toToken(p.specialty),
        'data-language': p.languages.map(toToken).join(' '),
        'data-accepting': p.acceptingNewPatients ? 'yes' : 'no',
      },
    ]),
  );
  const css = filters
    .flatMap((f) =>
      f.options.filter((o) => o.token !== '').map((o) => `.directory:has(#${f.selectId} option[value="${o.token}"]:checked) .directory__results>li:not([data-${f.name}~="${o.token}"]){display:none}`),
    )
    .join('\n');
  return { filters, attributes, css };
}
