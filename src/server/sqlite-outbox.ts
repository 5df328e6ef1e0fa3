import type { DatabaseSync, SQLOutputValue, StatementSync } from 'node:sqlite';
import { DELIVERY_CHANNELS, DELIVERY_PURPOSES } from '../lib/leads/delivery.ts';
import type { Delivery, NewDelivery } from '../lib/leads/delivery.ts';
import type { AttemptRecord, DeliveryListOptions, DestinationState } from '../lib/leads/store.ts';

/**
 * The outbox's SQL on the lead database (migration 4): deliveries, and each destination's pause,
 * disabled state and lease. Used by SqliteLeadStore on its one connection; every function runs
 * synchronously inside whatever transaction the caller holds.
 */

const DELIVERY_COLUMNS = `id, channel, purpose, destination, recipients, conceal_queue, escalate_to, state, attempts,
  next_attempt_at, last_attempt_at, last_result, created_at, delivered_at`;

export interface OutboxStatements {
  /** INSERT of n rows at once, by n, prepared when first needed. */
  insert: (rows: number) => StatementSync;
  lastOfLead: StatementSync;
  plan: StatementSync;
  planned: StatementSync;
  unplan: StatementSync;
  countPlanned: StatementSync;
  anyPlanned: StatementSync;
  dueDestinations: StatementSync;
  lease: StatementSync;
  release: StatementSync;
  nextDue: StatementSync;
  leases: StatementSync;
  get: StatementSync;
  record: StatementSync;
  pause: StatementSync;
  disable: StatementSync;
  listAll: StatementSync;
  listByState: StatementSync;
  listByLead: StatementSync;
  destinations: StatementSync;
  redeliverOne: StatementSync;
  redeliverDeadOfLead: StatementSync;
  enable: StatementSync;
}

export function prepareOutboxStatements(db: DatabaseSync): OutboxStatements {
  const inserts = new Map<number, StatementSync>();
  const row = `(?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, NULL, NULL, ?, NULL)`;
  return {
    // One statement for all of a lead's rows: a lead waits for them, so each costs as little as it can.
    insert: (rows) => {
      let statement = inserts.get(rows);
      if (statement === undefined) {
        statement = db.prepare(`INSERT INTO deliveries (${DELIVERY_COLUMNS}) VALUES ${Array(rows).fill(row).join(', ')}`);
        inserts.set(rows, statement);
      }
      return statement;
    },
    plan: db.prepare('INSERT INTO planned_deliveries (lead_id, deliveries, planned_at) VALUES (?, ?, ?)'),
    planned: db.prepare('SELECT lead_id, deliveries, planned_at FROM planned_deliveries ORDER BY lead_id LIMIT ?'),
    unplan: db.prepare('DELETE FROM planned_deliveries WHERE lead_id = ?'),
    countPlanned: db.prepare('SELECT count(*) AS n FROM planned_deliveries'),
    anyPlanned: db.prepare('SELECT 1 FROM planned_deliveries LIMIT 1'),
    lastOfLead: db.prepare(`SELECT max(id) AS id FROM deliveries WHERE id > ? || '-' AND id < ? || '.'`),
    // A destination is left out while paused (down), disabled (410) or leased by another worker.
    dueDestinations: db.prepare(
      `SELECT DISTINCT d.destination AS destination FROM deliveries d
       LEFT JOIN delivery_destinations s ON s.destination = d.destination
       WHERE d.state = 'pending' AND d.next_attempt_at <= :now
         AND s.disabled_at IS NULL
         AND (s.paused_until IS NULL OR s.paused_until <= :now)
         AND (s.lease_until IS NULL OR s.lease_until <= :now OR s.lease_owner = :owner)
       ORDER BY d.destination`,
    ),
    lease: db.prepare(
      `INSERT INTO delivery_destinations (destination, lease_owner, lease_until) VALUES (:destination, :owner, :until)
       ON CONFLICT (destination) DO UPDATE SET lease_owner = :owner, lease_until = :until
       WHERE lease_until IS NULL OR lease_until <= :now OR lease_owner = :owner
       RETURNING lease_owner`,
    ),
    release: db.prepare('UPDATE delivery_destinations SET lease_owner = NULL, lease_until = NULL WHERE destination = ? AND lease_owner = ?'),
    leases: db.prepare('SELECT destination, lease_owner FROM delivery_destinations WHERE lease_until > ?'),
    nextDue: db.prepare(
      `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE destination = ? AND state = 'pending' AND next_attempt_at <= ?
       ORDER BY id LIMIT ?`,
    ),
    get: db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = ?`),
    record: db.prepare(
      `UPDATE deliveries SET state = :state, attempts = attempts + :counted, next_attempt_at = :next,
         last_attempt_at = CASE WHEN :counted = 1 THEN :at ELSE last_attempt_at END, last_result = :result,
         delivered_at = CASE WHEN :state = 'delivered' THEN :at ELSE delivered_at END
       WHERE id = :id AND state = 'pending'`,
    ),
    pause: db.prepare(
      `INSERT INTO delivery_destinations (destination, paused_until) VALUES (?, ?)
       ON CONFLICT (destination) DO UPDATE SET paused_until = excluded.paused_until`,
    ),
    disable: db.prepare(
      `INSERT INTO delivery_destinations (destination, disabled_at, disabled_reason) VALUES (?, ?, ?)
       ON CONFLICT (destination) DO UPDATE SET disabled_at = excluded.disabled_at, disabled_reason = excluded.disabled_reason`,
    ),
    listAll: db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM deliveries ORDER BY id DESC LIMIT ?`),
    listByState: db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE state = ? ORDER BY id DESC LIMIT ?`),
    // A lead's deliveries are the ids `<lead id>-NN`: from '<id>-' up to '<id>.', the next character.
    listByLead: db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id > ? || '-' AND id < ? || '.' ORDER BY id DESC LIMIT ?`),
    destinations: db.prepare(
      `SELECT n.destination AS destination, s.paused_until AS paused_until, s.disabled_at AS disabled_at,
         s.disabled_reason AS disabled_reason,
         (SELECT count(*) FROM deliveries d WHERE d.destination = n.destination AND d.state = 'pending') AS pending,
         (SELECT count(*) FROM deliveries d WHERE d.destination = n.destination AND d.state = 'dead') AS dead
       FROM (SELECT DISTINCT destination FROM deliveries UNION SELECT destination FROM delivery_destinations) n
       LEFT JOIN delivery_destinations s ON s.destination = n.destination
       ORDER BY n.destination`,
    ),
    redeliverOne: db.prepare(
      `UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?, delivered_at = NULL
       WHERE id = ? RETURNING ${DELIVERY_COLUMNS}`,
    ),
    redeliverDeadOfLead: db.prepare(
      `UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?
       WHERE id > ? || '-' AND id < ? || '.' AND state = 'dead' RETURNING ${DELIVERY_COLUMNS}`,
    ),
    enable: db.prepare(
      `UPDATE delivery_destinations SET disabled_at = NULL, disabled_reason = NULL, paused_until = NULL
       WHERE destination = ? AND (disabled_at IS NOT NULL OR paused_until IS NOT NULL)`,
    ),
  };
}

