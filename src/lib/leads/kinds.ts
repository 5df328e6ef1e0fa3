/**
 * The kinds of lead and the route priorities, with no dependencies: the schema, the routing rules,
 * the lead store and the leads command line (which runs under plain Node) all read them here.
 */

export const LEAD_TYPES = ['patient', 'caregiver', 'referral', 'employer', 'insurance'] as const;
export type LeadType = (typeof LEAD_TYPES)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
