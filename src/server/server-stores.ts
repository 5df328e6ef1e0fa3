import type { DailyViews } from '../lib/funnel/page-views.ts';
import type { FunnelSource } from '../lib/funnel/types.ts';
import type { IntakeStore } from '../lib/intake/store.ts';
import type { DeliveryOutbox, LeadStore } from '../lib/leads/store.ts';
import { PostgresFunnelStore } from './postgres/funnel-store.ts';
import { PostgresIntakeStore } from './postgres/intake-store.ts';
import { PostgresLeadStore } from './postgres/lead-store.ts';
import { PostgresPageViewStore } from './postgres/page-views.ts';

/**
 * The stores of a server whose lead database is PostgreSQL, opened once at start by the server
 * entry (src/server/entry.ts) and used by every feature of the process: the lead endpoint, the
 * delivery worker, the intake inbox and its report, the page view counter and the retention purge.
 * (On SQLite each feature opens its own connection to the file instead.)
 */
export interface ServerStores {
  leads: LeadStore & DeliveryOutbox;
  intake: IntakeStore;
  pageViews: { addServerViews(counts: readonly DailyViews[]): Promise<void> };
  funnel: FunnelSource;
  /** Waits for the calls under way, then closes every pool. */
  close(): Promise<void>;
}

/**
 * Connects to the PostgreSQL lead database and migrates it (under the migrations' advisory lock,
 * so servers starting together do not race), then opens each store on it. Throws
 * `StoreUnavailableError` when the server can't be reached; nothing stays open then.
 */
export async function openPostgresStores(url: string): Promise<ServerStores> {
  const leads = await PostgresLeadStore.open({ url });
  const opened: { close(): Promise<void> }[] = [leads];
  try {
    const intake = await PostgresIntakeStore.open({ url, maxConnections: 4 });
    opened.push(intake);
    const pageViews = await PostgresPageViewStore.open({ url, maxConnections: 2 });
    opened.push(pageViews);
    // After the lead store's migrations: the funnel store only checks the schema is current.
    const funnel = await PostgresFunnelStore.open({ url, maxConnections: 2 });
    opened.push(funnel);
    return { leads, intake, pageViews, funnel, close: () => closeAll(opened) };
  } catch (error) {
    await closeAll(opened);
    throw error;
  }
}

async function closeAll(stores: readonly { close(): Promise<void> }[]): Promise<void> {
  await Promise.all(stores.map((store) => store.close().catch(() => {})));
}

// The server entry and the Astro adapter's bundle (the routes) each have their own copy of this
// module: the stores are handed from one to the other through a global under a registered symbol.
const SHARED = Symbol.for('carepath.server-stores');

/** Makes the stores the ones every route of this process uses (getSharedStores). */
export function shareStores(stores: ServerStores): void {
  (globalThis as Record<symbol, unknown>)[SHARED] = stores;
}

/** The stores the server entry opened at start, or undefined (a SQLite store, or `astro dev`). */
export function getSharedStores(): ServerStores | undefined {
  return (globalThis as Record<symbol, unknown>)[SHARED] as ServerStores | undefined;
}
