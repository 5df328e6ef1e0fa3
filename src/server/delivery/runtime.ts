import type { DeliverySettings } from '../../lib/leads/delivery.ts';
import type { DeliveryOutbox, LeadStore } from '../../lib/leads/store.ts';
import { SqliteLeadStore } from '../sqlite-lead-store.ts';
import { createDispatcher } from './dispatch.ts';
import { findDeliveryConfigProblems, readDeliverySettings, type DeliveryEnv } from './delivery-env.ts';
import { createDeliveryWorker, type DeliveryWorker } from './worker.ts';
import { describeError } from '../../lib/errors.ts';

/** How long to wait before opening the lead database again when storage is unusable at start. */
const REOPEN_MS = 5_000;

/**
 * The delivery settings the build wrote and the environment, checked against each other: throws
 * one error listing every problem and its fix, so that a server with a webhook the content names
 * but the environment lacks does not start.
 */
export function loadDeliverySettings(settingsFile: URL | string, env: DeliveryEnv): DeliverySettings {
  const settings = readDeliverySettings(settingsFile);
  const problems = findDeliveryConfigProblems(settings, env);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return settings;
}

/** One line for the start-up log: where leads will be delivered, with no secret and no path. */
export function describeDelivery(env: DeliveryEnv): string {
  const webhooks = [...env.webhooks].map(([name, { url }]) => `${name} (${url.host})`);
  const email = env.smtp === null ? 'email off (no SMTP_URL)' : `email via ${env.smtp.host}:${env.smtp.port}`;
  return `Delivery: ${webhooks.length > 0 ? `webhooks ${webhooks.join(', ')}` : 'no webhooks (no LEADS_WEBHOOK_URL)'}; ${email}`;
}

/**
 * Runs the delivery worker until `stop`: on its own connection to the SQLite file `dbPath`, or on
 * `store` (the PostgreSQL store the server opened, left open at stop). When the file can't be
 * opened yet (storage failing at start), it tries again every few seconds; deliveries wait in the
 * outbox meanwhile.
 */
export function runDeliveryWorker(options: {
  source: { dbPath: string } | { store: LeadStore & DeliveryOutbox };
  settings: DeliverySettings;
  env: DeliveryEnv;
  log: (line: string) => void;
  pollMs?: number;
}): { stop: () => Promise<void>; worker: () => DeliveryWorker | undefined } {
  const dispatcher = createDispatcher({ settings: options.settings, env: options.env });
  let store: (LeadStore & DeliveryOutbox) | undefined;
  let owned: SqliteLeadStore | undefined;
  let worker: DeliveryWorker | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const start = (): void => {
    if (stopped) return;
    try {
      const { source } = options;
      store = 'store' in source ? source.store : (owned = SqliteLeadStore.open({ path: source.dbPath, synchronous: 'normal' }));
    } catch (error) {
      options.log(`Delivery waits for the lead database: ${describeError(error)}`);
      timer = setTimeout(start, REOPEN_MS);
      return;
    }
    worker = createDeliveryWorker({
      outbox: store,
      leads: store,
      send: dispatcher.send,
      log: options.log,
      schedule: options.env.retrySchedule,
      ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    });
    void reportDisabled(store, options.log);
    worker.start();
  };
  start();
  return {
    worker: () => worker,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await worker?.stop();
      dispatcher.close();
      await owned?.close();
    },
  };
}

/** Says at start, loudly, which destinations are disabled and how many deliveries wait for them. */
async function reportDisabled(store: DeliveryOutbox, log: (line: string) => void): Promise<void> {
  try {
    for (const destination of await store.listDestinations()) {
      if (destination.disabled === null) continue;
      log(
        `DELIVERY DISABLED: ${destination.destination} since ${destination.disabled.reason}; ${destination.pending} waiting. ` +
          `Fix the receiver, then run: npm run leads -- enable ${destination.destination}`,
      );
    }
  } catch {
    // Only a report: the worker's own passes say when storage fails.
  }
}
