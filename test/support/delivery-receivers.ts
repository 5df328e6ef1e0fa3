import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { Webhook } from 'standardwebhooks';
import { getFreePort } from './ports.ts';
import { startSmtpInbox } from './smtp-inbox.ts';

/** One request the webhook receiver took, verified with the `standardwebhooks` package. */
export interface ReceivedWebhook {
  id: string;
  timestamp: number;
  signature: string;
  /** Whether `Webhook.verify` accepted it. */
  verified: boolean;
  body: string;
  headers: IncomingHttpHeaders;
  /** The status the receiver answered with. */
  status: number;
  at: number;
}

/** What the receiver answers to the nth request (0-based); 200 when it returns nothing. */
export type WebhookScript = (index: number, request: { id: string; body: string }) => { status: number; headers?: Record<string, string> } | undefined;

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** The deliveries answered 2xx, by webhook-id. */
  acceptedIds(): string[];
  /** Stops listening (connections refused) until `up`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh Standard Webhooks secret: `whsec_` and base64 of 32 random bytes. */
export function makeWebhookSecret(): string {
  return `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
}

/**
 * A real HTTP receiver on 127.0.0.1 that verifies every request with the `standardwebhooks`
 * package (not our own HMAC code) and answers as the script says.
 */
export async function startWebhookReceiver(options: { secret: string; script?: WebhookScript; port?: number; delayMs?: number }): Promise<WebhookReceiver> {
  const verifier = new Webhook(options.secret);
  const received: ReceivedWebhook[] = [];
  let server: Server | undefined;
  // Below the ephemeral range: `down` frees the port, and `up` must get it back (ports.ts).
  let port = options.port ?? (await getFreePort());

  const listen = async (): Promise<void> => {
    const next = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const headers = {
          'webhook-id': header(req.headers, 'webhook-id'),
          'webhook-timestamp': header(req.headers, 'webhook-timestamp'),
          'webhook-signature': header(req.headers, 'webhook-signature'),
        };
        let verified = true;
        try {
          verifier.verify(body, headers);
        } catch {
          verified = false;
        }
        const answer = verified ? (options.script?.(received.length, { id: headers['webhook-id'], body }) ?? { status: 200 }) : { status: 401 };
        received.push({
          id: headers['webhook-id'],
          timestamp: Number(headers['webhook-timestamp']),
          signature: headers['webhook-signature'],
          verified,
          body,
          headers: req.headers,
          status: answer.status,
          at: Date.now(),
        });
        // Counted as received before answering: a sender killed meanwhile never learns it was.
        setTimeout(() => res.writeHead(answer.status, answer.headers).end(), options.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  };
  const stop = async (): Promise<void> => {
    const current = server;
    server = undefined;
    if (!current) return;
    current.closeAllConnections();
    await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await listen();
  return {
    get url() {
      return `http://127.0.0.1:${port}/hooks/leads`;
    },
    get port() {
      return port;
    },
    received,
    acceptedIds: () => received.filter((r) => r.verified && r.status >= 200 && r.status < 300).map((r) => r.id),
    down: stop,
    up: listen,
    close: stop,
  };
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** One message the SMTP receiver took: the raw bytes as sent (headers included), parsed too. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  text: string;
  html: string;
  /** Every header line, decoded, as `name: value`. */
  headerLines: string[];
}

export interface SmtpReceiver {
  port: number;
  url: string;
  messages: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-inbox.ts) on 127.0.0.1 that takes every message with the given user and
 * password, plain (no STARTTLS: the lead server allows that on localhost only), each also parsed.
 */
export async function startSmtpReceiver(options: { port?: number; user?: string; password?: string } = {}): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  const inbox = await startSmtpInbox({
    auth: { user: options.user ?? 'carepath', pass: options.password ?? 'smtp-secret' },
    ...(options.port === undefined ? {} : { port: options.port }),
    onReceived: async (mail) => {
      const parsed = await simpleParser(mail.raw);
      messages.push({
        from: mail.mailFrom,
        to: mail.rcptTo,
        raw: mail.raw,
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
        headerLines: parsed.headerLines.map((line) => line.line),
      });
    },
  });
  return { port: inbox.port, url: inbox.url, messages, close: inbox.close };
}
