/**
 * Email delivery over SMTP (nodemailer). Reads SMTP_URL and LEADS_MAIL_FROM, sends one message
 * per connection, and tells the delivery worker what an attempt got as a `SendOutcome`.
 */
import { createTransport } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { SendOutcome } from '../../lib/leads/delivery.ts';

/** Where and how to reach the SMTP server, from SMTP_URL. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (`smtps://`, usually port 465). */
  secure: boolean;
  /** Refuse to send unless the server upgrades the connection with STARTTLS (`smtp://` off localhost). */
  requireTLS: boolean;
  auth: { user: string; pass: string } | undefined;
}

const SMTP_EXAMPLE = 'such as smtp://user:password@smtp.example.com:587 (STARTTLS) or smtps://user:password@smtp.example.com:465';
const LOCALHOST = new Set(['localhost', '127.0.0.1', '::1']);

/**
 * Reads SMTP_URL: `smtp://user:pass@host:587` (STARTTLS, required off localhost) or
 * `smtps://user:pass@host:465` (implicit TLS). User and password are percent-decoded; the port
 * defaults to 587 or 465. Throws an Error naming SMTP_URL, what is wrong and an example; the
 * message never repeats the value, which holds a password.
 */
export function parseSmtpUrl(value: string): SmtpSettings {
  const fail = (problem: string) => new Error(`SMTP_URL ${problem}. Write it ${SMTP_EXAMPLE}.`);
  if (!URL.canParse(value.trim())) throw fail('is not a URL');
  const url = new URL(value.trim());
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    // Not repeated: in "user:pass@host" the "scheme" is the user name.
    throw fail('must start with smtp:// or smtps://');
  }
  // Host names are not case-sensitive, and WHATWG URL lowercases them only for http(s) and a few others.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === '') throw fail('has no host');
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    throw fail('has a path, query or fragment; give only user, password, host and port');
  }
  const secure = url.protocol === 'smtps:';
  let auth: SmtpSettings['auth'];
  if (url.username !== '' || url.password !== '') {
    if (url.username === '' || url.password === '') throw fail('gives a user or a password without the other');
    try {
      auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    } catch {
      throw fail('has a broken %-escape in its user or password (write @ as %40, : as %3A, % as %25)');
    }
  }
  return {
    host,
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    requireTLS: !secure && !LOCALHOST.has(host),
    auth,
  };
}

/**
 * Reads the sender address (LEADS_MAIL_FROM by default): `intake@clinic.example` or
 * `Clinic Intake <intake@clinic.example>`. Returns it trimmed; throws an Error naming the variable
 * otherwise.
 */