/** How many deliveries one lead may make: ids end in two digits. */
const MAX_DELIVERIES_PER_LEAD = 99;

/**
 * Writes deliveries of a lead, pending from their `notBefore`, as `<lead id>-01`, `-02`, … after
 * any it has already (`first`, the number of the first one, when the caller knows it).
 */
export function insertDeliveries(statements: OutboxStatements, options: { leadId: string; now: Date; deliveries: readonly NewDelivery[]; first?: number }): void {
  if (options.deliveries.length === 0) return;
  const first = options.first ?? getNextNumber(statements, options.leadId);
  if (first + options.deliveries.length - 1 > MAX_DELIVERIES_PER_LEAD) throw new RangeError(`A lead may make at most ${MAX_DELIVERIES_PER_LEAD} deliveries`);
  const created = options.now.toISOString();
  const values = options.deliveries.flatMap((delivery, index) => {
    assertDelivery(delivery);
    return [
      `${options.leadId}-${String(first + index).padStart(2, '0')}`,
      delivery.channel,
      delivery.purpose,
      delivery.destination,
      JSON.stringify(delivery.recipients),
      delivery.concealQueue === true ? 1 : 0,
      delivery.escalate === undefined || delivery.escalate.length === 0 ? null : JSON.stringify(delivery.escalate),
      delivery.notBefore.toISOString(),
      created,
    ];
  });
  statements.insert(options.deliveries.length).run(...values);
}

/** A new lead's deliveries as one planned row, in its transaction; `expandPlanned` makes them deliveries rows. */
export function planDeliveriesOf(statements: OutboxStatements, options: { leadId: string; now: Date; deliveries: readonly NewDelivery[] }): void {
  if (options.deliveries.length === 0) return;
  options.deliveries.forEach(assertDelivery);
  statements.plan.run(options.leadId, JSON.stringify(options.deliveries), options.now.toISOString());
}

/** Turns up to `limit` planned rows, oldest lead first, into deliveries rows; returns how many leads. */
export function expandPlanned(statements: OutboxStatements, limit: number): number {
  const rows = statements.planned.all(limit);
  for (const row of rows) {
    const leadId = String(row['lead_id']);
    const deliveries = (JSON.parse(String(row['deliveries'])) as (Omit<NewDelivery, 'notBefore'> & { notBefore: string })[]).map((d) => ({ ...d, notBefore: new Date(d.notBefore) }));
    insertDeliveries(statements, { leadId, now: new Date(String(row['planned_at'])), deliveries });
    statements.unplan.run(leadId);
  }
  return rows.length;
}

function getNextNumber(statements: OutboxStatements, leadId: string): number {
  const last = statements.lastOfLead.get(leadId, leadId)?.['id'];
  return typeof last === 'string' ? Number(last.slice(leadId.length + 1)) + 1 : 1;
}

