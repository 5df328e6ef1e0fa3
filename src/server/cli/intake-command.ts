import type { AuditEntry, IntakeStore, IntakeUser } from '../../lib/intake/store.ts';
import { readSettings } from '../../settings.ts';
import { createToken, buildSetupUrl, hashToken, SETUP_LINK_VALID_MS } from '../intake/tokens.ts';
import { createTotpKey, formatTotpSecret, getTotpUri } from '../intake/totp.ts';
import { readDeliveryEnv } from '../server-env.ts';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.ts';
import { formatAuditTable, formatUserTable } from './intake-text.ts';
import { toPrintable } from './lead-text.ts';
import { describeError } from '../../lib/errors.ts';

/** The intake commands of `npm run leads`, parsed (see leads-command.ts). */
export type IntakeCommand =
  | { name: 'user-add'; login: string; displayName: string; queues: string[]; admin: boolean }
  | { name: 'user-list' }
  | { name: 'user-disable'; login: string }
  | { name: 'user-reset'; login: string }
  | { name: 'audit'; json: boolean; limit?: number; leadId?: string };

export interface IntakeCommandIo {
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs one intake command on the store and returns the exit code. Each leaves an audit row by `cli`. */
export async function runIntakeCommand(command: IntakeCommand, store: IntakeStore, io: IntakeCommandIo): Promise<number> {
  const audit = (action: string, detail: string | null, leadId: string | null = null) => store.audit({ at: io.now, actor: 'cli', action, leadId, client: 'cli', detail });
  switch (command.name) {
    case 'user-add': {
      const intakeUrl = readIntakeUrl(io);
      if (intakeUrl === null) return EXIT_FAILURE;
      if ((await store.getCredentials(command.login)) !== null) {
        io.stderr(`leads: the login ${command.login} is already taken (see: npm run leads -- user list)\n`);
        return EXIT_FAILURE;
      }
      const setup = createSetup(io.now);
      const user = await store.addUser(
        { login: command.login, name: command.displayName, queues: command.queues, admin: command.admin },
        { now: io.now, setupTokenHash: setup.tokenHash, setupExpiresAt: setup.expiresAt, totpKey: setup.totpKey },
      );
      await audit('user-add', `${user.login}: ${describeAccess(user)}`);
      io.stdout(`Added ${user.login} (${toPrintable(user.name)}): ${describeAccess(user)}.\n${formatSetup(user, setup, intakeUrl)}`);
      return EXIT_OK;
    }
    case 'user-reset': {
      const intakeUrl = readIntakeUrl(io);
      if (intakeUrl === null) return EXIT_FAILURE;
      const setup = createSetup(io.now);
      const user = await store.resetUser(command.login, { setupTokenHash: setup.tokenHash, setupExpiresAt: setup.expiresAt, totpKey: setup.totpKey });
      if (user === null) return noSuchUser(command.login, io);
      await audit('user-reset', user.login);
      const disabled = user.disabledAt === null ? '' : 'The user is disabled: the link works only once they are enabled again.\n';
      io.stdout(`Reset ${user.login}: signed out everywhere; the old password and TOTP secret no longer work.\n${disabled}${formatSetup(user, setup, intakeUrl)}`);
      return EXIT_OK;
    }
    case 'user-disable': {
      const user = await store.disableUser(command.login, io.now);
      if (user === null) return noSuchUser(command.login, io);
      await audit('user-disable', user.login);
      io.stdout(`Disabled ${user.login}: signed out everywhere, and can no longer sign in or set up.\n`);
      return EXIT_OK;
    }
    case 'user-list': {
      const users = await store.listUsers();
      await audit('user-list', String(users.length));
      io.stdout(formatUserTable(users));
      return EXIT_OK;
    }
    case 'audit': {
      const entries = await store.listAudit({
        ...(command.limit === undefined ? {} : { limit: command.limit }),
        ...(command.leadId === undefined ? {} : { leadId: command.leadId }),
      });
      // Written after the listing: it shows the log as it was when asked for.
      await audit('view-audit', String(entries.length), command.leadId ?? null);
      io.stdout(command.json ? `${JSON.stringify(entries.map(toJsonEntry), null, 2)}\n` : formatAuditTable(entries));
      return EXIT_OK;
    }
  }
}

interface Setup {
  token: string;
  tokenHash: string;
  expiresAt: Date;
  totpKey: Uint8Array;
}

function createSetup(now: Date): Setup {
  const token = createToken();
  return { token, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + SETUP_LINK_VALID_MS), totpKey: createTotpKey() };
}

function formatSetup(user: IntakeUser, setup: Setup, intakeUrl: string): string {
  const issuer = new URL(intakeUrl).host;
  return [
    `Set-up link (works once, until ${setup.expiresAt.toISOString()}; send it to ${user.login} privately):`,
    `  ${buildSetupUrl(intakeUrl, setup.token)}`,
    'TOTP secret for their authenticator app (type it in, or open the URI):',
    `  ${formatTotpSecret(setup.totpKey)}`,
    `  ${getTotpUri({ key: setup.totpKey, login: user.login, issuer })}`,
    'Neither is shown again; `user reset` makes new ones.',
    '',
  ].join('\n');
}

function describeAccess(user: IntakeUser): string {
  if (user.admin) return user.queues.length === 0 ? 'admin, every queue' : `admin, every queue (own: ${user.queues.join(',')})`;
  return `queues ${user.queues.join(',')}`;
}

function readIntakeUrl(io: IntakeCommandIo): string | null {
  try {
    return readDeliveryEnv(io.env, readSettings(io.env).siteUrl).intakeUrl;
  } catch (error) {
    io.stderr(`leads: cannot make a set-up link: ${describeError(error)}\n`);
    return null;
  }
}

function noSuchUser(login: string, io: IntakeCommandIo): number {
  io.stderr(`leads: no user with login ${toPrintable(login)} (see: npm run leads -- user list)\n`);
  return EXIT_FAILURE;
}

function toJsonEntry(entry: AuditEntry): Record<string, string | null> {
  return { ...entry, at: entry.at.toISOString() };
}
