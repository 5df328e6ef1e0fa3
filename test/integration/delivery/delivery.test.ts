import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeLeadsDb, startServer, type RunningServer } from '../../support/built-server.ts';
import { makeWebhookSecret, startSmtpReceiver, startWebhookReceiver, type ReceivedMail, type WebhookReceiver, type WebhookScript } from '../../support/delivery-receivers.ts';

/**
 * Delivery end to end: the built server, a real SMTP server and a real HTTP receiver that
 * verifies signatures with the `standardwebhooks` package. A short retry schedule
 * (LEADS_RETRY_SCHEDULE) stands in for the production one, which spans about 27 hours.
 */
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** Distinct strings a person might type; none may leave the server in an email or a thin webhook. */
const PLANTED = {
  name: 'Zebulon Quackenbush',
  phone: '503 555 0199',
  email: 'zebulon.quackenbush@patient.example',
};
const PLANTED_VALUES = [...Object.values(PLANTED), '5035550199', 'Quackenbush', 'zebulon'];

const routing = parse(readFileSync('content/routing/routing.yaml', 'utf8')) as {
  rules: { name: string; route: { queue: string; notify?: string[]; escalate?: string[] } }[];
  defaultRoute: { queue: string; notify?: string[] };
};
const notifyOf = (queue: string): string[] =>
  routing.rules.find((rule) => rule.route.queue === queue)?.route.notify ?? (routing.defaultRoute.queue === queue ? (routing.defaultRoute.notify ?? []) : []);

interface Harness {
  server: RunningServer;
  webhook: WebhookReceiver;
  smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  db: { path: string; remove: () => void };
  env: Record<string, string>;
  output: () => string;
}

async function startHarness(options: { script?: WebhookScript; schedule?: string; env?: Record<string, string>; db?: Harness['db'] } = {}): Promise<Harness> {
  const secret = makeWebhookSecret();
  const webhook = await startWebhookReceiver({ secret, ...(options.script ? { script: options.script } : {}) });
  const smtp = await startSmtpReceiver();
  const db = options.db ?? makeLeadsDb();
  const env = {
    LEADS_WEBHOOK_URL: webhook.url,
    LEADS_WEBHOOK_SECRET: secret,
    SMTP_URL: smtp.url,
    LEADS_MAIL_FROM: 'Riverbend Health <no-reply@riverbend.example>',
    LEAD_RATE_LIMIT: '100000',
    LEADS_RETRY_SCHEDULE: options.schedule ?? '0,1,1,1,1,1,1,1',
    ...options.env,
  };
  const server = await startServer({ leadsDb: db.path, env });
  let output = '';
  server.process.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.process.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cleanup.push(
    () => server.stop(),
    () => webhook.close(),
    () => smtp.close(),
    db.remove,
  );
  return { server, webhook, smtp, db, env, output: () => output };
}

