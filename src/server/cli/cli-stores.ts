import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FunnelSource } from '../../lib/funnel/types.ts';
import type { IntakeStore } from '../../lib/intake/store.ts';
import type { DeliveryOutbox, LeadStore } from '../../lib/leads/store.ts';
import { SqliteIntakeStore } from '../intake/sqlite-intake-store.ts';
import { PostgresFunnelStore } from '../postgres/funnel-store.ts';
import { PostgresIntakeStore } from '../postgres/intake-store.ts';
import { PostgresLeadStore } from '../postgres/lead-store.ts';
import { PostgresPageViewStore } from '../postgres/page-views.ts';
import { readLeadsStore, type LeadsStoreLocation } from '../server-env.ts';
import { SqliteFunnelStore } from '../sqlite-funnel-store.ts';
import { SqliteLeadStore } from '../sqlite-lead-store.ts';
import { SqlitePageViewStore, type PageViewStore } from '../sqlite-page-views.ts';
import { describeError } from '../../lib/errors.ts';

/** The lead store as the commands use it: leads, the outbox, and (SQLite only) a rebuild of the file after a purge. */
export type CliLeadStore = LeadStore & DeliveryOutbox & { vacuum?: () => Promise<void> };

/**
 * What a lead command does with the store: `read` opens it read-only (the schema must be
 * current), `write` migrates it first as the server does, `deliver` too, with connections for the
 * delivery worker's concurrent sends.
 */
export type LeadStoreUse = 'read' | 'write' | 'deliver';

type Closable = { close(): Promise<void> };

// A command is one person at a terminal: a connection or two, not a server's pool. The delivery
// worker drains up to four destinations at once (delivery/worker.ts), each on a connection.
const CLI_CONNECTIONS = 2;
const DELIVER_CONNECTIONS = 5;

/**
 * The store the environment names (LEADS_DATABASE_URL's PostgreSQL database, else LEADS_DB's
 * SQLite file, as the server reads them), or null after saying on `stderr` why there is none: both
 * variables set, a malformed URL, or no such file. The message never holds the URL.
 */
export function findLeadsStore(env: Readonly<Record<string, string | undefined>>, stderr: (text: string) => void): LeadsStoreLocation | null {
  let location: LeadsStoreLocation;
  try {
    location = readLeadsStore(env);
  } catch (error) {
    stderr(`leads: ${describeError(error)}\n`);
    return null;
  }
  if (location.kind === 'postgres') return location;
  const path = resolve(location.path);
  if (existsSync(path)) return { kind: 'sqlite', path };
  stderr(`leads: no lead database at ${path}\nSet LEADS_DB to the database file (default data/leads.db, relative to the current folder).\n`);
  return null;
}

/** The lead store (with its outbox) on the SQLite file or the PostgreSQL database; see LeadStoreUse. */
export async function openLeadStore(location: LeadsStoreLocation, use: LeadStoreUse): Promise<CliLeadStore & Closable> {
  const readOnly = use === 'read';
  if (location.kind === 'sqlite') return SqliteLeadStore.open({ path: location.path, readOnly });
  return PostgresLeadStore.open({ url: location.url, readOnly, maxConnections: use === 'deliver' ? DELIVER_CONNECTIONS : CLI_CONNECTIONS });
}

/** The funnel report's reads: read-only, the schema must be current. */
export async function openFunnelStore(location: LeadsStoreLocation): Promise<FunnelSource & Closable> {
  if (location.kind === 'sqlite') return SqliteFunnelStore.open({ path: location.path });
  return PostgresFunnelStore.open({ url: location.url, readOnly: true, maxConnections: 1 });
}

/** The intake tables (users, the audit log), migrated first as the server does: every intake command writes its audit entry. */
export async function openIntakeStore(location: LeadsStoreLocation): Promise<IntakeStore & Closable> {
  if (location.kind === 'sqlite') return SqliteIntakeStore.open({ path: location.path });
  return PostgresIntakeStore.open({ url: location.url, maxConnections: 1 });
}

/** The page view tables the imports write, migrated first as the server does. */
export async function openPageViewStore(location: LeadsStoreLocation): Promise<PageViewStore & Closable> {
  if (location.kind === 'sqlite') return SqlitePageViewStore.open({ path: location.path });
  return PostgresPageViewStore.open({ url: location.url, maxConnections: 1 });
}

/** `message` without the URL or its password, should a driver's message repeat either. */
export function hidePassword(message: string, url: string): string {
  const password = URL.canParse(url) ? new URL(url).password : '';
  let hidden = message.replaceAll(url, '…');
  for (const secret of new Set([password, decodeURIComponent(password)])) if (secret !== '') hidden = hidden.replaceAll(secret, '…');
  return hidden;
}
