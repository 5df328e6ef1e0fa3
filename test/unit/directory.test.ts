import { describe, expect, it } from 'vitest';
import { buildDirectory } from '@/lib/directory.ts';

const providers = [
  { id: 'ana', locations: ['harbor', 'hill'], specialty: 'Family medicine', languages: ['English', 'Español'], acceptingNewPatients: true },
  { id: 'ben', locations: ['hill'], specialty: 'Physical therapy', languages: ['English'], acceptingNewPatients: false },
];
const locations = [
  { id: 'harbor', name: 'Harbor Clinic' },
  { id: 'hill', name: 'Hill Clinic' },
];

describe('buildDirectory', () => {
  const directory = buildDirectory({ providers, locations });

  it('offers only the locations someone works at', () => {
    const more = buildDirectory({ providers, locations: [...locations, { id: 'empty', name: 'Empty Clinic' }] });
    expect(more.filters[0]?.options.map((o) => o.token)).toEqual(['', 'harbor', 'hill']);
    expect(more.css).not.toContain('empty');
  });

  it('offers "Any" first, then every distinct value', () => {
    expect(directory.filters.map((f) => [f.name, f.options.map((o) => o.label)])).toEqual([
      ['location', ['Any', 'Harbor Clinic', 'Hill Clinic']],
      ['specialty', ['Any', 'Family medicine', 'Physical therapy']],
      ['language', ['Any', 'English', 'Español']],
      ['accepting', ['Show everyone', 'Only those accepting new patients']],
    ]);
  });

  it('tags each provider with the tokens its filters match', () => {
    expect(directory.attributes.get('ana')).toEqual({
      'data-location': 'harbor hill',
      'data-specialty': 'family-medicine',
      'data-language': 'english espanol',
      'data-accepting': 'yes',
    });
  });

  it('hides non-matching providers for each selected option, and never for "Any"', () => {
    const rules = directory.css.split('\n');
    expect(rules).toHaveLength(2 + 2 + 2 + 1);
    expect(rules).toContain('.directory:has(#f-location option[value="harbor"]:checked) .directory__results>li:not([data-location~="harbor"]){display:none}');
    expect(directory.css).not.toContain('value=""');
  });
});
