import type { AuditEntry, IntakeUser } from '../../lib/intake/store.ts';
import { formatColumns } from './lead-text.ts';

/** The `user list` table: login, name, queues, admin, state. Never a secret. */
export function formatUserTable(users: readonly IntakeUser[]): string {
  if (users.length === 0) return 'No users. Add one: npm run leads -- user add <login> --name "…" --queues <queue,…>\n';
  const rows = [['LOGIN', 'NAME', 'QUEUES', 'ADMIN', 'STATE'], ...users.map((user) => [user.login, user.name, user.queues.join(','), user.admin ? 'yes' : 'no', describeUserState(user)])];
  return `${formatColumns(rows)}${users.length} ${users.length === 1 ? 'user' : 'users'}\n`;
}

/** `disabled`, `active`, or `set-up pending` (added or reset, the link not used yet). */
export function describeUserState(user: IntakeUser): string {
  if (user.disabledAt !== null) return 'disabled';
  return user.active ? 'active' : 'set-up pending';
}

/** The `audit` table, newest first as given. */
export function formatAuditTable(entries: readonly AuditEntry[]): string {
  if (entries.length === 0) return 'No audit entries.\n';
  const rows = [
    ['AT', 'ACTOR', 'ACTION', 'LEAD', 'CLIENT', 'DETAIL'],
    ...entries.map((entry) => [entry.at.toISOString().replace(/\.\d{3}Z$/, 'Z'), entry.actor, entry.action, entry.leadId ?? '-', entry.client, entry.detail ?? '']),
  ];
  return `${formatColumns(rows)}${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}\n`;
}
