import { describe, expect, it } from 'vitest';
import { parseViewsCsv } from '@/lib/funnel/views-csv.ts';

const SITE = 'https://riverbend.example';

function parse(text: string, defaultDay?: string) {
  return parseViewsCsv({ text, siteOrigin: SITE, defaultDay });
}

describe('parseViewsCsv: good files', () => {
  it('reads path, views and date, adding up rows of one page and day', () => {
    const text = [
      '\uFEFFdate,path,views,bytes',
      '2026-11-01,/,"1,204",999',
      '2026-11-01,/services/physical-therapy/,88,1',
      '2026-11-01,/services/physical-therapy/?utm_source=mail,12,1',
      '2026-11-02,/services/physical-therapy/index.html,5,1',
      '',
    ].join('\r\n');
    expect(parse(text)).toEqual({
      ok: true,
      rows: [
        { day: '2026-11-01', path: '/', views: 1204 },
        { day: '2026-11-01', path: '/services/physical-therapy/', views: 100 },
        { day: '2026-11-02', path: '/services/physical-therapy/', views: 5 },
      ],
    });
  });

  it('takes url and count columns with full addresses, and the day from --date', () => {
    const text = 'URL,Count\nhttps://www.riverbend.example/locations/,7\nhttp://riverbend.example/privacy/,0\n';
    expect(parse(text, '2026-11-30')).toEqual({
      ok: true,
      rows: [
        { day: '2026-11-30', path: '/locations/', views: 7 },
        { day: '2026-11-30', path: '/privacy/', views: 0 },
      ],
    });
  });

  it('takes page and requests columns; --date fills only the rows with no date', () => {
    const text = 'page,requests,day\n/,3,2026-10-31\n/,4,\n';
    expect(parse(text, '2026-11-01')).toEqual({
      ok: true,
      rows: [
        { day: '2026-10-31', path: '/', views: 3 },
        { day: '2026-11-01', path: '/', views: 4 },
      ],
    });
  });
});

describe('parseViewsCsv: bad files are refused, every bad line with its number', () => {
  it('reports each bad line and returns no row', () => {
    const text = [
      'path,views,date',
      '/,1,2026-11-01',
      '/a/,many,2026-11-01',
      '/b/,2,2026-02-30',
      'services/c/,2,2026-11-01',
      'https://cdn.other.example/d/,2,2026-11-01',
      '/e/,2',
      '/f/,3,',
      '/g/,"1,2",01/11/2026',
      '',
    ].join('\n');
    expect(parse(text)).toEqual({
      ok: false,
      problems: [
        'line 3: views is "many", not a number',
        'line 4: date is "2026-02-30", not a date such as 2026-11-30',
        'line 5: "services/c/" is neither a path such as /services/ nor an address such as https://riverbend.example/services/',
        'line 6: https://cdn.other.example/d/ is not on this site (SITE_URL is https://riverbend.example)',
        'line 7: 2 fields, but the header has 3',
        'line 8: no date: fill it in, or give the day with --date YYYY-MM-DD',
        'line 9: views is "1,2", not a number; date is "01/11/2026", not a date such as 2026-11-30',
      ],
    });
  });

  it.each([
    ['no date column and no --date', 'path,views\n/,1\n', undefined, 'line 1: the header "path,views" needs a date column (date), or the day given with --date YYYY-MM-DD'],
    ['no page column', 'date,hits\n2026-11-01,1\n', undefined, 'line 1: the header "date,hits" needs a page column (path, url or page) and a count column (views, count or requests)'],
    ['a header only', 'path,views\n', '2026-11-01', 'line 2: no pages under the header'],
    ['a stray quote', 'path,views\n/a"b,1\n', '2026-11-01', 'line 2: invalid opening quote: a quote is found on field 0'],
  ])('%s', (_name, text, day, problem) => {
    expect(parse(text, day)).toEqual({ ok: false, problems: [problem] });
  });
});
