import { execFileSync } from 'node:child_process';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { LEADS_DB, ORIGIN } from './support/environment.ts';
import { PHONE } from '../support/chromium.ts';
import { TYPE_LABELS } from './support/lead-form.ts';
import { readCollection } from './support/content.ts';

interface ListedLead {
  id: string;
  leadType: string;
  status: string;
  route: { queue: string };
  fields: Record<string, string>;
  attribution: Record<string, string>;
  flags: string[];
  submissionKey: string | null;
}

/** Every stored lead, read the way intake reads them: `npm run leads -- list --json`. */
function readLeads(): ListedLead[] {
  const out = execFileSync('node_modules/.bin/node', ['src/server/cli/leads.ts', 'list', '--json'], {
    env: { ...process.env, LEADS_DB },
    encoding: 'utf8',
  });
  return JSON.parse(out) as ListedLead[];
}
const leadNamed = (name: string) => readLeads().filter((lead) => lead.fields['name'] === name);

/** A person takes longer than the time trap's minimum fill time; so does this test. */
const takeYourTime = (page: Page) => page.waitForTimeout(3_200);

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

type Form = Pick<Locator, 'getByLabel' | 'getByRole'>;

/** How a person fills in each kind of request, by the labels they read. */
const PEOPLE = {
  patient: async (page: Form, name: string) => {
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Phone').fill('503 555 0142');
    await page.getByLabel('When you hope to be seen').selectOption('this-week');
  },
  caregiver: async (page: Form, name: string) => {
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('You are their').selectOption('parent');
    await page.getByLabel('Email').fill('parent@example.com');
    await page.getByLabel('When they hope to be seen').selectOption('flexible');
  },
  referral: async (page: Form, name: string) => {
    await page.getByLabel('Referring clinician').fill(name);
    await page.getByLabel('Practice or organization').fill('Eastside Family Practice');
    await page.getByLabel('Phone').fill('503-555-0199');
    // Its accessible name: "(optional)" is in the label, hidden for a referral (getByLabel reads it anyway).
    await page.getByRole('combobox', { name: 'Service', exact: true }).selectOption('orthopedics');
    await page.getByLabel('How soon should the patient be seen?').selectOption('routine');
  },
  employer: async (page: Form, name: string) => {
    await page.getByLabel('Organization', { exact: true }).fill('Acme Freight');
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Email').fill('benefits@acme.example');
    await page.getByLabel('Number of employees').selectOption('250-999');
    await page.getByLabel('Interested in').selectOption('occupational-health');
  },
  insurance: async (page: Form, name: string) => {
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Phone').fill('(503) 555-0111');
    await page.getByLabel('Insurance plan').fill('Cascade Mutual');
  },
} as const;

