import { describe, expect, it } from 'vitest';
import {
  findLeftoverNames,
  formatAddedRedirects,
  formatRedirectIssues,
  formatRedirectLines,
  parseRedirects,
  planRedirects,
  resolveRedirects,
  type PublishedEntry,
  type PublishedSite,
} from '@/lib/redirects.ts';
import { buildServerRedirects, parseServerRedirects } from '@/lib/server-redirects.ts';

const FILE = 'content/redirects.yaml';

const entry = (collection: PublishedEntry['collection'], id: string, name: string): PublishedEntry => ({
  collection,
  id,
  name,
  file: `content/${collection}/${id}.mdx`,
});

/** A small published site: two locations offering primary care, one provider, one condition. */
const before: PublishedSite = {
  pages: [
    '/',
    '/locations/',
    '/locations/hawthorne/',
    '/locations/hawthorne/primary-care/',
    '/locations/lancaster/',
    '/locations/lancaster/primary-care/',
    '/services/',
    '/services/primary-care/',
    '/providers/',
    '/providers/priya-raman/',
    '/conditions/',
    '/conditions/asthma/',
  ],
  entries: [
    entry('locations', 'hawthorne', 'Riverbend Health – Hawthorne'),
    entry('locations', 'lancaster', 'Riverbend Health – Lancaster'),
    entry('services', 'primary-care', 'Primary care'),
    entry('providers', 'priya-raman', 'Priya Raman, DPT'),
    entry('conditions', 'asthma', 'Asthma'),
  ],
};

/** `before` with some pages and entries taken out and others put in. */
function change(options: { drop: string[]; add?: string[]; dropEntries: string[]; addEntries?: PublishedEntry[] }): PublishedSite {
  return {
    pages: [...before.pages.filter((p) => !options.drop.includes(p)), ...(options.add ?? [])],
    entries: [...before.entries.filter((e) => !options.dropEntries.includes(e.id)), ...(options.addEntries ?? [])],
  };
}

describe('planRedirects', () => {
  it('sends a removed location and its location × service pages to the index of locations', () => {
    const current = change({ drop: ['/locations/lancaster/', '/locations/lancaster/primary-care/'], dropEntries: ['lancaster'] });
    expect(planRedirects({ previous: before, current, redirected: new Set() })).toEqual([
      { from: '/locations/lancaster/', to: '/locations/', reason: 'removed' },
      { from: '/locations/lancaster/primary-care/', to: '/locations/', reason: 'removed' },
    ]);
  });

  it('sends a renamed provider to the new page: the old id is a part of the new one', () => {
    const current = change({
      drop: ['/providers/priya-raman/'],
      add: ['/providers/priya-raman-dpt/'],
      dropEntries: ['priya-raman'],
      addEntries: [entry('providers', 'priya-raman-dpt', 'Priya Raman')],
    });
    expect(planRedirects({ previous: before, current, redirected: new Set() })).toEqual([{ from: '/providers/priya-raman/', to: '/providers/priya-raman-dpt/', reason: 'renamed' }]);
  });

  it('knows a rename by the name when the ids are nothing alike, and moves the location × service pages with it', () => {
    const current = change({
      drop: ['/locations/lancaster/', '/locations/lancaster/primary-care/'],
      add: ['/locations/northeast-salem/', '/locations/northeast-salem/primary-care/'],
      dropEntries: ['lancaster'],
      addEntries: [entry('locations', 'northeast-salem', 'Riverbend Health – Lancaster')],
    });
    expect(planRedirects({ previous: before, current, redirected: new Set() })).toEqual([
      { from: '/locations/lancaster/', to: '/locations/northeast-salem/', reason: 'renamed' },
      { from: '/locations/lancaster/primary-care/', to: '/locations/northeast-salem/primary-care/', reason: 'renamed' },
    ]);
  });

  it('sends a location × service page whose service the location stopped offering to the location', () => {
    const current = change({ drop: ['/locations/hawthorne/primary-care/'], dropEntries: [] });
    expect(planRedirects({ previous: before, current, redirected: new Set() })).toEqual([{ from: '/locations/hawthorne/primary-care/', to: '/locations/hawthorne/', reason: 'removed' }]);
  });

  it('does not count an unrelated new entry of the same kind as a rename', () => {
    const current = change({ drop: ['/conditions/asthma/'], add: ['/conditions/migraine/'], dropEntries: ['asthma'], addEntries: [entry('conditions', 'migraine', 'Migraine')] });
    expect(planRedirects({ previous: before, current, redirected: new Set() })).toEqual([{ from: '/conditions/asthma/', to: '/conditions/', reason: 'removed' }]);
  });

  it('adds nothing for a page the redirects file covers already, nor for pages that are not content pages', () => {
    const current = change({ drop: ['/locations/lancaster/', '/locations/lancaster/primary-care/'], dropEntries: ['lancaster'] });
    const previous = { ...before, pages: [...before.pages, '/old-privacy/'] };
    expect(planRedirects({ previous, current, redirected: new Set(['/locations/lancaster/']) })).toEqual([{ from: '/locations/lancaster/primary-care/', to: '/locations/', reason: 'removed' }]);
  });
});

