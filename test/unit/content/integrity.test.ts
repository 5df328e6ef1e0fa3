import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity, formatIssues, suggestId, type ContentIssue, type EntryRecord } from '@/lib/content/integrity.ts';
import { editDistance } from '@/lib/nearest.ts';
import type { TypedSnapshot } from '@/lib/content/relations.ts';
import { createFixtureSite, listBrokenFixtures, type FixtureSite } from '../../support/fixtures.ts';
import { readContent } from '../../support/read-content.ts';

const sites: FixtureSite[] = [];
afterAll(() => sites.forEach((site) => site.remove()));

/** Reads the good fixture with one broken overlay applied, as the build would see it. */
async function readFixture(overlay?: string) {
  const site = createFixtureSite(overlay);
  sites.push(site);
  return readContent({ root: site.root, contentDir: site.contentDir });
}

/** An issue as a test expects it: exact file, field and value; message and fix as matchers. */
interface ExpectedIssue {
  file: string;
  field: string;
  value?: string;
  message: RegExp;
  fix: RegExp;
}

const cases: { fixture: string; issues: ExpectedIssue[] }[] = [
  {
    // The page text is checked before MDX compiles it, in every file, beside the fields' problems.
    fixture: 'page-text',
    issues: [
      { file: 'content/locations/hill.mdx', field: 'page text', value: 'Bring your {insurance card} and a list of your medicines.', message: /^A brace "\{" here is read as the start of code\.$/, fix: /^To show a brace in text, write \\\{ \(and \\\}\)/ },
      { file: 'content/locations/hill.mdx', field: 'page text', value: './images/hill.jpg', message: /^The image "\.\/images\/hill\.jpg" has no description \(alt text\)\.$/, fix: /^Say in the brackets what it shows/ },
      { file: 'content/locations/hill.mdx', field: 'page text', value: 'hill.jpg', message: /is described by a file name \("hill\.jpg"\)\.$/, fix: /^Say in the brackets what it shows instead/ },
      { file: 'content/locations/hill.mdx', field: 'page text', value: 'ben-cle', message: /^<ProviderCard id>: "ben-cle" is not the id of any entry in providers\/\.$/, fix: /^Did you mean "ben-cole"\? Valid ids in providers\/: ana-ruiz, ben-cole, dana-levi; or remove the <ProviderCard> from this line\.$/ },
      { file: 'content/conditions/high-blood-pressure.mdx', field: 'summary', value: 'summary: Blood pressure that stays high: above the healthy range.', message: /colon followed by a space/, fix: /^Put the value in quotes: summary: "Blood pressure that stays high: above the healthy range\."$/ },
      { file: 'content/conditions/high-blood-pressure.mdx', field: 'page text', value: 'Calout', message: /^There is no component <Calout>\.$/, fix: /^Did you mean <Callout>\? Components you can use: Callout, CallToAction, FAQ, InsuranceList, LocationHours, ProviderCard/ },
      { file: 'content/conditions/high-blood-pressure.mdx', field: 'page text', value: '{today}', message: /^"\{today\}" is read as code/, fix: /write \\\{today\\\}/ },
      { file: 'content/conditions/high-blood-pressure.mdx', field: 'page text', value: 'info', message: /^<Callout type> is "info", which is not one of its values\.$/, fix: /^type is one of: note, warning, emergency\.$/ },
    ],
  },
  {
    fixture: 'unknown-reference',
    issues: [
      {
        file: 'content/locations/harbor.mdx',
        field: 'services[1]',
        value: 'family-medecine',
        message: /"family-medecine" is not the id of any entry in services\//,
        fix: /^Did you mean "family-medicine"\? Valid ids in services\/: family-medicine, walk-in-care; or remove "family-medecine" from services in content\/locations\/harbor\.mdx\.$/,
      },
    ],
  },
  {
    fixture: 'unknown-reviewer',
    issues: [
      {
        file: 'content/conditions/high-blood-pressure.mdx',
        field: 'review.reviewer',
        value: 'maya-okafor',
        message: /"maya-okafor" is not the id of any entry in providers\//,
        // Nothing is close, so no guess: only the valid ids.
        fix: /^Valid ids in providers\/: ana-ruiz, ben-cole, dana-levi\.$/,
      },
    ],
  },
  {
    fixture: 'unknown-condition',
    issues: [
      {
        file: 'content/services/walk-in-care.mdx',
        field: 'conditions[1]',
        value: 'sprained-wrist',
        message: /^"sprained-wrist" is not the id of any entry in conditions\/\.$/,
        fix: /^Valid ids in conditions\/: high-blood-pressure, sprained-ankle; or remove "sprained-wrist" from conditions in content\/services\/walk-in-care\.mdx\.$/,
      },
    ],
  },
  {
    fixture: 'unknown-related-service',
    issues: [
      {
        file: 'content/conditions/high-blood-pressure.mdx',
        field: 'services[1]',
        value: 'cardiology',
        message: /^"cardiology" is not the id of any entry in services\/\.$/,
        fix: /^Valid ids in services\/: family-medicine, walk-in-care; or remove "cardiology" from services in content\/conditions\/high-blood-pressure\.mdx\.$/,
      },
    ],
  },
  {
    fixture: 'unknown-provider-location',
    issues: [
      {
        file: 'content/providers/ben-cole.mdx',
        field: 'locations[1]',
        value: 'harbour',
        message: /^"harbour" is not the id of any entry in locations\/\.$/,
        fix: /^Did you mean "harbor"\? Valid ids in locations\/: harbor, hill; or remove "harbour" from locations in content\/providers\/ben-cole\.mdx\.$/,
      },
    ],
  },
  {
    fixture: 'unknown-provider-service',
    issues: [
      {
        file: 'content/providers/ben-cole.mdx',
        field: 'services[1]',
        value: 'family-medicin',
        message: /^"family-medicin" is not the id of any entry in services\/\.$/,
        fix: /^Did you mean "family-medicine"\? Valid ids in services\/: family-medicine, walk-in-care; or remove "family-medicin" from services in content\/providers\/ben-cole\.mdx\.$/,
      },
      // Not also "none of this provider's locations offers it": adding an unknown id to a location is no fix.
    ],
  },
  {
    fixture: 'virtual-service-at-location',
    issues: [
      {
        file: 'content/locations/harbor.mdx',
        field: 'services[0]',
        value: 'walk-in-care',
        message: /^"walk-in-care" is delivered only by video \(content\/services\/walk-in-care\.mdx\), so it has no page at a location\.$/,
        fix: /^Remove "walk-in-care" from services here;.*add in-person to delivery/,
      },
      // Not "no location offers it" (a warning) nor "none of ana-ruiz's locations offers it": it is offered from anywhere.
    ],
  },
  {
    fixture: 'misspelled-key',
    issues: [
      {
        file: 'content/locations/hill.mdx',
        field: 'phone',
        message: /phone is missing/,
        fix: /E\.164/,
      },
      {
        file: 'content/locations/hill.mdx',
        field: 'phnoe',
        message: /^Unknown field\. Did you mean "phone"\? Fields allowed here: name, .*\bphone\b.*\.$/,
        fix: /^Did you mean "phone"\?/,
      },
    ],
  },
  {
    fixture: 'missing-field',
    issues: [
      {
        file: 'content/locations/hill.mdx',
        field: 'phone',
        message: /phone is missing/,
        fix: /^Add phone\. Give a phone number in E\.164 form/,
      },
    ],
  },
  {
    fixture: 'missing-hours',
    issues: [
      {
        file: 'content/locations/hill.mdx',
        field: 'hours',
        message: /^List at least one set of opening hours\.$/,
        fix: /Add at least 1 item\(s\) to hours/,
      },
    ],
  },
  {
    fixture: 'unquoted-values',
    issues: [
      { file: 'content/locations/hill.mdx', field: 'updated', value: '12/24/2026', message: /^Write the date as YYYY-MM-DD, e\.g\. 2026-03-01 \(not "12\/24\/2026"\)\.$/, fix: /^Correct updated as the message says\.$/ },
      { file: 'content/locations/hill.mdx', field: 'phone', value: '15555550102', message: /^Put the phone number in quotes, like "\+15555550102": without them YAML reads it as the number 15555550102\.$/, fix: /^Write the line as phone: "\+15555550102"$/ },
    ],
  },
  {
    fixture: 'bad-phone',
    issues: [
      {
        file: 'content/locations/hill.mdx',
        field: 'phone',
        value: '(555) 555-0102',
        message: /E\.164 form/,
        fix: /Rewrite phone/,
      },
    ],
  },
  {
    fixture: 'bad-npi',
    issues: [
      {
        file: 'content/providers/ben-cole.mdx',
        field: 'npi',
        value: '1000000021',
        message: /fails its check digit/,
        fix: /npi/,
      },
    ],
  },
  {
    fixture: 'duplicate-id',
    issues: [
      {
        file: 'content/services/walk-in-care.mdx',
        field: '(file)',
        value: 'walk-in-care',
        message: /^content\/services\/walk-in-care\.md has the same id "walk-in-care"/,
        fix: /Rename or delete one of the two files/,
      },
    ],
  },
  {
    fixture: 'bad-file-name',
    issues: [
      {
        file: 'content/locations/North Clinic.mdx',
        field: '(file)',
        value: 'North Clinic',
        message: /^The file name "North Clinic" is not a valid id\.$/,
        fix: /lowercase letters and digits, words joined by hyphens/,
      },
    ],
  },
  {
    fixture: 'duplicate-name',
    issues: [
      {
        file: 'content/services/walk-in-care.mdx',
        field: 'name',
        value: 'Family Medicine',
        message: /^content\/services\/family-medicine\.mdx has the same name/,
        fix: /Give this entry a name of its own/,
      },
    ],
  },
  {
    fixture: 'asymmetric-condition',
    issues: [
      {
        file: 'content/conditions/sprained-ankle.mdx',
        field: 'services',
        message: /content\/services\/family-medicine\.mdx lists "sprained-ankle" .* does not list "family-medicine"/,
        fix: /^Add "family-medicine" to services here, or remove "sprained-ankle" from conditions in content\/services\/family-medicine\.mdx\.$/,
      },
    ],
  },
  {
    fixture: 'provider-service-not-offered',
    issues: [
      {
        file: 'content/providers/ben-cole.mdx',
        field: 'services[1]',
        value: 'walk-in-care',
        message: /None of this provider's locations \(hill\) offers "walk-in-care"/,
        fix: /^Add "walk-in-care" to services in one of content\/locations\/hill\.mdx, or remove it here\.$/,
      },
    ],
  },
  {
    fixture: 'local-service-not-offered',
    issues: [
      {
        file: 'content/location-services/hill--walk-in-care.mdx',
        field: 'service',
        value: 'walk-in-care',
        message: /content\/locations\/hill\.mdx does not offer "walk-in-care"/,
        fix: /^Add "walk-in-care" to services in content\/locations\/hill\.mdx, or delete this file\.$/,
      },
    ],
  },
  {
    fixture: 'missing-image',
    issues: [
      {
        file: 'content/providers/ben-cole.mdx',
        field: 'headshot.src',
        value: './images/ben-cole.jpg',
        message: /"\.\/images\/ben-cole\.jpg" does not exist/,
        fix: /correct the path in headshot\.src/,
      },
    ],
  },
  {
    fixture: 'two-organizations',
    issues: [
      {
        file: 'content/organization/second-organization.yaml',
        field: '(file)',
        message: /only one organization entry; content\/organization\/organization\.yaml is one already/,
        fix: /^Merge the two into content\/organization\/organization\.yaml and delete this file\.$/,
      },
    ],
  },
  {
    fixture: 'routing-unknown-id',
    issues: [
      {
        file: 'content/routing/routing.yaml',
        field: 'rules[0].when.services[0]',
        value: 'walk-in-car',
        message: /"walk-in-car" is not the id of any entry in services\//,
        fix: /^Did you mean "walk-in-care"\? Valid ids in services\/: family-medicine, walk-in-care; or remove "walk-in-car" from rules\[0\]\.when\.services in content\/routing\/routing\.yaml\.$/,
      },
    ],
  },
  {
    fixture: 'routing-unknown-location',
    issues: [
      {
        file: 'content/routing/routing.yaml',
        field: 'rules[1].when.locations[0]',
        value: 'harbour',
        message: /^"harbour" is not the id of any entry in locations\/\.$/,
        fix: /^Did you mean "harbor"\? Valid ids in locations\/: harbor, hill; or remove "harbour" from rules\[1\]\.when\.locations in content\/routing\/routing\.yaml\.$/,
      },
    ],
  },
  {
    fixture: 'routing-unknown-webhook',
    issues: [
      {
        file: 'content/routing/routing.yaml',
        field: 'rules[1].route.webhooks[0]',
        value: 'ehr-intkae',
        message: /^"ehr-intkae" is not a webhook declared under delivery\.webhooks\.$/,
        fix: /^Did you mean "ehr-intake"\? Declare it under delivery\.webhooks, e\.g\. "delivery: \{ webhooks: \{ ehr-intkae: \{ payload: thin \} \} \}", or remove it here\.$/,
      },
    ],
  },
  {
    fixture: 'routing-bad-email',
    issues: [
      {
        file: 'content/routing/routing.yaml',
        field: 'rules[0].route.notify[0]',
        value: 'walk-in-desk.fixture.example',
        message: /^Write an email address such as desk@clinic\.example\.$/,
        fix: /^Rewrite rules\[1\]\.route\.notify\[1\] in the form the message shows\.$/,
      },
    ],
  },
  {
    fixture: 'routing-unknown-channel',
    issues: [
      {
        file: 'content/routing/routing.yaml',
        field: 'channels.rules[0].channel',
        value: 'newsletter',
        message: /^The channel is one of: organic-search, paid-search, local-listing, email, social, referral-partner, other-sites, direct\.$/,
        fix: /^Use one of the values the message lists in channels\.rules\[1\]\.channel\.$/,
      },
    ],
  },
  {
    fixture: 'no-time-zone',
    issues: [
      {
        file: 'content/organization/organization.yaml',
        field: 'timeZone',
        message: /^The organization has no time zone, so no one can tell when its locations are open\.$/,
        fix: /^Add the IANA name of its time zone, e\.g\. "timeZone: America\/Chicago"; give a location in another zone its own timeZone\.$/,
      },
    ],
  },
  {
    fixture: 'local-service-unknown-location',
    issues: [
      {
        file: 'content/location-services/pier--walk-in-care.mdx',
        field: 'location',
        value: 'pier',
        message: /^"pier" is not the id of any entry in locations\/\.$/,
        fix: /^Valid ids in locations\/: harbor, hill; or delete content\/location-services\/pier--walk-in-care\.mdx if that page is gone\.$/,
      },
    ],
  },
  {
    fixture: 'two-time-zones',
    issues: [
      {
        file: 'content/routing/routing.yaml',
        field: 'timeZone',
        value: 'America/Los_Angeles',
        message: /differs from the organization's \(America\/Chicago in content\/organization\/organization\.yaml\)/,
        fix: /^Remove timeZone here: the organization's is the default/,
      },
    ],
  },
  {
    fixture: 'local-service-unknown-service',
    issues: [
      {
        file: 'content/location-services/hill--physio.mdx',
        field: 'service',
        value: 'physio',
        message: /^"physio" is not the id of any entry in services\/\.$/,
        fix: /^Valid ids in services\/: family-medicine, walk-in-care; or delete content\/location-services\/hill--physio\.mdx if that page is gone\.$/,
      },
    ],
  },
  {
    fixture: 'overlapping-hours',
    issues: [
      {
        file: 'content/locations/hill.mdx',
        field: 'hours[1]',
        message: /^These hours on tuesday overlap with hours\[1\] \(wednesday\)\. Give each day's hours once; hours past midnight belong to the day they open\.$/,
        fix: /^Correct hours\[2\] as the message says\.$/,
      },
    ],
  },
  {
    // hill.mdx renamed hill-east.mdx: the old id is a part of the new one, too far for edit distance alone.
    fixture: 'renamed-location',
    issues: [
      // The page text's component ids are checked before the references (src/build/content-check.ts).
      {
        file: 'content/services/family-medicine.mdx',
        field: 'page text',
        value: 'hill',
        message: /^<LocationHours id>: "hill" is not the id of any entry in locations\/\.$/,
        fix: /^Did you mean "hill-east"\? Valid ids in locations\/: harbor, hill-east; or remove the <LocationHours> from this line\.$/,
      },
      {
        file: 'content/providers/ana-ruiz.mdx',
        field: 'locations[1]',
        value: 'hill',
        message: /^"hill" is not the id of any entry in locations\/\.$/,
        fix: /^Did you mean "hill-east"\? Valid ids in locations\/: harbor, hill-east; or remove "hill" from locations in content\/providers\/ana-ruiz\.mdx\.$/,
      },
      {
        file: 'content/providers/ben-cole.mdx',
        field: 'locations[0]',
        value: 'hill',
        message: /^"hill" is not the id of any entry in locations\/\.$/,
        fix: /^Did you mean "hill-east"\? Valid ids in locations\/: harbor, hill-east; or remove "hill" from locations in content\/providers\/ben-cole\.mdx\.$/,
      },
      {
        file: 'content/providers/dana-levi.mdx',
        field: 'locations[0]',
        value: 'hill',
        message: /^"hill" is not the id of any entry in locations\/\.$/,
        fix: /^Did you mean "hill-east"\? Valid ids in locations\/: harbor, hill-east; or remove "hill" from locations in content\/providers\/dana-levi\.mdx\.$/,
      },
    ],
  },
  {
    fixture: 'repeated-reference',
    issues: [
      {
        file: 'content/providers/ana-ruiz.mdx',
        field: 'locations[2]',
        value: 'harbor',
        message: /"harbor" is listed twice in locations/,
        fix: /^Remove the second "harbor"\.$/,
      },
    ],
  },
];

