import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureSite, type BuildResult } from '../support/astro-build.ts';
import { makeLeadsDb, startServer, type RunningServer } from '../support/built-server.ts';
import { makeWebhookSecret, startWebhookReceiver, type WebhookReceiver } from '../support/delivery-receivers.ts';
import { createFixtureSite, SECOND_ORG, type FixtureSite } from '../support/fixtures.ts';
import { assertSystemTools, getSystemTools } from '../support/system-tools.ts';
import { listLeads } from '../integration/endpoint/leads.ts';
import { DELIVERY_SETTINGS_FILE, DELIVERY_SETTINGS_PATH } from '@/lib/leads/delivery-settings.ts';
import type { DeliverySettings } from '@/lib/leads/delivery.ts';

/**
 * The second fixture organization (test/fixtures/second-org: Texas children's and orthopedic
 * care, a clinic on Mountain time, a night clinic, a 24-hour clinic, a service only by video, a
 * support service, RTL names, Spanish text, markup characters in text fields), built for real:
 * the SEO audit finds nothing, the Nu Html Checker finds no error in any page, and each service
 * takes a lead posted from its own pages, as a person without JavaScript would send it.
 */
let site: FixtureSite;
let result: BuildResult;
let server: RunningServer | undefined;
let db: ReturnType<typeof makeLeadsDb>;
// Its routing file declares a webhook (telehealth-ehr): the server starts only with its URL and secret.
const WEBHOOK_SECRET = makeWebhookSecret();
let webhook: WebhookReceiver;
beforeAll(async () => {
  site = createFixtureSite(undefined, { base: SECOND_ORG });
  result = await buildFixtureSite(site);
  db = makeLeadsDb();
  webhook = await startWebhookReceiver({ secret: WEBHOOK_SECRET });
}, 150_000);
afterAll(async () => {
  await server?.stop();
  await webhook?.close();
  db?.remove();
  site?.remove();
});

/** The built server, with both webhooks the organization uses pointed at the test's receiver. */
const startSecondOrgServer = () =>
  startServer({
    leadsDb: db.path,
    distDir: dist(),
    env: {
      LEAD_RATE_LIMIT: '1000',
      LEADS_WEBHOOK_URL: webhook.url,
      LEADS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      LEADS_WEBHOOK_TELEHEALTH_EHR_URL: webhook.url,
      LEADS_WEBHOOK_TELEHEALTH_EHR_SECRET: WEBHOOK_SECRET,
    },
  });

const dist = () => join(site.root, 'dist');
const htmlFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .map((file) => join(dir, file));

describe('the second fixture organization, built', () => {
  it('builds with a clean SEO audit', () => {
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/seo-report\.html: \d+ pages, \d+ indexable, \d+ in sitemaps, 0 errors, 0 warnings\./);
  });

  it('has no page for the service only by video at any location, and a page for each in-person pair', () => {
    const pages = htmlFiles(join(dist(), 'client')).map((file) => file.slice(join(dist(), 'client').length));
    expect(pages.filter((page) => page.includes('/behavioral-health-by-video/'))).toEqual(['/services/behavioral-health-by-video/index.html']);
    expect(pages).toContain('/locations/austin-night-clinic/after-hours-urgent-care/index.html');
    expect(pages).toContain('/locations/san-antonio-medical-center/interpreter-services/index.html');
  });

  it('claims no address, map position or hours for the mobile clinic, and shows its stops', () => {
    const page = readFileSync(join(dist(), 'client', 'locations', 'la-clinica-movil', 'index.html'), 'utf8');
    const graph = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1] ?? '';
    const clinic = (JSON.parse(graph) as { '@graph': Record<string, unknown>[] })['@graph'].find((node) => String(node['@id']).endsWith('/la-clinica-movil/#clinic'));
    expect(clinic?.['@type']).toBe('MedicalOrganization');
    for (const property of ['address', 'geo', 'openingHoursSpecification']) expect(clinic).not.toHaveProperty(property);
    expect(page).toContain('Tuesdays, 9 AM – 1 PM: Lincoln Elementary, 210 Oak St.');
    expect(page).not.toMatch(/openstreetmap/);
  });

  it('passes the Nu Html Checker on every page', { timeout: 120_000 }, () => {
    assertSystemTools(['java']);
    const jar = String(createRequire(import.meta.url)('vnu-jar'));
    const files = htmlFiles(join(dist(), 'client'));
    const vnu = spawnSync(getSystemTools(process.env).java.command, ['-jar', jar, '--format', 'json', '--stdout', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const messages = (JSON.parse(vnu.stdout) as { messages: { type: string; url?: string; message: string; lastLine?: number }[] }).messages;
    const errors = messages.filter((m) => m.type !== 'info').map((m) => `${m.url?.slice(m.url.indexOf('/client/'))}:${m.lastLine}: ${m.message}`);
    expect(errors).toEqual([]);
    expect(vnu.status, vnu.stderr).toBe(0);
    expect(files.length).toBeGreaterThan(30);
  });
});