describe('formatRedirectLines and formatAddedRedirects', () => {
  const planned = [
    { from: '/locations/lancaster/', to: '/locations/', reason: 'removed' as const },
    { from: '/providers/priya-raman/', to: '/providers/priya-raman-dpt/', reason: 'renamed' as const },
  ];
  it('writes each redirect under a comment saying when and why', () => {
    expect(formatRedirectLines(planned, '2026-12-02')).toBe(
      '# Added by the build on 2026-12-02: /locations/lancaster/ is gone; its visitors go to /locations/.\n' +
        '/locations/lancaster/: /locations/\n' +
        '# Added by the build on 2026-12-02: /providers/priya-raman/ was renamed /providers/priya-raman-dpt/.\n' +
        '/providers/priya-raman/: /providers/priya-raman-dpt/\n',
    );
  });
  it('tells the writer to commit the file', () => {
    expect(formatAddedRedirects(planned.slice(0, 1), FILE)).toBe('Added /locations/lancaster/ → /locations/ to content/redirects.yaml: commit it so the redirect stays.');
    expect(formatAddedRedirects(planned, FILE)).toBe(
      'Added /locations/lancaster/ → /locations/, /providers/priya-raman/ → /providers/priya-raman-dpt/ to content/redirects.yaml: commit it so the redirects stay.',
    );
  });
  it('gives lines that parseRedirects reads back', () => {
    const text = formatRedirectLines(planned, '2026-12-02');
    expect(parseRedirects({ text, file: FILE, pages: new Set(['/locations/', '/providers/priya-raman-dpt/']) })).toEqual({
      redirects: [
        { from: '/locations/lancaster/', to: '/locations/', line: 2 },
        { from: '/providers/priya-raman/', to: '/providers/priya-raman-dpt/', line: 4 },
      ],
      issues: [],
    });
  });
});

describe('parseRedirects', () => {
  const pages = new Set(['/', '/locations/', '/locations/hawthorne/', '/services/physical-therapy/']);
  const parse = (text: string) => parseRedirects({ text, file: FILE, pages });

  it('reads nothing from an empty file or one of comments', () => {
    expect(parse('')).toEqual({ redirects: [], issues: [] });
    expect(parse('# nothing yet\n')).toEqual({ redirects: [], issues: [] });
  });

  it.each([
    {
      name: 'an old path that is a page the build makes',
      text: '# a comment\n/locations/hawthorne/: /locations/\n',
      issue: {
        line: 2,
        message: '"/locations/hawthorne/" is a page the build makes, so visitors would never see it if it redirected.',
        fix: 'Remove this line: the page is back. Or remove the page first.',
      },
    },
    {
      name: 'a new path that is no page, with the nearest page',
      text: '/services/physio/: /services/physical-therapy\n',
      issue: {
        line: 1,
        message: '"/services/physical-therapy" is not a page the build makes.',
        fix: 'Did you mean "/services/physical-therapy/"? Send it to a page of the site, e.g. its section\'s index such as "/locations/".',
      },
    },
    {
      name: 'a path without its leading slash',
      text: '/old/: /\nlocations/lancaster/: /locations/\n',
      issue: { line: 2, message: 'Both sides must be paths on this site, starting with "/".', fix: 'Write it as "/old/path/: /new/path/", e.g. "/locations/lancaster/: /locations/".' },
    },
    {
      name: 'an old path with a query',
      text: '/locations/?city=salem: /locations/\n',
      issue: { line: 1, message: '"/locations/?city=salem" has a query, a "#" or a space: only the path is matched.', fix: 'Write the path alone, e.g. "/locations/".' },
    },
    {
      name: 'an old path listed twice',
      text: '/old/: /\n/old/: /locations/\n',
      issue: { line: 2, message: 'This old path is listed twice.', fix: 'Keep one of the two lines.' },
    },
  ])('$name', ({ text, issue }) => {
    expect(parse(text)).toEqual({ redirects: [], issues: [{ file: FILE, ...issue }] });
  });

  it('says a line is not a redirect, with its line', () => {
    const { issues } = parse('/old/: /\n/older/:/locations/\n');
    expect(issues).toHaveLength(1);
    expect(formatRedirectIssues(issues)).toMatch(
      /^content\/redirects\.yaml:2\n {2}error: .*\n {4}fix: Write one redirect a line, e\.g\. "\/locations\/lancaster\/: \/locations\/", with a space after the colon\.$/,
    );
  });

  it('accepts a new path that is itself an old path listed here (a chain)', () => {
    expect(parse('/a/: /b/\n/b/: /locations/\n').issues).toEqual([]);
  });
});

