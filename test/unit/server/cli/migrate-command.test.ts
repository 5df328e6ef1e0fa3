import { describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runLeadsCli, USAGE } from '@/server/cli/leads-command.ts';
import type { Migration } from '@/server/sqlite-migrations.ts';
import { CLI_DATABASES } from '../support/cli-databases.ts';
import { makeTempDir } from '../support/leads.ts';

// `npm run leads -- migrate` through runLeadsCli in this process, on a real SQLite file and a real
// PostgreSQL database; the versions come from each store's own list of migrations.

async function run(env: Readonly<Record<string, string>>, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runLeadsCli(argv, { env, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

/** The lines migrate prints for these migrations: version and name. */
function formatSteps(migrations: readonly Migration[]): string {
  return migrations.map((migration) => `  ${String(migration.version).padStart(2)}  ${migration.name}\n`).join('');
}

const NOT_CURRENT = (version: number, latest: number) =>
  `The lead database is at schema version ${version}; this code reads version ${latest}. Run \`npm run leads -- migrate\` (or start the app once) to migrate it, or use matching code.`;

describe.each(CLI_DATABASES)('leads migrate on $name', (kind) => {
  const db = kind.use();
  const latest = kind.migrations.length;

  it('brings a database with no schema to the latest version, listing each migration; then has nothing to do', async () => {
    db.makeEmpty();
    expect(await run(db.env, ['migrate'])).toEqual({ code: EXIT_OK, stdout: `${db.label}: schema version 0 → ${latest}, applied ${latest} migrations:\n${formatSteps(kind.migrations)}`, stderr: '' });
    expect(await db.readSchemaVersion()).toBe(latest);
    expect(await run(db.env, ['migrate'])).toEqual({ code: EXIT_OK, stdout: `${db.label}: schema version ${latest} → ${latest}, nothing to do.\n`, stderr: '' });
    expect(await run(db.env, ['list'])).toEqual({ code: EXIT_OK, stdout: 'No leads.\n', stderr: '' });
  });

  it('applies only what an older release left to do', async () => {
    await db.migrateTo(latest - 1);
    expect(await run(db.env, ['migrate'])).toEqual({
      code: EXIT_OK,
      stdout: `${db.label}: schema version ${latest - 1} → ${latest}, applied 1 migration:\n${formatSteps(kind.migrations.slice(-1))}`,
      stderr: '',
    });
    expect(await db.readSchemaVersion()).toBe(latest);
  });

  it('with --dry-run, lists the migrations that would run and changes nothing', async () => {
    await db.migrateTo(1);
    expect(await run(db.env, ['migrate', '--dry-run'])).toEqual({
      code: EXIT_OK,
      stdout: `${db.label}: schema version 1 → ${latest} would apply ${latest - 1} migration${latest - 1 === 1 ? '' : 's'} (a dry run: nothing was changed):\n${formatSteps(kind.migrations.slice(1))}`,
      stderr: '',
    });
    expect(await db.readSchemaVersion()).toBe(1);
    await db.migrateTo(latest);
    expect(await run(db.env, ['migrate', '--dry-run'])).toEqual({ code: EXIT_OK, stdout: `${db.label}: schema version ${latest} → ${latest}, nothing to do.\n`, stderr: '' });
  });

  it('migrates once when two run at once', async () => {
    db.makeEmpty();
    const results = await Promise.all([run(db.env, ['migrate']), run(db.env, ['migrate'])]);
    expect(results.map((result) => [result.code, result.stderr])).toEqual([
      [EXIT_OK, ''],
      [EXIT_OK, ''],
    ]);
    expect(results.map((result) => result.stdout).sort()).toEqual([
      `${db.label}: schema version 0 → ${latest}, applied ${latest} migrations:\n${formatSteps(kind.migrations)}`,
      `${db.label}: schema version ${latest} → ${latest}, nothing to do.\n`,
    ]);
    expect(await db.readSchemaVersion()).toBe(latest);
  });

  it.each([[['migrate']], [['migrate', '--dry-run']]])('%j leaves alone a database newer than this code', async (argv) => {
    await db.migrateTo(latest);
    await db.execOther(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${latest + 1}, 'from a newer release', '2026-12-01T00:00:00.000Z')`);
    expect(await run(db.env, argv)).toEqual({
      code: EXIT_FAILURE,
      stdout: '',
      stderr: `leads: cannot migrate ${db.label}: The lead database is at schema version ${latest + 1}, newer than this code knows (${latest}). Deploy the newer code, or restore a backup made for this version. Nothing was changed.\n`,
    });
    expect(await db.readSchemaVersion()).toBe(latest + 1);
  });

  it.each([[['list']], [['show', '01KJMMA2G00000000000000000']], [['export', '--csv']], [['deliveries']], [['report']]])(
    '%j on a database not migrated says to run migrate, and migrates nothing itself',
    async (argv) => {
      await db.migrateTo(latest - 1);
      expect(await run(db.env, argv)).toEqual({ code: EXIT_FAILURE, stdout: '', stderr: `leads: cannot open ${db.label}: ${NOT_CURRENT(latest - 1, latest)}\n` });
      expect(await db.readSchemaVersion()).toBe(latest - 1);
    },
  );
});

describe('leads migrate', () => {
  it('is in the usage, as is the store every command works on', () => {
    expect(USAGE).toContain('  migrate [--dry-run]\n');
    expect(USAGE).toContain("Every command works on the store the server's environment names");
    expect(USAGE).not.toContain('SQLite file only');
  });

  it.each<[string[], string]>([
    [['migrate', 'now'], 'migrate takes no arguments, got "now"'],
    [['migrate', '--json'], 'migrate takes no --json'],
  ])('%j is a usage error', async (argv, message) => {
    const result = await run({}, argv);
    expect(result).toEqual({ code: EXIT_USAGE, stdout: '', stderr: `leads: ${message}\n\n${USAGE}` });
  });

  it('says there is no file rather than make one', async () => {
    const temp = makeTempDir();
    try {
      const path = `${temp.dir}/missing.db`;
      expect(await run({ LEADS_DB: path }, ['migrate'])).toEqual({
        code: EXIT_FAILURE,
        stdout: '',
        stderr: `leads: no lead database at ${path}\nSet LEADS_DB to the database file (default data/leads.db, relative to the current folder).\n`,
      });
    } finally {
      temp.remove();
    }
  });

  it.each<[Record<string, string>, string]>([
    [{ LEADS_DB: 'data/leads.db', LEADS_DATABASE_URL: 'postgres://carepath:pw-secret@db.example/carepath' }, 'leads: LEADS_DB and LEADS_DATABASE_URL are both set'],
    [{ LEADS_DATABASE_URL: 'mysql://carepath:pw-secret@db.example/carepath' }, 'leads: LEADS_DATABASE_URL must start with postgres:// or postgresql://'],
    [{ LEADS_DATABASE_URL: 'postgres://carepath:pw-secret@db.example' }, 'leads: LEADS_DATABASE_URL must name a host and a database'],
  ])('refuses a store it can not tell (%j), and never prints the password', async (env, message) => {
    for (const argv of [['migrate'], ['list'], ['purge', '--dry-run']]) {
      const result = await run(env, argv);
      expect(result.code).toBe(EXIT_FAILURE);
      expect(result.stderr.startsWith(message)).toBe(true);
      expect(result.stderr).not.toContain('pw-secret');
    }
  });

  it('names an unreachable PostgreSQL database by host and name, never the password', async () => {
    // Port 1 on this machine: nothing listens, so the connection is refused at once.
    const env = { LEADS_DATABASE_URL: 'postgres://carepath:pw-secret@127.0.0.1:1/carepath' };
    const migrate = await run(env, ['migrate']);
    expect(migrate.code).toBe(EXIT_FAILURE);
    expect(migrate.stderr).toMatch(
      /^leads: cannot migrate PostgreSQL database "carepath" on 127\.0\.0\.1:1: Lead store unavailable while trying to migrate the lead database: PG_UNREACHABLE .+ Nothing was changed\.\n$/,
    );
    const list = await run(env, ['list']);
    expect(list.code).toBe(EXIT_FAILURE);
    expect(list.stderr).toMatch(/^leads: cannot open PostgreSQL database "carepath" on 127\.0\.0\.1:1: Lead store unavailable while trying to open the lead database: PG_UNREACHABLE/);
    expect(migrate.stderr + list.stderr).not.toContain('pw-secret');
  });
});
