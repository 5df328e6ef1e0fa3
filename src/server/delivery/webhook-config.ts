/**
 * Webhook destinations from the environment, checked at start so that a bad value stops the
 * server with the variable, what is wrong and an example, instead of failing every delivery.
 *
 * - `LEADS_WEBHOOK_URL` and `LEADS_WEBHOOK_SECRET`: the organization webhook, `crm`.
 * - `LEADS_WEBHOOK_<NAME>_URL` and `LEADS_WEBHOOK_<NAME>_SECRET`: a named webhook, as the routing
 *   file names it: `LEADS_WEBHOOK_REFERRALS_CRM_URL` is `referrals-crm`.
 *
 * Messages never repeat a secret, nor a URL's path or query (receivers often put a token there).
 */
import { ORGANIZATION_WEBHOOK } from '../../lib/leads/delivery.ts';

/** Where one webhook posts, and the secrets it signs with (several during a key rotation). */
export interface WebhookDestination {
  url: URL;
  secrets: string[];
}

const EXAMPLE_URL = 'https://crm.clinic.example/hooks/carepath';
const MAKE_SECRET = 'Make one with: echo "whsec_$(openssl rand -base64 32)"';
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
// The Fetch standard's "bad ports" (fetch.spec.whatwg.org/#port-blocking): fetch refuses them,
// so a webhook on one would fail every delivery.
const FETCH_BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512,
  513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679,
  6697, 10080,
]);
const SECRET_PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;

/**
 * A webhook URL: https, or http to localhost, 127.0.0.1 or [::1] (a receiver on the same machine,
 * as in tests); no user name or password (the signature authenticates each request); not a port
 * that fetch blocks (25, 6000…); no fragment.
 */
export function parseWebhookUrl(value: string, variable: string): URL {
  if (value.trim() === '') throw new Error(`${variable} is empty. Set it to the receiver's https URL, such as ${EXAMPLE_URL}, or unset it.`);
  if (!URL.canParse(value.trim())) throw new Error(`${variable} is not an absolute URL. Write the receiver's https URL, such as ${EXAMPLE_URL}.`);
  const url = new URL(value.trim());
  if (url.username !== '' || url.password !== '') {
    throw new Error(`${variable} must not carry a user name or password (${url.protocol}//…@${url.host}): the webhook-signature header authenticates each request. Remove them, as in ${EXAMPLE_URL}.`);
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw new Error(
      `${variable} must use https (got ${url.protocol}//${url.host}): a lead must not cross the network unencrypted. Write https://, such as ${EXAMPLE_URL}; plain http is only for localhost, 127.0.0.1 or [::1].`,
    );
  }
  if (url.port !== '' && FETCH_BAD_PORTS.has(Number(url.port))) {
    throw new Error(`${variable} uses port ${url.port}, which fetch refuses to connect to (a "bad port" in the Fetch standard). Serve the receiver on another port, such as 443: ${EXAMPLE_URL}.`);
  }
  if (url.hash !== '') throw new Error(`${variable} has a fragment (#…), which is never sent to the receiver. Remove it, as in ${EXAMPLE_URL}.`);
  return url;
}

/**
 * One or more secrets separated by spaces, each `whsec_` and the base64 of 24 to 64 bytes, as
 * Standard Webhooks writes them. Every request carries a signature for each, so that during a key
 * rotation a receiver that knows either one accepts it. Repeats are dropped.
 */