describe('the good fixture', () => {
  it('has no errors and no warnings', async () => {
    const { issues } = await readFixture();
    expect(formatIssues(issues)).toBe('');
  });

  it('is read with the loader\'s ids and file paths', async () => {
    const { snapshot, issues } = await readContent({ contentDir: 'test/fixtures/good' });
    expect(issues).toEqual([]);
    const collections: Record<string, EntryRecord<unknown>[]> = { ...snapshot };
    expect(Object.fromEntries(Object.entries(collections).map(([name, entries]) => [name, entries.map((e) => e.id)])))
      .toMatchInlineSnapshot(`
        {
          "conditions": [
            "high-blood-pressure",
            "sprained-ankle",
          ],
          "locationServices": [
            "harbor--walk-in-care",
          ],
          "locations": [
            "harbor",
            "hill",
          ],
          "organization": [
            "organization",
          ],
          "providers": [
            "ana-ruiz",
            "ben-cole",
            "dana-levi",
          ],
          "routing": [
            "routing",
          ],
          "services": [
            "family-medicine",
            "walk-in-care",
          ],
        }
      `);
    const [harbor] = snapshot.locations;
    expect(harbor?.filePath).toBe('test/fixtures/good/locations/harbor.mdx');
    // The schema's defaults and coercions apply, and the image stays a path.
    expect(harbor?.data.address?.country).toBe('US');
    expect(harbor?.data.holidayHours[0]?.date).toEqual(new Date('2026-12-25'));
    expect(harbor?.data.photo.src).toBe('./images/harbor.jpg');
  });
});

