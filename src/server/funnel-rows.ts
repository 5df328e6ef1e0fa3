import { CHANNELS, type Channel, type ChannelMatch } from '../lib/funnel/types.ts';
import { LEAD_TYPES, type LeadType } from '../lib/leads/kinds.ts';
import { LEAD_STATUSES, type LeadStatus } from '../lib/leads/store.ts';

/**
 * A lead row's values as the funnel report reads them, the same from both stores
 * (src/server/sqlite-funnel-store.ts, src/server/postgres/funnel-store.ts).
 */

/** The stored channel, or null for a lead stored before channels were kept (or an unknown one). */
export function toChannel(channel: unknown, rule: unknown): ChannelMatch | null {
  if (typeof channel !== 'string' || !(CHANNELS as readonly string[]).includes(channel)) return null;
  return { channel: channel as Channel, rule: typeof rule === 'string' ? rule : '' };
}

export function toStatus(value: unknown): LeadStatus {
  if (typeof value === 'string' && (LEAD_STATUSES as readonly string[]).includes(value)) return value as LeadStatus;
  throw new Error(`The lead database holds an unknown status: ${String(value)}`);
}

export function toLeadType(value: unknown): LeadType {
  if (typeof value === 'string' && (LEAD_TYPES as readonly string[]).includes(value)) return value as LeadType;
  throw new Error(`The lead database holds an unknown lead type: ${String(value)}`);
}

/** A text column's value, null when it is empty or not text. */
export function optionalText(row: Readonly<Record<string, unknown>>, column: string): string | null {
  const value = row[column];
  return typeof value === 'string' && value !== '' ? value : null;
}
