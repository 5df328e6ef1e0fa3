import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFixtureSite, type FixtureSite } from '../../support/fixtures.ts';
import { formatPath, getEntryId, readContent } from '../../support/read-content.ts';

// The reader stands in for Astro's glob loader in unit tests; where it differs, tests lie.
describe('getEntryId, as the loader derives ids from file names', () => {
  it.each([
    ['hill.mdx', 'hill'],
    ['harbor--walk-in-care.mdx', 'harbor--walk-in-care'],
    ['organization.yaml', 'organization'],
    ['Hill Clinic.md', 'Hill Clinic'],
  ])('%j → %j', (file, id) => {
    expect(getEntryId(file)).toBe(id);
  });
});

describe('formatPath', () => {
  it.each([
    [[], '(entry)'],
    [['phone'], 'phone'],
    [['address', 'city'], 'address.city'],
    [['services', 2], 'services[2]'],
    [['hours', 0, 'closes'], 'hours[0].closes'],
  ])('%j → %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

describe('readContent on edited copies of the good fixture', () => {
  const sites: FixtureSite[] = [];
  afterAll(() => {
    for (const site of sites) site.remove();
  });

  /** The good fixture with `edit` applied to the text of one file. */
  async function readEdited(file: string, edit: (text: string) => string) {
    const site = createFixtureSite();
    sites.push(site);
    const path = join(site.root, site.contentDir, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    expect(after, 'the edit changed nothing').not.toBe(before);
    writeFileSync(path, after);
    return (await readContent({ root: site.root, contentDir: site.contentDir })).issues;
  }

  it('names a misspelled key inside a nested object, with the nearest field', async () => {
    const issues = await readEdited('locations/hill.mdx', (t) => t.replace('  city: Harbor City', '  citty: Harbor City'));
    expect(issues).toEqual([
      expect.objectContaining({ field: 'address.city', message: 'The field address.city is missing.' }),
      expect.objectContaining({
        field: 'address.citty',
        message: 'Unknown field. Did you mean "city"? Fields allowed here: street, street2, city, region, postalCode, country.',
        fix: 'Did you mean "city"? Rename "citty" to "city", or delete it.',
      }),
    ]);
  });

  it('names a misspelled key in an object inside a list', async () => {
    const issues = await readEdited('location-services/harbor--walk-in-care.mdx', (t) => t.replace('  - question:', '  - qestion:'));
    expect(issues).toEqual([
      expect.objectContaining({ field: 'faqs[0].question' }),
      expect.objectContaining({
        field: 'faqs[0].qestion',
        fix: 'Did you mean "question"? Rename "qestion" to "question", or delete it.',
      }),
    ]);
  });

  it('reports YAML that does not parse, and stops before the integrity check', async () => {
    const issues = await readEdited('services/walk-in-care.mdx', (t) => t.replace('intent: urgent', 'intent: [urgent'));
    expect(issues).toEqual([
      expect.objectContaining({
        file: 'content/services/walk-in-care.mdx',
        field: '(file)',
        line: 8,
        value: 'intent: [urgent',
        message: 'A list opened with "[" is not closed on this line.',
        fix: 'Add "]" at the end, like services: [walk-in-care, family-medicine].',
      }),
    ]);
  });

  it('says a single value where a list belongs is not a list, and how to write one', async () => {
    const issues = await readEdited('locations/hill.mdx', (t) => t.replace('services: [family-medicine]', 'services: family-medicine'));
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'services',
        value: 'family-medicine',
        message: 'services should be a list, not text.',
        fix: 'Write a list, one item per line under "services:" starting with "- ", or on one line: services: [family-medicine]',
      }),
    ]);
  });

  it('says what kind of value a missing field takes', async () => {
    const issues = await readEdited('conditions/sprained-ankle.mdx', (t) => t.replace(/^symptoms: .*\n/m, ''));
    expect(issues).toEqual([
      expect.objectContaining({ field: 'symptoms', message: 'The field symptoms is missing.', fix: 'Add symptoms, a list: one item per line under "symptoms:", each starting with "- ".' }),
    ]);
  });

  it('gives the value of a wrong field', async () => {
    const issues = await readEdited('conditions/sprained-ankle.mdx', (t) => t.replace('reviewer: ana-ruiz', 'reviewer: Ana Ruiz'));
    expect(issues).toEqual([expect.objectContaining({ field: 'review.reviewer', value: 'Ana Ruiz' })]);
  });
});
