import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseNewEntryArgs, runNewEntry } from '../../../src/build/new-entry.ts';
import { createFixtureSite, SECOND_ORG, type FixtureSite } from '../../support/fixtures.ts';
import { readContent } from '../../support/read-content.ts';

/**
 * `npm run new` on a copy of the good fixture, as a writer runs it: each kind writes a file the
 * content check accepts, each mistake on the command line is one line on stderr and exit code 1.
 */
let site: FixtureSite | undefined;
afterEach(() => {
  site?.remove();
  site = undefined;
});

const NOW = new Date('2026-03-02T18:00:00Z');

function run(...args: string[]) {
  site ??= createFixtureSite();
  const out: string[] = [];
  const err: string[] = [];
  const code = runNewEntry(args, {
    env: { CONTENT_DIR: site.contentDir },
    cwd: site.root,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    now: NOW,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const check = async () => {
  if (!site) throw new Error('no site');
  const { issues } = await readContent({ contentDir: site.contentDir, root: site.root });
  return issues.map((i) => `${i.severity} ${i.file} ${i.field}: ${i.message}`);
};

// The one thing a new service cannot settle by itself: which locations offer it (each location lists its services).
const UNOFFERED = (id: string) => `warning content/services/${id}.mdx (entry): No location offers this service, so its page has no place to book or call.`;

describe('npm run new, each kind', () => {
  it.each([
    { args: ['location', 'North Clinic'], file: 'content/locations/north-clinic.mdx', issues: [] },
    { args: ['service', 'Travel vaccines'], file: 'content/services/travel-vaccines.mdx', issues: [UNOFFERED('travel-vaccines')] },
    { args: ['condition', 'Sore throat'], file: 'content/conditions/sore-throat.mdx', issues: [] },
    { args: ['provider', 'Jo Park'], file: 'content/providers/jo-park.mdx', issues: [] },
    { args: ['location-service', 'hill', 'family-medicine'], file: 'content/location-services/hill--family-medicine.mdx', issues: [] },
    { args: ['location', 'Harbor East', '--from', 'harbor'], file: 'content/locations/harbor-east.mdx', issues: [] },
    { args: ['service', 'Walk-in care at night', '--from', 'walk-in-care'], file: 'content/services/walk-in-care-at-night.mdx', issues: [UNOFFERED('walk-in-care-at-night')] },
    { args: ['condition', 'Sprained wrist', '--from', 'sprained-ankle'], file: 'content/conditions/sprained-wrist.mdx', issues: [] },
    { args: ['provider', 'Ana Ruiz Jr', '--from', 'ana-ruiz'], file: 'content/providers/ana-ruiz-jr.mdx', issues: [] },
    { args: ['location-service', 'harbor', 'family-medicine', '--from', 'harbor--walk-in-care'], file: 'content/location-services/harbor--family-medicine.mdx', issues: [] },
  ])('$args.0 $args.1 $args.3 writes $file, which the content check accepts', async ({ args, file, issues }) => {
    const result = run(...args);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Wrote ${file}.`);
    expect(result.stdout).toContain('npm run dev');
    expect(await check()).toEqual(issues);
  });

  it.each([
    { args: ['location', 'North Clinic'], file: 'content/locations/north-clinic.mdx' },
    { args: ['service', 'Travel vaccines'], file: 'content/services/travel-vaccines.mdx' },
    { args: ['condition', 'Sore throat'], file: 'content/conditions/sore-throat.mdx' },
    { args: ['provider', 'Jo Park'], file: 'content/providers/jo-park.mdx' },
    { args: ['location-service', 'hill', 'family-medicine'], file: 'content/location-services/hill--family-medicine.mdx' },
  ])('the content check fails the $args.0 file once its first field is gone', async ({ args, file }) => {
    expect(run(...args).code).toBe(0);
    const path = join(site?.root ?? '', file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^(---\n(?:#.*\n)?)[a-z]+:.*\n/, '$1'));
    expect((await check()).filter((issue) => issue.startsWith(`error ${file}`))).not.toEqual([]);
  });

  // The second organization: a clinic on wheels, a support service, a virtual-only service, names with quotes, < and &.
  it.each([
    { args: ['location', 'Los Niños "Norte"'], issues: [] },
    { args: ['location', 'La Clínica Móvil 2', '--from', 'la-clinica-movil'], issues: [] },
    { args: ['service', 'Rides & <transport>', '--from', 'interpreter-services'], issues: [UNOFFERED('rides-transport')] },
    { args: ['service', 'Sleep care by video', '--from', 'behavioral-health-by-video'], issues: [] },
    { args: ['condition', 'Esguince de muñeca', '--from', 'esguince-de-tobillo'], issues: [] },
    { args: ['provider', 'José Núñez II', '--from', 'jose-nunez'], issues: [] },
    { args: ['location-service', 'la-clinica-movil', 'pediatric-primary-care'], issues: [] },
    { args: ['location-service', 'el-paso-eastside', 'pediatric-orthopedics', '--from', 'houston-24-hour--after-hours-urgent-care'], issues: [] },
  ])('second organization: $args.0 $args.1 $args.3', async ({ args, issues }) => {
    site = createFixtureSite(undefined, { base: SECOND_ORG });
    expect(run(...args)).toMatchObject({ code: 0, stderr: '' });
    expect(await check()).toEqual(issues);
  });

  it('a new condition is listed back by the service that treats it, keeping that file as it was', async () => {
    site = createFixtureSite();
    const service = join(site.root, 'content/services/walk-in-care.mdx');
    const before = readFileSync(service, 'utf8');
    expect(run('condition', 'Sore throat').stdout).toContain('Added "sore-throat" to conditions in content/services/walk-in-care.mdx: a condition and the services that treat it name each other.');
    expect(readFileSync(service, 'utf8')).toBe(before.replace('conditions: [sprained-ankle]', 'conditions: [sprained-ankle, sore-throat]'));
  });

  it('says what to fill in, and how to see the page', () => {
    expect(run('provider', 'Jo Park').stdout).toBe(
      [
        'Wrote content/providers/jo-park.mdx.',
        'Fill in the fields marked TODO: summary, specialty, locations, services, languages, acceptingNewPatients, npi.',
        'The page stays out of search engines until you delete noindex: true under seo.',
        'Then npm run check checks the files in a few seconds, npm run dev shows the page as you write, and npm run build builds the site.',
        '',
      ].join('\n'),
    );
  });

  it('--from copies the fields and page text, and clears what is the source’s own', () => {
    expect(run('provider', 'Ana Ruiz Jr', '--from', 'ana-ruiz').stdout).toContain("The page text and the fields without TODO are ana-ruiz's: change what is not true of Ana Ruiz Jr.");
    const text = readFileSync(join(site?.root ?? '', 'content/providers/ana-ruiz-jr.mdx'), 'utf8');
    expect(text).toContain('locations: [harbor, hill]');
    expect(text).toMatch(/^education: +# .*\n {2}- \{ degree: Doctor of Medicine, institution: Fixture Medical School, year: 2010 \}\n/m);
    expect(text).toMatch(/\n---\nDr\. Ruiz cares for families\.\n$/);
    expect(text).not.toContain('1000000012');
    expect(text).toMatch(/^# headshot: \{ src: \.\/images\/ana-ruiz-jr\.jpg, alt: Portrait of Ana Ruiz Jr \}/m);
  });
});

describe('npm run new refuses, in one line', () => {
  it.each([
    { args: [], message: 'Say what to make: npm run new -- <kind> "Name", where kind is one of location, service, condition, provider, location-service.' },
    { args: ['servcie', 'X'], message: '"servcie" is not a kind of page. Did you mean "service"? Kinds: location, service, condition, provider, location-service.' },
    { args: ['page', 'X'], message: '"page" is not a kind of page. Kinds: location, service, condition, provider, location-service.' },
    { args: ['service'], message: 'Give the new service\'s name, e.g. npm run new -- service "Physical therapy".' },
    { args: ['service', '  '], message: 'Give the new service\'s name, e.g. npm run new -- service "Physical therapy".' },
    { args: ['service', 'Travel', 'vaccines'], message: 'Put the name in quotes: npm run new -- service "Travel vaccines".' },
    { args: ['provider', 'דנה'], message: '"דנה" gives no id: the file name is made from its Latin letters and digits. Give a name with some, e.g. "Maya Okafor".' },
    { args: ['service', 'Walk-in Care'], message: 'content/services/walk-in-care.mdx exists already: edit it, or give the new service another name.' },
    { args: ['service', 'X', '--from', 'walkin-care'], message: '--from "walkin-care" is not the id of any service in services/. Did you mean "walk-in-care"?' },
    { args: ['service', 'X', '--from', 'harbor'], message: '--from "harbor" is not the id of any service in services/.' },
    { args: ['service', 'X', '--from'], message: 'Give --from an id, e.g. --from walk-in-care.' },
    { args: ['service', 'X', '--form', 'y'], message: 'Unknown option "--form": the only option is --from <id>.' },
    { args: ['location-service', 'hill'], message: 'Give the location id and the service id, e.g. npm run new -- location-service hawthorne pediatrics.' },
    { args: ['location-service', 'hil', 'family-medicine'], message: '"hil" is not the id of any location in locations/. Did you mean "hill"?' },
    { args: ['location-service', 'hill', 'family-medcine'], message: '"family-medcine" is not the id of any service in services/. Did you mean "family-medicine"?' },
    {
      args: ['location-service', 'hill', 'walk-in-care'],
      message: 'content/locations/hill.mdx does not offer "walk-in-care", so there is no page for this pair: add "walk-in-care" to services there first.',
    },
    { args: ['location-service', 'harbor', 'walk-in-care'], message: 'content/location-services/harbor--walk-in-care.mdx exists already: edit it to change the page for harbor × walk-in-care.' },
  ])('$args: $message', ({ args, message }) => {
    expect(run(...args)).toEqual({ code: 1, stdout: '', stderr: `${message}\n` });
  });

  it('never overwrites a file, even one not yet read as content', () => {
    site = createFixtureSite();
    const path = join(site.root, 'content/services/travel-vaccines.mdx');
    writeFileSync(path, 'mine');
    expect(run('service', 'Travel vaccines').stderr).toBe('content/services/travel-vaccines.mdx exists already: edit it, or give the new service another name.\n');
    expect(readFileSync(path, 'utf8')).toBe('mine');
  });

  it('names a missing content folder', () => {
    site = createFixtureSite();
    const result = runNewEntry(['service', 'X'], {
      env: { CONTENT_DIR: 'nowhere' },
      cwd: site.root,
      stdout: () => {},
      stderr: (text) => expect(text).toBe('There is no content folder at nowhere; set CONTENT_DIR, or run this in the project folder.\n'),
      now: NOW,
    });
    expect(result).toBe(1);
    expect(existsSync(join(site.root, 'nowhere'))).toBe(false);
  });
});

describe('parseNewEntryArgs', () => {
  it('reads a kind, a name and --from', () => {
    expect(parseNewEntryArgs(['provider', 'Jo Park', '--from', 'ana-ruiz'])).toEqual({ ok: true, request: { kind: 'provider', name: 'Jo Park', from: 'ana-ruiz' } });
    expect(parseNewEntryArgs(['location-service', 'hill', 'family-medicine'])).toEqual({
      ok: true,
      request: { kind: 'location-service', location: 'hill', service: 'family-medicine', from: undefined },
    });
  });
});
