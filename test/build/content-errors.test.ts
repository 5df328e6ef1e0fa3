import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureSite, type BuildResult } from '../support/astro-build.ts';
import { createFixtureSite, type FixtureSite } from '../support/fixtures.ts';

/** Builds the good fixture with one broken overlay (or none) once for the tests in a describe block. */
function useBuild(overlay?: string): () => BuildResult {
  let site: FixtureSite | undefined;
  let result: BuildResult | undefined;
  beforeAll(async () => {
    site = createFixtureSite(overlay);
    result = await buildFixtureSite(site);
  });
  afterAll(() => site?.remove());
  return () => {
    if (!result) throw new Error('The build did not run.');
    return result;
  };
}

/** The build output without the bundler's notes, short enough to read in a failed assertion. */
function excerpt({ code, output }: BuildResult): string {
  const lines = output.split('\n').filter((line) => !/[│╭╰─]|MODULE_LEVEL_DIRECTIVE|^\s*$/.test(line));
  return `exit code ${code}\n${lines.slice(-60).join('\n')}`;
}

function expectFailureNaming(result: BuildResult, shows: (string | RegExp)[]): void {
  expect(result.code, excerpt(result)).not.toBe(0);
  for (const text of shows) {
    if (typeof text === 'string') expect(result.output, excerpt(result)).toContain(text);
    else expect(result.output, excerpt(result)).toMatch(text);
  }
  // A field's place is always named: Astro prints an issue with an empty path as "****:".
  expect(result.output, excerpt(result)).not.toContain('****');
  // The problems come last and alone: no stack trace, no path into the code, nothing after the list
  // but the way to check again.
  expect(result.output, excerpt(result)).not.toMatch(/^\s+at |node_modules|\.ts:\d+/m);
  expect(result.output.trimEnd(), excerpt(result)).toMatch(/fix: [^\n]*\n\n`npm run check` checks the content again in a few seconds, without building\.$/);
}

describe('the good fixture', () => {
  const build = useBuild();
  // Without this, a build that breaks for any reason would pass every test below.
  it('builds', () => {
    expect(build().code, excerpt(build())).toBe(0);
  });
});