export function parseMailFrom(value: string, variable = 'LEADS_MAIL_FROM'): string {
  const trimmed = value.trim();
  const fail = (problem: string) => new Error(`${variable} ${problem}; got "${trimmed}". Write an address or a name and address, such as Clinic Intake <intake@clinic.example>.`);
  if (trimmed === '') throw fail('is empty');
  if (/[\r\n]/.test(trimmed)) throw fail('has a line break');
  const parsed = addressparser(trimmed);
  if (parsed.length !== 1) throw fail('must be one address');
  const [entry] = parsed;
  if (entry === undefined || entry.address === undefined) throw fail('must be one address, not a group');
  if (!/^[^\s@<>()[\]",;:\\]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i.test(entry.address)) {
    throw fail('is not an email address');
  }
  return trimmed;
}

/** One email to send. Nothing here becomes a header but the addresses and the subject. */
export interface EmailMessage {
  to: readonly string[];
  replyTo?: string | undefined;
  subject: string;
  text: string;
  html: string;
}

export interface MailSender {
  /** Sends one message; resolves to what the attempt got, and never rejects for network or server problems. */
  send(message: EmailMessage): Promise<SendOutcome>;
  /** Releases the transport. */
  close(): void;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A sender over SMTP. Not pooled: leads come a few an hour, and a fresh connection per message
 * means an attempt never fails on a pooled connection the server dropped while idle (which would
 * read as the server being down), and `close()` has nothing in flight to lose.
 * @param options.timeoutMs For connecting, for the greeting and for each reply (default 10 s).
 */
export function createMailSender(options: { smtp: SmtpSettings; from: string; timeoutMs?: number }): MailSender {
  const { smtp } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTLS,
    auth: smtp.auth,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    // Message bodies are our own text; nothing in them may make nodemailer read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    // Its logger, on, would write the envelope (the person's address) and with `debug` the message.
    logger: false,
  });
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: [...message.to],
          replyTo: message.replyTo,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: {
            // RFC 3834: a machine wrote this; auto-responders (out of office) must not answer it.
            'Auto-Submitted': 'auto-generated',
            'X-Auto-Response-Suppress': 'All',
          },
        });
        const refused = info.rejected.length;
        const code = getReplyCode(info.response) ?? 250;
        return {
          kind: 'delivered',
          detail: refused === 0 ? `SMTP ${code} accepted` : `SMTP ${code} accepted for ${info.accepted.length} of ${info.accepted.length + refused} recipients`,
        };
      } catch (error) {
        return classifySmtpError(error, timeoutMs);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** The error fields nodemailer sets (NodemailerError) that the outcome is read from. */
interface SmtpError {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  originalCode?: unknown;
}

/**
 * What a failed attempt means for the delivery worker. The server's words are left out (a reply
 * such as "550 <ana@example.com> unknown" can carry an address): only the reply code, the enhanced
 * status code and the command are kept.
 */
function classifySmtpError(error: unknown, timeoutMs: number): SendOutcome {
  const e: SmtpError = typeof error === 'object' && error !== null ? error : {};
  const code = typeof e.code === 'string' && /^[A-Z_]+$/.test(e.code) ? e.code : 'unknown';
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const command = typeof e.command === 'string' && /^[A-Z][A-Z ]*$/.test(e.command) && e.command !== 'API' ? ` at ${e.command}` : '';
  const status = typeof e.response === 'string' ? (/^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})\b/.exec(e.response)?.[1] ?? '') : '';
  const server = reply === undefined ? '' : `SMTP ${reply}${status ? ` ${status}` : ''}${command}`;
  const down = (detail: string): SendOutcome => ({ kind: 'retry', detail, destinationDown: true });
  if (code === 'ETIMEDOUT') return down(`SMTP timeout after ${timeoutMs / 1000} s`);
  const cause = typeof e.originalCode === 'string' && /^[A-Z_]+$/.test(e.originalCode) ? e.originalCode : code;
  if (code === 'ETLS') return down(server ? `${server}: no STARTTLS, which SMTP_URL requires off localhost` : `SMTP STARTTLS failed: ${cause}`);
  if (code === 'EAUTH') return down(`${server || 'SMTP'} login refused: check the user and password in SMTP_URL`);
  if (code === 'ENOAUTH') return down('SMTP login needs a user and a password in SMTP_URL');
  if (reply === undefined) {
    // No reply from the server: the connection failed (refused, DNS, TLS, dropped).
    const known = ['ECONNECTION', 'ESOCKET', 'EDNS', 'EPROXY', 'EPROTOCOL'].includes(code);
    return known ? down(`SMTP connection failed: ${cause}`) : { kind: 'retry', detail: `SMTP send failed: ${code}`, destinationDown: false };
  }
  // 4xx (421: "closing") say "not now". A refused sender (LEADS_MAIL_FROM, or a login the server
  // wants) refuses every message, and 503 (bad sequence) is about the session: none is this message.
  if (reply < 500 || e.command === 'MAIL FROM' || reply === 503) return down(server);
  // 5xx refuses this message (its recipients or its content); the next one may go through.
  return { kind: 'retry', detail: server, destinationDown: false };
}

function getReplyCode(response: unknown): number | undefined {
  const match = typeof response === 'string' ? /^(\d{3})\b/.exec(response) : null;
  return match ? Number(match[1]) : undefined;
}
