import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { addToFrontmatterList, escapeMdx, formatFlow, planNewEntry, toEntryId, type ExistingContent, type ExistingEntry } from '@/lib/content/new-entry.ts';

const entry = (folder: string, id: string, data: Record<string, unknown>, body = ''): ExistingEntry => ({
  id,
  file: `content/${folder}/${id}.mdx`,
  data,
  body,
  text: `---\n${Object.entries(data).map(([key, value]) => `${key}: ${formatFlow(value)}`).join('\n')}\n---\n${body}`,
});

const CONTENT: ExistingContent = {
  contentDir: 'content',
  organization: { name: 'Riverbend Health', phone: '+15035550100', timeZone: 'America/Los_Angeles', serviceArea: ['Portland', 'Salem'], shareImage: { src: './share.jpg', alt: 'x' } },
  locations: [
    entry('locations', 'hawthorne', {
      name: 'Riverbend Health – Hawthorne',
      address: { street: '3710 SE Alder Row', city: 'Portland', region: 'OR', postalCode: '97214' },
      geo: { latitude: 45.5, longitude: -122.6 },
      services: ['pediatrics', 'primary-care'],
    }),
  ],
  services: [
    entry('services', 'pediatrics', { name: 'Pediatrics', audience: 'Children and teens.', specialty: 'Pediatric', conditions: ['ear-infection'], order: 3 }),
    entry('services', 'primary-care', { name: 'Primary care', specialty: 'PrimaryCare', conditions: [], order: 2 }),
    entry('services', 'video-visits', { name: 'Video visits', delivery: ['video'], order: 9 }),
  ],
  conditions: [entry('conditions', 'ear-infection', { name: 'Ear infection', services: ['pediatrics'] })],
  providers: [entry('providers', 'maya-okafor', { name: 'Maya Okafor', locations: ['hawthorne'], services: ['pediatrics'], npi: '1999999992' })],
  locationServices: [],
};

const plan = (request: Parameters<typeof planNewEntry>[0]) => {
  const result = planNewEntry(request, CONTENT, '2026-03-02');
  if (!result.ok) throw new Error(result.error);
  return result.plan;
};

/** The frontmatter as YAML reads it, comments and all left out. */
const fieldsOf = (text: string) => parseYaml(text.split('---\n')[1] ?? '') as Record<string, unknown>;

describe('toEntryId', () => {
  it.each([
    ['Travel vaccines', 'travel-vaccines'],
    ['Riverbend Health – North Portland', 'riverbend-health-north-portland'],
    ['Zoë Šimek, MD', 'zoe-simek-md'],
    ['  ', ''],
    ['日本語', ''],
    [`${'a'.repeat(99)} b`, 'a'.repeat(99)],
  ])('%s → %s', (name, id) => expect(toEntryId(name)).toBe(id));
});

describe('formatFlow', () => {
  it.each([
    ['+15035550100', '"+15035550100"'],
    ['08:00', '"08:00"'],
    ['97214', '"97214"'],
    ['2026-12-25', '2026-12-25'],
    ['Portland', 'Portland'],
    ['Bachelor of Science, Kinesiology', '"Bachelor of Science, Kinesiology"'],
    ['Note: ask first', '"Note: ask first"'],
    ['yes', 'yes'],
    ['true', '"true"'],
    [{ days: ['monday'], opens: '08:00' }, '{ days: [monday], opens: "08:00" }'],
    [[], '[]'],
  ])('%j → %s', (value, text) => {
    expect(formatFlow(value)).toBe(text);
    expect(parseYaml(`x: ${text}`)).toEqual({ x: value });
  });
});

describe('escapeMdx', () => {
  it.each([
    ['Houston 24/7 <Ortho & Kids>', 'Houston 24/7 &lt;Ortho & Kids>'],
    ['Clinic {2}', 'Clinic \\{2\\}'],
    ['Plain text', 'Plain text'],
  ])('%s → %s', (text, escaped) => expect(escapeMdx(text)).toBe(escaped));
});

describe('addToFrontmatterList', () => {
  it.each([
    ['a list on one line', '---\nname: A\nconditions: [b, c]   # note\n---\nText', '---\nname: A\nconditions: [b, c, new]   # note\n---\nText'],
    ['an empty list', '---\nconditions: []\n---\n', '---\nconditions: [new]\n---\n'],
    ['one item a line', '---\nconditions:\n  - b\n  - c\nsteps: [x]\n---\n', '---\nconditions:\n  - b\n  - c\n  - new\nsteps: [x]\n---\n'],
    ['no such field', '---\nname: A\n---\nText', '---\nname: A\nconditions: [new]\n---\nText'],
  ])('%s', (_, text, expected) => expect(addToFrontmatterList(text, 'conditions', 'new')).toBe(expected));

  it.each([
    ['a list written some other way', '---\nconditions: b\n---\n'],
    ['no frontmatter', 'name: A\n'],
  ])('leaves %s alone', (_, text) => expect(addToFrontmatterList(text, 'conditions', 'new')).toBeUndefined());
});

