import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LEAD_STATUSES, StoreUnavailableError } from '../../lib/leads/store.ts';
import type { LeadStatus, StoredLead } from '../../lib/leads/store.ts';
import { formatLeadsCsv } from './lead-csv.ts';
import { formatLeadDetails, formatLeadTable, toPrintable } from './lead-text.ts';
import { formatDeliveries } from './delivery-text.ts';
import type { DeliverySettings } from '../../lib/leads/delivery.ts';
import { readSettings } from '../../settings.ts';
import { DELIVERY_SETTINGS_FILE } from '../../lib/leads/delivery-settings.ts';
import type { DeliveryEnv } from '../delivery/delivery-env.ts';
import { createDispatcher } from '../delivery/dispatch.ts';
import { describeDelivery, loadDeliverySettings } from '../delivery/runtime.ts';
import { createDeliveryWorker } from '../delivery/worker.ts';
import { formatLeadsStore, readDeliveryEnv, type LeadsStoreLocation } from '../server-env.ts';
import { readDeliverySettings } from '../delivery/delivery-env.ts';
import { formatPurge, purgeExpiredDetails } from '../retention.ts';
import { isValidId, ID_RULE } from '../../lib/ids.ts';
import { isValidLogin, LOGIN_RULE } from '../../lib/intake/login.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-codes.ts';
import { runIntakeCommand } from './intake-command.ts';
import { parseReportCommand, REPORT_USAGE, runReportCommand } from './report-command.ts';
import type { IntakeCommand } from './intake-command.ts';
import { IMPORT_OPTIONS, IMPORT_USAGE, isImportCommandName, parseImportCommand, runImportCommand } from './import-command.ts';
import type { ImportCommand } from './import-command.ts';
import { COPY_OPTIONS, COPY_USAGE, parseCopyCommand, runCopyCommand, type CopyCommand } from './copy-command.ts';
import { findLeadsStore, hidePassword, openFunnelStore, openIntakeStore, openLeadStore, openPageViewStore, type CliLeadStore } from './cli-stores.ts';
import { MIGRATE_OPTIONS, MIGRATE_USAGE, parseMigrateCommand, runMigrateCommand, type MigrateCommand } from './migrate-command.ts';
import { describeError } from '../../lib/errors.ts';

export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE };

export const USAGE = `Usage: npm run leads -- <command> [options]

Commands:
  list [--json] [--status <status>] [--limit <n>]
      Newest first. The table shows id, created, type, status, queue and priority only;
      --json prints every matching lead in full (submitted fields included).
  show <id> [--json]
      One lead in full, submitted fields included.
  export --csv [--status <status>]
      Every matching lead as CSV (RFC 4180), submitted fields included.
  contacted <id>
      Marks a lead contacted: its overdue reminder and escalation are no longer sent.
  deliveries [--failed] [--lead <id>] [--limit <n>] [--json]
      Deliveries newest first (webhooks, team emails, reminders), and the destinations that are
      down or disabled. --failed shows only the dead ones (every attempt failed).
  redeliver <lead-or-delivery-id>
      Sends a delivery again (same id, so receivers can tell a repeat), or every dead delivery of a lead.
  enable <destination>
      Sends to a destination again after it answered 410 Gone (e.g. webhook:crm).
  purge [--dry-run]
      Deletes the person's details (name, phone, email, message, anything typed) from leads past
      the retention period of routing.yaml (as the build wrote it), keeping what the reports
      count; the server does this daily. --dry-run only says how many.
  deliver [--once]
      Runs the delivery worker here, as the server does (set LEADS_DELIVERY_WORKER=off on the
      server to keep delivery apart); --once sends what is due and exits. Reads the same
      environment as the server and dist/server/delivery-settings.json (run \`npm run build\`).

Reports:
${REPORT_USAGE}

Intake inbox users (each of these, and audit, is itself written to the audit log as actor cli):
  user add <login> --name "<name>" --queues <queue,…> [--admin]
      Adds a user who can't sign in until they open the printed set-up link (valid 24 hours, once)
      and choose a password; prints the link (under INTAKE_URL, default SITE_URL/intake/) and
      the TOTP secret for their authenticator app. Admins see every queue.
  user list
      Login, name, queues, admin and state (active, set-up pending, disabled); no secrets.
  user disable <login>
      Signs the user out everywhere; they can no longer sign in.
  user reset <login>
      Signs the user out and prints a new set-up link and TOTP secret (a lost phone or password).
  audit [--limit <n>] [--lead <id>] [--json]
      The audit log newest first: who signed in, which leads they saw or changed, user changes.

${IMPORT_USAGE}
${COPY_USAGE}
${MIGRATE_USAGE}
Every command works on the store the server's environment names: the PostgreSQL database of
LEADS_DATABASE_URL when it is set, else the SQLite file LEADS_DB (default data/leads.db); list,
show, export, deliveries and report open it read-only, and need its schema current (migrate).
Statuses: ${LEAD_STATUSES.join(', ')}.
Exit codes: 0 done, 1 failed (unknown id, no database, storage unavailable), 2 usage error.
`;

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  /** The clock for redeliver and the listing (tests); the real one by default. */
  now?: () => Date;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  list: ['json', 'status', 'limit'],
  show: ['json'],
  export: ['csv', 'status'],
  contacted: [],
  deliveries: ['failed', 'lead', 'limit', 'json'],
  redeliver: [],
  enable: [],
  deliver: ['once'],
  purge: ['dry-run'],
  'user add': ['name', 'queues', 'admin'],
  'user list': [],
  'user disable': [],
  'user reset': [],
  audit: ['limit', 'lead', 'json'],
  ...IMPORT_OPTIONS,
  ...COPY_OPTIONS,
  ...MIGRATE_OPTIONS,
};

