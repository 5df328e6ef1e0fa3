import type { DatabaseSync, SQLOutputValue, StatementSync } from 'node:sqlite';
import type { DayRange, FunnelLead, FunnelSource, PageViewCount, SearchConsolePage } from '../lib/funnel/types.ts';
import { optionalText, toChannel, toLeadType, toStatus } from './funnel-rows.ts';
import { openLeadDatabase, type LeadDatabaseOptions } from './sqlite-connection.ts';
import { toStoreError } from './sqlite-errors.ts';

type Row = Record<string, SQLOutputValue>;

/**
 * The funnel report's reads from the lead database (read-only by default): leads as counts need
 * them (the person's details are never selected out of `fields`), page views and Search Console
 * pages. Throws `StoreUnavailableError` when the file can't be read.
 */
export class SqliteFunnelStore implements FunnelSource {
  readonly #db: DatabaseSync;
  readonly #statements: { leads: StatementSync; steps: StatementSync; views: StatementSync; searchConsole: StatementSync };

  static open(options: LeadDatabaseOptions): SqliteFunnelStore {
    try {
      return new SqliteFunnelStore(openLeadDatabase({ readOnly: true, ...options }));
    } catch (error) {
      throw toStoreError(error, 'open the lead database');
    }
  }

  private constructor(db: DatabaseSync) {
    this.#db = db;
    this.#statements = {
      // Only the fields the report groups by leave the database; names, phones and messages stay.
      leads: db.prepare(`
        SELECT id, created_at, lead_type, status, route_queue, route_response_target_minutes,
               json_extract(fields, '$.service') AS service, json_extract(fields, '$.location') AS location,
               CASE WHEN lead_type = 'referral' THEN json_extract(fields, '$.practice') END AS practice,
               attribution, channel, channel_rule, first_contacted_at
        FROM leads WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`),
      steps: db.prepare(`
        SELECT e.lead_id, e.at, e.status, e.reason FROM lead_events e JOIN leads l ON l.id = e.lead_id
        WHERE l.created_at >= ? AND l.created_at < ? AND e.kind = 'status' AND e.status IS NOT NULL
        ORDER BY e.seq`),
      views: db.prepare('SELECT day, path, source, views FROM page_views WHERE day >= ? AND day <= ? ORDER BY day, path, source'),
      searchConsole: db.prepare(`
        SELECT from_day, to_day, path, clicks, impressions, ctr, position FROM search_console_pages
        WHERE from_day >= ? AND to_day <= ? ORDER BY from_day, to_day, path`),
    };
  }

  listFunnelLeads(range: { from: Date; to: Date }): Promise<FunnelLead[]> {
    return this.#read(() => {
      const bounds = [range.from.toISOString(), range.to.toISOString()] as const;
      const steps = new Map<string, FunnelLead['steps']>();
      for (const row of this.#statements.steps.all(...bounds)) {
        const id = text(row, 'lead_id');
        const list = steps.get(id) ?? [];
        list.push({ at: text(row, 'at'), status: toStatus(row['status']), reason: optionalText(row, 'reason') });
        steps.set(id, list);
      }
      return this.#statements.leads.all(...bounds).map((row) => toFunnelLead(row, steps.get(text(row, 'id')) ?? []));
    });
  }

  listPageViews(range: DayRange): Promise<PageViewCount[]> {
    return this.#read(() =>
      this.#statements.views.all(range.fromDay, range.toDay).map((row) => ({
        day: text(row, 'day'),
        path: text(row, 'path'),
        source: text(row, 'source') === 'import' ? 'import' : 'server',
        views: Number(row['views']),
      })),
    );
  }

  listSearchConsolePages(range: DayRange): Promise<SearchConsolePage[]> {
    return this.#read(() =>
      this.#statements.searchConsole.all(range.fromDay, range.toDay).map((row) => ({
        fromDay: text(row, 'from_day'),
        toDay: text(row, 'to_day'),
        path: text(row, 'path'),
        clicks: Number(row['clicks']),
        impressions: Number(row['impressions']),
        ctr: Number(row['ctr']),
        position: Number(row['position']),
      })),
    );
  }

  close(): Promise<void> {
    this.#db.close();
    return Promise.resolve();
  }

  #read<T>(read: () => T): Promise<T> {
    try {
      return Promise.resolve(read());
    } catch (error) {
      return Promise.reject(toStoreError(error, 'read the lead database'));
    }
  }
}

function toFunnelLead(row: Row, steps: FunnelLead['steps']): FunnelLead {
  const attribution = JSON.parse(text(row, 'attribution')) as Record<string, string>;
  return {
    id: text(row, 'id'),
    createdAt: text(row, 'created_at'),
    leadType: toLeadType(row['lead_type']),
    status: toStatus(row['status']),
    queue: text(row, 'route_queue'),
    responseTargetMinutes: Number(row['route_response_target_minutes']),
    service: optionalText(row, 'service'),
    location: optionalText(row, 'location'),
    practice: optionalText(row, 'practice'),
    landingPage: attribution['landingPage'] ?? null,
    channel: toChannel(row['channel'], row['channel_rule']),
    attribution,
    firstContactedAt: optionalText(row, 'first_contacted_at'),
    steps,
  };
}

function text(row: Row, column: string): string {
  return String(row[column]);
}