describe('broken fixtures', () => {
  it('has one case per fixture folder', () => {
    expect(cases.map((c) => c.fixture).sort()).toEqual(listBrokenFixtures());
  });

  describe.each(cases)('$fixture', ({ fixture, issues: expected }) => {
    it('gives exactly the expected issues', async () => {
      const issues = (await readFixture(fixture)).issues.map(({ line: _line, ...issue }) => issue);
      expect(issues).toEqual(
        expected.map(({ value, message, fix, ...where }): ContentIssue => ({
          severity: 'error',
          ...where,
          ...(value === undefined ? {} : { value }),
          message: expect.stringMatching(message),
          fix: expect.stringMatching(fix),
        })),
      );
      // toEqual treats a missing key like an undefined one; a value must be absent when none is expected.
      expect(issues.map((i) => 'value' in i)).toEqual(expected.map((e) => e.value !== undefined));
    });
  });
});

/** The line of each issue of each broken fixture, in order (undefined: a missing field or the file as a whole). */
const LINES: Record<string, (number | undefined)[]> = {
  'asymmetric-condition': [6],
  'bad-file-name': [undefined],
  'bad-npi': [12],
  'bad-phone': [10],
  'duplicate-id': [undefined],
  'duplicate-name': [2],
  'local-service-not-offered': [3],
  'local-service-unknown-location': [2],
  'local-service-unknown-service': [3],
  'missing-field': [undefined],
  'missing-hours': [11],
  'missing-image': [11],
  'misspelled-key': [undefined, 10],
  'no-time-zone': [undefined],
  'overlapping-hours': [13],
  'page-text': [20, 22, 24, 26, 3, 13, 15, 17],
  'provider-service-not-offered': [8],
  'renamed-location': [17, 7, 7, 7],
  'repeated-reference': [7],
  'routing-bad-email': [6],
  'routing-unknown-channel': [6],
  'routing-unknown-id': [5],
  'routing-unknown-location': [8],
  'routing-unknown-webhook': [9],
  'two-organizations': [undefined],
  'two-time-zones': [1],
  'unknown-condition': [6],
  'unknown-provider-location': [7],
  'unknown-provider-service': [8],
  'unknown-reference': [15],
  'unknown-related-service': [5],
  'unknown-reviewer': [9],
  'unquoted-values': [4, 11],
  'virtual-service-at-location': [15],
};

