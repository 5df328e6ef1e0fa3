import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IntakeStore } from '../../../../src/lib/intake/store.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runLeadsCli, USAGE } from '../../../../src/server/cli/leads-command.ts';
import { hashToken } from '../../../../src/server/intake/tokens.ts';
import { CLI_DATABASES } from '../support/cli-databases.ts';
import { useStoreFile } from '../support/store-file.ts';

// The intake commands of `npm run leads`, through runLeadsCli on a real SQLite file and a real
// PostgreSQL database.

const NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

async function runOn(env: Readonly<Record<string, string>>, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runLeadsCli(argv, {
    env: { SITE_URL: 'https://clinic.example', ...env },
    now: () => NOW,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** The set-up token and TOTP secret printed by `user add` or `user reset`. */
function readSetup(stdout: string) {
  const link = /https:\/\/clinic\.example\/intake\/setup\/([A-Za-z0-9_-]{43})\/\n/.exec(stdout);
  const secret = /^ {2}([A-Z2-7]{32})$/m.exec(stdout);
  const uri = /^ {2}(otpauth:\/\/\S+)$/m.exec(stdout);
  if (link?.[1] === undefined || secret?.[1] === undefined || uri?.[1] === undefined) throw new Error(`No set-up in:\n${stdout}`);
  return { token: link[1], secret: secret[1], uri: new URL(uri[1]) };
}

describe.each(CLI_DATABASES)('on $name', (kind) => {
  const db = kind.use();
  const run = (argv: string[], env: Record<string, string> = {}) => runOn({ ...db.env, ...env }, argv);
  /** Reads the database directly, as the HTTP side will (the store is closed after the test). */
  const withStore = async <T>(read: (store: IntakeStore) => Promise<T>): Promise<T> => read(await db.openIntakeStore());
  beforeEach(async () => {
    await (await db.openLeadStore()).close();
  });

  describe('user add', () => {
    it('adds an inactive user and prints a one-time set-up link valid 24 hours, the TOTP secret and its URI', async () => {
      const result = await run(['user', 'add', 'ada.l', '--name', 'Ada Lovelace', '--queues', 'intake-portland,referrals']);
      expect(result).toMatchObject({ code: EXIT_OK, stderr: '' });
      expect(result.stdout).toContain('Added ada.l (Ada Lovelace): queues intake-portland,referrals.\n');
      expect(result.stdout).toContain(`works once, until ${new Date(NOW.getTime() + DAY).toISOString()}`);
      const { token, secret, uri } = readSetup(result.stdout);

      const credentials = await withStore((store) => store.findUserBySetupToken(hashToken(token), new Date(NOW.getTime() + DAY - 1)));
      expect(credentials?.user).toMatchObject({ login: 'ada.l', name: 'Ada Lovelace', queues: ['intake-portland', 'referrals'], admin: false, active: false });
      expect(credentials?.totpKey).toEqual(decodeBase32IgnorePadding(secret));
      expect(await withStore((store) => store.findUserBySetupToken(hashToken(token), new Date(NOW.getTime() + DAY)))).toBeNull();
      expect(uri.href.startsWith('otpauth://totp/clinic.example:ada.l?')).toBe(true);
      expect(uri.searchParams.get('secret')).toBe(secret);
    });

    it('puts the link under INTAKE_URL when it is set, and makes admins', async () => {
      const result = await run(['user', 'add', 'bo', '--name', 'Bo', '--queues', 'referrals', '--admin'], { INTAKE_URL: 'https://inbox.clinic.example/staff' });
      expect(result.code).toBe(EXIT_OK);
      expect(result.stdout).toMatch(/\n {2}https:\/\/inbox\.clinic\.example\/staff\/setup\/[A-Za-z0-9_-]{43}\/\n/);
      expect(result.stdout).toContain('otpauth://totp/inbox.clinic.example:bo?');
      expect(await withStore(async (store) => (await store.getCredentials('bo'))?.user.admin)).toBe(true);
      // An admin needs no queues of their own; the audit says what access was given.
      expect((await run(['user', 'add', 'cy', '--name', 'Cy', '--admin'])).code).toBe(EXIT_OK);
      expect(await withStore(async (store) => (await store.listAudit()).filter((e) => e.action === 'user-add').map((e) => e.detail))).toEqual([
        'cy: admin, every queue',
        'bo: admin, every queue (own: referrals)',
      ]);
    });

    it('refuses a login already taken, and leaves the user as they were', async () => {
      await run(['user', 'add', 'ada.l', '--name', 'Ada Lovelace', '--queues', 'referrals']);
      const again = await run(['user', 'add', 'ada.l', '--name', 'Someone Else', '--queues', 'billing']);
      expect(again).toEqual({ code: EXIT_FAILURE, stdout: '', stderr: 'leads: the login ada.l is already taken (see: npm run leads -- user list)\n' });
      expect(await withStore(async (store) => (await store.getCredentials('ada.l'))?.user.name)).toBe('Ada Lovelace');
    });

    it('fails without writing when INTAKE_URL is not an http(s) address', async () => {
      const result = await run(['user', 'add', 'ada.l', '--name', 'Ada', '--queues', 'referrals'], { INTAKE_URL: 'ftp://clinic.example/intake/' });
      expect(result.code).toBe(EXIT_FAILURE);
      expect(result.stderr).toContain('leads: cannot make a set-up link: INTAKE_URL must be an http(s) address');
      expect(await withStore((store) => store.listUsers())).toEqual([]);
    });
  });

  describe('user list, disable and reset', () => {
    beforeEach(async () => {
      await run(['user', 'add', 'ada.l', '--name', 'Ada Lovelace', '--queues', 'intake-portland,referrals']);
      await run(['user', 'add', 'bo', '--name', 'Bo Admin', '--queues', 'billing', '--admin']);
    });

    it('lists users with their queues and state, and no secrets', async () => {
      const { user } = (await withStore((store) => store.getCredentials('bo'))) ?? { user: { id: '' } };
      await withStore((store) => store.completeSetup(user.id, { passwordHash: 'scrypt$stand-in', totpStep: 1 }));
      expect(await run(['user', 'list'])).toEqual({
        code: EXIT_OK,
        stderr: '',
        stdout: [
          'LOGIN  NAME          QUEUES                     ADMIN  STATE',
          'ada.l  Ada Lovelace  intake-portland,referrals  no     set-up pending',
          'bo     Bo Admin      billing                    yes    active',
          '2 users',
          '',
        ].join('\n'),
      });
    });

    it('disables a user, who then shows as disabled', async () => {
      expect(await run(['user', 'disable', 'bo'])).toEqual({ code: EXIT_OK, stderr: '', stdout: 'Disabled bo: signed out everywhere, and can no longer sign in or set up.\n' });
      expect((await run(['user', 'list'])).stdout).toMatch(/^bo .* disabled$/m);
      expect(await run(['user', 'disable', 'nobody'])).toEqual({ code: EXIT_FAILURE, stdout: '', stderr: 'leads: no user with login nobody (see: npm run leads -- user list)\n' });
    });

    it('resets a user: a new link and secret, the old link dead', async () => {
      const oldKey = await withStore(async (store) => (await store.getCredentials('ada.l'))?.totpKey);
      const result = await run(['user', 'reset', 'ada.l']);
      expect(result.code).toBe(EXIT_OK);
      expect(result.stdout).toContain('Reset ada.l: signed out everywhere; the old password and TOTP secret no longer work.\n');
      const { token, secret } = readSetup(result.stdout);
      const credentials = await withStore((store) => store.findUserBySetupToken(hashToken(token), NOW));
      expect(credentials?.totpKey).toEqual(decodeBase32IgnorePadding(secret));
      expect(credentials?.totpKey).not.toEqual(oldKey);
      expect((await run(['user', 'reset', 'nobody'])).code).toBe(EXIT_FAILURE);
    });
  });

  describe('audit', () => {
    it('records every user command as cli, and lists the log newest first, also as JSON', async () => {
      await run(['user', 'add', 'ada.l', '--name', 'Ada Lovelace', '--queues', 'referrals']);
      await run(['user', 'list']);
      await run(['user', 'reset', 'ada.l']);
      await run(['user', 'disable', 'ada.l']);
      expect(await run(['audit'])).toEqual({
        code: EXIT_OK,
        stderr: '',
        stdout: [
          'AT                    ACTOR  ACTION        LEAD  CLIENT  DETAIL',
          '2026-03-01T12:00:00Z  cli    user-disable  -     cli     ada.l',
          '2026-03-01T12:00:00Z  cli    user-reset    -     cli     ada.l',
          '2026-03-01T12:00:00Z  cli    user-list     -     cli     1',
          '2026-03-01T12:00:00Z  cli    user-add      -     cli     ada.l: queues referrals',
          '4 entries',
          '',
        ].join('\n'),
      });
      const json = await run(['audit', '--json', '--limit', '2']);
      expect(JSON.parse(json.stdout)).toEqual([
        { at: '2026-03-01T12:00:00.000Z', actor: 'cli', action: 'view-audit', leadId: null, client: 'cli', detail: '4' },
        { at: '2026-03-01T12:00:00.000Z', actor: 'cli', action: 'user-disable', leadId: null, client: 'cli', detail: 'ada.l' },
      ]);
    });

    it('lists one lead’s entries, and records that it was asked for', async () => {
      await withStore(async (store) => {
        await store.audit({ at: NOW, actor: 'ada.l', action: 'view-lead', leadId: 'LEAD-A', client: '203.0.113.7', detail: null });
        await store.audit({ at: NOW, actor: 'ada.l', action: 'view-lead', leadId: 'LEAD-B', client: '203.0.113.7', detail: null });
      });
      const result = await run(['audit', '--lead', 'LEAD-A', '--json']);
      expect(JSON.parse(result.stdout)).toEqual([{ at: NOW.toISOString(), actor: 'ada.l', action: 'view-lead', leadId: 'LEAD-A', client: '203.0.113.7', detail: null }]);
      expect(await withStore((store) => store.listAudit({ limit: 1 }))).toEqual([{ at: NOW, actor: 'cli', action: 'view-audit', leadId: 'LEAD-A', client: 'cli', detail: '1' }]);
    });

    it('says so when the log is empty', async () => {
      expect(await run(['audit'])).toEqual({ code: EXIT_OK, stderr: '', stdout: 'No audit entries.\n' });
    });
  });
});

describe('usage', () => {
  const file = useStoreFile();
  const run = (argv: string[], env: Record<string, string> = {}) => runOn({ LEADS_DB: file.path, ...env }, argv);
  beforeEach(async () => {
    await file.openStore().close();
  });

  it('documents the intake commands', () => {
    for (const line of ['user add <login> --name "<name>" --queues <queue,…> [--admin]', 'user list', 'user disable <login>', 'user reset <login>', 'audit [--limit <n>] [--lead <id>] [--json]']) {
      expect(USAGE).toContain(line);
    }
  });

  it.each<[string[], string]>([
    [['user'], 'user takes a subcommand: add, list, disable, reset'],
    [['user', 'remove', 'ada'], 'user takes a subcommand: add, list, disable, reset'],
    [['user', 'add'], 'user add takes one login'],
    [['user', 'add', 'Ada', '--name', 'Ada', '--queues', 'a'], '"Ada" is not a valid login'],
    [['user', 'add', 'a', '--name', 'Ada', '--queues', 'a'], '"a" is not a valid login'],
    [['user', 'add', '-ada', '--name', 'Ada', '--queues', 'a'], "Unknown option '-a'"],
    [['user', 'add', '.ada', '--name', 'Ada', '--queues', 'a'], '".ada" is not a valid login'],
    [['user', 'add', 'a'.repeat(41), '--name', 'Ada', '--queues', 'a'], 'is not a valid login'],
    [['user', 'add', 'ada', '--queues', 'a'], 'user add needs --name "<their name>"'],
    [['user', 'add', 'ada', '--name', '  ', '--queues', 'a'], 'user add needs --name "<their name>"'],
    [['user', 'add', 'ada', '--name', 'Ada'], 'user add needs --queues <queue,…> (routing queue ids), or --admin'],
    [['user', 'add', 'ada', '--name', 'Ada', '--queues', 'Intake Portland'], '--queues: "Intake Portland" is not a queue id'],
    [['user', 'add', 'ada', '--name', 'Ada', '--queues', 'a,,b'], '--queues: "" is not a queue id'],
    [['user', 'add', 'ada', 'bo', '--name', 'Ada', '--queues', 'a'], 'user add takes one login'],
    [['user', 'list', 'all'], 'user list takes no arguments, got "all"'],
    [['user', 'list', '--json'], 'user list takes no --json'],
    [['user', 'disable'], 'user disable takes one login'],
    [['user', 'reset', 'ada', '--admin'], 'user reset takes no --admin'],
    [['audit', 'all'], 'audit takes no arguments, got "all"'],
    [['audit', '--limit', 'x'], '--limit needs a whole number, got "x"'],
    [['audit', '--status', 'new'], 'audit takes no --status'],
    [['list', '--admin'], 'list takes no --admin'],
  ])('%j is a usage error', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr.endsWith(`\n\n${USAGE}`)).toBe(true);
  });

  it('needs an existing database, as the other commands do', async () => {
    const result = await run(['user', 'list'], { LEADS_DB: `${file.dir}/missing.db` });
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toContain('leads: no lead database at');
  });
});
