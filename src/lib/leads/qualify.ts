import type { COMPANY_SIZES, LeadInput, REFERRAL_URGENCIES, TIMINGS } from './schema.ts';

/** What qualification needs to know about the site, as plain data. */
export interface QualifyContext {
  /** Location id → the service ids it offers and the insurance plans it accepts. */
  locations: ReadonlyMap<string, { services: readonly string[]; insurance: readonly string[] }>;
}

/** Each check is true (fits), false (does not fit) or null (not enough information to say). */
export interface FitChecks {
  serviceOfferedAtLocation: boolean | null;
  insuranceAccepted: boolean | null;
}

export interface Qualification {
  fit: FitChecks;
  /** 0–100: how ready the lead is for a scheduler to act on; intake sorts by it. */
  score: number;
  /** Short machine-readable notes intake sees next to the lead, e.g. `service-not-offered-at-location`. */
  flags: string[];
}

// Keyed by the schema's own choices, so a misspelled or missing choice fails the type check.
const TIMING_POINTS = { asap: 25, 'this-week': 20, 'next-weeks': 10, flexible: 5 } satisfies Record<keyof typeof TIMINGS, number>;
const URGENCY_POINTS = { urgent: 30, soon: 20, routine: 10 } satisfies Record<keyof typeof REFERRAL_URGENCIES, number>;
const SIZE_POINTS = { '1-49': 5, '50-249': 15, '250-999': 25, '1000+': 30 } satisfies Record<keyof typeof COMPANY_SIZES, number>;

/**
 * Fit checks, a score and flags for a valid lead. The score adds up what makes a lead easy to
 * act on: a way to call back, a clear request, how soon care is needed, and whether what was
 * asked for is something the chosen location offers.
 */
export function qualifyLead(lead: LeadInput, context: QualifyContext): Qualification {
  const flags: string[] = [];
  const service = 'service' in lead ? lead.service : undefined;
  const locationId = 'location' in lead ? lead.location : undefined;
  const location = locationId === undefined ? undefined : context.locations.get(locationId);

  const serviceOfferedAtLocation = service !== undefined && location !== undefined ? location.services.includes(service) : null;
  if (serviceOfferedAtLocation === false) flags.push('service-not-offered-at-location');

  let insuranceAccepted: boolean | null = null;
  if (lead.leadType === 'insurance') {
    const plans = location ? location.insurance : [...context.locations.values()].flatMap((l) => l.insurance);
    insuranceAccepted = plans.some((plan) => samePlan(plan, lead.plan));
    if (!insuranceAccepted) flags.push('insurance-not-on-file');
  }

  let score = 0;
  if (lead.phone !== undefined) score += 20;
  if (lead.email !== undefined) score += 10;
  if (service !== undefined) score += 10;
  if (locationId !== undefined) score += 10;
  if ('timing' in lead) score += TIMING_POINTS[lead.timing];
  if (lead.leadType === 'referral') score += URGENCY_POINTS[lead.urgency];
  if (lead.leadType === 'employer') score += SIZE_POINTS[lead.companySize];
  if (serviceOfferedAtLocation === true) score += 15;
  if (serviceOfferedAtLocation === false) score -= 20;
  if (insuranceAccepted === true) score += 15;

  return { fit: { serviceOfferedAtLocation, insuranceAccepted }, score: Math.max(0, Math.min(100, score)), flags };
}

/** Plan names match ignoring case, punctuation and spacing, or when one contains the other. */
function samePlan(onFile: string, asked: string): boolean {
  const normalize = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  const a = normalize(onFile);
  const b = normalize(asked);
  return b.length >= 3 && (a === b || a.includes(b) || b.includes(a));
}