describe('planNewEntry', () => {
  it('writes every field of a provider, with a comment each, and derives what it can', () => {
    const { id, file, text, todo } = plan({ kind: 'provider', name: 'Jo Park' });
    expect({ id, file, todo }).toEqual({
      id: 'jo-park',
      file: 'content/providers/jo-park.mdx',
      todo: ['summary', 'specialty', 'locations', 'services', 'languages', 'acceptingNewPatients', 'npi'],
    });
    expect(text).toMatchInlineSnapshot(`
      "---
      name: Jo Park                   # full name, without credentials
      summary: Jo Park.               # TODO: one or two sentences: their work, and where
      # lang: es                      # the page text's language, when it is not the site's
      # updated: 2026-03-02           # the day the page last changed in a way readers notice
      seo:                            # search settings
        # title: "Jo Park"            # replaces the title in search results; 60 characters or fewer
        # description: "…"            # replaces the summary in search results; 70 to 160 characters
        noindex: true                 # TODO: delete this line when the page is ready, so search engines find it
      # credentials: [MD, FAAP]       # as written after the name, one per item
      specialty: Primary care         # TODO: their specialty in plain words, e.g. Family medicine
      medicalSpecialty: PrimaryCare   # the schema.org medical specialty, e.g. PrimaryCare, Physiotherapy, Psychiatric
      locations: [hawthorne]          # TODO: the locations where they see patients
      services: [primary-care]        # TODO: the services they provide
      languages: [English]            # TODO: the languages they see patients in
      acceptingNewPatients: true      # TODO: whether they take new patients now
      # education: [{ degree: Doctor of Medicine, institution: Oregon Health & Science University, year: 2010 }]  # degrees and training, most recent first
      # certifications: [American Board of Family Medicine]  # board certifications
      # headshot: { src: ./images/jo-park.jpg, alt: Portrait of Jo Park }  # their photo, next to this file; without it no picture is shown
      npi: "1999999984"               # TODO: their NPI from the NPI registry (npiregistry.cms.hhs.gov); this one only passes the check
      ---
      Write here about Jo Park: who they care for, how they work, and a little about them.
      "
    `);
  });

  it('gives a location the organization’s phone and the city and region of its other locations, and one in-person service', () => {
    expect(fieldsOf(plan({ kind: 'location', name: 'North Portland' }).text)).toMatchObject({
      phone: '+15035550100',
      address: { street: 'Street and number', city: 'Portland', region: 'OR', postalCode: '00000' },
      services: ['primary-care'],
      photo: { src: '../organization/share.jpg', alt: 'North Portland seen from the street' },
      seo: { noindex: true },
    });
  });

  it('starts a location --from another without its address, map position, phone or photo', () => {
    const fields = fieldsOf(plan({ kind: 'location', name: 'Hawthorne Annex', from: 'hawthorne' }).text);
    expect(fields).toMatchObject({ address: { street: 'Street and number', city: 'Portland', postalCode: '00000' }, services: ['pediatrics', 'primary-care'] });
    expect(JSON.stringify(fields)).not.toMatch(/Alder|97214/);
  });

  it('lists a new condition back in the service that treats it', () => {
    const { edits } = plan({ kind: 'condition', name: 'Sore throat' });
    expect(edits).toEqual([
      {
        file: 'content/services/primary-care.mdx',
        text: expect.stringContaining('conditions: [sore-throat]'),
        summary: 'Added "sore-throat" to conditions in content/services/primary-care.mdx: a condition and the services that treat it name each other.',
      },
    ]);
  });

  it('writes a location × service page named <location>--<service> with the page text it shows today', () => {
    const { file, text } = plan({ kind: 'location-service', location: 'hawthorne', service: 'pediatrics' });
    expect(file).toBe('content/location-services/hawthorne--pediatrics.mdx');
    expect(fieldsOf(text)).toEqual({ location: 'hawthorne', service: 'pediatrics' });
    expect(text.split('---\n')[2]).toBe('Riverbend Health – Hawthorne offers Pediatrics in Portland.\n\n**Who it is for:** Children and teens.\n');
  });

  it.each([
    [{ kind: 'service', name: 'Pediatrics' } as const, 'content/services/pediatrics.mdx exists already: edit it, or give the new service another name.'],
    [{ kind: 'condition', name: '' } as const, 'Give the new condition\'s name, e.g. npm run new -- condition "Low back pain".'],
    [{ kind: 'provider', name: 'Jo Park', from: 'maya-okafr' } as const, '--from "maya-okafr" is not the id of any provider in providers/. Did you mean "maya-okafor"?'],
    [{ kind: 'location-service', location: 'hawthorn', service: 'pediatrics' } as const, '"hawthorn" is not the id of any location in locations/. Did you mean "hawthorne"?'],
    [
      { kind: 'location-service', location: 'hawthorne', service: 'video-visits' } as const,
      'content/locations/hawthorne.mdx does not offer "video-visits", so there is no page for this pair: add "video-visits" to services there first.',
    ],
  ])('refuses %j', (request, error) => expect(planNewEntry(request, CONTENT, '2026-03-02')).toEqual({ ok: false, error }));
});