for (const [leadType, fill] of Object.entries(PEOPLE)) {
  test(`a ${leadType} request with JavaScript: checked, sent without a reload, stored and routed`, async ({ site }) => {
    const name = unique(`E2E ${leadType}`);
    await site.visit('/services/primary-care/?utm_source=e2e&utm_campaign=spring');
    const form = site.page.locator('#request');
    await form.getByLabel(TYPE_LABELS[leadType as keyof typeof TYPE_LABELS]).check();
    // The fields of the chosen request type; the other types' fields are in the page but hidden.
    await fill(form.locator('.lf-fields:visible, .lf-place'), name);
    await form.getByLabel('You may contact me about this request').check();
    await takeYourTime(site.page);
    await form.getByRole('button', { name: 'Send request' }).click();

    const done = form.locator('.lf-done');
    await expect(done).toBeFocused();
    await expect(done).toContainText('Thank you. We have your request.');
    expect(site.page.url()).toBe(`${ORIGIN}/services/primary-care/?utm_source=e2e&utm_campaign=spring`);

    const [lead] = leadNamed(name);
    expect(lead).toMatchObject({ leadType, status: 'new', attribution: { page: '/services/primary-care/', landingPage: '/services/primary-care/', utm_source: 'e2e', utm_campaign: 'spring' } });
    expect(lead?.submissionKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(lead?.flags).not.toContain('no-token');
    expect(lead?.route.queue).toMatch(/^[a-z-]+$/);
  });
}

test('JavaScript explains mistakes next to each field and moves focus to the summary', async ({ site }) => {
  await site.visit('/locations/hawthorne/pediatrics/');
  const form = site.page.locator('#request');
  await form.getByRole('button', { name: 'Send request' }).click();
  const summary = site.page.locator('#lf-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([
    'Enter a phone number or an email address so that we can reach you.',
    'Enter your name.',
    'Choose when you hope to be seen.',
    'Tick the box so that we may contact you about your request.',
  ]);
  await expect(form.locator('#lf-patient-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('#lf-patient-name-error')).toHaveText('Enter your name.');
});

test('a double click on Send stores one lead', async ({ site }) => {
  const name = unique('E2E double click');
  await site.visit('/services/dental/');
  const form = site.page.locator('#request');
  await PEOPLE.patient(form.locator('.lf-fields:visible, .lf-place'), name);
  await form.getByLabel('You may contact me about this request').check();
  await takeYourTime(site.page);
  await form.getByRole('button', { name: 'Send request' }).dblclick();
  await expect(form.locator('.lf-done')).toBeVisible();
  expect(leadNamed(name)).toHaveLength(1);
});

test('the page presets the form: a location × service page chooses both', async ({ site }) => {
  await site.visit('/locations/hawthorne/pediatrics/');
  await expect(site.page.locator('#lf-location')).toHaveValue('hawthorne');
  await expect(site.page.locator('#lf-service')).toHaveValue('pediatrics');
  await site.visit('/conditions/low-back-pain/');
  await expect(site.page.locator('#lf-service optgroup[label="Related to this page"] option')).not.toHaveCount(0);
});

test('the location and service lists show once, for the request types that ask for them', async ({ site }) => {
  await site.visit('/locations/hawthorne/pediatrics/');
  const form = site.page.locator('#request');
  await expect(form.locator('option[value="hawthorne"]')).toHaveCount(1);
  // A small organization's form lists every location, as it always did, and no link to a full list.
  await expect(form.locator('#lf-location option:not([value=""])')).toHaveCount(readCollection('locations').size);
  await expect(form.getByRole('link', { name: /See all/ })).toHaveCount(0);
  await expect(form.getByRole('combobox', { name: 'Location (optional)' })).toHaveValue('hawthorne');
  await expect(form.getByRole('combobox', { name: 'Service (optional)' })).toHaveValue('pediatrics');

  await form.getByLabel(TYPE_LABELS.employer).check();
  await expect(form.locator('#lf-location')).toBeHidden();
  await expect(form.locator('#lf-service')).toBeHidden();

  // A referral must name the service: the label says so, and sending without one is stopped.
  await form.getByLabel(TYPE_LABELS.referral).check();
  const service = form.getByRole('combobox', { name: 'Service', exact: true });
  await expect(service).toHaveAttribute('aria-required', 'true');
  await service.selectOption('');
  await form.getByRole('button', { name: 'Send request' }).click();
  await expect(site.page.locator('#lf-summary li').filter({ hasText: 'Choose the service.' })).toHaveCount(1);
  await expect(service).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('#lf-service-error')).toHaveText('Choose the service.');

  await form.getByLabel(TYPE_LABELS.patient).check();
  await expect(form.getByRole('combobox', { name: 'Service (optional)' })).not.toHaveAttribute('aria-required');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, ...PHONE });

  for (const [leadType, fill] of Object.entries(PEOPLE)) {
    test(`a ${leadType} request is a plain post that ends on the thank-you page`, async ({ page }) => {
      const name = unique(`E2E no-JS ${leadType}`);
      await page.goto('/locations/gateway/');
      const form = page.locator('#request');
      await form.getByLabel(TYPE_LABELS[leadType as keyof typeof TYPE_LABELS]).check();
      await fill(form.locator('.lf-fields:visible, .lf-place'), name);
      await form.getByLabel('You may contact me about this request').check();
      await form.getByRole('button', { name: 'Send request' }).click();
      await expect(page).toHaveURL(`${ORIGIN}/thank-you/${leadType}/`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'What happens next' })).toBeVisible();
      const [lead] = leadNamed(name);
      expect(lead).toMatchObject({ leadType, status: 'new', submissionKey: null, attribution: { page: '/locations/gateway/' } });
      expect(lead?.flags).toContain('no-token');
    });
  }

  test('a request with no preferred location, from the page that lists them all, ends on the thank-you page, routed by its service', async ({ page }) => {
    const name = unique('E2E no-JS any location');
    await page.goto('/request/');
    const form = page.locator('#request');
    const location = form.getByRole('combobox', { name: 'Location (optional)' });
    await expect(location).toHaveValue('');
    await expect(location.locator('option[value]:not([value=""])')).toHaveCount(readCollection('locations').size);
    await PEOPLE.patient(form.locator('.lf-fields:visible, .lf-place'), name);
    await form.getByRole('combobox', { name: 'Service (optional)' }).selectOption('dental');
    await form.getByLabel('You may contact me about this request').check();
    await form.getByRole('button', { name: 'Send request' }).click();
    await expect(page).toHaveURL(`${ORIGIN}/thank-you/patient/`);
    const [lead] = leadNamed(name);
    expect(lead).toMatchObject({ status: 'new', fields: { service: 'dental' }, route: { queue: 'south-salem-dental-desk' }, attribution: { page: '/request/' } });
    expect(lead?.fields).not.toHaveProperty('location');
  });

  test('a referral without its service comes back with the service list marked and the rest kept', async ({ page }) => {
    await page.goto('/locations/gateway/');
    const form = page.locator('#request');
    await form.getByLabel(TYPE_LABELS.referral).check();
    await PEOPLE.referral(form.locator('.lf-fields:visible, .lf-place'), unique('E2E no service'));
    await form.getByRole('combobox', { name: 'Service', exact: true }).selectOption('');
    await form.getByLabel('You may contact me about this request').check();
    await form.getByRole('button', { name: 'Send request' }).click();
    await expect(page).toHaveURL(`${ORIGIN}/api/leads`);
    await expect(page.locator('#lf-summary li')).toHaveText(['Choose the service.']);
    await expect(page.locator('#lf-summary a')).toHaveAttribute('href', '#lf-service');
    await expect(page.locator('#lf-type-referral')).toBeChecked();
    await expect(page.locator('#lf-service')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#lf-location')).toHaveValue('gateway');
    await expect(page.getByLabel('Practice or organization')).toHaveValue('Eastside Family Practice');
  });

  test('a mistake shows the form again with the input kept and the errors explained', async ({ page }) => {
    await page.goto('/services/imaging/');
    await page.locator('#lf-patient-phone').fill('503 555 0166');
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect(page).toHaveURL(`${ORIGIN}/api/leads`);
    await expect(page.locator('#lf-summary')).toBeVisible();
    await expect(page.locator('#lf-summary li')).toHaveText(['Enter your name.', 'Choose when you hope to be seen.', 'Tick the box so that we may contact you about your request.']);
    await expect(page.locator('#lf-patient-phone')).toHaveValue('503 555 0166');
    await expect(page.locator('#lf-patient-name')).toHaveAttribute('aria-invalid', 'true');
    // Nothing half-stored: no lead carries this run's phone number (other tests run alongside).
    expect(readLeads().filter((lead) => lead.fields['phone'] === '503 555 0166')).toEqual([]);
  });
});

