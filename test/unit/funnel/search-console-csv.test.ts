import { describe, expect, it } from 'vitest';
import { parseSearchConsoleCsv } from '@/lib/funnel/search-console-csv.ts';

const SITE = 'https://riverbend.example';
const HEADER = 'Top pages,Clicks,Impressions,CTR,Position';

/** Pages.csv as Search Console's export writes it: a byte order mark, CRLF, quoted thousands. */
const GOOD = [
  `\uFEFF${HEADER}`,
  'https://riverbend.example/,"1,234","45,678",2.7%,5.12',
  'https://riverbend.example/services/physical-therapy/,310,"12,004",2.58%,8.4',
  'http://www.riverbend.example/locations/pearl-district/,0,17,0%,41',
  'https://riverbend.example/conditions/low-back-pain/,"1,000","1,000",100%,1',
  '',
].join('\r\n');

function parse(text: string) {
  return parseSearchConsoleCsv({ text, siteOrigin: SITE });
}

describe('parseSearchConsoleCsv: a good export', () => {
  it('reads every page with its path, thousands separators and percent CTR', () => {
    expect(parse(GOOD)).toEqual({
      ok: true,
      rows: [
        { path: '/', clicks: 1234, impressions: 45678, ctr: 0.027, position: 5.12 },
        { path: '/services/physical-therapy/', clicks: 310, impressions: 12004, ctr: 0.0258, position: 8.4 },
        { path: '/locations/pearl-district/', clicks: 0, impressions: 17, ctr: 0, position: 41 },
        { path: '/conditions/low-back-pain/', clicks: 1000, impressions: 1000, ctr: 1, position: 1 },
      ],
    });
  });

  it('takes a CTR written as a fraction, and columns in another order with other capitals', () => {
    const text = 'position,ctr,top pages,impressions,clicks\n3.5,0.25,https://riverbend.example/privacy/,8,2\n';
    expect(parse(text)).toEqual({ ok: true, rows: [{ path: '/privacy/', clicks: 2, impressions: 8, ctr: 0.25, position: 3.5 }] });
  });

  it('adds up two addresses of one page (a fragment, the other scheme), position weighted by impressions', () => {
    const text = `${HEADER}\nhttps://riverbend.example/services/,10,100,10%,2\nhttp://riverbend.example/services/#request,30,300,10%,6\n`;
    const result = parse(text);
    expect(result).toEqual({ ok: true, rows: [{ path: '/services/', clicks: 40, impressions: 400, ctr: 0.1, position: 5 }] });
  });

  it('maps addresses on a site served on a port (SITE_URL with one)', () => {
    const result = parseSearchConsoleCsv({ text: `${HEADER}\nhttp://localhost:4321/services,1,2,50%,1.5\n`, siteOrigin: 'http://localhost:4321' });
    expect(result).toEqual({ ok: true, rows: [{ path: '/services/', clicks: 1, impressions: 2, ctr: 0.5, position: 1.5 }] });
  });
});

describe('parseSearchConsoleCsv: bad files are refused, every bad line with its number', () => {
  it('reports each bad line and returns no row', () => {
    const text = [
      HEADER,
      'https://riverbend.example/,1,10,10%,1.2',
      'https://riverbend.example/a/,abc,10,10%,1',
      'https://riverbend.example/b/,1.5,10,10%,1',
      'https://riverbend.example/c/,-3,10,10%,1',
      'https://riverbend.example/d/,20,10,10%,1',
      'https://riverbend.example/e/,1,10,ten,1',
      'https://riverbend.example/f/,1,10,150%,1',
      'https://riverbend.example/g/,1,10,5,1',
      'https://riverbend.example/h/,1,10,10%,0.5',
      'https://other.example/i/,1,10,10%,1',
      'mailto:ada@riverbend.example,1,10,10%,1',
      'https://riverbend.example/j/,1,10',
      'https://riverbend.example/k/,"1.234",x,10%,',
      '',
    ].join('\n');
    expect(parse(text)).toEqual({
      ok: false,
      problems: [
        'line 3: Clicks is "abc", not a number',
        'line 4: Clicks is "1.5", not a whole number',
        'line 5: Clicks is "-3", below 0',
        'line 6: Clicks (20) is more than Impressions (10)',
        'line 7: CTR is "ten", not a percentage such as 3.45%',
        'line 8: CTR is "150%", more than 100%',
        'line 9: CTR is "5", not a percentage such as 3.45%',
        'line 10: Position is "0.5", below 1 (the top result)',
        'line 11: https://other.example/i/ is not on this site (SITE_URL is https://riverbend.example)',
        'line 12: "mailto:ada@riverbend.example" is neither a path such as /services/ nor an address such as https://riverbend.example/services/',
        'line 13: 3 fields, but the header has 5',
        'line 14: Clicks is "1.234", not a whole number; Impressions is "x", not a number; Position is "", not a number',
      ],
    });
  });

  it.each([
    ['an empty file', '', 'line 1: the file is empty'],
    ['a header only', `\uFEFF${HEADER}\r\n`, 'line 2: no pages under the header'],
    [
      'the Queries export',
      'Top queries,Clicks,Impressions,CTR,Position\nphysical therapy,1,2,50%,1\n',
      'line 1: this is the Queries export (its first column is "Top queries"): give Pages.csv from the same zip',
    ],
    [
      'a file of other columns',
      'Page,Views\n/,1\n',
      'line 1: no "Clicks", "Impressions", "CTR", "Position" column (the header is "Page,Views"; Pages.csv of Search Console\'s export starts "Top pages,Clicks,Impressions,CTR,Position")',
    ],
    ['the zip itself', 'PK\u0003\u0004\u0014\u0000binary', 'line 1: this is a zip file: unzip it and give the CSV file inside'],
    ['a quote left open', `${HEADER}\nhttps://riverbend.example/,"12,3,10%,1\n`, 'line 2: quote not closed: the parsing is finished with an opening quote'],
  ])('%s', (_name, text, problem) => {
    expect(parse(text)).toEqual({ ok: false, problems: [problem] });
  });
});