export function parseWebhookSecrets(value: string, variable: string): string[] {
  const secrets = value.split(/\s+/).filter(Boolean);
  if (secrets.length === 0) throw new Error(`${variable} is empty. Set it to the secret the receiver was given, whsec_ and base64. ${MAKE_SECRET}.`);
  secrets.forEach((secret, index) => {
    const which = secrets.length === 1 ? `${variable}` : `Secret ${index + 1} of ${secrets.length} in ${variable}`;
    if (!secret.startsWith(SECRET_PREFIX)) {
      throw new Error(`${which} does not start with ${SECRET_PREFIX}. Write Standard Webhooks' form, whsec_ and base64. ${MAKE_SECRET}.`);
    }
    const encoded = secret.slice(SECRET_PREFIX.length);
    if (!BASE64.test(encoded)) {
      throw new Error(`${which} is not whsec_ and base64 (letters, digits, + and /, padded with =). ${MAKE_SECRET}.`);
    }
    const bytes = Buffer.from(encoded, 'base64').length;
    if (bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
      throw new Error(`${which} holds ${bytes} bytes; Standard Webhooks secrets hold ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES}. ${MAKE_SECRET}.`);
    }
  });
  return [...new Set(secrets)];
}

/** `LEADS_WEBHOOK_URL` / `_SECRET`, or `LEADS_WEBHOOK_<NAME>_URL` / `_SECRET`. */
const VARIABLE = /^LEADS_WEBHOOK_(?:(.*)_)?(URL|SECRET)$/;
const NAME = /^[A-Z0-9]+(?:_[A-Z0-9]+)*$/;

/**
 * Every webhook the environment configures, by name: `crm` first, then the named ones in name
 * order. An empty variable counts as unset. A URL without its secret, or a secret without its URL,
 * is an error naming both variables.
 */
/** The variables' prefix for a webhook's name: `referrals-crm` → `LEADS_WEBHOOK_REFERRALS_CRM`, `crm` → `LEADS_WEBHOOK`. */
export function toWebhookVariable(name: string): string {
  return name === ORGANIZATION_WEBHOOK ? 'LEADS_WEBHOOK' : `LEADS_WEBHOOK_${name.toUpperCase().replaceAll('-', '_')}`;
}

export function readWebhooks(env: Readonly<Record<string, string | undefined>>): Map<string, WebhookDestination> {
  const found = new Map<string, { prefix: string; url?: string; secret?: string }>();
  for (const [variable, value] of Object.entries(env)) {
    const match = VARIABLE.exec(variable);
    if (match === null || value === undefined || value.trim() === '') continue;
    const [, rawName, kind] = match;
    if (rawName !== undefined && !NAME.test(rawName)) {
      throw new Error(`${variable}: a webhook's name is capital letters and digits in words joined by single underscores, such as LEADS_WEBHOOK_REFERRALS_CRM_${kind} for "referrals-crm".`);
    }
    const name = rawName === undefined ? ORGANIZATION_WEBHOOK : rawName.toLowerCase().replaceAll('_', '-');
    if (rawName !== undefined && name === ORGANIZATION_WEBHOOK) {
      throw new Error(`${variable}: "${ORGANIZATION_WEBHOOK}" is the organization webhook; set LEADS_WEBHOOK_${kind} instead.`);
    }
    const entry = found.get(name) ?? { prefix: toWebhookVariable(name) };
    if (kind === 'URL') entry.url = value;
    else entry.secret = value;
    found.set(name, entry);
  }
  const names = [...found.keys()].sort((a, b) => (a === ORGANIZATION_WEBHOOK ? -1 : b === ORGANIZATION_WEBHOOK ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const webhooks = new Map<string, WebhookDestination>();
  for (const name of names) {
    const { prefix, url, secret } = found.get(name) ?? { prefix: '' };
    if (url === undefined) throw new Error(`${prefix}_SECRET is set but ${prefix}_URL is not: set ${prefix}_URL to the receiver's URL, such as ${EXAMPLE_URL}, or unset both.`);
    if (secret === undefined)
      throw new Error(`${prefix}_URL is set but ${prefix}_SECRET is not: every webhook is signed. Set ${prefix}_SECRET to the receiver's secret, or unset both. ${MAKE_SECRET}.`);
    webhooks.set(name, { url: parseWebhookUrl(url, `${prefix}_URL`), secrets: parseWebhookSecrets(secret, `${prefix}_SECRET`) });
  }
  return webhooks;
}
