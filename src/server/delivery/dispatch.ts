import type { Delivery, DeliverySettings, SendOutcome } from '../../lib/leads/delivery.ts';
import { composeConfirmation, composeTeamEmail } from '../../lib/leads/delivery-email.ts';
import type { StoredLead } from '../../lib/leads/store.ts';
import { buildWebhookBody } from '../../lib/leads/webhook-payload.ts';
import { createMailSender } from './smtp.ts';
import { sendWebhook } from './webhook-sender.ts';
import type { SendDelivery } from './worker.ts';
import type { DeliveryEnv } from './delivery-env.ts';

/**
 * Sends one delivery by its channel: a signed webhook with the payload its destination asks for, or
 * an email to the team (or the person's confirmation). Returns an outcome for anything the network
 * or a receiver does.
 */
export function createDispatcher(options: { settings: DeliverySettings; env: DeliveryEnv; timeoutMs?: number }): { send: SendDelivery; close: () => void } {
  const { settings, env } = options;
  const mail = env.smtp !== null && env.mailFrom !== null ? createMailSender({ smtp: env.smtp, from: env.mailFrom, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }) : null;
  const send: SendDelivery = async (delivery: Delivery, lead: StoredLead, now: Date): Promise<SendOutcome> => {
    if (delivery.channel === 'webhook') {
      const name = delivery.destination.replace(/^webhook:/, '');
      const target = env.webhooks.get(name);
      if (target === undefined) return { kind: 'retry', detail: `no URL for webhook ${name} in the environment`, destinationDown: true };
      const payload = settings.webhooks[name]?.payload ?? 'thin';
      const body = buildWebhookBody(lead, { payload, inboxUrl: env.intakeUrl });
      return sendWebhook({ url: target.url, secrets: target.secrets, id: delivery.id, body, now, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
    }
    if (mail === null) return { kind: 'retry', detail: 'email is off (SMTP_URL or LEADS_MAIL_FROM not set)', destinationDown: true };
    if (delivery.purpose === 'confirmation') {
      const to = lead.fields['email'];
      // Planned only for a lead with an email; kept as a guard.
      if (to === undefined || to === '') return { kind: 'delivered', detail: 'no address to confirm to' };
      const message = composeConfirmation(lead, { organization: settings.organization });
      return mail.send({ to: [to], ...(settings.organization.email ? { replyTo: settings.organization.email } : {}), ...message });
    }
    const message = composeTeamEmail(lead, {
      purpose: delivery.purpose,
      inboxUrl: env.intakeUrl,
      timeZone: settings.organization.timeZone,
      organizationName: settings.organization.name,
      concealQueue: delivery.concealQueue === true,
    });
    return mail.send({ to: delivery.recipients, ...message });
  };
  return { send, close: () => mail?.close() };
}
