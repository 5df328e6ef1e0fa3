import { describe, expect, it } from 'vitest';
import { buildLeadSite } from '@/lib/content/lead-site.ts';
import { formatLeadSiteFile, parseLeadSiteFile } from '@/lib/leads/lead-site-file.ts';
import { GOOD_FIXTURE, SECOND_ORG } from '../../support/fixtures.ts';
import { readContent } from '../../support/read-content.ts';

/**
 * The server entry answers leads from dist/server/lead-site.json, not from the content: what it
 * reads back must be what the Astro route would have checked the lead against.
 */
describe.each([
  ['the sample', 'content'],
  ['the good fixture', GOOD_FIXTURE],
  ['the second organization', SECOND_ORG],
])('the lead site file of %s', (_, contentDir) => {
  it('reads back as the same context: locations, hours, holiday dates, services, routing, channel rules', async () => {
    const { snapshot, issues } = await readContent({ contentDir });
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    const [organization] = snapshot.organization;
    const [routing] = snapshot.routing;
    if (!organization || !routing) throw new Error('no organization or routing');
    const { context } = buildLeadSite({ organization: organization.data, locations: snapshot.locations, services: snapshot.services, routing: routing.data });
    expect(context.locations.size).toBeGreaterThan(0);
    const read = parseLeadSiteFile(formatLeadSiteFile(context), 'lead-site.json');
    expect(read).toEqual(context);
    expect([...read.locations.keys()]).toEqual([...context.locations.keys()]);
  });
});

describe('a lead site file that is not one', () => {
  it.each([
    ['not JSON', '{', /lead-site\.json is not JSON\. Run `npm run build`/],
    ['no routing', JSON.stringify({ locations: {}, services: {}, channelRules: [] }), /does not hold the lead endpoint's locations, services and routing \(routing\)/],
    [
      'a holiday date as a timestamp',
      JSON.stringify({
        locations: { a: { services: [], insurance: [], hours: [], holidayHours: [{ date: '2026-11-26T00:00:00.000Z', label: 'Thanksgiving', closed: true }], timeZone: 'America/Chicago' } },
        services: {},
        routing: { defaultRoute: { queue: 'q', priority: 'normal', responseTargetMinutes: 60 } },
        channelRules: [],
      }),
      /locations\.a\.holidayHours\.0\.date/,
    ],
  ])('%s: names the file and the fix', (_, text, message) => {
    expect(() => parseLeadSiteFile(text, 'lead-site.json')).toThrow(message);
  });
});
