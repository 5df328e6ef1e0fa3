import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeConfirmation, composeTeamEmail, type TeamEmailPurpose } from '@/lib/leads/delivery-email.ts';
import { createMailSender, parseMailFrom, parseSmtpUrl, type EmailMessage, type SmtpSettings } from '@/server/delivery/smtp.ts';
import { buildPhiLead, findPlanted, ORGANIZATION, PERSON } from '../../leads/support/phi-lead.ts';
import { smtpError, startSmtpInbox, type ReceivedMail, type SmtpInbox } from '../../../support/smtp-inbox.ts';

const FROM = 'Riverbend Intake <intake@riverbend.example>';
const STAFF = ['desk-a@riverbend.example', 'desk-b@riverbend.example'];
const INBOX_URL = 'https://inbox.riverbend.example/';
const LINK = 'https://inbox.riverbend.example/leads/01KBQ7ZR4X9E2M8N6T5V3W1Y0A/';
const DUE = 'Tue, Dec 1, 2:30 PM PST';
// Percent-escaped in the URL: an @, a colon, a percent sign and a non-ASCII letter.
const AUTH = { user: 'intake@riverbend', pass: 'päss:w0rd%Q7' };

describe('parseSmtpUrl', () => {
  it.each<[string, SmtpSettings]>([
    ['smtp://user:secret@smtp.example.com:587', { host: 'smtp.example.com', port: 587, secure: false, requireTLS: true, auth: { user: 'user', pass: 'secret' } }],
    ['smtp://smtp.example.com', { host: 'smtp.example.com', port: 587, secure: false, requireTLS: true, auth: undefined }],
    ['smtp://relay.example.com:2525', { host: 'relay.example.com', port: 2525, secure: false, requireTLS: true, auth: undefined }],
    ['smtps://user:secret@smtp.example.com', { host: 'smtp.example.com', port: 465, secure: true, requireTLS: false, auth: { user: 'user', pass: 'secret' } }],
    ['smtps://smtp.example.com:2465', { host: 'smtp.example.com', port: 2465, secure: true, requireTLS: false, auth: undefined }],
    ['smtp://intake%40riverbend:p%C3%A4ss%3Aw0rd%25Q7@mail.example:587', { host: 'mail.example', port: 587, secure: false, requireTLS: true, auth: AUTH }],
    ['smtp://127.0.0.1:2525', { host: '127.0.0.1', port: 2525, secure: false, requireTLS: false, auth: undefined }],
    ['smtp://localhost', { host: 'localhost', port: 587, secure: false, requireTLS: false, auth: undefined }],
    ['smtp://LocalHost:25', { host: 'localhost', port: 25, secure: false, requireTLS: false, auth: undefined }],
    ['smtp://[::1]:25', { host: '::1', port: 25, secure: false, requireTLS: false, auth: undefined }],
    ['smtp://127.0.0.2:25', { host: '127.0.0.2', port: 25, secure: false, requireTLS: true, auth: undefined }],
    ['smtp://localhost.example.com', { host: 'localhost.example.com', port: 587, secure: false, requireTLS: true, auth: undefined }],
    ['  smtp://smtp.example.com/  ', { host: 'smtp.example.com', port: 587, secure: false, requireTLS: true, auth: undefined }],
  ])('%s', (value, settings) => {
    expect(parseSmtpUrl(value)).toEqual(settings);
  });

  it.each([
    ['', 'SMTP_URL is not a URL.'],
    ['smtp.example.com:587', 'SMTP_URL must start with smtp:// or smtps://.'],
    ['http://smtp.example.com', 'SMTP_URL must start with smtp:// or smtps://.'],
    ['smtp://user:s3cretpw@smtp.example.com:99999', 'SMTP_URL is not a URL.'],
    ['smtp://', 'SMTP_URL has no host.'],
    ['smtp://user@smtp.example.com', 'SMTP_URL gives a user or a password without the other.'],
    ['smtp://:s3cretpw@smtp.example.com', 'SMTP_URL gives a user or a password without the other.'],
    ['smtp://user:s3cret%E0%A4pw@smtp.example.com', 'SMTP_URL has a broken %-escape in its user or password (write @ as %40, : as %3A, % as %25).'],
    ['smtp://user:s3cretpw@smtp.example.com:587/mail', 'SMTP_URL has a path, query or fragment; give only user, password, host and port.'],
    ['smtp://user:s3cretpw@smtp.example.com?pool=true', 'SMTP_URL has a path, query or fragment'],
  ])('refuses "%s"', (value, message) => {
    const error = catchError(() => parseSmtpUrl(value));
    expect(error.message).toContain(message);
    expect(error.message).toContain('such as smtp://user:password@smtp.example.com:587 (STARTTLS) or smtps://user:password@smtp.example.com:465');
    expect(error.message).not.toContain('s3cret');
  });
});