describe('the delivery settings', () => {
  it('are written for the server, from the routing and organization files', () => {
    const settings = JSON.parse(readFileSync(join(dist(), 'server', DELIVERY_SETTINGS_FILE), 'utf8')) as DeliverySettings;
    expect(settings).toEqual({
      organization: { name: "Solana Children's & Orthopedic Care", phone: '+12105550100', email: 'hola@solana.example', timeZone: 'America/Chicago' },
      confirmation: true,
      deliverSpam: true,
      webhooks: { crm: { payload: 'full' }, 'telehealth-ehr': { payload: 'full' } },
      retention: { closedLeadsDays: null, spamDays: null },
    });
  });

  it('are neither deployed, listed nor served', async () => {
    expect(existsSync(join(dist(), 'client', DELIVERY_SETTINGS_FILE))).toBe(false);
    for (const file of readdirSync(join(dist(), 'client')).filter((name) => name.startsWith('sitemap'))) {
      expect(readFileSync(join(dist(), 'client', file), 'utf8'), file).not.toContain(DELIVERY_SETTINGS_FILE);
    }
    server ??= await startSecondOrgServer();
    const response = await fetch(`${server.origin}${DELIVERY_SETTINGS_PATH}`);
    expect(response.status).toBe(404);
    // The 404 page, not the settings (the organization's own address is on every page).
    expect(await response.text()).not.toMatch(/deliverSpam|telehealth-ehr/);
  });
});

/** The first webhook request whose body matches, within a few seconds. */
async function waitForWebhook(match: (body: { data: { id: string; fields?: Record<string, string> } }) => boolean) {
  await expect.poll(() => webhook.received.some((r) => match(JSON.parse(r.body) as never)), { timeout: 10_000 }).toBe(true);
  const found = webhook.received.find((r) => match(JSON.parse(r.body) as never));
  if (!found) throw new Error('no webhook request matched');
  return found;
}

describe('a lead for every service, from its own pages', () => {
  /** The `<option>` values of a select in a page. */
  const options = (html: string, name: string): string[] => {
    const select = new RegExp(`<select[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
    return [...select.matchAll(/<option[^>]*\bvalue="([^"]*)"/g)].map((m) => m[1] ?? '').filter(Boolean);
  };
  const selected = (html: string, name: string): string | undefined => {
    const select = new RegExp(`<select[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
    return /<option[^>]*\bvalue="([^"]+)"[^>]*\bselected/.exec(select)?.[1];
  };

  const post = async (page: string, fields: Record<string, string>) => {
    if (!server) throw new Error('no server');
    const body = new URLSearchParams({ leadType: 'patient', 'patient.name': `Persona ${page}`, 'patient.phone': '210 555 0142', 'patient.timing': 'flexible', consent: 'yes', ...fields });
    return fetch(`${server.origin}/api/leads`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin, referer: `${server.origin}${page}` },
      redirect: 'manual',
    });
  };

  it.each([
    ['/services/pediatric-primary-care/', 'pediatric-primary-care', undefined],
    ['/services/behavioral-health-by-video/', 'behavioral-health-by-video', undefined],
    ['/locations/austin-night-clinic/after-hours-urgent-care/', 'after-hours-urgent-care', 'austin-night-clinic'],
    ['/locations/houston-24-hour/pediatric-orthopedics/', 'pediatric-orthopedics', 'houston-24-hour'],
    ['/locations/el-paso-eastside/pediatric-primary-care/', 'pediatric-primary-care', 'el-paso-eastside'],
  ])('%s', async (page, service, location) => {
    server ??= await startSecondOrgServer();
    const html = await (await fetch(`${server.origin}${page}`)).text();
    expect(options(html, 'service')).toContain(service);
    if (location !== undefined) expect(selected(html, 'location')).toBe(location);
    const response = await post(page, { service, ...(location === undefined ? {} : { location }) });
    expect(response.status).toBe(303);
    const stored = listLeads(db.path).find((lead) => lead.fields['name'] === `Persona ${page}`);
    expect(stored?.fields).toMatchObject({ service, ...(location === undefined ? {} : { location }) });
    // Every lead reaches the organization's webhook; its payload is `full` here (a CRM under a BAA).
    const crm = await waitForWebhook((body) => body.data.id === stored?.id && body.data.fields?.['name'] === `Persona ${page}`);
    expect(crm.verified).toBe(true);
    if (service === 'behavioral-health-by-video') {
      // And its route's own webhook, with the same lead under another webhook-id.
      const idsOfLead = () => new Set(webhook.received.filter((r) => (JSON.parse(r.body) as { data: { id: string } }).data.id === stored?.id).map((r) => r.id));
      await expect.poll(() => idsOfLead().size, { timeout: 10_000 }).toBe(2);
      expect([...idsOfLead()].every((id) => id.startsWith(`${stored?.id}-`))).toBe(true);
    }
  });

  it('the support service is not in the form, and a post naming it is refused with its page again', async () => {
    server ??= await startSecondOrgServer();
    const page = '/services/interpreter-services/';
    const html = await (await fetch(`${server.origin}${page}`)).text();
    expect(options(html, 'service')).not.toContain('interpreter-services');
    const response = await post(page, { service: 'interpreter-services' });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Choose a service from the list.');
  });

  it('keeps what the pages say about the organization as written, markup characters and all', () => {
    const page = readFileSync(join(dist(), 'client', 'locations', 'houston-24-hour', 'index.html'), 'utf8');
    expect(page).toContain('Houston 24/7 &lt;Ortho &amp; Kids&gt;');
    // Unescaped only inside attribute values (og:title and the like), where "<" is plain text.
    expect(page.match(/<Ortho/g)?.length).toBe(page.match(/="Houston 24\/7 <Ortho/g)?.length);
    const adhd = readFileSync(join(dist(), 'client', 'conditions', 'adhd', 'index.html'), 'utf8');
    expect(adhd).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(adhd.match(/<script\b/g)?.length).toBe(adhd.match(/<script type="application\/ld\+json"|<script type="module"|<script src=/g)?.length);
  });
});