describe('the line of each issue', () => {
  it.each(Object.entries(LINES))('%s', async (fixture, lines) => {
    expect((await readFixture(fixture)).issues.map((issue) => issue.line)).toEqual(lines);
  });

  it('has a row per broken fixture', () => {
    expect(Object.keys(LINES).sort()).toEqual(listBrokenFixtures());
  });
});

// Changes the fixtures above do not make: the good fixture with one change, checked in memory.
describe('checkIntegrity, one change to the good fixture at a time', () => {
  let good: TypedSnapshot<string>;
  beforeAll(async () => {
    const content = await readContent({ contentDir: 'test/fixtures/good' });
    expect(content.issues).toEqual([]);
    good = content.snapshot;
  });

  const DIR = 'test/fixtures/good';
  const find = <T extends EntryRecord<unknown>>(entries: T[], id: string): T => {
    const entry = entries.find((e) => e.id === id);
    if (!entry) throw new Error(`No "${id}" in the good fixture.`);
    return entry;
  };
  /** A service no location offers (the fixture's family medicine, renamed). */
  const dermatology = (s: TypedSnapshot<string>) => ({
    ...find(s.services, 'family-medicine'),
    id: 'dermatology',
    filePath: `${DIR}/services/dermatology.mdx`,
    data: { ...find(s.services, 'family-medicine').data, name: 'Dermatology', conditions: [] },
  });
  const unoffered: ContentIssue = {
    severity: 'warning',
    file: `${DIR}/services/dermatology.mdx`,
    field: '(entry)',
    message: 'No location offers this service, so its page has no place to book or call.',
    fix: 'Add "dermatology" to services in the locations that offer it.',
  };
  const duplicate = (file: string, field: string, value: string, first: string): ContentIssue => ({
    severity: 'error',
    file,
    field,
    value,
    message: `${first} has the same ${field}; two pages would share one title or identity.`,
    fix: `Give this entry a ${field} of its own, or merge the two files.`,
  });
  const repeated = (file: string, field: string, value: string): ContentIssue => ({
    severity: 'error',
    file,
    field,
    value,
    message: `"${value}" is listed twice in ${field.replace(/\[\d+\]$/, '')}.`,
    fix: `Remove the second "${value}".`,
  });

  it.each<[string, (s: TypedSnapshot<string>) => void, ContentIssue[]]>([
    [
      'no organization',
      (s) => (s.organization = []),
      [
        {
          severity: 'error',
          file: 'organization/',
          field: '(file)',
          message: 'There is no organization entry.',
          fix: 'Add organization/organization.yaml with the name, phone, website and logo of the organization.',
        },
      ],
    ],
    [
      'no routing file',
      (s) => (s.routing = []),
      [
        {
          severity: 'error',
          file: 'routing/',
          field: '(file)',
          message: 'There are no lead routing rules, so no inquiry would reach a team.',
          fix: 'Add routing/routing.yaml with a defaultRoute and the rules (see the README).',
        },
        {
          // The good fixture keeps its time zone in the routing file, the fallback for older content.
          severity: 'error',
          file: 'test/fixtures/good/organization/organization.yaml',
          field: 'timeZone',
          message: 'The organization has no time zone, so no one can tell when its locations are open.',
          fix: 'Add the IANA name of its time zone, e.g. "timeZone: America/Chicago"; give a location in another zone its own timeZone.',
        },
      ],
    ],
    [
      'two routing files',
      (s) => s.routing.push({ ...find(s.routing, 'routing'), id: 'more', filePath: `${DIR}/routing/more.yaml` }),
      [
        {
          severity: 'error',
          file: `${DIR}/routing/more.yaml`,
          field: '(file)',
          message: `There may be only one routing file; ${DIR}/routing/routing.yaml is one already.`,
          fix: `Move these rules into ${DIR}/routing/routing.yaml and delete this file.`,
        },
      ],
    ],
    [
      'two locations with one name, told apart only by case',
      (s) => (find(s.locations, 'hill').data.name = 'fixture harbor clinic'),
      [duplicate(`${DIR}/locations/hill.mdx`, 'name', 'fixture harbor clinic', `${DIR}/locations/harbor.mdx`)],
    ],
    [
      'two conditions with one name',
      (s) => (find(s.conditions, 'sprained-ankle').data.name = 'High blood pressure'),
      [duplicate(`${DIR}/conditions/sprained-ankle.mdx`, 'name', 'High blood pressure', `${DIR}/conditions/high-blood-pressure.mdx`)],
    ],
    [
      'two providers with one name',
      (s) => (find(s.providers, 'ben-cole').data.name = 'Ana Ruiz'),
      [duplicate(`${DIR}/providers/ben-cole.mdx`, 'name', 'Ana Ruiz', `${DIR}/providers/ana-ruiz.mdx`)],
    ],
    [
      'two providers with one NPI',
      (s) => (find(s.providers, 'ben-cole').data.npi = '1000000012'),
      [duplicate(`${DIR}/providers/ben-cole.mdx`, 'npi', '1000000012', `${DIR}/providers/ana-ruiz.mdx`)],
    ],
    [
      'two local pages for one location and service',
      (s) => s.locationServices.push({ ...find(s.locationServices, 'harbor--walk-in-care'), id: 'harbor--walk-in-care-2', filePath: `${DIR}/location-services/harbor--walk-in-care-2.mdx` }),
      [
        duplicate(`${DIR}/location-services/harbor--walk-in-care-2.mdx`, 'location and service', 'harbor × walk-in-care', `${DIR}/location-services/harbor--walk-in-care.mdx`),
      ],
    ],
    [
      'a condition naming a service that does not name it back',
      (s) => find(s.conditions, 'high-blood-pressure').data.services.push('walk-in-care'),
      [
        {
          severity: 'error',
          file: `${DIR}/services/walk-in-care.mdx`,
          field: 'conditions',
          message: `${DIR}/conditions/high-blood-pressure.mdx lists "walk-in-care" as a related service, but this service does not list "high-blood-pressure".`,
          fix: `Add "high-blood-pressure" to conditions here, or remove "walk-in-care" from services in ${DIR}/conditions/high-blood-pressure.mdx.`,
        },
      ],
    ],
    ['a service no location offers', (s) => s.services.push(dermatology(s)), [unoffered]],
    [
      'a provider offering a service none of their several locations offers',
      (s) => {
        s.services.push(dermatology(s));
        find(s.providers, 'ana-ruiz').data.services.push('dermatology');
      },
      [
        {
          severity: 'error',
          file: `${DIR}/providers/ana-ruiz.mdx`,
          field: 'services[2]',
          value: 'dermatology',
          message: 'None of this provider\'s locations (harbor, hill) offers "dermatology", so no page could show them for it.',
          fix: `Add "dermatology" to services in one of ${DIR}/locations/harbor.mdx, ${DIR}/locations/hill.mdx, or remove it here.`,
        },
        unoffered,
      ],
    ],
    [
      'a provider whose only location is unknown: that is the one issue',
      (s) => (find(s.providers, 'ben-cole').data.locations = ['atlantis']),
      [
        {
          severity: 'error',
          file: `${DIR}/providers/ben-cole.mdx`,
          field: 'locations[0]',
          value: 'atlantis',
          message: '"atlantis" is not the id of any entry in locations/.',
          fix: `Valid ids in locations/: harbor, hill; or remove "atlantis" from locations in ${DIR}/providers/ben-cole.mdx.`,
        },
      ],
    ],
    [
      'a local page for an unknown location and an unknown service',
      (s) => Object.assign(find(s.locationServices, 'harbor--walk-in-care').data, { location: 'pier', service: 'physio' }),
      [
        {
          severity: 'error',
          file: `${DIR}/location-services/harbor--walk-in-care.mdx`,
          field: 'location',
          value: 'pier',
          message: '"pier" is not the id of any entry in locations/.',
          fix: `Valid ids in locations/: harbor, hill; or delete ${DIR}/location-services/harbor--walk-in-care.mdx if that page is gone.`,
        },
        {
          severity: 'error',
          file: `${DIR}/location-services/harbor--walk-in-care.mdx`,
          field: 'service',
          value: 'physio',
          message: '"physio" is not the id of any entry in services/.',
          fix: `Valid ids in services/: family-medicine, walk-in-care; or delete ${DIR}/location-services/harbor--walk-in-care.mdx if that page is gone.`,
        },
      ],
    ],
    [
      'a route naming crm, which gets every lead already',
      (s) => find(s.routing, 'routing').data.defaultRoute.webhooks.push('crm'),
      [
        {
          severity: 'error',
          file: `${DIR}/routing/routing.yaml`,
          field: 'defaultRoute.webhooks[0]',
          value: 'crm',
          message: '"crm" is the organization\'s webhook: it gets every lead already.',
          fix: 'Remove "crm" from webhooks here; to set its payload, declare it under delivery.webhooks.',
        },
      ],
    ],
    [
      'crm declared to set its payload, named by no route',
      (s) => (find(s.routing, 'routing').data.delivery.webhooks['crm'] = { payload: 'full' }),
      [],
    ],
    [
      'a route naming a webhook when none is declared: no guess',
      (s) => find(s.routing, 'routing').data.rules[0]?.route.webhooks.push('ehr'),
      [
        {
          severity: 'error',
          file: `${DIR}/routing/routing.yaml`,
          field: 'rules[0].route.webhooks[0]',
          value: 'ehr',
          message: '"ehr" is not a webhook declared under delivery.webhooks.',
          fix: 'Declare it under delivery.webhooks, e.g. "delivery: { webhooks: { ehr: { payload: thin } } }", or remove it here.',
        },
      ],
    ],
    [
      'a route naming "crn" when only crm is declared: crm is no guess, since no route may name it',
      (s) => {
        const routing = find(s.routing, 'routing').data;
        routing.delivery.webhooks['crm'] = { payload: 'thin' };
        routing.defaultRoute.webhooks.push('crn');
      },
      [
        {
          severity: 'error',
          file: `${DIR}/routing/routing.yaml`,
          field: 'defaultRoute.webhooks[0]',
          value: 'crn',
          message: '"crn" is not a webhook declared under delivery.webhooks.',
          fix: 'Declare it under delivery.webhooks, e.g. "delivery: { webhooks: { crn: { payload: thin } } }", or remove it here.',
        },
      ],
    ],
    [
      'a declared webhook no route names',
      (s) => (find(s.routing, 'routing').data.delivery.webhooks['ehr'] = { payload: 'full' }),
      [
        {
          severity: 'warning',
          file: `${DIR}/routing/routing.yaml`,
          field: 'delivery.webhooks.ehr',
          message: 'No route names the webhook "ehr", so it gets no leads.',
          fix: 'Add "ehr" to the webhooks of the routes whose leads it should get, or remove it here.',
        },
      ],
    ],
    [
      'a confirmation, with no organization email to reply to',
      (s) => (find(s.routing, 'routing').data.delivery.confirmation = true),
      [
        {
          severity: 'error',
          file: `${DIR}/organization/organization.yaml`,
          field: 'email',
          message: `${DIR}/routing/routing.yaml sends people a confirmation (delivery.confirmation: true), but the organization gives no email address for their replies.`,
          fix: `Add the address people may write to, e.g. "email: hello@clinic.example"; or set delivery.confirmation: false in ${DIR}/routing/routing.yaml.`,
        },
      ],
    ],
    [
      'a confirmation, with the organization email',
      (s) => {
        find(s.routing, 'routing').data.delivery.confirmation = true;
        find(s.organization, 'organization').data.email = 'hello@fixture.example';
      },
      [],
    ],
    [
      'the same service twice at a location',
      (s) => find(s.locations, 'hill').data.services.push('family-medicine'),
      [repeated(`${DIR}/locations/hill.mdx`, 'services[1]', 'family-medicine')],
    ],
    [
      'the same condition twice for a service',
      (s) => find(s.services, 'walk-in-care').data.conditions.push('sprained-ankle'),
      [repeated(`${DIR}/services/walk-in-care.mdx`, 'conditions[1]', 'sprained-ankle')],
    ],
    [
      'the same service twice for a condition',
      (s) => find(s.conditions, 'high-blood-pressure').data.services.push('family-medicine'),
      [repeated(`${DIR}/conditions/high-blood-pressure.mdx`, 'services[1]', 'family-medicine')],
    ],
    [
      'the same service twice for a provider',
      (s) => find(s.providers, 'ben-cole').data.services.push('family-medicine'),
      [repeated(`${DIR}/providers/ben-cole.mdx`, 'services[1]', 'family-medicine')],
    ],
  ])('%s', (_, change, expected) => {
    const snapshot = structuredClone(good);
    change(snapshot);
    expect(checkIntegrity(snapshot)).toEqual(expected);
  });
});