describe('parseMailFrom', () => {
  it.each([
    ['intake@clinic.example', 'intake@clinic.example'],
    ['Clinic Intake <intake@clinic.example>', 'Clinic Intake <intake@clinic.example>'],
    ['"Intake, Riverbend" <intake@riverbend.example>', '"Intake, Riverbend" <intake@riverbend.example>'],
    ['  <no-reply@mail.clinic.example>  ', '<no-reply@mail.clinic.example>'],
    ['leads@localhost', 'leads@localhost'],
  ])('%s', (value, from) => {
    expect(parseMailFrom(value)).toBe(from);
  });

  it.each([
    ['', 'LEADS_MAIL_FROM is empty'],
    ['intake', 'LEADS_MAIL_FROM is not an email address; got "intake"'],
    ['Clinic Intake', 'LEADS_MAIL_FROM is not an email address; got "Clinic Intake"'],
    ['Clinic <intake@>', 'LEADS_MAIL_FROM is not an email address'],
    ['intake@clinic..example', 'LEADS_MAIL_FROM is not an email address'],
    ['a@clinic.example, b@clinic.example', 'LEADS_MAIL_FROM must be one address'],
    ['Intake: a@clinic.example, b@clinic.example;', 'LEADS_MAIL_FROM must be one address, not a group'],
    ['intake@clinic.example\r\nBcc: everyone@clinic.example', 'LEADS_MAIL_FROM has a line break'],
  ])('refuses "%s"', (value, message) => {
    const error = catchError(() => parseMailFrom(value));
    expect(error.message).toContain(message);
    expect(error.message).toContain('such as Clinic Intake <intake@clinic.example>');
  });

  it('names the variable it reads', () => {
    expect(() => parseMailFrom('nobody', 'LEADS_CONFIRMATION_FROM')).toThrow('LEADS_CONFIRMATION_FROM is not an email address; got "nobody"');
  });
});

