import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { getFreePort } from './ports.ts';

/** A message as the SMTP server received it: every byte of DATA (headers and body) and the envelope. */
export interface ReceivedMail {
  raw: string;
  mailFrom: string;
  rcptTo: string[];
}

export interface SmtpInbox {
  port: number;
  /** `smtp://…@127.0.0.1:<port>`, with the user and password when the inbox asks for them. */
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (a free port), plain text (no STARTTLS), that keeps what it
 * receives. With `auth`, it refuses mail from clients that did not log in with that user and
 * password. `options` may override the server's handlers, e.g. `onRcptTo` to refuse recipients.
 */
export async function startSmtpInbox(
  settings: {
    auth?: { user: string; pass: string };
    /** A fixed port, e.g. to come back on the one a test closed; a free one by default. */
    port?: number;
    /** Called with each message before the server answers that it took it. */
    onReceived?: (mail: ReceivedMail) => Promise<void>;
    options?: SMTPServerOptions;
  } = {},
): Promise<SmtpInbox> {
  const received: ReceivedMail[] = [];
  const { auth } = settings;
  // Below the ephemeral range, so that a test can close the inbox and open it again on its port (ports.ts).
  const port = settings.port ?? (await getFreePort());
  const server = new SMTPServer({
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: auth === undefined,
    allowInsecureAuth: true,
    logger: false,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.pass) return callback(null, { user: auth.user });
      const error = Object.assign(new Error('Authentication failed'), { responseCode: 535 });
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = {
          raw: Buffer.concat(chunks).toString('utf8'),
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        };
        received.push(mail);
        (settings.onReceived?.(mail) ?? Promise.resolve()).then(
          () => callback(null, 'Queued'),
          (error: unknown) => callback(error as Error),
        );
      });
    },
    ...settings.options,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';
  return {
    port,
    url: `smtp://${credentials}127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An SMTP error with the reply code the server should answer with. */
export function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}
