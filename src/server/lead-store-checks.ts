/** The checks every lead store makes on an insert's input, the same for SQLite and PostgreSQL. */
import { LEAD_TYPES, PRIORITIES } from '../lib/leads/kinds.ts';
import { LEAD_STATUSES } from '../lib/leads/store.ts';
import type { FormTokenUse, InsertOptions, NewLead } from '../lib/leads/store.ts';
import { CHANNELS } from '../lib/funnel/types.ts';

/** Refuses a lead or options no store may write (a TypeError or RangeError naming the field), before anything is written. */
export function assertInsertable(lead: NewLead, options: InsertOptions): void {
  if (Number.isNaN(options.now.getTime())) throw new RangeError('Insert needs a valid `now`');
  if (!Number.isFinite(options.duplicateWindowMs) || options.duplicateWindowMs < 0) {
    throw new RangeError('duplicateWindowMs must be a finite number ≥ 0');
  }
  if (!(LEAD_TYPES as readonly string[]).includes(lead.leadType)) {
    throw new TypeError(`Unknown lead type "${lead.leadType}"`);
  }
  if (!(LEAD_STATUSES as readonly string[]).includes(lead.status)) {
    throw new TypeError(`Unknown lead status "${lead.status}"`);
  }
  if (!(PRIORITIES as readonly string[]).includes(lead.route.priority)) {
    throw new TypeError(`Unknown route priority "${lead.route.priority}"`);
  }
  if (!Number.isInteger(lead.route.responseTargetMinutes)) {
    throw new TypeError('route.responseTargetMinutes must be a whole number');
  }
  if (!Number.isFinite(lead.score)) throw new TypeError('score must be a finite number');
  if (!(CHANNELS as readonly string[]).includes(lead.channel.channel)) {
    throw new TypeError(`Unknown channel "${lead.channel.channel}"`);
  }
  if (lead.channel.rule === '') throw new TypeError('A channel needs the name of the rule that gave it');
}

/** Refuses a form token use no store may count. */
export function assertTokenUse(lead: NewLead, token: FormTokenUse): void {
  if (token.nonce === '') throw new TypeError('A form token use needs its nonce');
  if (Number.isNaN(token.expiresAt.getTime())) throw new RangeError('A form token use needs a valid `expiresAt`');
  if (!Number.isInteger(token.maxUses) || token.maxUses < 1) throw new RangeError('maxUses must be a whole number ≥ 1');
  assertInsertable({ ...lead, ...token.whenOverused }, { duplicateWindowMs: 0, now: new Date(0) });
}