describe('what the SMTP server receives', () => {
  let inbox: SmtpInbox;
  /** `decoded`: the subject, both parts and every header, decoded; `decodedWithoutTo` leaves out the To header. */
  const received = new Map<string, { mail: ReceivedMail; parsed: ParsedMail; decoded: string; decodedWithoutTo: string }>();
  const outcomes = new Map<string, unknown>();

  beforeAll(async () => {
    inbox = await startSmtpInbox({ auth: AUTH });
    const sender = createMailSender({ smtp: parseSmtpUrl(inbox.url), from: FROM });
    const lead = buildPhiLead();
    const messages: [string, EmailMessage][] = (['lead', 'reminder', 'escalation'] satisfies TeamEmailPurpose[]).map((purpose) => [
      purpose,
      { to: STAFF, ...composeTeamEmail(lead, { purpose, inboxUrl: INBOX_URL, timeZone: ORGANIZATION.timeZone, organizationName: ORGANIZATION.name }) },
    ]);
    messages.push(['confirmation', { to: [PERSON.email], replyTo: ORGANIZATION.email ?? undefined, ...composeConfirmation(lead, { organization: ORGANIZATION }) }]);
    for (const [purpose, message] of messages) {
      outcomes.set(purpose, await sender.send(message));
      const mail = inbox.received.at(-1);
      if (mail === undefined) throw new Error(`The SMTP server got no ${purpose} message.`);
      const parsed = await simpleParser(mail.raw);
      const decode = (headers: (key: string) => boolean) =>
        [
          parsed.subject ?? '',
          parsed.text ?? '',
          typeof parsed.html === 'string' ? parsed.html : '',
          ...parsed.headerLines.filter((header) => headers(header.key)).map((header) => header.line),
          JSON.stringify([...parsed.headers].filter(([key]) => headers(key))),
        ].join('\n');
      received.set(purpose, { mail, parsed, decoded: decode(() => true), decodedWithoutTo: decode((key) => key !== 'to') });
    }
    sender.close();
  });
  afterAll(() => inbox.close());

  const get = (purpose: string) => {
    const message = received.get(purpose);
    if (message === undefined) throw new Error(`No ${purpose} message.`);
    return message;
  };

  it.each(['lead', 'reminder', 'escalation', 'confirmation'])('%s: delivered, logged in with the user and password from the URL', (purpose) => {
    expect(outcomes.get(purpose)).toEqual({ kind: 'delivered', detail: 'SMTP 250 accepted' });
  });

  describe.each(['lead', 'reminder', 'escalation'])('the team %s', (purpose) => {
    it('goes to the team from LEADS_MAIL_FROM', () => {
      const { mail, parsed } = get(purpose);
      expect(mail.mailFrom).toBe('intake@riverbend.example');
      expect(mail.rcptTo).toEqual(STAFF);
      expect(parsed.from?.text).toBe('"Riverbend Intake" <intake@riverbend.example>');
      expect(parsed.to).toMatchObject({ value: STAFF.map((address) => ({ address, name: '' })) });
    });

    it('carries nothing the person typed, nor the service, in any byte or any decoded part or header', () => {
      const { mail, decoded } = get(purpose);
      expect(findPlanted(mail.raw)).toEqual([]);
      // The same bytes without quoted-printable's soft line breaks, which could split a value.
      expect(findPlanted(mail.raw.replace(/=\r\n/g, ''))).toEqual([]);
      expect(findPlanted(decoded)).toEqual([]);
      expect(`${mail.raw}\n${decoded}\n${mail.rcptTo.join()}`.toLowerCase()).not.toContain(PERSON.email.toLowerCase());
      expect(`${mail.raw}\n${decoded}`.toLowerCase()).not.toContain('zeb.quaxworth');
    });

    it('says the queue, priority, due time and type, and links to the lead, in both parts', () => {
      const { parsed } = get(purpose);
      const text = parsed.text ?? '';
      const html = typeof parsed.html === 'string' ? parsed.html : '';
      for (const [label, value] of [
        ['Queue', 'urgent-care-desk'],
        ['Priority', 'urgent'],
        ['Due', DUE],
        ['Type', 'patient'],
      ]) {
        expect(text).toContain(`\n${label}: ${value}\n`);
        expect(html).toContain(`<th align="left">${label}</th><td>${value}</td>`);
      }
      expect(text).toContain(`\nOpen the lead: ${LINK}\n`);
      expect(html).toContain(`<a href="${LINK}">`);
      expect(text).toContain('The details are in the intake inbox, never in email.');
      expect(html).toContain('The details are in the intake inbox, never in email.');
      expect(parsed.subject).toContain('urgent request for urgent-care-desk');
    });

    it('has only the headers it needs, marked as sent by a machine', () => {
      const { parsed } = get(purpose);
      expect(parsed.headerLines.map((header) => header.key).sort()).toEqual([
        'auto-submitted',
        'content-type',
        'date',
        'from',
        'message-id',
        'mime-version',
        'subject',
        'to',
        'x-auto-response-suppress',
      ]);
      expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
      expect(parsed.headers.get('x-auto-response-suppress')).toBe('All');
      expect(parsed.messageId).toMatch(/^<[0-9a-f-]+@riverbend\.example>$/);
    });
  });

  describe('the confirmation', () => {
    it('goes to the address the person gave, with replies to the organization', () => {
      const { mail, parsed } = get('confirmation');
      expect(mail.rcptTo).toEqual([PERSON.email]);
      expect(parsed.to).toMatchObject({ value: [{ address: PERSON.email, name: '' }] });
      expect(parsed.replyTo).toMatchObject({ value: [{ address: 'hello@riverbend.example' }] });
    });

    it('names nothing they typed but their address, and that only in To', () => {
      const { mail, decoded, decodedWithoutTo } = get('confirmation');
      const rawWithoutTo = mail.raw.replace(/^To: [^\r\n]*\r\n/im, '');
      expect(mail.raw).toContain(`\r\nTo: ${PERSON.email}\r\n`);
      expect(rawWithoutTo).not.toMatch(/quaxworth/i);
      expect(findPlanted(rawWithoutTo)).toEqual([]);
      expect(findPlanted(rawWithoutTo.replace(/=\r\n/g, ''))).toEqual([]);
      expect(findPlanted(decodedWithoutTo)).toEqual([]);
      expect(findPlanted(decoded)).toEqual(['Quaxworth']);
    });

    it('says when the team will call, to call 911 in an emergency, and how to call the organization', () => {
      const { parsed } = get('confirmation');
      expect(parsed.subject).toBe('Riverbend Health: we received your request');
      for (const part of [parsed.text ?? '', typeof parsed.html === 'string' ? parsed.html : '']) {
        expect(part).toContain(`Our team will contact you by ${DUE}.`);
        expect(part).toContain('If this is an emergency, call 911.');
        expect(part).toContain('(503) 555-0100');
        expect(part).toContain('Riverbend Health');
      }
    });
  });
});

