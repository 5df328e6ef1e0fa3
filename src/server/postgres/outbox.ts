import type { Delivery, NewDelivery } from '../../lib/leads/delivery.ts';
import type { AttemptRecord, DeliveryListOptions, DestinationState } from '../../lib/leads/store.ts';
import { assertDelivery } from '../sqlite-outbox.ts';
import type { Queryable } from './connection.ts';

/**
 * The outbox's SQL on PostgreSQL: the same rows and rules as sqlite-outbox.ts. Every function runs
 * inside the transaction the caller holds. Several servers may run workers on one database: a
 * planned row is taken by one of them (FOR UPDATE SKIP LOCKED), and a destination is sent to by
 * the worker holding its lease (taken with INSERT … ON CONFLICT, which waits for another's claim).
 */

const DELIVERY_COLUMNS = `id, channel, purpose, destination, recipients, conceal_queue, escalate_to, state, attempts,
  next_attempt_at, last_attempt_at, last_result, created_at, delivered_at`;

/** How many deliveries one lead may make: ids end in two digits. */
const MAX_DELIVERIES_PER_LEAD = 99;

/** The first key of the advisory lock under which a lead's next delivery numbers are taken (the second is a hash of the lead id). */
const DELIVERY_NUMBERING_LOCK = 0x6f75_7462;

type PlannedDelivery = Omit<NewDelivery, 'notBefore'> & { notBefore: string };

/** A new lead's deliveries as one planned row, in its transaction; `expandPlanned` makes them deliveries rows. */
export async function planDeliveriesOf(client: Queryable, options: { leadId: string; now: Date; deliveries: readonly NewDelivery[] }): Promise<void> {
  if (options.deliveries.length === 0) return;
  options.deliveries.forEach(assertDelivery);
  await client.query('INSERT INTO planned_deliveries (lead_id, deliveries, planned_at) VALUES ($1, $2::jsonb, $3)', [options.leadId, JSON.stringify(options.deliveries), options.now]);
}

/** Removes a lead's planned row, returning the deliveries it held (none when there was none). */
export async function takePlanned(client: Queryable, leadId: string): Promise<NewDelivery[]> {
  const { rows } = await client.query<{ deliveries: PlannedDelivery[] }>('DELETE FROM planned_deliveries WHERE lead_id = $1 RETURNING deliveries', [leadId]);
  return (rows[0]?.deliveries ?? []).map(toNewDelivery);
}

/**
 * Turns up to `limit` planned rows, oldest lead first, into deliveries rows; returns how many
 * leads. Rows another server's worker is expanding at the same time are skipped, not waited for.
 */
export async function expandPlanned(client: Queryable, limit: number): Promise<number> {
  const { rows } = await client.query<{ lead_id: string; deliveries: PlannedDelivery[]; planned_at: Date }>(
    'SELECT lead_id, deliveries, planned_at FROM planned_deliveries ORDER BY lead_id LIMIT $1 FOR UPDATE SKIP LOCKED',
    [limit],
  );
  for (const row of rows) {
    await insertDeliveries(client, { leadId: row.lead_id, now: row.planned_at, deliveries: row.deliveries.map(toNewDelivery) });
    await client.query('DELETE FROM planned_deliveries WHERE lead_id = $1', [row.lead_id]);
  }
  return rows.length;
}

