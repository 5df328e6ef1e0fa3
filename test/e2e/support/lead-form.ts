/** The request form's type choices, by lead type, as a person reads them. */
export const TYPE_LABELS = {
  patient: 'An appointment for me',
  caregiver: 'An appointment for someone I care for',
  referral: 'A referral from a clinician',
  employer: 'Services for my employees',
  insurance: 'Checking my insurance or benefits',
} as const;
