import type { Delivery } from '../../lib/leads/delivery.ts';
import type { DestinationState } from '../../lib/leads/store.ts';
import { formatColumns } from './lead-text.ts';

const formatTime = (date: Date | null): string => (date === null ? '-' : date.toISOString().replace(/\.\d{3}Z$/, 'Z'));

/**
 * The `deliveries` listing: the destinations that are down or disabled first (what to fix), then
 * one row per delivery. Deliveries carry no personal data: ids, destinations, states, results.
 */
export function formatDeliveries(deliveries: readonly Delivery[], destinations: readonly DestinationState[], now: Date, planned = 0): string {
  const troubled = destinations.filter((d) => d.disabled !== null || (d.pausedUntil !== null && d.pausedUntil > now));
  const notes = troubled.map((d) =>
    d.disabled !== null
      ? `DISABLED ${d.destination}: ${d.disabled.reason}; ${d.pending} waiting. Fix the receiver, then: npm run leads -- enable ${d.destination}\n`
      : `DOWN ${d.destination}: next try ${formatTime(d.pausedUntil)}; ${d.pending} waiting\n`,
  );
  if (planned > 0) {
    const leads = planned === 1 ? '1 new lead waits' : `${planned} new leads wait`;
    notes.push(`${leads} for the delivery worker to make its deliveries (it runs in the server, or as: npm run leads -- deliver)\n`);
  }
  if (deliveries.length === 0) return `${notes.join('')}No deliveries.\n`;
  const rows = [
    ['ID', 'LEAD', 'PURPOSE', 'DESTINATION', 'STATE', 'ATTEMPTS', 'LAST RESULT', 'NEXT'],
    ...deliveries.map((d) => [d.id, d.leadId, d.purpose, d.destination, d.state, String(d.attempts), d.lastResult ?? '-', d.state === 'pending' ? formatTime(d.nextAttemptAt) : '-']),
  ];
  const noun = deliveries.length === 1 ? 'delivery' : 'deliveries';
  return `${notes.join('')}${formatColumns(rows)}${deliveries.length} ${noun}\n`;
}
