import type { LeadType } from './schema.ts';

/** What a person is told after sending a request: who answers, when, and what to have ready. */
export interface NextSteps {
  heading: string;
  who: string;
  when: string;
  haveReady: string[];
}

export const NEXT_STEPS: Record<LeadType, NextSteps> = {
  patient: {
    heading: 'We have your appointment request',
    who: 'Someone from our scheduling team will call or email you, using the details you gave.',
    when: 'Usually within one business day. Requests for same-day care are answered within the hour while the clinic is open.',
    haveReady: ['Your insurance card, if you have one', 'A few days and times that work for you', 'The name of your pharmacy'],
  },
  caregiver: {
    heading: 'We have your request',
    who: 'Someone from our scheduling team will contact you, as the person who sent the request.',
    when: 'Usually within one business day. Requests for same-day care are answered within the hour while the clinic is open.',
    haveReady: [
      "The patient's date of birth and insurance card, if they have one",
      'Whether you are allowed to make decisions for them, if they are an adult',
      'Days and times that work for both of you',
    ],
  },
  referral: {
    heading: 'We have your referral',
    who: 'A referral coordinator will contact your office to arrange the visit and ask for the records we need.',
    when: 'Urgent referrals within the hour during office hours; others within one business day.',
    haveReady: ['The referral order or letter', "The patient's contact details and insurance", 'Recent notes and test results, sent through your usual secure channel'],
  },
  employer: {
    heading: 'Thank you for your interest',
    who: 'Someone from our employer partnerships team will contact you.',
    when: 'Within two business days.',
    haveReady: ['The number and locations of your employees', 'The services you would like to offer them', 'Your current health plan, if any'],
  },
  insurance: {
    heading: 'We have your question about coverage',
    who: 'Someone from our billing and benefits team will contact you.',
    when: 'Usually within one business day.',
    haveReady: ['Your insurance card (front and back)', 'The service or visit you are asking about'],
  },
};
