import { makeLeadsDb, startServer, type RunningServer } from './built-server.ts';
import { getFreePort, PROXY_SOURCE_ADDRESS, requireNginx, startNginx, type RunningNginx } from './nginx.ts';
import { createTestDatabase, dropTestDatabase } from './postgres.ts';

/**
 * Where the servers behind the proxy keep their leads, given to each of them: one SQLite file
 * (WAL), or one PostgreSQL database.
 */
export interface SharedStore {
  /** LEADS_DB for startServer, and for the leads CLI the tests read the store with; empty on PostgreSQL. */
  leadsDb: string;
  /** Variables every server gets to reach the store. */
  env: Record<string, string>;
  remove(): Promise<void> | void;
}

export function makeSharedSqliteStore(): SharedStore {
  const db = makeLeadsDb();
  return { leadsDb: db.path, env: {}, remove: db.remove };
}

/** A fresh database on the test PostgreSQL server (`adminUrl`: its `postgres` database), dropped by `remove`. */
export async function makeSharedPostgresStore(adminUrl: string, prefix = 'proxied'): Promise<SharedStore & { databaseUrl: string }> {
  const databaseUrl = await createTestDatabase(adminUrl, prefix);
  const remove = () => dropTestDatabase(adminUrl, databaseUrl);
  // LEADS_DB empty: a server given both refuses to start.
  return { leadsDb: '', env: { LEADS_DATABASE_URL: databaseUrl }, databaseUrl, remove };
}

export interface ProxiedServers {
  proxy: RunningNginx;
  servers: RunningServer[];
  store: SharedStore;
  /**
   * Starts server `index` again, killed or stopped before, on the port nginx knows it by and with
   * the same env; it replaces the old one in `servers`.
   */
  restart(index: number): Promise<RunningServer>;
  /** Stops nginx, then the servers, and removes the store. */
  stop(): Promise<void>;
}

/**
 * `count` built Carepath servers on one store, behind nginx with TLS on a free port. Each gets
 * SITE_URL = the proxy's https origin and TRUSTED_PROXIES = the address nginx connects from, plus
 * `env`.
 */
export async function startProxiedServers(options: { count: number; env?: Record<string, string>; store?: SharedStore }): Promise<ProxiedServers> {
  // Before anything starts: a machine without nginx fails at once, saying how to install it.
  requireNginx();
  const store = options.store ?? makeSharedSqliteStore();
  const port = await getFreePort();
  const servers: RunningServer[] = [];
  let proxy: RunningNginx | undefined;
  const stop = async () => {
    await proxy?.stop();
    for (const server of servers) await server.stop();
    await store.remove();
  };
  try {
    const env = { SITE_URL: `https://127.0.0.1:${port}`, TRUSTED_PROXIES: PROXY_SOURCE_ADDRESS, ...store.env, ...options.env };
    // One after the other: both migrate the same file at start.
    for (let i = 0; i < options.count; i++) servers.push(await startServer({ leadsDb: store.leadsDb, env }));
    proxy = await startNginx({ port, upstreams: servers.map((server) => new URL(server.origin).host) });
    const restart = async (index: number) => {
      const old = servers[index];
      if (old === undefined) throw new Error(`No server ${index}`);
      const server = await startServer({ leadsDb: store.leadsDb, env, port: Number(new URL(old.origin).port) });
      servers[index] = server;
      return server;
    };
    return { proxy, servers, store, restart, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