describe('resolveRedirects', () => {
  const pages = new Set(['/locations/', '/locations/hawthorne/']);

  it('follows chains, so a visitor is sent once', () => {
    const redirects = [
      { from: '/locations/lancaster/', to: '/locations/lancaster-east/', line: 2 },
      { from: '/locations/lancaster-east/', to: '/locations/hawthorne/', line: 4 },
    ];
    expect(resolveRedirects({ redirects, pages, file: FILE })).toEqual({
      resolved: [
        { from: '/locations/lancaster/', to: '/locations/hawthorne/', line: 2 },
        { from: '/locations/lancaster-east/', to: '/locations/hawthorne/', line: 4 },
      ],
      issues: [],
    });
  });

  it('refuses a loop, on each of its lines', () => {
    const redirects = [
      { from: '/a/', to: '/b/', line: 1 },
      { from: '/b/', to: '/a/', line: 2 },
    ];
    expect(formatRedirectIssues(resolveRedirects({ redirects, pages, file: FILE }).issues)).toBe(
      'content/redirects.yaml:1\n  error: /a/ leads round in a loop (/a/ → /b/ → /a/) and never reaches a page.\n    fix: Send one of these paths to a page of the site instead, e.g. "/".\n' +
        'content/redirects.yaml:2\n  error: /b/ leads round in a loop (/b/ → /a/ → /b/) and never reaches a page.\n    fix: Send one of these paths to a page of the site instead, e.g. "/".',
    );
  });

  it('refuses a path that redirects to itself', () => {
    const { issues } = resolveRedirects({ redirects: [{ from: '/locations/x/', to: '/locations/x/', line: 3 }], pages, file: FILE });
    expect(issues).toEqual([
      {
        file: FILE,
        line: 3,
        message: '/locations/x/ leads round in a loop (/locations/x/ → /locations/x/) and never reaches a page.',
        fix: 'Send one of these paths to a page of the site instead, e.g. "/locations/".',
      },
    ]);
  });
});

describe('buildServerRedirects', () => {
  it('answers the old path with and without its trailing slash', () => {
    expect(
      buildServerRedirects([
        { from: '/locations/lancaster/', to: '/locations/' },
        { from: '/old-page.html', to: '/' },
      ]),
    ).toEqual({
      '/locations/lancaster/': '/locations/',
      '/locations/lancaster': '/locations/',
      '/old-page.html': '/',
      '/old-page.html/': '/',
    });
  });
});

describe('parseServerRedirects', () => {
  it('reads the file the build wrote', () => {
    expect(parseServerRedirects('{"redirects":[{"from":"/a/","to":"/"}]}', 'dist/server/redirects.json')).toEqual({ redirects: [{ from: '/a/', to: '/' }] });
  });
  it.each([
    ['not JSON', 'dist/server/redirects.json is not JSON. Run `npm run build` to write dist/server/redirects.json again.'],
    ['{"redirects":[{"from":"a/","to":"/"}]}', 'dist/server/redirects.json does not hold the redirects (redirects.0.from). Run `npm run build` to write dist/server/redirects.json again.'],
  ])('refuses %s', (text, message) => {
    expect(() => parseServerRedirects(text, 'dist/server/redirects.json')).toThrow(message);
  });
});

describe('findLeftoverNames', () => {
  const current = before.entries.filter((e) => e.id !== 'lancaster');

  it("finds the name of a removed entry in another entry's file, with its line", () => {
    const files = [
      { file: 'content/services/primary-care.mdx', text: '---\nname: Primary care\n---\nSee us at riverbend health – lancaster\nor at Hawthorne.\n' },
      { file: 'content/locations/hawthorne.mdx', text: '---\nname: Riverbend Health – Hawthorne\n---\nNot Riverbend Health – Lancasters, a shop.\n' },
    ];
    expect(findLeftoverNames({ previous: before.entries, current, files })).toEqual([
      {
        file: 'content/services/primary-care.mdx',
        line: 4,
        name: 'Riverbend Health – Lancaster',
        message: '"Riverbend Health – Lancaster" is the name of a location removed since the last build (content/locations/lancaster.mdx).',
        fix: 'Remove or replace "Riverbend Health – Lancaster" here: that location is gone.',
      },
    ]);
  });

  it('says nothing of an entry renamed with its name kept', () => {
    const renamed = [...current, entry('locations', 'lancaster-east', 'Riverbend Health – Lancaster')];
    const files = [{ file: 'content/services/primary-care.mdx', text: 'Riverbend Health – Lancaster' }];
    expect(findLeftoverNames({ previous: before.entries, current: renamed, files })).toEqual([]);
  });
});
