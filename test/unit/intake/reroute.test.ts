import { describe, expect, it } from 'vitest';
import { listQueues, routeReleasedLead, routeToQueue } from '@/lib/intake/reroute.ts';
import { RoutingSchema } from '@/lib/leads/routing.ts';
import type { StoredLead } from '@/lib/leads/store.ts';

const routing = RoutingSchema.parse({
  defaultRoute: { queue: 'central', priority: 'normal', responseTargetMinutes: 240, notify: ['central@clinic.example'] },
  rules: [
    { name: 'Dental', when: { services: ['dental'] }, route: { queue: 'dental-desk', priority: 'normal', responseTargetMinutes: 120, notify: ['dental@clinic.example'] } },
    { name: 'Referrals', when: { leadTypes: ['referral'] }, route: { queue: 'referrals', priority: 'high', responseTargetMinutes: 60 } },
    { name: 'Dental again', when: { services: ['dental'], timings: ['asap'] }, route: { queue: 'dental-desk', priority: 'urgent', responseTargetMinutes: 15 } },
  ],
});

describe('reroute', () => {
  it('lists every queue once, the default first', () => {
    expect(listQueues(routing)).toEqual(['central', 'dental-desk', 'referrals']);
  });

  it('takes a queue’s first route, recorded as reassigned by the person', () => {
    expect(routeToQueue(routing, 'dental-desk', 'dana')).toEqual({
      route: { queue: 'dental-desk', priority: 'normal', responseTargetMinutes: 120, matchedRule: 'Reassigned by dana' },
      targets: { queue: 'dental-desk', notify: ['dental@clinic.example'], escalate: [], webhooks: [], conceal: false },
    });
    expect(routeToQueue(routing, 'central', 'dana')?.route.responseTargetMinutes).toBe(240);
    expect(routeToQueue(routing, 'nowhere', 'dana')).toBeNull();
  });

  it('runs the rules again on what a quarantined person sent', () => {
    const spam = {
      id: 'X',
      createdAt: '2026-12-01T15:00:00.000Z',
      leadType: 'patient',
      status: 'spam',
      fields: { name: 'Ana', phone: '503 555 0142', service: 'dental', timing: 'flexible', contactTime: 'any', consent: 'given' },
      attribution: {},
      channel: { channel: 'direct', rule: 'no-source' },
      route: { queue: 'spam-quarantine', priority: 'low', responseTargetMinutes: 10080, matchedRule: 'spam checks' },
      score: 0,
      flags: ['honeypot'],
      fit: {},
      submissionKey: null,
      contentHash: 'h',
    } satisfies StoredLead;
    const site = { routing, locations: new Map(), services: new Map([['dental', { urgent: false }]]) };
    expect(routeReleasedLead(spam, site, new Date('2026-12-01T16:00:00.000Z'))?.route).toEqual({ queue: 'dental-desk', priority: 'normal', responseTargetMinutes: 120, matchedRule: 'Dental' });
    expect(routeReleasedLead({ ...spam, fields: { name: 'Ana' } }, site, new Date())).toBeNull();
  });
});
