import type pg from 'pg';
import type { DayRange, FunnelLead, FunnelSource, PageViewCount, SearchConsolePage } from '../../lib/funnel/types.ts';
import { optionalText, toChannel, toLeadType, toStatus } from '../funnel-rows.ts';
import { createPostgresPool, runInTransaction, runQuery } from './connection.ts';
import type { PostgresConnectionOptions } from './connection.ts';
import { toPostgresStoreError } from './errors.ts';
import { getPostgresSchemaVersion, POSTGRES_LEAD_MIGRATIONS } from './migrations.ts';

type Row = Record<string, unknown>;

// Only the fields the report groups by leave the database; names, phones and messages stay. A
// field that is not a string reads as absent, as SQLite's store has it.
const LEADS_SQL = `
  SELECT id, created_at, lead_type, status, route_queue, route_response_target_minutes,
         CASE WHEN jsonb_typeof(fields -> 'service') = 'string' THEN fields ->> 'service' END AS service,
         CASE WHEN jsonb_typeof(fields -> 'location') = 'string' THEN fields ->> 'location' END AS location,
         CASE WHEN lead_type = 'referral' AND jsonb_typeof(fields -> 'practice') = 'string' THEN fields ->> 'practice' END AS practice,
         attribution, channel, channel_rule, first_contacted_at
  FROM leads WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at, id`;
const STEPS_SQL = `
  SELECT e.lead_id, e.at, e.status, e.reason FROM lead_events e JOIN leads l ON l.id = e.lead_id
  WHERE l.created_at >= $1 AND l.created_at < $2 AND e.kind = 'status' AND e.status IS NOT NULL
  ORDER BY e.seq`;
// Days as text (the pg driver would make local-midnight Dates of them); text sorted byte by byte, as SQLite sorts it.
const VIEWS_SQL = `
  SELECT to_char(day, 'YYYY-MM-DD') AS day, path, source, views FROM page_views
  WHERE day >= $1::date AND day <= $2::date ORDER BY day, path COLLATE "C", source COLLATE "C"`;
const SEARCH_CONSOLE_SQL = `
  SELECT to_char(from_day, 'YYYY-MM-DD') AS from_day, to_char(to_day, 'YYYY-MM-DD') AS to_day, path, clicks, impressions, ctr, position
  FROM search_console_pages WHERE from_day >= $1::date AND to_day <= $2::date ORDER BY from_day, to_day, path COLLATE "C"`;

/**
 * The funnel report's reads from the PostgreSQL lead database, with the same results as
 * SqliteFunnelStore: leads as counts need them (the person's details are never selected out of
 * `fields`), page views and Search Console pages. It never migrates: the schema must be current.
 * Throws `StoreUnavailableError` when the server can't be reached.
 */
export class PostgresFunnelStore implements FunnelSource {
  readonly #pool: pg.Pool;

  static async open(options: PostgresConnectionOptions): Promise<PostgresFunnelStore> {
    const pool = createPostgresPool(options);
    try {
      const version = await getPostgresSchemaVersion(pool);
      if (version !== POSTGRES_LEAD_MIGRATIONS.length) {
        throw new Error(
          `The lead database is at schema version ${version}; this code reads version ${POSTGRES_LEAD_MIGRATIONS.length}. Run \`npm run leads -- migrate\` (or start the app once) to migrate it, or use matching code.`,
        );
      }
      return new PostgresFunnelStore(pool);
    } catch (error) {
      await pool.end().catch(() => {});
      throw toPostgresStoreError(error, 'open the lead database');
    }
  }

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async listFunnelLeads(range: { from: Date; to: Date }): Promise<FunnelLead[]> {
    const bounds = [range.from, range.to];
    // One snapshot for both reads: a step committed between them can't name a lead the first missed.
    const [leads, events] = await runInTransaction(this.#pool, 'read the lead database', async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return [await client.query(LEADS_SQL, bounds), await client.query(STEPS_SQL, bounds)] as const;
    });
    const steps = new Map<string, FunnelLead['steps']>();
    for (const row of events.rows) {
      const id = String(row['lead_id']);
      const list = steps.get(id) ?? [];
      list.push({ at: toIso(row['at']), status: toStatus(row['status']), reason: optionalText(row, 'reason') });
      steps.set(id, list);
    }
    return leads.rows.map((row) => toFunnelLead(row, steps.get(String(row['id'])) ?? []));
  }

  async listPageViews(range: DayRange): Promise<PageViewCount[]> {
    const { rows } = await runQuery(this.#pool, 'read the lead database', VIEWS_SQL, [range.fromDay, range.toDay]);
    return rows.map((row) => ({
      day: String(row['day']),
      path: String(row['path']),
      source: row['source'] === 'import' ? 'import' : 'server',
      views: Number(row['views']),
    }));
  }

  async listSearchConsolePages(range: DayRange): Promise<SearchConsolePage[]> {
    const { rows } = await runQuery(this.#pool, 'read the lead database', SEARCH_CONSOLE_SQL, [range.fromDay, range.toDay]);
    return rows.map((row) => ({
      fromDay: String(row['from_day']),
      toDay: String(row['to_day']),
      path: String(row['path']),
      clicks: Number(row['clicks']),
      impressions: Number(row['impressions']),
      ctr: Number(row['ctr']),
      position: Number(row['position']),
    }));
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}

function toFunnelLead(row: Row, steps: FunnelLead['steps']): FunnelLead {
  const attribution = row['attribution'] as Record<string, string>;
  return {
    id: String(row['id']),
    createdAt: toIso(row['created_at']),
    leadType: toLeadType(row['lead_type']),
    status: toStatus(row['status']),
    queue: String(row['route_queue']),
    responseTargetMinutes: Number(row['route_response_target_minutes']),
    service: optionalText(row, 'service'),
    location: optionalText(row, 'location'),
    practice: optionalText(row, 'practice'),
    landingPage: attribution['landingPage'] ?? null,
    channel: toChannel(row['channel'], row['channel_rule']),
    attribution,
    firstContactedAt: row['first_contacted_at'] == null ? null : toIso(row['first_contacted_at']),
    steps,
  };
}

function toIso(value: unknown): string {
  return (value as Date).toISOString();
}
