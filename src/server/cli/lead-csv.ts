import type { StoredLead } from '../../lib/leads/store.ts';
import { formatCsv } from '../../lib/csv.ts';

/**
 * The leads as CSV (RFC 4180: comma-separated, CRLF line ends, quoted when a cell holds a quote,
 * comma or line break). One column per fixed lead property, then one per submitted field,
 * attribution key and fit check seen in any lead (`field:name`, `attribution:name`, `fit:name`),
 * in the order first seen. A cell that starts like a formula gets a leading `'` so a spreadsheet
 * shows it as text.
 */
export function formatLeadsCsv(leads: readonly StoredLead[]): string {
  const fieldNames = collectKeys(leads.map((lead) => lead.fields));
  const attributionNames = collectKeys(leads.map((lead) => lead.attribution));
  const fitNames = collectKeys(leads.map((lead) => lead.fit));
  const header = [
    'id',
    'created_at',
    'lead_type',
    'status',
    'route_queue',
    'route_priority',
    'route_response_target_minutes',
    'route_matched_rule',
    'score',
    'flags',
    'submission_key',
    ...fieldNames.map((name) => `field:${name}`),
    ...attributionNames.map((name) => `attribution:${name}`),
    ...fitNames.map((name) => `fit:${name}`),
  ];
  const rows = leads.map((lead) => [
    lead.id,
    lead.createdAt,
    lead.leadType,
    lead.status,
    lead.route.queue,
    lead.route.priority,
    String(lead.route.responseTargetMinutes),
    lead.route.matchedRule ?? '',
    String(lead.score),
    lead.flags.join(' '),
    lead.submissionKey ?? '',
    ...fieldNames.map((name) => lead.fields[name] ?? ''),
    ...attributionNames.map((name) => lead.attribution[name] ?? ''),
    ...fitNames.map((name) => formatFit(lead.fit[name])),
  ]);
  return formatCsv([header, ...rows]);
}

function formatFit(value: boolean | null | undefined): string {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return value === null ? 'unknown' : '';
}

function collectKeys(maps: readonly Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const map of maps) for (const key of Object.keys(map)) keys.add(key);
  return [...keys];
}