const USER_SUBCOMMANDS = ['add', 'list', 'disable', 'reset'];

/** Commands that change the database; the others open it read-only. */
const WRITING_COMMANDS = new Set(['contacted', 'redeliver', 'enable', 'deliver', 'purge']);

class UsageError extends Error {}

/** Runs `leads <command>` and returns the exit code. Works on the store named by `io.env` (cli-stores.ts). */
export async function runLeadsCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'report') {
    const report = parseReportCommand(argv.slice(1));
    if ('usage' in report) {
      io.stderr(`leads report: ${report.usage}\n\nUsage: npm run leads -- report [options]\n${REPORT_USAGE}\n`);
      return EXIT_USAGE;
    }
    const location = findLeadsStore(io.env, io.stderr);
    if (location === null) return EXIT_FAILURE;
    return withStore(
      location,
      io,
      () => openFunnelStore(location),
      (store) => runReportCommand(report, store, io),
    );
  }
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`leads: ${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (command.name === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  // copy reads both variables on purpose: from LEADS_DB's file into LEADS_DATABASE_URL's database.
  if (command.name === 'copy') return runCopyCommand(command, io);

  const location = findLeadsStore(io.env, io.stderr);
  if (location === null) return EXIT_FAILURE;
  if (command.name === 'migrate') return runMigrateCommand(command, location, io);
  const context = { env: io.env, now: io.now?.() ?? new Date(), stdout: io.stdout, stderr: io.stderr };
  if (isImportCommand(command))
    return withStore(
      location,
      io,
      () => openPageViewStore(location),
      (store) => runImportCommand(command, store, context),
    );
  // The intake commands open the intake tables, for writing (they audit).
  if (isIntakeCommand(command))
    return withStore(
      location,
      io,
      () => openIntakeStore(location),
      (store) => runIntakeCommand(command, store, context),
    );
  const use = command.name === 'deliver' ? 'deliver' : WRITING_COMMANDS.has(command.name) ? 'write' : 'read';
  return withStore(
    location,
    io,
    () => openLeadStore(location, use),
    (store) => runCommand(command, store, io, location),
  );
}

/** Opens a store, runs a command on it and closes it; storage trouble is exit 1 with its words, the store named by formatLeadsStore (never the URL). */
async function withStore<S extends { close(): Promise<void> }>(location: LeadsStoreLocation, io: CliIo, open: () => Promise<S>, run: (store: S) => Promise<number>): Promise<number> {
  const hide = (message: string) => (location.kind === 'postgres' ? hidePassword(message, location.url) : message);
  let store: S;
  try {
    store = await open();
  } catch (error) {
    io.stderr(`leads: cannot open ${formatLeadsStore(location)}: ${hide(describeError(error))}\n`);
    return EXIT_FAILURE;
  }
  try {
    return await run(store);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    io.stderr(`leads: ${hide(describeError(error))}\n`);
    return EXIT_FAILURE;
  } finally {
    await store.close();
  }
}

const INTAKE_COMMANDS: ReadonlySet<string> = new Set<IntakeCommand['name']>(['user-add', 'user-list', 'user-disable', 'user-reset', 'audit']);

function isIntakeCommand(command: Exclude<Command, { name: 'help' }>): command is IntakeCommand {
  return INTAKE_COMMANDS.has(command.name);
}

function isImportCommand(command: Exclude<Command, { name: 'help' }>): command is ImportCommand {
  return isImportCommandName(command.name);
}

type Command =
  | IntakeCommand
  | ImportCommand
  | CopyCommand
  | MigrateCommand
  | { name: 'help' }
  | { name: 'list'; json: boolean; status?: LeadStatus; limit?: number }
  | { name: 'show'; id: string; json: boolean }
  | { name: 'export'; status?: LeadStatus }
  | { name: 'contacted'; id: string }
  | { name: 'deliveries'; failed: boolean; leadId?: string; limit?: number; json: boolean }
  | { name: 'redeliver'; id: string }
  | { name: 'enable'; destination: string }
  | { name: 'deliver'; once: boolean }
  | { name: 'purge'; dryRun: boolean };

async function runCommand(
  command: Exclude<Command, IntakeCommand | ImportCommand | CopyCommand | MigrateCommand | { name: 'help' }>,
  store: CliLeadStore,
  io: CliIo,
  location: LeadsStoreLocation,
): Promise<number> {
  switch (command.name) {
    case 'list': {
      const leads = await store.list(command);
      io.stdout(command.json ? formatJson(leads) : formatLeadTable(leads));
      return EXIT_OK;
    }
    case 'show': {
      const lead = await store.get(command.id);
      if (lead === null) {
        io.stderr(`leads: no lead with id ${toPrintable(command.id)}\n`);
        return EXIT_FAILURE;
      }
      io.stdout(command.json ? formatJson(lead) : formatLeadDetails(lead));
      return EXIT_OK;
    }
    case 'export':
      io.stdout(formatLeadsCsv(await store.list(command)));
      return EXIT_OK;
    case 'contacted': {
      const lead = await store.setStatus(command.id, 'contacted');
      if (lead === null) {
        io.stderr(`leads: no lead with id ${toPrintable(command.id)}\n`);
        return EXIT_FAILURE;
      }
      io.stdout(`Lead ${lead.id} is marked contacted: no reminder will be sent for it.\n`);
      return EXIT_OK;
    }
    case 'deliveries': {
      const deliveries = await store.listDeliveries({
        ...(command.failed ? { state: 'dead' as const } : {}),
        ...(command.leadId === undefined ? {} : { leadId: command.leadId }),
        ...(command.limit === undefined ? {} : { limit: command.limit }),
      });
      io.stdout(command.json ? `${JSON.stringify(deliveries, null, 2)}\n` : formatDeliveries(deliveries, await store.listDestinations(), io.now?.() ?? new Date(), await store.countPlanned()));
      return EXIT_OK;
    }
    case 'redeliver': {
      const again = await store.redeliver(command.id, io.now?.() ?? new Date());
      if (again.length === 0) {
        io.stderr(`leads: no delivery with id ${toPrintable(command.id)}, and no lead with that id has dead deliveries (see: npm run leads -- deliveries --lead <id>)\n`);
        return EXIT_FAILURE;
      }
      const noun = again.length === 1 ? 'delivery is' : 'deliveries are';
      io.stdout(`${again.length} ${noun} pending again: ${again.map((d) => `${d.id} (${d.destination})`).join(', ')}\n`);
      return EXIT_OK;
    }
    case 'enable': {
      const changed = await store.enableDestination(command.destination);
      io.stdout(changed ? `${command.destination} is enabled: its waiting deliveries go out now.\n` : `${command.destination} was neither disabled nor down.\n`);
      return EXIT_OK;
    }
    case 'deliver':
      return runDeliverCommand(command.once, store, io);
    case 'purge':
      return runPurgeCommand(command.dryRun, store, location, io);
  }
}

/**
 * `purge`: deletes the person's details from leads past the organization's retention period
 * (routing.yaml `retention`, as the build wrote it to dist/server/delivery-settings.json), then
 * rebuilds a SQLite file. With --dry-run, only says how many. Audited as actor cli.
 */
async function runPurgeCommand(dryRun: boolean, store: CliLeadStore, location: LeadsStoreLocation, io: CliIo): Promise<number> {
  let settings: DeliverySettings;
  try {
    settings = readDeliverySettings(io.env['DELIVERY_SETTINGS'] ?? resolve('dist/server', DELIVERY_SETTINGS_FILE));
  } catch (error) {
    io.stderr(`leads: cannot purge: ${describeError(error)}\n`);
    return EXIT_FAILURE;
  }
  const now = io.now?.() ?? new Date();
  const result = await purgeExpiredDetails({ store, retention: settings.retention, now, dryRun });
  const intake = await openIntakeStore(location);
  try {
    await intake.audit({ at: now, actor: 'cli', action: dryRun ? 'purge-dry-run' : 'purge', leadId: null, client: 'cli', detail: `${result.closed} closed, ${result.spam} spam` });
  } finally {
    await intake.close();
  }
  io.stdout(`${formatPurge(result, settings.retention, dryRun)}\n`);
  return EXIT_OK;
}

/** `deliver`: the server's worker, here; until SIGINT/SIGTERM, or one pass with --once. */
async function runDeliverCommand(once: boolean, store: CliLeadStore, io: CliIo): Promise<number> {
  let env: DeliveryEnv;
  let settings: DeliverySettings;
  try {
    env = readDeliveryEnv(io.env, readSettings(io.env).siteUrl);
    settings = loadDeliverySettings(io.env['DELIVERY_SETTINGS'] ?? resolve('dist/server', DELIVERY_SETTINGS_FILE), env);
  } catch (error) {
    io.stderr(`leads: cannot deliver: ${describeError(error)}\n`);
    return EXIT_FAILURE;
  }
  io.stdout(`${describeDelivery(env)}\n`);
  const dispatcher = createDispatcher({ settings, env });
  const worker = createDeliveryWorker({ outbox: store, leads: store, send: dispatcher.send, log: (line) => io.stdout(`${line}\n`), schedule: env.retrySchedule });
  try {
    if (once) {
      const { attempted, delivered } = await worker.runOnce();
      io.stdout(`${attempted} attempted, ${delivered} delivered.\n`);
      return EXIT_OK;
    }
    const stop = new Promise<void>((done) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => done());
    });
    worker.start();
    await stop;
    await worker.stop();
    return EXIT_OK;
  } finally {
    dispatcher.close();
  }
}

function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        status: { type: 'string' },
        limit: { type: 'string' },
        failed: { type: 'boolean' },
        lead: { type: 'string' },
        once: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        name: { type: 'string' },
        queues: { type: 'string' },
        admin: { type: 'boolean' },
        date: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (values.help === true || name === 'help') return { name: 'help' };
  if (name === undefined) throw new UsageError('missing command');
  if (name === 'user' && !USER_SUBCOMMANDS.includes(rest[0] ?? '')) {
    throw new UsageError(`user takes a subcommand: ${USER_SUBCOMMANDS.join(', ')}`);
  }
  const key = name === 'user' ? `user ${rest[0]}` : name;
  const allowed = COMMAND_OPTIONS[key];
  if (allowed === undefined) throw new UsageError(`unknown command "${name}"`);
  for (const option of Object.keys(values)) {
    if (!allowed.includes(option)) throw new UsageError(`${key} takes no --${option}`);
  }
  if (name === 'user') return parseUserCommand(key, rest.slice(1), values);
  if (isImportCommandName(name)) {
    const parsed = parseImportCommand(name, rest, values);
    if ('usage' in parsed) throw new UsageError(parsed.usage);
    return parsed;
  }
  if (name === 'copy') {
    const parsed = parseCopyCommand(rest, values);
    if ('usage' in parsed) throw new UsageError(parsed.usage);
    return parsed;
  }
  if (name === 'migrate') {
    const parsed = parseMigrateCommand(rest, values);
    if ('usage' in parsed) throw new UsageError(parsed.usage);
    return parsed;
  }

  const status = values.status === undefined ? {} : { status: parseStatus(values.status) };
  switch (name) {
    case 'list': {
      if (rest.length > 0) throw new UsageError(`list takes no arguments, got "${rest.join(' ')}"`);
      const limit = values.limit === undefined ? {} : { limit: parseLimit(values.limit) };
      return { name, json: values.json === true, ...status, ...limit };
    }
    case 'show': {
      const [id, ...extra] = rest;
      if (id === undefined || extra.length > 0) throw new UsageError('show takes one lead id');
      return { name, id, json: values.json === true };
    }
    case 'contacted':
    case 'redeliver': {
      const [id, ...extra] = rest;
      if (id === undefined || extra.length > 0) throw new UsageError(`${name} takes one ${name === 'contacted' ? 'lead id' : 'lead or delivery id'}`);
      return { name, id };
    }
    case 'enable': {
      const [destination, ...extra] = rest;
      if (destination === undefined || extra.length > 0) throw new UsageError('enable takes one destination, such as webhook:crm');
      return { name, destination };
    }
    case 'deliveries': {
      if (rest.length > 0) throw new UsageError(`deliveries takes no arguments, got "${rest.join(' ')}"`);
      return {
        name,
        failed: values.failed === true,
        json: values.json === true,
        ...(values.lead === undefined ? {} : { leadId: values.lead }),
        ...(values.limit === undefined ? {} : { limit: parseLimit(values.limit) }),
      };
    }
    case 'deliver': {
      if (rest.length > 0) throw new UsageError(`deliver takes no arguments, got "${rest.join(' ')}"`);
      return { name, once: values.once === true };
    }
    case 'purge': {
      if (rest.length > 0) throw new UsageError(`purge takes no arguments, got "${rest.join(' ')}"`);
      return { name, dryRun: values['dry-run'] === true };
    }
    case 'audit': {
      if (rest.length > 0) throw new UsageError(`audit takes no arguments, got "${rest.join(' ')}"`);
      return {
        name,
        json: values.json === true,
        ...(values.lead === undefined ? {} : { leadId: values.lead }),
        ...(values.limit === undefined ? {} : { limit: parseLimit(values.limit) }),
      };
    }
    default: {
      if (rest.length > 0) throw new UsageError(`export takes no arguments, got "${rest.join(' ')}"`);
      if (values.csv !== true) throw new UsageError('export needs a format: --csv');
      return { name: 'export', ...status };
    }
  }
}

function parseUserCommand(key: string, args: readonly string[], values: { name?: string | undefined; queues?: string | undefined; admin?: boolean | undefined }): IntakeCommand {
  if (key === 'user list') {
    if (args.length > 0) throw new UsageError(`user list takes no arguments, got "${args.join(' ')}"`);
    return { name: 'user-list' };
  }
  const [login, ...extra] = args;
  if (login === undefined || extra.length > 0) throw new UsageError(`${key} takes one login`);
  if (!isValidLogin(login)) throw new UsageError(`"${login}" is not a valid login: use ${LOGIN_RULE}`);
  if (key === 'user disable') return { name: 'user-disable', login };
  if (key === 'user reset') return { name: 'user-reset', login };
  const displayName = values.name?.trim() ?? '';
  if (displayName === '') throw new UsageError('user add needs --name "<their name>", as colleagues see it');
  // An admin sees every queue: their own list is optional.
  if (values.queues === undefined && values.admin !== true) throw new UsageError('user add needs --queues <queue,…> (routing queue ids), or --admin');
  const queues = values.queues === undefined ? [] : values.queues.split(',').map((queue) => queue.trim());
  for (const queue of queues) {
    if (!isValidId(queue)) throw new UsageError(`--queues: "${queue}" is not a queue id (${ID_RULE})`);
  }
  return { name: 'user-add', login, displayName, queues: [...new Set(queues)], admin: values.admin === true };
}

function parseStatus(value: string): LeadStatus {
  const status = LEAD_STATUSES.find((known) => known === value);
  if (status === undefined) {
    throw new UsageError(`unknown status "${value}" (one of ${LEAD_STATUSES.join(', ')})`);
  }
  return status;
}

function parseLimit(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--limit needs a whole number, got "${value}"`);
  return Number(value);
}

function formatJson(value: StoredLead | StoredLead[]): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