/** Writes deliveries of a lead, pending from their `notBefore`, as `<lead id>-01`, `-02`, … after any it has already. */
async function insertDeliveries(client: Queryable, options: { leadId: string; now: Date; deliveries: readonly NewDelivery[] }): Promise<void> {
  if (options.deliveries.length === 0) return;
  // Two servers may add deliveries to one lead at once (the follow-ups of its deliveries to two
  // destinations, a reroute's plan): under READ COMMITTED both would read the same max(id) and
  // take the same numbers. The lock, the transaction's, makes the second wait for the first's commit.
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DELIVERY_NUMBERING_LOCK, options.leadId]);
  // A lead's deliveries are the ids `<lead id>-NN`: from '<id>-' up to '<id>.', the next character.
  const last = await client.query<{ id: string | null }>(`SELECT max(id) AS id FROM deliveries WHERE id > $1::text || '-' AND id < $1::text || '.'`, [options.leadId]);
  const lastId = last.rows[0]?.id ?? null;
  const first = lastId === null ? 1 : Number(lastId.slice(options.leadId.length + 1)) + 1;
  if (first + options.deliveries.length - 1 > MAX_DELIVERIES_PER_LEAD) throw new RangeError(`A lead may make at most ${MAX_DELIVERIES_PER_LEAD} deliveries`);
  const values: unknown[] = [];
  const rows = options.deliveries.map((delivery, index) => {
    assertDelivery(delivery);
    const base = values.length;
    values.push(
      `${options.leadId}-${String(first + index).padStart(2, '0')}`,
      delivery.channel,
      delivery.purpose,
      delivery.destination,
      JSON.stringify(delivery.recipients),
      delivery.concealQueue === true,
      delivery.escalate === undefined || delivery.escalate.length === 0 ? null : JSON.stringify(delivery.escalate),
      delivery.notBefore,
      options.now,
    );
    const p = (n: number) => `$${base + n}`;
    return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}::jsonb, ${p(6)}, ${p(7)}::jsonb, 'pending', 0, ${p(8)}, NULL, NULL, ${p(9)}, NULL)`;
  });
  await client.query(`INSERT INTO deliveries (${DELIVERY_COLUMNS}) VALUES ${rows.join(', ')}`, values);
}

export async function countPlanned(client: Queryable): Promise<number> {
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM planned_deliveries');
  return Number(rows[0]?.n ?? 0);
}

/** Destinations with a delivery due by `now`, left out while paused (down), disabled (410) or leased by another worker. */
export async function listDueDestinations(client: Queryable, now: Date, owner: string): Promise<string[]> {
  const { rows } = await client.query<{ destination: string }>(
    `SELECT DISTINCT d.destination COLLATE "C" AS destination FROM deliveries d
     LEFT JOIN delivery_destinations s ON s.destination = d.destination
     WHERE d.state = 'pending' AND d.next_attempt_at <= $1
       AND s.disabled_at IS NULL
       AND (s.paused_until IS NULL OR s.paused_until <= $1)
       AND (s.lease_until IS NULL OR s.lease_until <= $1 OR s.lease_owner = $2)
     ORDER BY 1`,
    [now, owner],
  );
  return rows.map((row) => row.destination);
}

export async function leaseDestination(client: Queryable, destination: string, options: { owner: string; now: Date; leaseMs: number }): Promise<boolean> {
  const { rows } = await client.query<{ lease_owner: string }>(
    `INSERT INTO delivery_destinations AS s (destination, lease_owner, lease_until) VALUES ($1, $2, $3)
     ON CONFLICT (destination) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
     WHERE s.lease_until IS NULL OR s.lease_until <= $4 OR s.lease_owner = excluded.lease_owner
     RETURNING lease_owner`,
    [destination, options.owner, new Date(options.now.getTime() + options.leaseMs), options.now],
  );
  return rows[0]?.lease_owner === options.owner;
}

export async function releaseDestination(client: Queryable, destination: string, owner: string): Promise<void> {
  await client.query('UPDATE delivery_destinations SET lease_owner = NULL, lease_until = NULL WHERE destination = $1 AND lease_owner = $2', [destination, owner]);
}

export async function listLeases(client: Queryable, now: Date): Promise<{ destination: string; owner: string }[]> {
  const { rows } = await client.query<{ destination: string; lease_owner: string }>('SELECT destination, lease_owner FROM delivery_destinations WHERE lease_until > $1 ORDER BY destination', [now]);
  return rows.map((row) => ({ destination: row.destination, owner: row.lease_owner }));
}

export async function listDue(client: Queryable, destination: string, now: Date, limit: number): Promise<Delivery[]> {
  const { rows } = await client.query(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE destination = $1 AND state = 'pending' AND next_attempt_at <= $2 ORDER BY id LIMIT $3`, [
    destination,
    now,
    limit,
  ]);
  return rows.map(toDelivery);
}

export async function recordAttempt(client: Queryable, id: string, record: AttemptRecord): Promise<void> {
  const { rows } = await client.query<{ id: string; destination: string }>('SELECT id, destination FROM deliveries WHERE id = $1 FOR UPDATE', [id]);
  const row = rows[0];
  if (row === undefined) throw new Error(`No delivery with id ${id}`);
  const updated = await client.query(
    `UPDATE deliveries SET state = $2, attempts = attempts + $3, next_attempt_at = $4,
       last_attempt_at = CASE WHEN $3 = 1 THEN $5 ELSE last_attempt_at END, last_result = $6,
       delivered_at = CASE WHEN $2 = 'delivered' THEN $5 ELSE delivered_at END
     WHERE id = $1 AND state = 'pending'`,
    [id, record.state, record.counted ? 1 : 0, record.nextAttemptAt, record.at, record.result],
  );
  if (record.pauseDestinationUntil !== undefined) {
    await client.query(
      `INSERT INTO delivery_destinations (destination, paused_until) VALUES ($1, $2)
       ON CONFLICT (destination) DO UPDATE SET paused_until = excluded.paused_until`,
      [row.destination, record.pauseDestinationUntil],
    );
  }
  if (record.disableDestination !== undefined) {
    await client.query(
      `INSERT INTO delivery_destinations (destination, disabled_at, disabled_reason) VALUES ($1, $2, $3)
       ON CONFLICT (destination) DO UPDATE SET disabled_at = excluded.disabled_at, disabled_reason = excluded.disabled_reason`,
      [row.destination, record.at, record.disableDestination],
    );
  }
  // Only the attempt that ended the delivery makes its follow-ups: another worker may have recorded
  // it already (it sent it too, after this one's lease ran out).
  if (record.followUps !== undefined && updated.rowCount === 1) await insertDeliveries(client, { leadId: toLeadId(row.id), now: record.at, deliveries: record.followUps });
}

