import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProvidersDescription, describeDescriptionSource } from '@/lib/seo/descriptions.ts';
import { DESCRIPTION_MAX, DESCRIPTION_MIN } from '@/lib/seo/head.ts';
import { listPageKinds } from '@/lib/page-kinds.ts';
import { PROJECT_ROOT } from '../../support/read-content.ts';

const specialties = (...names: string[]) => names.map((specialty) => ({ specialty }));

describe('buildProvidersDescription', () => {
  it('says how many providers there are and the specialties they have, most common first', () => {
    expect(
      buildProvidersDescription({
        organization: 'Fixture Health',
        providers: specialties('Family medicine', 'Behavioral health', 'Family medicine'),
      }),
    ).toBe('3 providers at Fixture Health: Family medicine and Behavioral health. Narrow the list by location, specialty, language and new patients.');
  });

  it('claims nothing the content does not have: no doctors, therapists or dentists that are not there', () => {
    const description = buildProvidersDescription({ organization: 'Lakeside Sports Care', providers: specialties('Athletic training') });
    expect(description).toBe('1 provider at Lakeside Sports Care: Athletic training. Narrow the list by location, specialty, language and new patients.');
    expect(description).not.toMatch(/doctor|nurse|therapist|dentist/i);
  });

  it('names as many specialties as fit, then "and more", before how to narrow the list', () => {
    const many = specialties('Pediatrics', 'Pediatrics', 'Orthopedics', 'Sports medicine', 'Physical therapy', 'Athletic training', 'Imaging', 'Urgent care');
    const description = buildProvidersDescription({ organization: 'Hill Country Children’s and Orthopedic Care', providers: many });
    expect(description).toBe('8 providers at Hill Country Children’s and Orthopedic Care: Pediatrics, Athletic training, Imaging, Orthopedics, Physical therapy, Sports medicine and more.');
    expect([...description].length).toBeLessThanOrEqual(DESCRIPTION_MAX);
  });

  it.each([
    { organization: 'A', count: 1 },
    { organization: 'A', count: 40 },
    { organization: 'Riverbend Health', count: 10 },
    { organization: 'The Very Long Name of a Regional Network of Community Clinics and Hospitals', count: 500 },
    { organization: 'An Organization Whose Name Alone Is Longer Than Any Search Result Could Ever Show, Said Twice: An Organization Whose Name Alone Is Longer', count: 3 },
    { organization: 'No One Yet', count: 0 },
  ])(`stays within ${DESCRIPTION_MIN} to ${DESCRIPTION_MAX} characters: $organization, $count providers`, ({ organization, count }) => {
    const providers = Array.from({ length: count }, (_, i) => ({ specialty: `Specialty number ${i % 25}` }));
    const length = [...buildProvidersDescription({ organization, providers })].length;
    expect(length).toBeGreaterThanOrEqual(DESCRIPTION_MIN);
    expect(length).toBeLessThanOrEqual(DESCRIPTION_MAX);
  });
});

describe('describeDescriptionSource', () => {
  const KINDS = listPageKinds();

  it('sends the provider directory to the organization file, not to a frontmatter it does not have', () => {
    expect(describeDescriptionSource('providers')).toBe('`providersDescription` in the organization file (content/organization/)');
    expect(describeDescriptionSource('provider')).toBe('`summary` (or `seo.description`, which replaces it in search results)');
  });

  it.each(KINDS)('names a file of the project that exists, for %s pages', (kind) => {
    const source = describeDescriptionSource(kind);
    for (const [file] of source.matchAll(/(?:src|content)\/[\w./[\]-]+/g)) {
      expect(existsSync(join(PROJECT_ROOT, file.replace(/[.]$/, ''))), file).toBe(true);
    }
  });
});
