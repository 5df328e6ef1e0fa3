import { readFileSync } from 'node:fs';
import { z } from 'astro/zod';
import { ORGANIZATION_WEBHOOK, WEBHOOK_PAYLOADS } from '../../lib/leads/delivery.ts';
import type { DeliveryChannels, DeliverySettings } from '../../lib/leads/delivery.ts';
import type { parseSmtpUrl } from './smtp.ts';
import { toWebhookVariable } from './webhook-config.ts';

/** What delivery reads from the environment (server-env.ts reads and checks it). */
export interface DeliveryEnv {
  /** Webhook name → URL and signing secrets: `crm` from LEADS_WEBHOOK_URL, others from LEADS_WEBHOOK_<NAME>_URL. */
  webhooks: ReadonlyMap<string, { url: URL; secrets: readonly string[] }>;
  /** SMTP_URL, parsed; null when email is off. */
  smtp: ReturnType<typeof parseSmtpUrl> | null;
  /** LEADS_MAIL_FROM. */
  mailFrom: string | null;
  /** INTAKE_URL, ending in `/`: leads are linked as `<INTAKE_URL>leads/<id>/`. */
  intakeUrl: string;
  /** LEADS_RETRY_SCHEDULE: seconds between attempts. */
  retrySchedule: readonly number[];
  /** LEADS_DELIVERY_WORKER: whether the web server runs the delivery worker (default yes). */
  workerInServer: boolean;
}

/** Reads the delivery settings the build wrote; throws with what to do when the file is missing or damaged. */
export function readDeliverySettings(file: URL | string): DeliverySettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the delivery settings at ${String(file)} (${(error as NodeJS.ErrnoException).code ?? 'not JSON'}): run \`npm run build\`.`, { cause: error });
  }
  const result = DeliverySettingsSchema.safeParse(parsed);
  if (!result.success) throw new Error(`The delivery settings at ${String(file)} are not what this code reads (${result.error.issues[0]?.path.join('.') ?? 'the file'}): run \`npm run build\`.`);
  return result.data;
}

/** The file's shape, checked when the server or the CLI reads it (it may come from an older build). */
const DeliverySettingsSchema = z.strictObject({
  organization: z.strictObject({ name: z.string(), phone: z.string(), email: z.string().nullable(), timeZone: z.string() }),
  confirmation: z.boolean(),
  deliverSpam: z.boolean(),
  webhooks: z.record(z.string(), z.strictObject({ payload: z.enum(WEBHOOK_PAYLOADS) })),
  retention: z.strictObject({ closedLeadsDays: z.number().int().positive().nullable(), spamDays: z.number().int().positive().nullable() }),
}) satisfies z.ZodType<DeliverySettings>;

/**
 * Problems between the content's delivery settings and the environment, each with its fix: a
 * webhook the routing file declares without its URL and secret, or one the environment sets that
 * the routing file does not declare (a typo, most likely). Empty when they agree.
 */
export function findDeliveryConfigProblems(settings: DeliverySettings, env: DeliveryEnv): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(settings.webhooks)) {
    if (name === ORGANIZATION_WEBHOOK || env.webhooks.has(name)) continue;
    const variable = toWebhookVariable(name);
    problems.push(`The routing file declares the webhook "${name}", but ${variable}_URL and ${variable}_SECRET are not set. Set both, or remove "${name}" from delivery.webhooks and its routes.`);
  }
  for (const name of env.webhooks.keys()) {
    if (name === ORGANIZATION_WEBHOOK || Object.hasOwn(settings.webhooks, name)) continue;
    const declared = Object.keys(settings.webhooks).filter((known) => known !== ORGANIZATION_WEBHOOK);
    problems.push(
      `${toWebhookVariable(name)}_URL names the webhook "${name}", which the routing file does not declare` +
        `${declared.length > 0 ? ` (it declares ${declared.join(', ')})` : ''}. Declare it under delivery.webhooks, or unset the variable.`,
    );
  }
  return problems;
}

/** Which channels new leads may plan deliveries for. */
export function getDeliveryChannels(env: DeliveryEnv): DeliveryChannels {
  return { webhooks: new Set(env.webhooks.keys()), email: env.smtp !== null && env.mailFrom !== null };
}