describe('formatIssues', () => {
  it('lists several issues of one file one after the other', () => {
    const issue = (field: string): ContentIssue => ({ severity: 'error', file: 'a.mdx', field, message: `Bad ${field}.`, fix: `Fix ${field}.` });
    expect(formatIssues([issue('name'), issue('phone')])).toBe(
      'a.mdx\n  error in field name\n    Bad name.\n    fix: Fix name.\n  error in field phone\n    Bad phone.\n    fix: Fix phone.',
    );
  });

  it('groups issues by file and gives field, value and fix', async () => {
    const [unknown] = (await readFixture('unknown-reference')).issues;
    const asymmetric = (await readFixture('asymmetric-condition')).issues;
    const warning: ContentIssue = {
      severity: 'warning',
      file: 'content/services/walk-in-care.mdx',
      field: '(entry)',
      message: 'No location offers this service, so its page has no place to book or call.',
      fix: 'Add "walk-in-care" to services in the locations that offer it.',
    };
    expect(formatIssues([...(unknown ? [unknown] : []), ...asymmetric, warning])).toMatchInlineSnapshot(`
      "content/locations/harbor.mdx
        line 15, error in field services[2] = "family-medecine"
          "family-medecine" is not the id of any entry in services/.
          fix: Did you mean "family-medicine"? Valid ids in services/: family-medicine, walk-in-care; or remove "family-medecine" from services in content/locations/harbor.mdx.

      content/conditions/sprained-ankle.mdx
        line 6, error in field services
          content/services/family-medicine.mdx lists "sprained-ankle" among the conditions it treats, but this condition does not list "family-medicine".
          fix: Add "family-medicine" to services here, or remove "sprained-ankle" from conditions in content/services/family-medicine.mdx.

      content/services/walk-in-care.mdx
        warning in field (entry)
          No location offers this service, so its page has no place to book or call.
          fix: Add "walk-in-care" to services in the locations that offer it."
    `);
  });

  it('gives an empty string for no issues', () => {
    expect(formatIssues([])).toBe('');
  });
});