export function listDueDestinations(statements: OutboxStatements, now: Date, owner = ''): string[] {
  return statements.dueDestinations.all({ now: now.toISOString(), owner }).map((row) => String(row['destination']));
}

export function leaseDestination(statements: OutboxStatements, destination: string, options: { owner: string; now: Date; leaseMs: number }): boolean {
  const row = statements.lease.get({
    destination,
    owner: options.owner,
    until: new Date(options.now.getTime() + options.leaseMs).toISOString(),
    now: options.now.toISOString(),
  });
  return row?.['lease_owner'] === options.owner;
}

export function recordAttempt(statements: OutboxStatements, id: string, record: AttemptRecord): void {
  const row = statements.get.get(id);
  if (row === undefined) throw new Error(`No delivery with id ${id}`);
  const updated = statements.record.run({
    id,
    state: record.state,
    counted: record.counted ? 1 : 0,
    next: record.nextAttemptAt.toISOString(),
    at: record.at.toISOString(),
    result: record.result,
  });
  const destination = String(row['destination']);
  if (record.pauseDestinationUntil !== undefined) {
    statements.pause.run(destination, record.pauseDestinationUntil === null ? null : record.pauseDestinationUntil.toISOString());
  }
  if (record.disableDestination !== undefined) statements.disable.run(destination, record.at.toISOString(), record.disableDestination);
  // Only the attempt that ended the delivery makes its follow-ups: another worker may have recorded
  // it already (it sent it too, after this one's lease ran out).
  if (record.followUps !== undefined && updated.changes === 1) insertDeliveries(statements, { leadId: toLeadId(String(row['id'])), now: record.at, deliveries: record.followUps });
}

export function listDeliveries(statements: OutboxStatements, options: DeliveryListOptions = {}): Delivery[] {
  const limit = options.limit ?? -1;
  const rows =
    options.leadId !== undefined
      ? statements.listByLead.all(options.leadId, options.leadId, limit)
      : options.state !== undefined
        ? statements.listByState.all(options.state, limit)
        : statements.listAll.all(limit);
  return rows.map(toDelivery).filter((delivery) => options.state === undefined || delivery.state === options.state);
}

export function listDestinations(statements: OutboxStatements): DestinationState[] {
  return statements.destinations.all().map((row) => ({
    destination: String(row['destination']),
    pausedUntil: toDate(row['paused_until']),
    disabled: row['disabled_at'] == null ? null : { at: new Date(String(row['disabled_at'])), reason: String(row['disabled_reason'] ?? '') },
    pending: Number(row['pending']),
    dead: Number(row['dead']),
  }));
}

export function redeliver(statements: OutboxStatements, id: string, now: Date): Delivery[] {
  const at = now.toISOString();
  const one = statements.redeliverOne.all(at, id);
  if (one.length > 0) return one.map(toDelivery);
  return statements.redeliverDeadOfLead
    .all(at, id, id)
    .map(toDelivery)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function toDelivery(row: Record<string, SQLOutputValue>): Delivery {
  const text = (column: string): string => String(row[column]);
  return {
    id: text('id'),
    leadId: toLeadId(text('id')),
    channel: text('channel') as Delivery['channel'],
    purpose: text('purpose') as Delivery['purpose'],
    destination: text('destination'),
    recipients: JSON.parse(text('recipients')) as string[],
    ...(row['conceal_queue'] === 1 ? { concealQueue: true } : {}),
    ...(row['escalate_to'] == null ? {} : { escalate: JSON.parse(text('escalate_to')) as string[] }),
    state: text('state') as Delivery['state'],
    attempts: Number(row['attempts']),
    nextAttemptAt: new Date(text('next_attempt_at')),
    lastAttemptAt: toDate(row['last_attempt_at']),
    lastResult: row['last_result'] == null ? null : text('last_result'),
    createdAt: new Date(text('created_at')),
    deliveredAt: toDate(row['delivered_at']),
  };
}

/** A delivery's lead: its id up to the last `-`. */
function toLeadId(deliveryId: string): string {
  return deliveryId.slice(0, deliveryId.lastIndexOf('-'));
}

function toDate(value: SQLOutputValue | undefined): Date | null {
  return value == null ? null : new Date(String(value));
}

/** Refuses a planned delivery no store may write. */
export function assertDelivery(delivery: NewDelivery): void {
  if (!(DELIVERY_CHANNELS as readonly string[]).includes(delivery.channel)) throw new TypeError(`Unknown delivery channel "${delivery.channel}"`);
  if (!(DELIVERY_PURPOSES as readonly string[]).includes(delivery.purpose)) throw new TypeError(`Unknown delivery purpose "${delivery.purpose}"`);
  if (delivery.destination === '') throw new TypeError('A delivery needs its destination');
  if (Number.isNaN(delivery.notBefore.getTime())) throw new RangeError('A delivery needs a valid `notBefore`');
}