export async function listDeliveries(client: Queryable, options: DeliveryListOptions = {}): Promise<Delivery[]> {
  const limit = options.limit ?? null;
  const { rows } =
    options.leadId !== undefined
      ? await client.query(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id > $1::text || '-' AND id < $1::text || '.' ORDER BY id DESC LIMIT $2`, [options.leadId, limit])
      : options.state !== undefined
        ? await client.query(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE state = $1 ORDER BY id DESC LIMIT $2`, [options.state, limit])
        : await client.query(`SELECT ${DELIVERY_COLUMNS} FROM deliveries ORDER BY id DESC LIMIT $1`, [limit]);
  return rows.map(toDelivery).filter((delivery) => options.state === undefined || delivery.state === options.state);
}

export async function listDestinations(client: Queryable): Promise<DestinationState[]> {
  const { rows } = await client.query<{ destination: string; paused_until: Date | null; disabled_at: Date | null; disabled_reason: string | null; pending: string; dead: string }>(
    `SELECT n.destination AS destination, s.paused_until AS paused_until, s.disabled_at AS disabled_at,
       s.disabled_reason AS disabled_reason,
       (SELECT count(*) FROM deliveries d WHERE d.destination = n.destination AND d.state = 'pending') AS pending,
       (SELECT count(*) FROM deliveries d WHERE d.destination = n.destination AND d.state = 'dead') AS dead
     FROM (SELECT DISTINCT destination FROM deliveries UNION SELECT destination FROM delivery_destinations) n
     LEFT JOIN delivery_destinations s ON s.destination = n.destination
     ORDER BY n.destination COLLATE "C"`,
  );
  return rows.map((row) => ({
    destination: row.destination,
    pausedUntil: row.paused_until,
    disabled: row.disabled_at === null ? null : { at: row.disabled_at, reason: row.disabled_reason ?? '' },
    pending: Number(row.pending),
    dead: Number(row.dead),
  }));
}

export async function redeliver(client: Queryable, id: string, now: Date): Promise<Delivery[]> {
  const one = await client.query(`UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = $1, delivered_at = NULL WHERE id = $2 RETURNING ${DELIVERY_COLUMNS}`, [now, id]);
  if (one.rows.length > 0) return one.rows.map(toDelivery);
  const ofLead = await client.query(
    `UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = $1
     WHERE id > $2::text || '-' AND id < $2::text || '.' AND state = 'dead' RETURNING ${DELIVERY_COLUMNS}`,
    [now, id],
  );
  return ofLead.rows.map(toDelivery).sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function enableDestination(client: Queryable, destination: string): Promise<boolean> {
  const result = await client.query(
    `UPDATE delivery_destinations SET disabled_at = NULL, disabled_reason = NULL, paused_until = NULL
     WHERE destination = $1 AND (disabled_at IS NOT NULL OR paused_until IS NOT NULL)`,
    [destination],
  );
  return (result.rowCount ?? 0) > 0;
}

function toNewDelivery(planned: PlannedDelivery): NewDelivery {
  return { ...planned, notBefore: new Date(planned.notBefore) };
}

function toDelivery(row: Record<string, unknown>): Delivery {
  const id = row['id'] as string;
  return {
    id,
    leadId: toLeadId(id),
    channel: row['channel'] as Delivery['channel'],
    purpose: row['purpose'] as Delivery['purpose'],
    destination: row['destination'] as string,
    recipients: row['recipients'] as string[],
    ...(row['conceal_queue'] === true ? { concealQueue: true } : {}),
    ...(row['escalate_to'] == null ? {} : { escalate: row['escalate_to'] as string[] }),
    state: row['state'] as Delivery['state'],
    attempts: row['attempts'] as number,
    nextAttemptAt: row['next_attempt_at'] as Date,
    lastAttemptAt: (row['last_attempt_at'] ?? null) as Date | null,
    lastResult: (row['last_result'] ?? null) as string | null,
    createdAt: row['created_at'] as Date,
    deliveredAt: (row['delivered_at'] ?? null) as Date | null,
  };
}

/** A delivery's lead: its id up to the last `-`. */
function toLeadId(deliveryId: string): string {
  return deliveryId.slice(0, deliveryId.lastIndexOf('-'));
}