async function postLead(server: RunningServer, body: Record<string, unknown>): Promise<{ status: number; id: string }> {
  const response = await fetch(`${server.origin}/api/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify({ leadType: 'patient', timing: 'flexible', consent: true, ...body }),
  });
  const json = (await response.json()) as { id?: string };
  return { status: response.status, id: json.id ?? '' };
}

async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The CLI as a child process without blocking this one (whose receivers must go on answering). */
function cliAsync(db: string, args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node_modules/.bin/node', ['src/server/cli/leads.ts', ...args], { env: { ...process.env, LEADS_DB: db, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function cli(db: string, args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('node_modules/.bin/node', ['src/server/cli/leads.ts', ...args], { env: { ...process.env, LEADS_DB: db, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every place a planted value could hide in a message: raw bytes, decoded headers, both parts. */
function mailTexts(mail: ReceivedMail): string[] {
  return [mail.raw, mail.subject, mail.text, mail.html, ...mail.headerLines];
}

describe('a lead posted with SMTP_URL and LEADS_WEBHOOK_URL set', () => {
  it('reaches the CRM webhook and its queue’s addresses within seconds, with no personal value in either', async () => {
    const h = await startHarness();
    const posted = await postLead(h.server, { ...PLANTED, service: 'urgent-care', location: 'pearl-district', timing: 'asap' });
    expect(posted.status).toBe(201);

    const hook = await waitFor('the webhook', () => h.webhook.received[0], 10_000);
    expect(hook.verified).toBe(true);
    const payload = JSON.parse(hook.body) as { type: string; data: Record<string, unknown> };
    expect(payload.type).toBe('lead.created');
    expect(payload.data).toMatchObject({ id: posted.id, service: 'urgent-care', location: 'pearl-district' });
    const queue = String(payload.data['queue']);
    expect(payload.data['url']).toMatch(new RegExp(`^https?://[^/]+/intake/leads/${posted.id}/$`));
    for (const value of PLANTED_VALUES) expect(hook.body.toLowerCase()).not.toContain(value.toLowerCase());

    const recipients = notifyOf(queue);
    expect(recipients.length, `the sample routes ${queue} to addresses`).toBeGreaterThan(0);
    const mail = await waitFor('the team email', () => h.smtp.messages[0], 10_000);
    expect(mail.to).toEqual(recipients);
    expect(mail.subject).toMatch(new RegExp(`request for ${queue}$`));
    expect(mail.text).toContain(`/intake/leads/${posted.id}/`);
    for (const text of mailTexts(mail)) {
      for (const value of PLANTED_VALUES) expect(text.toLowerCase()).not.toContain(value.toLowerCase());
    }

    const deliveries = JSON.parse(cli(h.db.path, ['deliveries', '--lead', posted.id, '--json']).stdout) as { destination: string; purpose: string; state: string }[];
    expect(
      deliveries
        .filter((d) => d.state === 'delivered')
        .map((d) => `${d.purpose} ${d.destination}`)
        .sort(),
    ).toEqual([`lead email:${queue}`, 'lead webhook:crm']);
    // The reminder waits for the due time; the escalation (when the route has one) for twice it.
    expect(deliveries.filter((d) => d.state === 'pending').map((d) => d.purpose)).toContain('reminder');
  });

  it('keeps a behavioral-health request’s service out of the team email', async () => {
    const h = await startHarness();
    const posted = await postLead(h.server, { ...PLANTED, service: 'behavioral-health' });
    expect(posted.status).toBe(201);
    const mail = await waitFor('the team email', () => h.smtp.messages[0], 10_000);
    for (const text of mailTexts(mail)) {
      expect(text.toLowerCase()).not.toContain('behavioral');
      expect(text.toLowerCase()).not.toContain('counsel');
    }
  });
});