/** Each broken fixture fails the build, and the output names the file, the line, the field and the fix. */
describe.each([
  {
    fixture: 'unknown-reference',
    shows: [
      'content/locations/harbor.mdx',
      // List positions count from 1: the second service is services[2].
      'line 15, error in field services[2] = "family-medecine"',
      'fix: Did you mean "family-medicine"? Valid ids in services/: family-medicine, walk-in-care; or remove "family-medecine" from services in content/locations/harbor.mdx.',
    ],
  },
  {
    fixture: 'misspelled-key',
    shows: [
      'content/locations/hill.mdx',
      'line 10, error in field phnoe',
      // The message is the fix: the key, the field it was meant to be, the fields allowed there.
      /Unknown field\. Did you mean "phone"\? Fields allowed here: .*\bphone\b/,
      'fix: Did you mean "phone"? Rename "phnoe" to "phone", or delete it.',
    ],
  },
  {
    fixture: 'missing-field',
    shows: ['content/locations/hill.mdx', 'error in field phone', 'The field phone is missing.', 'fix: Add phone. Give a phone number in E.164 form, e.g. "+15555550123".'],
  },
  {
    fixture: 'asymmetric-condition',
    shows: [
      'content/conditions/sprained-ankle.mdx',
      'line 6, error in field services',
      'fix: Add "family-medicine" to services here, or remove "sprained-ankle" from conditions in content/services/family-medicine.mdx.',
    ],
  },
  {
    fixture: 'no-time-zone',
    shows: [
      'content/organization/organization.yaml',
      'error in field timeZone',
      'fix: Add the IANA name of its time zone, e.g. "timeZone: America/Chicago"; give a location in another zone its own timeZone.',
    ],
  },
  {
    fixture: 'routing-unknown-webhook',
    shows: [
      'content/routing/routing.yaml',
      'line 9, error in field rules[2].route.webhooks[1] = "ehr-intkae"',
      '"ehr-intkae" is not a webhook declared under delivery.webhooks.',
      'fix: Did you mean "ehr-intake"? Declare it under delivery.webhooks, e.g. "delivery: { webhooks: { ehr-intkae: { payload: thin } } }", or remove it here.',
    ],
  },
  {
    fixture: 'routing-bad-email',
    shows: ['content/routing/routing.yaml', 'line 6, error in field rules[1].route.notify[1] = "walk-in-desk.fixture.example"', 'Write an email address such as desk@clinic.example.'],
  },
  {
    fixture: 'routing-unknown-channel',
    shows: [
      'content/routing/routing.yaml',
      'line 6, error in field channels.rules[1].channel = "newsletter"',
      'The channel is one of: organic-search, paid-search, local-listing, email, social, referral-partner, other-sites, direct.',
    ],
  },
  {
    // YAML reads an unquoted +1… as a number; a date with slashes would have been read as one.
    fixture: 'unquoted-values',
    shows: [
      'content/locations/hill.mdx',
      'line 4, error in field updated = "12/24/2026"',
      'Write the date as YYYY-MM-DD, e.g. 2026-03-01 (not "12/24/2026").',
      'line 11, error in field phone = "15555550102"',
      'Put the phone number in quotes, like "+15555550102": without them YAML reads it as the number 15555550102.',
      'fix: Write the line as phone: "+15555550102"',
    ],
  },
  {
    fixture: 'overlapping-hours',
    shows: [
      'content/locations/hill.mdx',
      'line 13, error in field hours[2]',
      "These hours on tuesday overlap with hours[1] (wednesday). Give each day's hours once; hours past midnight belong to the day they open.",
    ],
  },
  {
    // Two files, each with several problems in its page text (and one in its fields): all in one build.
    fixture: 'page-text',
    shows: [
      'The content has 8 problems in 2 files; nothing was built.',
      'content/locations/hill.mdx',
      'line 20, error in the page text = "Bring your {insurance card} and a list of your medicines."',
      'fix: To show a brace in text, write \\{ (and \\});',
      'line 22, error in the page text = "./images/hill.jpg"',
      'The image "./images/hill.jpg" has no description (alt text).',
      'line 24, error in the page text = "hill.jpg"',
      'The image "./images/hill.jpg" is described by a file name ("hill.jpg").',
      'line 26, error in the page text = "ben-cle"',
      '<ProviderCard id>: "ben-cle" is not the id of any entry in providers/.',
      'fix: Did you mean "ben-cole"? Valid ids in providers/: ana-ruiz, ben-cole, dana-levi; or remove the <ProviderCard> from this line.',
      'content/conditions/high-blood-pressure.mdx',
      'line 3, error in field summary = "summary: Blood pressure that stays high: above the healthy range."',
      'fix: Put the value in quotes: summary: "Blood pressure that stays high: above the healthy range."',
      'line 13, error in the page text = "Calout"',
      'fix: Did you mean <Callout>? Components you can use: Callout, CallToAction, FAQ, InsuranceList, LocationHours, ProviderCard (no import needed).',
      'line 15, error in the page text = "{today}"',
      'line 17, error in the page text = "info"',
      '<Callout type> is "info", which is not one of its values.',
      'fix: type is one of: note, warning, emergency.',
    ],
  },
])('$fixture', ({ fixture, shows }) => {
  const build = useBuild(fixture);
  it('fails the build, naming the file, the line, the field and the fix', () => {
    expectFailureNaming(build(), shows);
  });
});

describe('bad-file-name', () => {
  const build = useBuild('bad-file-name');
  it('fails the build, naming the file and the name to give it', () => {
    expectFailureNaming(build(), ['content/locations/North Clinic.mdx', 'fix: Rename the file to "north-clinic.mdx"']);
  });
});

describe('missing-image', () => {
  const build = useBuild('missing-image');
  it('fails the build, naming the image', () => {
    expectFailureNaming(build(), ['./images/ben-cole.jpg']);
  });

  // Astro's own ImageNotFound names only the image path; src/lib/content/loader.ts adds the rest.
  it('names the entry file and the field', () => {
    expectFailureNaming(build(), ['content/providers/ben-cole.mdx', 'headshot']);
  });
});

describe('duplicate-id', () => {
  const build = useBuild('duplicate-id');
  // Astro loads walk-in-care.md and walk-in-care.mdx concurrently, so its own duplicate check
  // misses the pair on a fresh cache; src/lib/content/loader.ts catches it.
  it('fails the build, naming both files and the id', () => {
    expectFailureNaming(build(), [/content\/services\/walk-in-care\.md(?!x)/, 'content/services/walk-in-care.mdx', 'walk-in-care']);
  });
});
