import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatLeadsCsv } from '../../../../src/server/cli/lead-csv.ts';
import { formatLeadDetails, formatLeadTable } from '../../../../src/server/cli/lead-text.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runLeadsCli, USAGE } from '../../../../src/server/cli/leads-command.ts';
import type { StoredLead } from '../../../../src/lib/leads/store.ts';
import { CLI_DATABASES, type CliDatabase } from '../support/cli-databases.ts';
import { buildNewLead } from '../support/leads.ts';
import { useStoreFile } from '../support/store-file.ts';

// runLeadsCli in this process, on a real SQLite file and a real PostgreSQL database: what
// `npm run leads` prints and exits with, the same on both. test/integration/server/leads-cli.test.ts
// runs the same commands as a child process.

/** Runs the CLI on the database the variables name and collects what it wrote. */
async function runOn(env: Readonly<Record<string, string>>, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runLeadsCli(argv, { env, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

/** Three leads, the newest last: ada (new), bo (a spam referral), cy (spam). */
async function seedLeads(db: CliDatabase): Promise<{ ada: StoredLead; bo: StoredLead; cy: StoredLead }> {
  const store = await db.openLeadStore();
  const insert = async (overrides: Parameters<typeof buildNewLead>[0], at: string) => (await store.insert(buildNewLead(overrides), { duplicateWindowMs: 0, now: new Date(at) })).lead;
  const ada = await insert({ fields: { name: 'Ada Lovelace', phone: '+15035550142' }, submissionKey: 'key-ada' }, '2026-03-01T12:00:00.000Z');
  const bo = await insert({ leadType: 'referral', status: 'spam', fields: { name: 'Bo Referrer' }, contentHash: 'hash-bo' }, '2026-03-01T12:05:00.000Z');
  const cy = await insert({ status: 'spam', fields: { name: 'Cy Young' }, contentHash: 'hash-cy' }, '2026-03-01T12:10:00.000Z');
  await store.close();
  return { ada, bo, cy };
}

describe.each(CLI_DATABASES)('runLeadsCli on $name', (kind) => {
  const db = kind.use();
  const run = (argv: string[]) => runOn(db.env, argv);
  let ada: StoredLead;
  let bo: StoredLead;
  let cy: StoredLead;
  beforeEach(async () => {
    ({ ada, bo, cy } = await seedLeads(db));
  });

  it('marks a lead contacted, and says so for an unknown id', async () => {
    const done = await run(['contacted', ada.id]);
    expect(done).toMatchObject({ code: EXIT_OK, stdout: `Lead ${ada.id} is marked contacted: no reminder will be sent for it.\n` });
    expect(JSON.parse((await run(['show', ada.id, '--json'])).stdout)).toMatchObject({ status: 'contacted' });
    expect(await run(['contacted', 'NOPE'])).toMatchObject({ code: EXIT_FAILURE, stderr: 'leads: no lead with id NOPE\n' });
  });

  it('lists no deliveries, redelivers nothing unknown, and enables a destination that was never disabled', async () => {
    expect(await run(['deliveries'])).toMatchObject({ code: EXIT_OK, stdout: 'No deliveries.\n' });
    expect(await run(['deliveries', '--failed', '--json'])).toMatchObject({ code: EXIT_OK, stdout: '[]\n' });
    const none = await run(['redeliver', ada.id]);
    expect(none.code).toBe(EXIT_FAILURE);
    expect(none.stderr).toContain(`no delivery with id ${ada.id}, and no lead with that id has dead deliveries`);
    expect(await run(['enable', 'webhook:crm'])).toMatchObject({ code: EXIT_OK, stdout: 'webhook:crm was neither disabled nor down.\n' });
  });

  it('lists a dead delivery, sends it again, and enables the destination that answered 410 Gone', async () => {
    const store = await db.openLeadStore();
    const at = new Date('2026-03-02T09:00:00.000Z');
    const { lead } = await store.insert(buildNewLead({ contentHash: 'hash-dee' }), {
      duplicateWindowMs: 0,
      now: at,
      planDeliveries: () => [{ channel: 'webhook', purpose: 'lead', destination: 'webhook:crm', recipients: [], notBefore: at }],
    });
    await store.expandPlanned(10);
    const id = `${lead.id}-01`;
    await store.recordAttempts([{ id, record: { at, state: 'dead', nextAttemptAt: at, result: 'HTTP 410', counted: true, disableDestination: 'HTTP 410 Gone' } }]);
    await store.close();

    const failed = await run(['deliveries', '--failed', '--json']);
    expect(failed.code).toBe(EXIT_OK);
    expect((JSON.parse(failed.stdout) as { id: string; state: string; lastResult: string }[]).map((d) => [d.id, d.state, d.lastResult])).toEqual([[id, 'dead', 'HTTP 410']]);
    expect(await run(['redeliver', lead.id])).toEqual({ code: EXIT_OK, stdout: `1 delivery is pending again: ${id} (webhook:crm)\n`, stderr: '' });
    expect(await run(['deliveries', '--failed', '--json'])).toMatchObject({ code: EXIT_OK, stdout: '[]\n' });
    expect(await run(['enable', 'webhook:crm'])).toEqual({ code: EXIT_OK, stdout: 'webhook:crm is enabled: its waiting deliveries go out now.\n', stderr: '' });
  });

  it('will not deliver without the build’s delivery settings, and says what to run', async () => {
    const result = await runOn({ ...db.env, DELIVERY_SETTINGS: join(db.dir, 'missing.json') }, ['deliver', '--once']);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toContain('leads: cannot deliver: Cannot read the delivery settings');
    expect(result.stderr).toContain('run `npm run build`');
  });

  it.each<[string, string[], (leads: StoredLead[]) => string]>([
    ['list', ['list'], (leads) => formatLeadTable(leads)],
    ['list --json', ['list', '--json'], (leads) => `${JSON.stringify(leads, null, 2)}\n`],
    ['export --csv', ['export', '--csv'], (leads) => formatLeadsCsv(leads)],
  ])('%s prints every lead, newest first', async (_, argv, format) => {
    expect(await run(argv)).toEqual({ code: EXIT_OK, stdout: format([cy, bo, ada]), stderr: '' });
  });

  it.each<[string[], () => StoredLead[]]>([
    [['list', '--json', '--status', 'spam'], () => [cy, bo]],
    [['list', '--json', '--limit', '1'], () => [cy]],
    [['list', '--json', '--status', 'spam', '--limit', '1'], () => [cy]],
    [['list', '--json', '--limit', '0'], () => []],
    [['list', '--json', '--limit', '10'], () => [cy, bo, ada]],
    [['list', '--json', '--status', 'booked'], () => []],
  ])('%j prints the leads of that status, up to the limit', async (argv, leads) => {
    const result = await run(argv);
    expect(result.code).toBe(EXIT_OK);
    expect(JSON.parse(result.stdout)).toEqual(leads());
  });

  it('exports only the leads of a status', async () => {
    expect((await run(['export', '--csv', '--status', 'new'])).stdout).toBe(formatLeadsCsv([ada]));
  });

  it('shows one lead in full, as text or as JSON', async () => {
    expect(await run(['show', bo.id])).toEqual({ code: EXIT_OK, stdout: formatLeadDetails(bo), stderr: '' });
    expect(await run(['show', bo.id, '--json'])).toEqual({ code: EXIT_OK, stdout: `${JSON.stringify(bo, null, 2)}\n`, stderr: '' });
  });

  it('fails for an id it does not have, without echoing control characters', async () => {
    expect(await run(['show', '01KJMMA2G00000000000000000'])).toEqual({
      code: EXIT_FAILURE,
      stdout: '',
      stderr: 'leads: no lead with id 01KJMMA2G00000000000000000\n',
    });
    expect((await run(['show', 'x\u001b[2J'])).stderr).toBe('leads: no lead with id x\\u{1b}[2J\n');
  });
});

describe('runLeadsCli on a SQLite file', () => {
  const file = useStoreFile();
  const run = (argv: string[], path = file.path) => runOn({ LEADS_DB: path }, argv);
  beforeEach(async () => {
    await file.openStore().close();
  });

  it.each([['help'], ['--help'], ['-h'], ['list', '--help']])('%j prints the usage', async (...argv) => {
    expect(await run(argv)).toEqual({ code: EXIT_OK, stdout: USAGE, stderr: '' });
  });

  it('gives in its usage every command, the database it reads, the statuses and the exit codes', () => {
    for (const line of [
      'list [--json] [--status <status>] [--limit <n>]',
      'show <id> [--json]',
      'export --csv [--status <status>]',
      'migrate [--dry-run]',
      'LEADS_DB (default data/leads.db)',
      'LEADS_DATABASE_URL',
    ]) {
      expect(USAGE).toContain(line);
    }
    expect(USAGE).toContain('Statuses: new, spam, contacted, qualified, not-a-fit, scheduled, booked, lost, closed.\n');
    expect(USAGE).toContain('Exit codes: 0 done, 1 failed (unknown id, no database, storage unavailable), 2 usage error.');
  });

  it.each<[string[], string]>([
    [[], 'missing command'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['list', 'extra'], 'list takes no arguments, got "extra"'],
    [['list', 'all', 'new'], 'list takes no arguments, got "all new"'],
    [['list', '--csv'], 'list takes no --csv'],
    [['list', '--status', 'deleted'], 'unknown status "deleted" (one of new, spam, contacted, qualified, not-a-fit, scheduled, booked, lost, closed)'],
    [['list', '--limit', 'ten'], '--limit needs a whole number, got "ten"'],
    [['list', '--limit=-1'], '--limit needs a whole number, got "-1"'],
    [['list', '--limit', '1.5'], '--limit needs a whole number, got "1.5"'],
    [['show'], 'show takes one lead id'],
    [['show', 'a', 'b'], 'show takes one lead id'],
    [['show', 'a', '--status', 'new'], 'show takes no --status'],
    [['export'], 'export needs a format: --csv'],
    [['export', '--json'], 'export takes no --json'],
    [['export', '--csv', 'all'], 'export takes no arguments, got "all"'],
    [['export', '--csv', 'all', 'new'], 'export takes no arguments, got "all new"'],
    [['list', '--verbose'], "Unknown option '--verbose'"],
    [['contacted'], 'contacted takes one lead id'],
    [['contacted', 'a', 'b'], 'contacted takes one lead id'],
    [['redeliver'], 'redeliver takes one lead or delivery id'],
    [['enable'], 'enable takes one destination, such as webhook:crm'],
    [['deliveries', 'all'], 'deliveries takes no arguments, got "all"'],
    [['deliveries', '--limit', 'x'], '--limit needs a whole number, got "x"'],
    [['deliveries', '--csv'], 'deliveries takes no --csv'],
    [['deliver', 'now'], 'deliver takes no arguments, got "now"'],
    [['deliver', '--json'], 'deliver takes no --json'],
  ])('%j is a usage error', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^leads: /);
    expect(result.stderr).toContain(message);
    expect(result.stderr.endsWith(`\n\n${USAGE}`)).toBe(true);
  });

  it('says where it looked, and how to point it elsewhere, when there is no database', async () => {
    const missing = join(file.dir, 'nope', 'leads.db');
    expect(await run(['list'], missing)).toEqual({
      code: EXIT_FAILURE,
      stdout: '',
      stderr: `leads: no lead database at ${missing}\nSet LEADS_DB to the database file (default data/leads.db, relative to the current folder).\n`,
    });
  });

  it('says why it cannot open a file that is not a current lead database', async () => {
    const bogus = join(file.dir, 'bogus.db');
    writeFileSync(bogus, 'not a database, just text that is long enough to look like a header');
    const notDb = await run(['list'], bogus);
    expect([notDb.code, notDb.stdout]).toEqual([EXIT_FAILURE, '']);
    expect(notDb.stderr).toMatch(new RegExp(`^leads: cannot open SQLite file ${bogus}: .+\\n$`));

    const empty = join(file.dir, 'empty.db');
    new DatabaseSync(empty).close();
    const old = await run(['list'], empty);
    expect(old.code).toBe(EXIT_FAILURE);
    expect(old.stderr).toContain(`leads: cannot open SQLite file ${empty}: The lead database is at schema version 0`);
  });

  it('closes the database when it is done', async () => {
    expect((await run(['list'])).code).toBe(EXIT_OK);
    // The last connection to close removes the WAL; it is not removed while the CLI's is open.
    const store = file.openStore();
    await store.insert(buildNewLead({ contentHash: 'after' }), { duplicateWindowMs: 0, now: new Date('2026-03-02T00:00:00Z') });
    await store.close();
    expect(existsSync(`${file.path}-wal`)).toBe(false);
  });

  it('runs no command when the usage is wrong, and opens no database for help', async () => {
    const missing = join(file.dir, 'nope', 'leads.db');
    expect((await run(['frobnicate'], missing)).code).toBe(EXIT_USAGE);
    expect((await run(['help'], missing)).code).toBe(EXIT_OK);
  });
});