describe('suggestId', () => {
  it.each([
    { value: 'family-medecine', valid: ['walk-in-care', 'family-medicine'], fix: 'Did you mean "family-medicine"? Valid ids in services/: family-medicine, walk-in-care.' },
    { value: 'hil', valid: ['hill', 'harbor'], fix: 'Did you mean "hill"? Valid ids in services/: harbor, hill.' },
    { value: 'dermatology', valid: ['walk-in-care', 'family-medicine'], fix: 'Valid ids in services/: family-medicine, walk-in-care.' },
    { value: 'anything', valid: [], fix: 'There are no entries in services/ yet; add one or remove this reference.' },
    // A guess is offered up to two edits away, or a third of the id's length when that is more.
    { value: 'hl', valid: ['hill'], fix: 'Did you mean "hill"? Valid ids in services/: hill.' },
    { value: 'talk-on-curs', valid: ['walk-in-care'], fix: 'Did you mean "walk-in-care"? Valid ids in services/: walk-in-care.' },
    { value: 'tolk-on-cxrs', valid: ['walk-in-care'], fix: 'Valid ids in services/: walk-in-care.' },
    // Renames that add or drop words are too many edits away: the old id is a part of the new one, or the new of the old.
    { value: 'priya-raman', valid: ['priya-raman-dpt', 'ben-cole'], fix: 'Did you mean "priya-raman-dpt"? Valid ids in services/: ben-cole, priya-raman-dpt.' },
    { value: 'raman', valid: ['priya-raman-dpt'], fix: 'Did you mean "priya-raman-dpt"? Valid ids in services/: priya-raman-dpt.' },
    { value: 'hawthorne-east-clinic', valid: ['hawthorne', 'harbor'], fix: 'Did you mean "hawthorne"? Valid ids in services/: harbor, hawthorne.' },
    // A part must be whole words: "ram" is in "priya-raman-dpt" but is none of its words.
    { value: 'ram', valid: ['priya-raman-dpt'], fix: 'Valid ids in services/: priya-raman-dpt.' },
  ])('"$value" among $valid', ({ value, valid, fix }) => {
    expect(suggestId(value, valid, 'services')).toBe(fix);
  });

  it('ends with the other way out, when there is one', () => {
    expect(suggestId('hill', ['harbor', 'hill-east'], 'locations', 'remove "hill" from locations in content/providers/ana-ruiz.mdx')).toBe(
      'Did you mean "hill-east"? Valid ids in locations/: harbor, hill-east; or remove "hill" from locations in content/providers/ana-ruiz.mdx.',
    );
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['phone', 'phone', 0],
    ['phnoe', 'phone', 2],
    ['kitten', 'sitting', 3],
    ['family-medecine', 'family-medicine', 1],
  ])('%j → %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});
