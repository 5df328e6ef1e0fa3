import type { DeliverySettings } from '@/lib/leads/delivery.ts';
import type { StoredLead } from '@/lib/leads/store.ts';

/**
 * A stored lead full of personal data, each value an unusual string that cannot turn up in an
 * email by chance: if one of them is found in a message, the message leaks it.
 */
export const PERSON = {
  name: 'Zebulon Quaxworth-Ferrante',
  phone: '+1 (971) 555-0187',
  email: 'zeb.quaxworth7731@mailbox.example',
  message: 'Flurbington panic spells since the Vortigern incident',
  dateOfBirth: '1961-07-23',
  insuranceMemberId: 'XQZ88817342',
  plan: 'Umbrellacorp Gold Plus PPO',
  practice: 'Quillfeather Family Practice',
  service: 'behavioral-health',
} as const;

/**
 * Strings no email may contain, in any case: everything the person typed (with the phone
 * number's digits and the address's local part on their own), and the service, by id and by name.
 * The person's address is left out: the confirmation goes to it.
 */
export const PLANTED: readonly string[] = [
  PERSON.name,
  'Quaxworth',
  'Zebulon',
  PERSON.phone,
  '555-0187',
  '5550187',
  PERSON.message,
  'Flurbington',
  'Vortigern',
  PERSON.dateOfBirth,
  '07/23/1961',
  PERSON.insuranceMemberId,
  PERSON.plan,
  'Umbrellacorp',
  PERSON.practice,
  'Quillfeather',
  'behavioral',
  'Behavioral Health',
  'panic',
];

/** The lead: created Tue, Dec 1, 2026 at 2 PM in Los Angeles, due 30 minutes later. */
export function buildPhiLead(overrides: Partial<StoredLead> = {}): StoredLead {
  return {
    id: '01KBQ7ZR4X9E2M8N6T5V3W1Y0A',
    createdAt: '2026-12-01T22:00:00.000Z',
    leadType: 'patient',
    status: 'new',
    fields: {
      name: PERSON.name,
      phone: PERSON.phone,
      email: PERSON.email,
      message: PERSON.message,
      dateOfBirth: PERSON.dateOfBirth,
      insuranceMemberId: PERSON.insuranceMemberId,
      plan: PERSON.plan,
      practice: PERSON.practice,
      service: PERSON.service,
      serviceName: 'Behavioral Health',
      location: 'portland-east',
      timing: 'asap',
    },
    attribution: { landingPage: '/services/behavioral-health/', utm_campaign: 'behavioral-health-panic-ads' },
    channel: { channel: 'direct', rule: 'unmatched-campaign' },
    route: { queue: 'urgent-care-desk', priority: 'urgent', responseTargetMinutes: 30, matchedRule: 'Behavioral health crisis lines' },
    score: 80,
    flags: ['behavioral-health-keywords'],
    fit: { inServiceArea: true, insuranceAccepted: true },
    submissionKey: null,
    contentHash: 'hash-zebulon',
    ...overrides,
  };
}

export const ORGANIZATION: DeliverySettings['organization'] = {
  name: 'Riverbend Health',
  phone: '+15035550100',
  email: 'hello@riverbend.example',
  timeZone: 'America/Los_Angeles',
};

/** What a message must not contain, as the planted strings found in it (case-insensitive); empty when clean. */
export function findPlanted(text: string, planted: readonly string[] = PLANTED): string[] {
  const lower = text.toLowerCase();
  return planted.filter((value) => lower.includes(value.toLowerCase()));
}
