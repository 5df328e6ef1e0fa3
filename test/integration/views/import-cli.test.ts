import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteLeadStore } from '../../../src/server/sqlite-lead-store.ts';
import { makeTempDir } from '../../unit/server/support/leads.ts';
import { NODE, REPO_ROOT } from '../server/support/processes.ts';

/**
 * `npm run leads -- import-views` and `import-search-console` as staff run them: a child process
 * on real files in a temp folder and the lead database the server made.
 */
let temp: ReturnType<typeof makeTempDir>;
let db: string;

beforeAll(async () => {
  temp = makeTempDir('carepath-imports-');
  db = join(temp.dir, 'leads.db');
  await SqliteLeadStore.open({ path: db }).close();
});
afterAll(() => temp.remove());

function leads(args: string[]) {
  return spawnSync(NODE, ['src/server/cli/leads.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LEADS_DB: db, SITE_URL: 'https://riverbend.example' },
    encoding: 'utf8',
  });
}

function writeCsv(name: string, lines: string[], eol = '\n'): string {
  const file = join(temp.dir, name);
  writeFileSync(file, lines.join(eol) + eol);
  return file;
}

function read(sql: string): Record<string, unknown>[] {
  const connection = new DatabaseSync(db, { readOnly: true });
  try {
    return connection
      .prepare(sql)
      .all()
      .map((row) => ({ ...row }));
  } finally {
    connection.close();
  }
}

const searchRows = () => read('SELECT from_day, to_day, path, clicks, impressions, ctr, position FROM search_console_pages ORDER BY from_day, path');
const importedViews = () => read("SELECT day, path, views FROM page_views WHERE source = 'import' ORDER BY day, path");

describe('leads import-search-console', () => {
  it('imports Pages.csv as Google writes it, replaces the same range on a second import, and refuses a bad file whole', () => {
    const pages = writeCsv(
      'Pages.csv',
      [
        '\uFEFFTop pages,Clicks,Impressions,CTR,Position',
        'https://riverbend.example/,"1,234","56,789",2.17%,4.3',
        'https://riverbend.example/services/physical-therapy/,98,"4,321",2.27%,7.8',
        'https://www.riverbend.example/locations/pearl-district/,0,12,0%,33',
      ],
      '\r\n',
    );
    const first = leads(['import-search-console', pages, '--from', '2026-11-01', '--to', '2026-11-30']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('Imported 3 pages of Search Console figures for 2026-11-01 to 2026-11-30.\n');
    expect(searchRows()).toEqual([
      { from_day: '2026-11-01', to_day: '2026-11-30', path: '/', clicks: 1234, impressions: 56789, ctr: 0.0217, position: 4.3 },
      { from_day: '2026-11-01', to_day: '2026-11-30', path: '/locations/pearl-district/', clicks: 0, impressions: 12, ctr: 0, position: 33 },
      { from_day: '2026-11-01', to_day: '2026-11-30', path: '/services/physical-therapy/', clicks: 98, impressions: 4321, ctr: 0.0227, position: 7.8 },
    ]);

    const corrected = writeCsv('Pages-2.csv', ['Top pages,Clicks,Impressions,CTR,Position', 'https://riverbend.example/,"1,300","57,000",2.28%,4.2']);
    const again = leads(['import-search-console', corrected, '--from', '2026-11-01', '--to', '2026-11-30']);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('Imported 1 page of Search Console figures for 2026-11-01 to 2026-11-30 (replacing an earlier import of that range).\n');
    const before = searchRows();
    expect(before).toEqual([{ from_day: '2026-11-01', to_day: '2026-11-30', path: '/', clicks: 1300, impressions: 57000, ctr: 0.0228, position: 4.2 }]);

    const bad = writeCsv('Pages-bad.csv', [
      'Top pages,Clicks,Impressions,CTR,Position',
      'https://riverbend.example/,10,100,10%,2',
      'https://riverbend.example/privacy/,abc,100,10%,2',
      'https://elsewhere.example/,1,100,1%,2',
      'https://riverbend.example/services/,1,100,1%',
    ]);
    const refused = leads(['import-search-console', bad, '--from', '2026-11-01', '--to', '2026-11-30']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `leads: ${bad} was not imported (nothing was written):\n` +
        '  line 3: Clicks is "abc", not a number\n' +
        '  line 4: https://elsewhere.example/ is not on this site (SITE_URL is https://riverbend.example)\n' +
        '  line 5: 4 fields, but the header has 5\n',
    );
    expect(searchRows()).toEqual(before);
  });

  it('wants the dates of the export', () => {
    const result = leads(['import-search-console', join(temp.dir, 'Pages.csv')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('leads: import-search-console needs the dates the export covers: --from YYYY-MM-DD --to YYYY-MM-DD');
  });
});

describe('leads import-views', () => {
  it('imports a CDN summary, replaces its days and pages on a second import, and refuses a bad file whole', () => {
    const summary = writeCsv('views.csv', ['date,url,requests,bytes', '2026-11-01,https://riverbend.example/,"2,001",5', '2026-11-01,/services/,40,1', '2026-11-02,/services/?utm_source=mail,7,1']);
    const first = leads(['import-views', summary]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('Imported 2,048 views of 2 pages for 2026-11-01 to 2026-11-02.\n');
    expect(importedViews()).toEqual([
      { day: '2026-11-01', path: '/', views: 2001 },
      { day: '2026-11-01', path: '/services/', views: 40 },
      { day: '2026-11-02', path: '/services/', views: 7 },
    ]);

    const oneDay = writeCsv('views-2.csv', ['path,views', '/services/,9']);
    const again = leads(['import-views', oneDay, '--date', '2026-11-02']);
    expect(again.stdout).toBe("Imported 9 views of 1 page for 2026-11-02, replacing an earlier import's counts for 1 page and day.\n");
    const before = importedViews();
    expect(before).toEqual([
      { day: '2026-11-01', path: '/', views: 2001 },
      { day: '2026-11-01', path: '/services/', views: 40 },
      { day: '2026-11-02', path: '/services/', views: 9 },
    ]);

    const bad = writeCsv('views-bad.csv', ['path,views,date', '/,1,2026-11-03', '/a/,-1,2026-11-03', '/b/,1,yesterday']);
    const refused = leads(['import-views', bad]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`leads: ${bad} was not imported (nothing was written):\n  line 3: views is "-1", below 0\n  line 4: date is "yesterday", not a date such as 2026-11-30\n`);
    expect(importedViews()).toEqual(before);

    const undated = leads(['import-views', oneDay]);
    expect(undated.status).toBe(1);
    expect(undated.stderr).toContain('line 1: the header "path,views" needs a date column (date), or the day given with --date YYYY-MM-DD');
  });
});
