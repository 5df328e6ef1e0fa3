import { describe, expect, it } from 'vitest';
import type { Delivery } from '@/lib/leads/delivery.ts';
import { formatDeliveries } from '@/server/cli/delivery-text.ts';

const NOW = new Date('2026-12-01T15:00:00.000Z');
const delivery = (overrides: Partial<Delivery> = {}): Delivery => ({
  id: '01KBQ7ZR4X9E2M8N6T5V3W1Y0A-01',
  leadId: '01KBQ7ZR4X9E2M8N6T5V3W1Y0A',
  channel: 'webhook',
  purpose: 'lead',
  destination: 'webhook:crm',
  recipients: [],
  state: 'pending',
  attempts: 2,
  nextAttemptAt: new Date('2026-12-01T15:05:00.000Z'),
  lastAttemptAt: new Date('2026-12-01T14:59:55.000Z'),
  lastResult: 'HTTP 503',
  createdAt: new Date('2026-12-01T14:59:50.000Z'),
  deliveredAt: null,
  ...overrides,
});

describe('formatDeliveries', () => {
  it('puts what to fix first: disabled and down destinations, leads waiting for the worker', () => {
    const text = formatDeliveries(
      [delivery(), delivery({ id: '01KBQ7ZR4X9E2M8N6T5V3W1Y0A-02', channel: 'email', destination: 'email:desk', state: 'dead', lastResult: 'SMTP 550 5.1.1 at RCPT TO' })],
      [
        { destination: 'webhook:crm', pausedUntil: new Date('2026-12-01T15:05:00.000Z'), disabled: null, pending: 1, dead: 0 },
        { destination: 'webhook:ehr', pausedUntil: null, disabled: { at: NOW, reason: 'HTTP 410 Gone at 2026-12-01T14:00:00.000Z' }, pending: 3, dead: 0 },
        { destination: 'email:desk', pausedUntil: new Date('2026-12-01T14:00:00.000Z'), disabled: null, pending: 0, dead: 1 },
      ],
      NOW,
      2,
    );
    expect(text).toMatchInlineSnapshot(`
      "DOWN webhook:crm: next try 2026-12-01T15:05:00Z; 1 waiting
      DISABLED webhook:ehr: HTTP 410 Gone at 2026-12-01T14:00:00.000Z; 3 waiting. Fix the receiver, then: npm run leads -- enable webhook:ehr
      2 new leads wait for the delivery worker to make its deliveries (it runs in the server, or as: npm run leads -- deliver)
      ID                             LEAD                        PURPOSE  DESTINATION  STATE    ATTEMPTS  LAST RESULT                NEXT
      01KBQ7ZR4X9E2M8N6T5V3W1Y0A-01  01KBQ7ZR4X9E2M8N6T5V3W1Y0A  lead     webhook:crm  pending  2         HTTP 503                   2026-12-01T15:05:00Z
      01KBQ7ZR4X9E2M8N6T5V3W1Y0A-02  01KBQ7ZR4X9E2M8N6T5V3W1Y0A  lead     email:desk   dead     2         SMTP 550 5.1.1 at RCPT TO  -
      2 deliveries
      "
    `);
  });

  it('says when there is nothing', () => {
    expect(formatDeliveries([], [], NOW)).toBe('No deliveries.\n');
    expect(formatDeliveries([], [], NOW, 1)).toContain('1 new lead waits for the delivery worker');
  });
});