describe('retries', () => {
  it('sends one delivery three times with the same webhook-id when the receiver answers 503 twice, then 200', async () => {
    const h = await startHarness({ script: (index) => (index < 2 ? { status: 503 } : undefined) });
    const posted = await postLead(h.server, { name: 'Retry Test', phone: '503 555 0101' });
    await waitFor('three attempts', () => h.webhook.received.length >= 3, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(h.webhook.received.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(new Set(h.webhook.received.map((r) => r.id)).size).toBe(1);
    expect(h.webhook.received.every((r) => r.verified)).toBe(true);
    const [crm] = (JSON.parse(cli(h.db.path, ['deliveries', '--lead', posted.id, '--json']).stdout) as { id: string; destination: string; attempts: number; state: string }[]).filter(
      (d) => d.destination === 'webhook:crm',
    );
    expect(crm).toMatchObject({ id: h.webhook.received[0]?.id, attempts: 3, state: 'delivered' });
  });

  it('honours Retry-After on 429', async () => {
    const h = await startHarness({ schedule: '0,1,1,1,1,1,1,1,1,1', script: (index) => (index === 0 ? { status: 429, headers: { 'retry-after': '3' } } : undefined) });
    await postLead(h.server, { name: 'Slow Down', phone: '503 555 0102' });
    await waitFor('the second attempt', () => h.webhook.received[1], 15_000);
    const [first, second] = h.webhook.received;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(2900);
    expect(second?.status).toBe(200);
  });

  it('disables a destination that answers 410, says so, holds what follows, and sends it once enabled', async () => {
    const h = await startHarness({ script: (index) => (index === 0 ? { status: 410 } : undefined) });
    await postLead(h.server, { name: 'Gone One', phone: '503 555 0103' });
    await waitFor('the 410', () => h.webhook.received[0], 10_000);
    await postLead(h.server, { name: 'Gone Two', phone: '503 555 0104' });
    await waitFor('the loud log line', () => h.output().includes('DELIVERY DISABLED: webhook:crm'), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(h.webhook.received).toHaveLength(1);
    const listing = cli(h.db.path, ['deliveries']);
    expect(listing.stdout).toContain('DISABLED webhook:crm: HTTP 410');
    expect(listing.stdout).toContain('2 waiting');

    expect(cli(h.db.path, ['enable', 'webhook:crm']).status).toBe(0);
    await waitFor('both held deliveries', () => h.webhook.received.length >= 3, 10_000);
    expect(new Set(h.webhook.acceptedIds()).size).toBe(2);
  });
});

describe('outages and crashes', () => {
  it('delivers after a restart what a receiver missed while it was down and the server was killed', async () => {
    const secret = makeWebhookSecret();
    const webhook = await startWebhookReceiver({ secret });
    await webhook.down();
    const db = makeLeadsDb();
    cleanup.push(() => webhook.close(), db.remove);
    const env = { LEADS_WEBHOOK_URL: webhook.url, LEADS_WEBHOOK_SECRET: secret, LEADS_RETRY_SCHEDULE: '0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1' };
    const first = await startServer({ leadsDb: db.path, env });
    const posted = await postLead(first, { name: 'Crash Test', phone: '503 555 0105' });
    expect(posted.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await first.kill();

    await webhook.up();
    const second = await startServer({ leadsDb: db.path, env });
    cleanup.push(() => second.stop());
    await waitFor('the delivery after the restart', () => webhook.acceptedIds().length > 0, 15_000);
    const payload = JSON.parse(webhook.received[0]?.body ?? '{}') as { data: { id: string } };
    expect(payload.data.id).toBe(posted.id);
  });

  it('sends each delivery again only with the same webhook-id when the server is killed while delivering', async () => {
    const secret = makeWebhookSecret();
    const webhook = await startWebhookReceiver({ secret, delayMs: 30 });
    const db = makeLeadsDb();
    cleanup.push(() => webhook.close(), db.remove);
    const env = { LEADS_WEBHOOK_URL: webhook.url, LEADS_WEBHOOK_SECRET: secret, LEAD_RATE_LIMIT: '100000', LEADS_DELIVERY_WORKER: 'off', LEADS_RETRY_SCHEDULE: Array(30).fill(1).join(',') };
    const posting = await startServer({ leadsDb: db.path, env });
    const ids: string[] = [];
    for (let i = 0; i < 150; i += 1) ids.push((await postLead(posting, { name: `Kill Test ${i}`, phone: '503 555 0107' })).id);
    await posting.stop();

    // Each round kills the delivering server after a few more deliveries reached the receiver.
    const withWorker = { ...env, LEADS_DELIVERY_WORKER: 'on' };
    for (let round = 0; round < 4; round += 1) {
      const server = await startServer({ leadsDb: db.path, env: withWorker });
      const seen = webhook.received.length;
      await waitFor('more deliveries', () => webhook.received.length >= seen + 10, 15_000);
      await server.kill();
    }
    const last = await startServer({ leadsDb: db.path, env: withWorker });
    cleanup.push(() => last.stop());
    await waitFor('every lead', () => new Set(webhook.acceptedIds()).size >= 150, 30_000);

    const idsByLead = new Map<string, Set<string>>();
    for (const r of webhook.received) {
      const leadId = (JSON.parse(r.body) as { data: { id: string } }).data.id;
      idsByLead.set(leadId, (idsByLead.get(leadId) ?? new Set()).add(r.id));
    }
    expect(new Set(idsByLead.keys())).toEqual(new Set(ids));
    // A repeat, if any, carries the same id: each lead was sent under one webhook-id only.
    expect([...idsByLead.values()].every((set) => set.size === 1)).toBe(true);
    // Attempts are recorded after each batch of 20: a kill repeats at most the batch in flight.
    expect(webhook.received.length).toBeLessThanOrEqual(150 + 4 * 20);
  });

  it('delivers 1,000 leads posted while the receivers are down exactly once per destination, in creation order per queue', async () => {
    const secret = makeWebhookSecret();
    const webhook = await startWebhookReceiver({ secret });
    await webhook.down();
    const smtp = await startSmtpReceiver();
    const smtpPort = smtp.port;
    await smtp.close();
    const db = makeLeadsDb();
    cleanup.push(() => webhook.close(), db.remove);
    const env = {
      LEADS_WEBHOOK_URL: webhook.url,
      LEADS_WEBHOOK_SECRET: secret,
      SMTP_URL: `smtp://carepath:smtp-secret@127.0.0.1:${smtpPort}`,
      LEADS_MAIL_FROM: 'no-reply@riverbend.example',
      LEAD_RATE_LIMIT: '100000',
      LEADS_RETRY_SCHEDULE: Array(60).fill(1).join(','),
    };
    const server = await startServer({ leadsDb: db.path, env });
    cleanup.push(() => server.stop());

    const services = ['urgent-care', 'primary-care', 'dental', 'behavioral-health', 'pediatrics'];
    const ids: string[] = [];
    for (let start = 0; start < 1000; start += 20) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          postLead(server, { name: `Outage ${start + i}`, phone: `503 555 ${String(1000 + start + i).slice(-4)}`, service: services[(start + i) % services.length] }),
        ),
      );
      for (const result of batch) {
        expect(result.status).toBe(201);
        ids.push(result.id);
      }
    }
    expect(new Set(ids).size).toBe(1000);

    await webhook.up();
    const mail = await startSmtpReceiver({ port: smtpPort });
    cleanup.push(() => mail.close());
    await waitFor('1,000 webhooks', () => new Set(webhook.acceptedIds()).size >= 1000, 120_000);
    const accepted = webhook.received.filter((r) => r.status === 200);
    expect(accepted).toHaveLength(1000);
    expect(new Set(accepted.map((r) => r.id)).size).toBe(1000);
    const leadIds = accepted.map((r) => (JSON.parse(r.body) as { data: { id: string } }).data.id);
    expect(new Set(leadIds)).toEqual(new Set(ids));
    // One destination, so creation order overall (lead ids sort in creation order).
    expect(leadIds).toEqual([...leadIds].sort());

    const queues = new Map<string, string[]>();
    for (const r of accepted) {
      const data = (JSON.parse(r.body) as { data: { id: string; queue: string } }).data;
      if (notifyOf(data.queue).length > 0) queues.set(data.queue, [...(queues.get(data.queue) ?? []), data.id]);
    }
    const expectedMails = [...queues.values()].reduce((sum, list) => sum + list.length, 0);
    await waitFor(`${expectedMails} team emails`, () => mail.messages.length >= expectedMails, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(mail.messages).toHaveLength(expectedMails);
    for (const [queue, expected] of queues) {
      // By recipients, not subject: a concealed queue's emails do not name it.
      const received = mail.messages.filter((m) => m.to.join() === notifyOf(queue).join()).map((m) => /\/leads\/([0-9A-Z]{26})\//.exec(m.text)?.[1]);
      expect(received, queue).toEqual(expected);
    }
  }, 300_000);
});

describe('the server’s start', () => {
  it.each([
    ['a webhook URL that is not https', { LEADS_WEBHOOK_URL: 'http://crm.example/hooks', LEADS_WEBHOOK_SECRET: makeWebhookSecret() }, 'LEADS_WEBHOOK_URL'],
    ['a secret that is not whsec_', { LEADS_WEBHOOK_URL: 'https://crm.example/hooks', LEADS_WEBHOOK_SECRET: 'hunter2' }, 'LEADS_WEBHOOK_SECRET'],
    ['a named webhook the routing file does not declare', { LEADS_WEBHOOK_EPIC_URL: 'https://epic.example/hooks', LEADS_WEBHOOK_EPIC_SECRET: makeWebhookSecret() }, 'does not declare'],
    ['SMTP_URL without LEADS_MAIL_FROM', { SMTP_URL: 'smtp://mail.example:587' }, 'LEADS_MAIL_FROM'],
  ])('stops in seconds on %s, naming it', (_, env, expected) => {
    const db = makeLeadsDb();
    cleanup.push(db.remove);
    const result = spawnSync('node_modules/.bin/node', ['dist/server/entry.mjs'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LEADS_DB: db.path, ...env },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Carepath cannot start');
    expect(result.stderr).toContain(expected);
  });
});

describe('the CLI', () => {
  it('marks a lead contacted, so that no reminder follows its notification', async () => {
    const h = await startHarness({ env: { LEADS_DELIVERY_WORKER: 'off' } });
    const posted = await postLead(h.server, { name: 'Called Back', phone: '503 555 0106', service: 'urgent-care' });
    expect(cli(h.db.path, ['contacted', posted.id]).stdout).toContain(`Lead ${posted.id} is marked contacted`);
    const settings = { DELIVERY_SETTINGS: 'dist/server/delivery-settings.json' };
    const once = await cliAsync(h.db.path, ['deliver', '--once'], { ...h.env, ...settings });
    expect(once.status, once.stderr).toBe(0);
    expect(once.stdout).toMatch(/2 attempted, 2 delivered/);
    expect(h.webhook.acceptedIds()).toHaveLength(1);
    // Contacted before its notification went out: no reminder or escalation is planned at all.
    const listed = JSON.parse(cli(h.db.path, ['deliveries', '--lead', posted.id, '--json']).stdout) as { purpose: string; state: string }[];
    expect(listed.map((d) => `${d.purpose} ${d.state}`).sort()).toEqual(['lead delivered', 'lead delivered']);
    expect(execFileSync('node_modules/.bin/node', ['src/server/cli/leads.ts', 'show', posted.id], { env: { ...process.env, LEADS_DB: h.db.path }, encoding: 'utf8' })).toMatch(/status\s+contacted/);
  });
});
