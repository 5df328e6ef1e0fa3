import type { NewLead } from '../lib/leads/store.ts';

/**
 * A lead's row as both stores write and read it (src/server/sqlite-lead-store.ts,
 * src/server/postgres/lead-store.ts): the column list, and a lead's values in its order.
 */
export const LEAD_COLUMNS = `id, created_at, lead_type, status, fields, attribution, route_queue,
  route_priority, route_response_target_minutes, route_matched_rule, score, flags, fit,
  submission_key, content_hash, channel, channel_rule`;

/** The columns of a lead's row after id and created_at, in LEAD_COLUMNS order. */
export function toColumns(lead: NewLead): (string | number | null)[] {
  return [
    lead.leadType,
    lead.status,
    JSON.stringify(lead.fields),
    JSON.stringify(lead.attribution),
    lead.route.queue,
    lead.route.priority,
    lead.route.responseTargetMinutes,
    lead.route.matchedRule,
    lead.score,
    JSON.stringify(lead.flags),
    JSON.stringify(lead.fit),
    lead.submissionKey,
    lead.contentHash,
    lead.channel.channel,
    lead.channel.rule,
  ];
}
