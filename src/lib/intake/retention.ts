/**
 * Retention: which of a lead's fields are the person's details, deleted once the organization's
 * retention period is over (routing.yaml `retention`), and which stay for the funnel. Pure.
 */

/** Fields that say what was asked for, never who asked: they stay after a purge. */
export const RETAINED_FIELDS: ReadonlySet<string> = new Set(['service', 'location', 'timing', 'contactTime', 'urgency', 'companySize', 'interest', 'consent']);

/** The fields a purged lead keeps: RETAINED_FIELDS only; name, phone, email, message and anything else go. */
export function getRetainedFields(fields: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => RETAINED_FIELDS.has(name)));
}

/** The times before which closed leads and spam lose their details; null: kept for ever. */
export function getPurgeCutoffs(retention: { closedLeadsDays: number | null; spamDays: number | null }, now: Date): { closedBefore: Date | null; spamBefore: Date | null } {
  const before = (days: number | null) => (days === null ? null : new Date(now.getTime() - days * 86_400_000));
  return { closedBefore: before(retention.closedLeadsDays), spamBefore: before(retention.spamDays) };
}