describe('what an attempt got', () => {
  const MESSAGE: EmailMessage = { to: STAFF, subject: 'New urgent request for urgent-care-desk', text: 'Open the lead.', html: '<p>Open the lead.</p>' };
  const sendTo = async (smtp: SmtpSettings, options: { timeoutMs?: number; message?: EmailMessage } = {}) => {
    const sender = createMailSender({ smtp, from: FROM, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
    try {
      const outcome = await sender.send(options.message ?? MESSAGE);
      // What goes into logs and the outbox row: no address, no password.
      if ('detail' in outcome) {
        expect(outcome.detail).not.toMatch(/@|riverbend|päss|w0rd/i);
      }
      return outcome;
    } finally {
      sender.close();
    }
  };
  const withInbox = async <T>(options: Parameters<typeof startSmtpInbox>[0], run: (inbox: SmtpInbox) => Promise<T>): Promise<T> => {
    const inbox = await startSmtpInbox(options);
    try {
      return await run(inbox);
    } finally {
      await inbox.close();
    }
  };

  it('nobody listening: retry, the destination is down', async () => {
    const port = await getClosedPort();
    expect(await sendTo(parseSmtpUrl(`smtp://127.0.0.1:${port}`))).toEqual({ kind: 'retry', detail: 'SMTP connection failed: ECONNREFUSED', destinationDown: true });
  });

  it('a server that never greets: retry after the timeout, the destination is down', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const outcome = await sendTo(parseSmtpUrl(`smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`), { timeoutMs: 300 });
      expect(outcome).toEqual({ kind: 'retry', detail: 'SMTP timeout after 0.3 s', destinationDown: true });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await closeServer(silent);
    }
  });

  it('a wrong password: retry, the destination is down (every message would fail)', async () => {
    await withInbox({ auth: AUTH }, async (inbox) => {
      const smtp = { ...parseSmtpUrl(inbox.url), auth: { user: AUTH.user, pass: 'wrong-w0rd' } };
      expect(await sendTo(smtp)).toEqual({ kind: 'retry', detail: 'SMTP 535 at AUTH PLAIN login refused: check the user and password in SMTP_URL', destinationDown: true });
      expect(inbox.received).toEqual([]);
    });
  });

  it('no login where the server wants one: retry, the destination is down', async () => {
    await withInbox({ auth: AUTH }, async (inbox) => {
      expect(await sendTo({ ...parseSmtpUrl(inbox.url), auth: undefined })).toEqual({ kind: 'retry', detail: 'SMTP 530 at MAIL FROM', destinationDown: true });
      expect(inbox.received).toEqual([]);
    });
  });

  it('STARTTLS required but not offered: nothing sent, retry, the destination is down', async () => {
    await withInbox({}, async (inbox) => {
      const outcome = await sendTo({ ...parseSmtpUrl(inbox.url), requireTLS: true });
      expect(outcome).toMatchObject({ kind: 'retry', destinationDown: true });
      expect(outcome.detail).toBe('SMTP 500 at STARTTLS: no STARTTLS, which SMTP_URL requires off localhost');
      expect(inbox.received).toEqual([]);
    });
  });

  it('a certificate that does not verify (smtps): nothing sent, retry, the destination is down', async () => {
    let received = 0;
    const secure = new SMTPServer({ secure: true, authOptional: true, logger: false, onData: (stream, _session, callback) => stream.on('end', () => callback(null, String(++received))).resume() });
    // The server reports the client's hang-up after the failed handshake as an error.
    secure.on('error', () => {});
    await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
    try {
      const port = (secure.server.address() as AddressInfo).port;
      // smtp-server's own certificate: self-signed, for another name (and expired by now).
      const outcome = await sendTo(parseSmtpUrl(`smtps://127.0.0.1:${port}`));
      expect(outcome).toMatchObject({ kind: 'retry', destinationDown: true });
      expect(outcome.detail).toMatch(/^SMTP connection failed: (DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID|SELF_SIGNED_CERT_IN_CHAIN)$/);
      expect(received).toBe(0);
    } finally {
      await new Promise<void>((resolve) => secure.close(() => resolve()));
    }
  });

  it.each([
    ['RCPT TO', 550, '5.1.1', 'SMTP 550 5.1.1 at RCPT TO', false],
    ['RCPT TO', 553, '', 'SMTP 553 at RCPT TO', false],
    ['DATA', 554, '5.7.1', 'SMTP 554 5.7.1 at DATA', false],
    ['DATA', 552, '', 'SMTP 552 at DATA', false],
    ['RCPT TO', 450, '4.2.1', 'SMTP 450 4.2.1 at RCPT TO', true],
    ['RCPT TO', 452, '', 'SMTP 452 at RCPT TO', true],
    ['DATA', 451, '4.3.0', 'SMTP 451 4.3.0 at DATA', true],
    ['DATA', 421, '', 'SMTP 421 at DATA', true],
    ['MAIL FROM', 550, '5.7.1', 'SMTP 550 5.7.1 at MAIL FROM', true],
    ['MAIL FROM', 451, '', 'SMTP 451 at MAIL FROM', true],
  ] as const)('the server refuses %s with %i %s: retry, "%s", destination down %s', async (stage, code, status, detail, destinationDown) => {
    // The server's words name the address and more, as real servers' do: the outcome must not repeat them.
    const refuse = (address: string) => smtpError(code, `${status ? `${status} ` : ''}No thanks for <${address}> and ${PERSON.name}`);
    const options: SMTPServerOptions = {
      'MAIL FROM': { onMailFrom: (address, _session, callback) => callback(refuse(address.address)) } satisfies SMTPServerOptions,
      'RCPT TO': { onRcptTo: (address, _session, callback) => callback(refuse(address.address)) } satisfies SMTPServerOptions,
      DATA: { onData: (stream, session, callback) => stream.on('end', () => callback(refuse(session.envelope.rcptTo[0]?.address ?? ''))).resume() } satisfies SMTPServerOptions,
    }[stage];
    await withInbox({ options }, async (inbox) => {
      expect(await sendTo(parseSmtpUrl(inbox.url))).toEqual({ kind: 'retry', detail, destinationDown });
      expect(inbox.received).toEqual([]);
    });
  });

  it('one recipient of two refused: delivered to the other, and the detail says so', async () => {
    await withInbox({ options: { onRcptTo: (address, _session, callback) => callback(address.address === STAFF[1] ? smtpError(550, `No such user ${address.address}`) : null) } }, async (inbox) => {
      expect(await sendTo(parseSmtpUrl(inbox.url))).toEqual({ kind: 'delivered', detail: 'SMTP 250 accepted for 1 of 2 recipients' });
      expect(inbox.received.map((mail) => mail.rcptTo)).toEqual([[STAFF[0]]]);
    });
  });

  it('an address nodemailer will not send to: retry this message only, nothing sent', async () => {
    await withInbox({}, async (inbox) => {
      const outcome = await sendTo(parseSmtpUrl(inbox.url), { message: { ...MESSAGE, to: ['not an address'] } });
      expect(outcome).toEqual({ kind: 'retry', detail: 'SMTP send failed: EENVELOPE', destinationDown: false });
      expect(inbox.received).toEqual([]);
    });
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('Expected an error.');
}

/** A port that was free a moment ago and that nothing listens on now. */
async function getClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await closeServer(server);
  return port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => server.close(() => resolve()));
}
