/**
 * How a lead is worked, from new to a booked visit: which step may follow which, the reasons
 * intake gives for a lead that is not a fit or was lost, and the response time. Pure: the store
 * records the steps (with who and when), the inbox offers the next ones.
 */
import type { LeadStatus } from '../leads/store.ts';

/** Why a lead is not one the organization can serve. */
export const NOT_A_FIT_REASONS = {
  'service-not-offered': 'We do not offer what they need',
  'insurance-not-accepted': 'Their insurance is not accepted',
  'outside-service-area': 'Outside our service area',
  'needs-emergency-care': 'Needs emergency care',
  duplicate: 'A duplicate of another request',
  other: 'Another reason',
} as const;

/** Why a lead that could have been served was not booked. */
export const LOST_REASONS = {
  'no-answer': 'Could not reach them',
  'chose-elsewhere': 'Chose another provider',
  cost: 'Cost',
  timing: 'No time that suits them',
  'no-longer-needed': 'No longer needed',
  other: 'Another reason',
} as const;

export type NotAFitReason = keyof typeof NOT_A_FIT_REASONS;
export type LostReason = keyof typeof LOST_REASONS;

/** A step someone takes on a lead. */
export type LeadStep =
  | { to: 'contacted' }
  | { to: 'qualified' }
  | { to: 'not-a-fit'; reason: NotAFitReason }
  | { to: 'scheduled'; scheduledFor: string }
  | { to: 'booked' }
  | { to: 'lost'; reason: LostReason };

/** The steps that may follow each status. Booked, lost and not a fit end the lead's work. */
export const NEXT_STEPS: Readonly<Record<LeadStatus, readonly LeadStep['to'][]>> = {
  new: ['contacted', 'not-a-fit'],
  contacted: ['qualified', 'not-a-fit', 'lost'],
  qualified: ['scheduled', 'lost'],
  scheduled: ['scheduled', 'booked', 'lost'],
  booked: [],
  lost: [],
  'not-a-fit': [],
  closed: [],
  // Quarantined spam is released by an admin (a step of its own, not yet built).
  spam: [],
};

/** The words a button uses for each step. */
export const STEP_LABELS: Readonly<Record<LeadStep['to'], string>> = {
  contacted: 'Mark contacted',
  qualified: 'Qualified',
  'not-a-fit': 'Not a fit',
  scheduled: 'Scheduled',
  booked: 'Booked',
  lost: 'Lost',
};

/**
 * Reads a step from a form: `step` and, as the step needs, `reason` or `scheduledFor` (a date,
 * YYYY-MM-DD). Returns the step, or the reason it cannot be taken from `status`.
 */
export function parseStep(form: { get(name: string): unknown }, status: LeadStatus): { ok: true; step: LeadStep } | { ok: false; message: string } {
  const to = String(form.get('step') ?? '');
  if (!(NEXT_STEPS[status] as readonly string[]).includes(to)) {
    return { ok: false, message: `A ${status} lead cannot be marked ${to || 'that'}. Reload the lead to see what it is now.` };
  }
  const reason = String(form.get('reason') ?? '');
  switch (to as LeadStep['to']) {
    case 'not-a-fit':
      return Object.hasOwn(NOT_A_FIT_REASONS, reason) ? { ok: true, step: { to: 'not-a-fit', reason: reason as NotAFitReason } } : { ok: false, message: 'Choose why it is not a fit.' };
    case 'lost':
      return Object.hasOwn(LOST_REASONS, reason) ? { ok: true, step: { to: 'lost', reason: reason as LostReason } } : { ok: false, message: 'Choose why it was lost.' };
    case 'scheduled': {
      const date = String(form.get('scheduledFor') ?? '');
      return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`))
        ? { ok: true, step: { to: 'scheduled', scheduledFor: date } }
        : { ok: false, message: 'Give the date of the visit.' };
    }
    default:
      return { ok: true, step: { to } as LeadStep };
  }
}

/**
 * How fast the person was answered: first contact − arrival, against the route's target. Null
 * while nobody has contacted them.
 */
export function getResponseTime(options: { createdAt: string; firstContactedAt: string | null; responseTargetMinutes: number }): { minutes: number; onTime: boolean } | null {
  if (options.firstContactedAt === null) return null;
  const minutes = Math.max(0, Math.round((Date.parse(options.firstContactedAt) - Date.parse(options.createdAt)) / 60_000));
  return { minutes, onTime: minutes <= options.responseTargetMinutes };
}
