import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { decideAfterAttempt, isStillNeeded, planFollowUps, RETRY_SCHEDULE_S } from '../../lib/leads/delivery.ts';
import type { Delivery, SendOutcome } from '../../lib/leads/delivery.ts';
import type { AttemptRecord, DeliveryOutbox, LeadStore, StoredLead } from '../../lib/leads/store.ts';
import { describeError } from '../../lib/errors.ts';

/** Sends one delivery of one lead; the dispatcher (dispatch.ts) picks the channel and builds the message. */
export type SendDelivery = (delivery: Delivery, lead: StoredLead, now: Date) => Promise<SendOutcome>;

export interface DeliveryWorkerOptions {
  outbox: DeliveryOutbox;
  leads: Pick<LeadStore, 'get'>;
  send: SendDelivery;
  /** One line per attempt and per destination problem: ids, destination, outcome. Never personal data. */
  log: (line: string) => void;
  /** Seconds between attempts (RETRY_SCHEDULE_S by default). */
  schedule?: readonly number[];
  /** How often to look for due deliveries when idle. Default 1000 ms. */
  pollMs?: number;
  /** How long a destination's lease lasts; renewed after each attempt. Longer than one send's timeout. */
  leaseMs?: number;
  /** Destinations sent to at once. */
  concurrency?: number;
  now?: () => Date;
  random?: () => number;
}

export interface DeliveryWorker {
  /** One pass: every due destination, each drained in order until it is empty, down or disabled. */
  runOnce(): Promise<{ attempted: number; delivered: number }>;
  /** Runs passes until `stop`. */
  start(): void;
  /** Waits for the pass in progress to finish; no new one starts. */
  stop(): Promise<void>;
}

const DEFAULT_POLL_MS = 1000;
// Longer than a send's timeout (10 s); a lease of a worker that died on another machine runs out
// in this time, one of a worker that died on this machine is taken over at once.
const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_CONCURRENCY = 4;
/** Leads whose planned deliveries are made into rows in one transaction, and such transactions per pass. */
const EXPAND_BATCH = 100;
const EXPAND_BATCHES_PER_PASS = 20;
/** Deliveries sent before their attempts are recorded together. */
const BATCH_SIZE = 20;

/**
 * The delivery worker: sends what the outbox holds, each destination's deliveries one at a time and
 * oldest first, under a lease, so that the server's worker and `npm run leads -- deliver` can run
 * side by side. An attempt is recorded after it is made: a crash in between sends it again, with
 * the same id, which is what receivers deduplicate on.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  // Names the process, so that a worker on the same machine can tell that the holder died.
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const schedule = options.schedule ?? RETRY_SCHEDULE_S;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  let running: Promise<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function drain(destination: string): Promise<{ attempted: number; delivered: number }> {
    const counts = { attempted: 0, delivered: 0 };
    if (!(await options.outbox.leaseDestination(destination, { owner, now: now(), leaseMs }))) return counts;
    let leasedAt = now().getTime();
    try {
      let blocked = false;
      while (!stopped && !blocked) {
        const due = await options.outbox.listDue(destination, now(), BATCH_SIZE);
        if (due.length === 0) break;
        // Attempts are recorded together after the batch, in one short transaction, so that the
        // worker holds the write lock (which leads wait for) rarely. A crash before that sends the
        // batch again, each with its own id.
        const records: { id: string; record: AttemptRecord }[] = [];
        try {
          for (const delivery of due) {
            if (stopped) break;
            const lead = await options.leads.get(delivery.leadId);
            if (lead === null || !isStillNeeded(delivery.purpose, lead)) {
              const why = lead === null ? 'the lead is gone' : `not needed: the lead is ${lead.status}`;
              records.push({ id: delivery.id, record: { at: now(), state: 'skipped', nextAttemptAt: now(), result: why, counted: false } });
              continue;
            }
            const outcome = await options
              .send(delivery, lead, now())
              .catch((error: unknown): SendOutcome => ({ kind: 'retry', detail: `the sender failed (${error instanceof Error ? error.name : 'error'})`, destinationDown: false }));
            const decided = decideAfterAttempt(delivery, outcome, { at: now(), schedule, random: random() });
            const followUps = decided.state === 'delivered' ? planFollowUps(delivery, lead) : [];
            const record = followUps.length > 0 ? { ...decided, followUps } : decided;
            records.push({ id: delivery.id, record });
            counts.attempted += 1;
            if (record.state === 'delivered') counts.delivered += 1;
            options.log(formatAttempt(delivery, record.state, outcome, record.nextAttemptAt));
            if (record.disableDestination !== undefined) {
              options.log(
                `DELIVERY DISABLED: ${destination} answered ${outcome.detail}; nothing more is sent to it. ` + `Fix or replace the receiver, then run: npm run leads -- enable ${destination}`,
              );
            }
            if (outcome.kind === 'gone' || (outcome.kind === 'retry' && outcome.destinationDown)) {
              blocked = true;
              break;
            }
            // Renewed well before it runs out (a send takes at most its timeout), not after every send.
            if (now().getTime() - leasedAt > leaseMs / 3) {
              if (!(await options.outbox.leaseDestination(destination, { owner, now: now(), leaseMs }))) {
                blocked = true;
                break;
              }
              leasedAt = now().getTime();
            }
          }
        } finally {
          if (records.length > 0) await options.outbox.recordAttempts(records);
        }
      }
    } finally {
      await options.outbox.releaseDestination(destination, owner);
    }
    return counts;
  }

  /** Releases the leases of workers on this machine whose process is gone (a crash or SIGKILL). */
  async function releaseOrphanedLeases(): Promise<void> {
    for (const lease of await options.outbox.listLeases(now())) {
      const [host, pid] = lease.owner.split(':');
      if (lease.owner !== owner && host === hostname() && !isProcessAlive(Number(pid))) {
        await options.outbox.releaseDestination(lease.destination, lease.owner);
      }
    }
  }

  async function runOnce(): Promise<{ attempted: number; delivered: number }> {
    await releaseOrphanedLeases();
    // What new leads planned becomes deliveries, oldest lead first, before anything is sent; in
    // short transactions, since leads wait for the write lock meanwhile.
    for (let batch = 0; batch < EXPAND_BATCHES_PER_PASS && !stopped; batch += 1) {
      if ((await options.outbox.expandPlanned(EXPAND_BATCH)) < EXPAND_BATCH) break;
    }
    const due = await options.outbox.listDueDestinations(now(), owner);
    const totals = { attempted: 0, delivered: 0 };
    for (let start = 0; start < due.length; start += concurrency) {
      const results = await Promise.all(due.slice(start, start + concurrency).map(drain));
      for (const result of results) {
        totals.attempted += result.attempted;
        totals.delivered += result.delivered;
      }
    }
    return totals;
  }

  function loop(): void {
    if (stopped) return;
    running = runOnce()
      .catch((error: unknown) => {
        // Storage busy or failing: the deliveries wait in the outbox; the next pass tries again.
        options.log(`Delivery pass failed: ${describeError(error)}`);
      })
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(loop, options.pollMs ?? DEFAULT_POLL_MS);
      });
  }

  return {
    runOnce,
    start() {
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function formatAttempt(delivery: Delivery, state: string, outcome: SendOutcome, next: Date): string {
  const then = state === 'pending' ? `, next attempt ${next.toISOString()}` : '';
  return `Delivery ${delivery.id} (lead ${delivery.leadId}, ${delivery.purpose} to ${delivery.destination}) attempt ${delivery.attempts + 1}: ${outcome.detail} → ${state}${then}`;
}