test.describe('the endpoint', () => {
  const json = (body: unknown) => ({ headers: { 'content-type': 'application/json', origin: ORIGIN }, data: JSON.stringify(body) });
  const person = (name: string) => ({ leadType: 'patient', name, phone: '503 555 0100', timing: 'asap', consent: true });

  test('a repeated submission key returns the first lead and stores one', async ({ request }) => {
    const name = unique('E2E double');
    const body = { ...person(name), submissionKey: crypto.randomUUID() };
    const first = await request.post('/api/leads', json(body));
    const second = await request.post('/api/leads', json(body));
    expect([first.status(), second.status()]).toEqual([201, 201]);
    expect(second.headers()['idempotent-replayed']).toBe('true');
    expect((await second.json()).id).toBe((await first.json()).id);
    expect(leadNamed(name)).toHaveLength(1);
  });

  test('a honeypot hit is quarantined as spam while the sender sees success', async ({ request }) => {
    const name = unique('E2E bot');
    const response = await request.post('/api/leads', {
      headers: { origin: ORIGIN },
      form: { leadType: 'patient', 'patient.name': name, 'patient.phone': '5035550100', 'patient.timing': 'asap', consent: 'yes', website: 'http://spam.example' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(303);
    expect(response.headers()['location']).toBe('/thank-you/patient/');
    expect(leadNamed(name)).toMatchObject([{ status: 'spam', route: { queue: 'spam-quarantine' } }]);
  });

  test('a plain post with no preferred location is taken (303 to thank you); a location that does not exist is not', async ({ request }) => {
    const name = unique('E2E no preference');
    const post = (location: string) =>
      request.post('/api/leads', {
        headers: { origin: ORIGIN },
        form: { leadType: 'patient', 'patient.name': name, 'patient.phone': '5035550100', 'patient.timing': 'this-week', location, service: 'primary-care', consent: 'yes' },
        maxRedirects: 0,
      });
    const unknown = await post('atlantis');
    expect(unknown.status()).toBe(422);
    expect(await unknown.text()).toContain('Choose a location from the list.');
    expect(leadNamed(name)).toEqual([]);
    const any = await post('');
    expect(any.status()).toBe(303);
    expect(any.headers()['location']).toBe('/thank-you/patient/');
    // No location to route by: central scheduling, who help choose one.
    expect(leadNamed(name)).toMatchObject([{ status: 'new', route: { queue: 'central-scheduling' } }]);
    expect(leadNamed(name)[0]?.fields).not.toHaveProperty('location');
  });

  const refusals = [
    ['a GET', { method: 'GET' }, 405],
    ['XML', { method: 'POST', headers: { 'content-type': 'text/xml' }, data: '<lead/>' }, 415],
    ['a cross-site form post', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, data: 'leadType=patient' }, 403],
    ['broken JSON', { method: 'POST', headers: { 'content-type': 'application/json' }, data: Buffer.from('{"leadType":') }, 400],
    ['40 KB', { method: 'POST', headers: { 'content-type': 'application/json' }, data: JSON.stringify({ message: 'x'.repeat(40_000) }) }, 413],
  ] as const;
  for (const [what, options, status] of refusals) {
    test(`refuses ${what} with ${status}`, async ({ request }) => {
      const response = await request.fetch('/api/leads', options);
      expect(response.status()).toBe(status);
      expect(await response.text()).not.toBe('');
    });
  }
});
