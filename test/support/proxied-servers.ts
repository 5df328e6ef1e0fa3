import { makeLeadsDb, startServer, type RunningServer } from './built-server.ts';
import { getFreePort, PROXY_SOURCE_ADDRESS, requireNginx, startNginx, type RunningNginx } from './nginx.ts';

/**
 * Where the servers behind the proxy keep their leads, given to each of them: one SQLite file
 * (WAL) for now. A PostgreSQL store is another implementation of this: its env, and its removal.
 */
export interface SharedStore {
  /** LEADS_DB for startServer, and for the leads CLI the tests read the store with. */
  leadsDb: string;
  /** Variables every server gets to reach the store. */
  env: Record<string, string>;
  remove(): Promise<void> | void;
}

export function makeSharedSqliteStore(): SharedStore {
  const db = makeLeadsDb();
  return { leadsDb: db.path, env: {}, remove: db.remove };
}

export interface ProxiedServers {
  proxy: RunningNginx;
  servers: RunningServer[];
  store: SharedStore;
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
    return { proxy, servers, store, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
