import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runLeadsCli, USAGE } from '@/server/cli/leads-command.ts';
import { parseImportCommand } from '@/server/cli/import-command.ts';
import { CLI_DATABASES, type CliDatabase } from '../support/cli-databases.ts';

// The import commands through runLeadsCli in this process, on a SQLite file and a PostgreSQL
// database; test/integration/server/import-cli.test.ts runs them as `npm run leads` does, on real files.

async function runOn(db: CliDatabase, argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runLeadsCli(argv, {
    env: { ...db.env, SITE_URL: 'https://riverbend.example', ...env },
    now: () => new Date('2026-12-01T09:00:00Z'),
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('parseImportCommand', () => {
  it.each([
    [['import-views', ['views.csv'], {}], { name: 'import-views', file: 'views.csv' }],
    [['import-views', ['views.csv'], { date: '2026-11-30' }], { name: 'import-views', file: 'views.csv', day: '2026-11-30' }],
    [['import-search-console', ['Pages.csv'], { from: '2026-11-01', to: '2026-11-30' }], { name: 'import-search-console', file: 'Pages.csv', fromDay: '2026-11-01', toDay: '2026-11-30' }],
    [['import-search-console', ['Pages.csv'], { from: '2026-11-30', to: '2026-11-30' }], { name: 'import-search-console', file: 'Pages.csv', fromDay: '2026-11-30', toDay: '2026-11-30' }],
    [['import-views', [], {}], { usage: 'import-views takes one CSV file' }],
    [['import-views', ['a.csv', 'b.csv'], {}], { usage: 'import-views takes one CSV file' }],
    [['import-views', ['a.csv'], { date: '30/11/2026' }], { usage: '--date needs a date such as 2026-11-30, got "30/11/2026"' }],
    [
      ['import-search-console', ['Pages.csv'], { from: '2026-11-01' }],
      { usage: 'import-search-console needs the dates the export covers: --from YYYY-MM-DD --to YYYY-MM-DD (as set in Search Console)' },
    ],
    [['import-search-console', ['Pages.csv'], { from: '2026-11-31', to: '2026-12-01' }], { usage: '--from needs a date such as 2026-11-30, got "2026-11-31"' }],
    [['import-search-console', ['Pages.csv'], { from: '2026-12-01', to: '2026-11-01' }], { usage: '--from 2026-12-01 is after --to 2026-11-01' }],
  ] as const)('%j → %j', ([name, args, values], expected) => {
    expect(parseImportCommand(name, args, values)).toEqual(expected);
  });
});

describe('runLeadsCli: the imports', () => {
  it('lists both in the help', () => {
    expect(USAGE).toContain('import-views <csv> [--date YYYY-MM-DD]');
    expect(USAGE).toContain('import-search-console <Pages.csv> --from YYYY-MM-DD --to YYYY-MM-DD');
  });
});

describe.each(CLI_DATABASES)('runLeadsCli: the imports, on $name', (kind) => {
  const db = kind.use();
  const run = (argv: string[], env: Record<string, string> = {}) => runOn(db, argv, env);

  it('refuses options another command takes, with the usage', async () => {
    await db.openLeadStore();
    const result = await run(['import-views', 'a.csv', '--from', '2026-11-01']);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/^leads: import-views takes no --from\n\nUsage:/);
  });

  it('imports a views file, and says so', async () => {
    await db.openLeadStore();
    const csv = join(db.dir, 'views.csv');
    writeFileSync(csv, 'path,views\n/,"1,200"\n/services/,30\n');
    expect(await run(['import-views', csv, '--date', '2026-11-30'])).toEqual({ code: EXIT_OK, stdout: 'Imported 1,230 views of 2 pages for 2026-11-30.\n', stderr: '' });
    expect(await run(['import-views', csv, '--date', '2026-11-30'])).toMatchObject({
      stdout: "Imported 1,230 views of 2 pages for 2026-11-30, replacing an earlier import's counts for 2 of these pages and days.\n",
    });
  });

  it('says what is wrong with a file it cannot read', async () => {
    await db.openLeadStore();
    const result = await run(['import-views', join(db.dir, 'missing.csv'), '--date', '2026-11-30']);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toMatch(/^leads: cannot import .*missing\.csv: ENOENT/);
  });

  it('without SITE_URL, says so when an address is off the site', async () => {
    await db.openLeadStore();
    const csv = join(db.dir, 'Pages.csv');
    writeFileSync(csv, 'Top pages,Clicks,Impressions,CTR,Position\nhttps://riverbend.example/,1,10,10%,2\n');
    const result = await run(['import-search-console', csv, '--from', '2026-11-01', '--to', '2026-11-30'], { SITE_URL: '' });
    expect(result).toEqual({
      code: EXIT_FAILURE,
      stdout: '',
      stderr:
        `leads: ${csv} was not imported (nothing was written):\n` +
        '  line 2: https://riverbend.example/ is not on this site (SITE_URL is http://localhost:4321)\n' +
        'SITE_URL is not set, so this site is taken to be http://localhost:4321: set it to the live address, such as https://clinic.example.\n',
    });
  });
});
