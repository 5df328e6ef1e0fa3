import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { LEADS_DB, ORIGIN } from './support/environment.ts';
import { WCAG_22_A_AA, findAxeViolations } from './support/axe.ts';
import { addUser, totp, type CreatedUser } from '../support/intake-client.ts';
import { FIXTURE_RANGE, writeFunnelFixture } from '../support/funnel-fixture.ts';

/**
 * The intake inbox in Chromium, at a phone's width and at a desk's: a user made with the CLI sets
 * up with its link and an authenticator code (computed here from the secret the CLI printed),
 * signs in, finds a lead posted a moment ago, opens it, and signs out. axe finds no WCAG 2.2 A/AA
 * violation on any intake page. Screenshots go to test-results/screenshots/.
 */
const PASSWORD = 'a quiet river at dawn';

async function postLead(page: Page, name: string): Promise<string> {
  const response = await page.request.post(`${ORIGIN}/api/leads`, {
    headers: { origin: ORIGIN },
    data: { leadType: 'patient', name, phone: '503 555 0142', service: 'dental', timing: 'this-week', consent: true },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  expect(await findAxeViolations(page, WCAG_22_A_AA), `axe violations on ${what}`).toEqual([]);
}

async function setUpAndSignIn(page: Page, user: CreatedUser, shots: string): Promise<void> {
  await page.goto(user.setupPath);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up your account');
  await expectNoAxeViolations(page, 'the set-up page');
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByLabel('The same password again').fill(PASSWORD);
  await page.getByLabel('Code from your authenticator app').fill(totp(user.key));
  await page.getByRole('button', { name: 'Set up' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are set up');
  await page.getByRole('link', { name: 'Sign in' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expectNoAxeViolations(page, 'the sign-in page');
  await page.screenshot({ path: `test-results/screenshots/intake-sign-in-${shots}.png`, fullPage: true, scale: 'css' });
  await page.getByLabel('Login').fill(user.login);
  await page.getByLabel('Password').fill(PASSWORD);
  // The set-up used this step's code: the next step's, as a clock a little ahead would show.
  await page.getByLabel('Code from your authenticator app').fill(totp(user.key, new Date(Date.now() + 30_000)));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inbox');
}

for (const [shots, viewport, login] of [
  ['phone', { width: 390, height: 844 }, 'pia'],
  ['desk', { width: 1280, height: 800 }, 'dex'],
] as const) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test(`signs in with password and code, finds a lead posted a moment ago, opens it, signs out (${shots})`, async ({ page }) => {
      const user = addUser(LEADS_DB, login, { queues: ['south-salem-dental-desk'], name: `Test ${login}` });
      const name = `Intake E2E ${shots}`;
      const id = await postLead(page, name);
      await setUpAndSignIn(page, user, shots);

      const row = page.getByRole('row').filter({ has: page.locator(`a[href="/intake/leads/${id}/"]`) });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('south-salem-dental-desk');
      // The service by its name on the site, not its id.
      await expect(row).toContainText('Dental care');
      // The list shows no names: a screen across the room gives nothing away.
      await expect(page.locator('main')).not.toContainText(name);
      await expectNoAxeViolations(page, 'the inbox');
      await page.screenshot({ path: `test-results/screenshots/intake-inbox-${shots}.png`, fullPage: true, scale: 'css' });

      await row.getByRole('link').click();
      await expect(page).toHaveURL(`${ORIGIN}/intake/leads/${id}/`);
      await expect(page.locator('main')).toContainText(name);
      await expect(page.locator('main')).toContainText('Dental');
      await expect(page.locator('main')).toContainText('Not contacted yet');
      await expectNoAxeViolations(page, 'a lead');

      // Work it: contacted, and the response time appears; then a note.
      await page.getByRole('button', { name: 'Mark contacted' }).click();
      await expect(page.locator('dl.facts').first()).toContainText(/Response time\s*0 min, on time/);
      await expect(page.locator('main')).toContainText(`${login}: contacted`);
      await page.getByLabel('Add a note').fill('Called, booking next week.');
      await page.getByRole('button', { name: 'Add note' }).click();
      await expect(page.locator('main')).toContainText(`${login}: note: Called, booking next week.`);
      await expect(page.getByRole('button', { name: 'Qualified' })).toBeVisible();
      await expectNoAxeViolations(page, 'a lead being worked');
      await page.screenshot({ path: `test-results/screenshots/intake-lead-${shots}.png`, fullPage: true, scale: 'css' });

      const cookies = await page.context().cookies();
      const session = cookies.find((cookie) => cookie.name === 'carepath-intake');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/intake/' });

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
      await page.goto(`/intake/leads/${id}/`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    });
  });
}

test.describe('as an admin, at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('releases a request caught as spam to its team, and reads the audit log', async ({ page }) => {
    const admin = addUser(LEADS_DB, 'ada-e2e', { queues: [], admin: true, name: 'Ada Admin' });
    // The honeypot filled in: quarantined, for admins only.
    const response = await page.request.post(`${ORIGIN}/api/leads`, {
      headers: { origin: ORIGIN },
      data: { leadType: 'patient', name: 'Caught By Mistake', phone: '503 555 0142', service: 'dental', timing: 'flexible', consent: true, website: 'http://spam.example' },
    });
    const { id } = (await response.json()) as { id: string };
    await setUpAndSignIn(page, admin, 'admin');

    await page.goto(`/intake/?queue=spam-quarantine`);
    await page.locator(`a[href="/intake/leads/${id}/"]`).click();
    await expect(page.locator('main')).toContainText('spam-quarantine');
    await expectNoAxeViolations(page, 'a quarantined lead');
    await page.getByRole('button', { name: 'Not spam: send it to its team' }).click();
    await expect(page.locator('main')).toContainText('not spam, released (spam-quarantine → south-salem-dental-desk)');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
    await expect(page.locator('table')).toContainText('release-lead');
    await expect(page.locator('table')).not.toContainText('Caught By Mistake');
    await expectNoAxeViolations(page, 'the audit log');
    await page.screenshot({ path: 'test-results/screenshots/intake-audit-desk.png', fullPage: true, scale: 'css' });

    await page.goto('/intake/leads/01M8SZABMDJMWZ0DARW5M8JBC6/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No such lead');
    await expectNoAxeViolations(page, 'an unknown lead');
  });
});

test.describe('the funnel report, as an admin', () => {
  for (const [shots, viewport] of [
    ['desk', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    test.describe(`at ${viewport.width} px`, () => {
      test.use({ viewport });

      test(`shows last month's funnel with a chart and a table per section and no personal details (${shots})`, async ({ page }) => {
        // The fixture's leads came in October and November: older than every lead the other tests post.
        const fixture = shots === 'desk' ? await writeFunnelFixture(LEADS_DB, 'e2e-report') : null;
        const admin = addUser(LEADS_DB, `rae-${shots}`, { queues: [], admin: true, name: `Rae ${shots}` });
        await setUpAndSignIn(page, admin, `report-${shots}`);
        await page.getByRole('link', { name: 'Report' }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Funnel report');
        await page.getByLabel('First day').fill(FIXTURE_RANGE.fromDay);
        await page.getByLabel('Last day').fill(FIXTURE_RANGE.toDay);
        await page.getByRole('button', { name: 'Show' }).click();
        await expect(page).toHaveURL(`${ORIGIN}/intake/report/?from=${FIXTURE_RANGE.fromDay}&to=${FIXTURE_RANGE.toDay}`);
        await expect(page.locator('.report-range')).toContainText('Nov 1, 2026 – Nov 30, 2026, compared with Oct 2, 2026 – Oct 31, 2026');

        const sections = page.locator('section.report-section').filter({ hasNot: page.locator('#how-counted') });
        await expect(sections).toHaveCount(7);
        for (const section of await sections.all()) {
          await expect(section.locator('svg[role="img"]')).toHaveCount(1);
          expect(await section.locator('table').count()).toBeGreaterThan(0);
        }
        await expect(page.locator('script')).toHaveCount(0);
        await expectNoAxeViolations(page, 'the funnel report');
        if (fixture) {
          const text = (await page.locator('main').textContent()) ?? '';
          expect(fixture.planted.filter((value) => text.includes(value))).toEqual([]);
        }
        await page.screenshot({ path: `test-results/screenshots/intake-report-${shots}.png`, fullPage: true, scale: 'css' });

        const csv = await page.request.get(`/intake/report.csv?from=${FIXTURE_RANGE.fromDay}&to=${FIXTURE_RANGE.toDay}`);
        expect(csv.status()).toBe(200);
        expect(csv.headers()['content-disposition']).toBe(`attachment; filename="funnel-${FIXTURE_RANGE.fromDay}-to-${FIXTURE_RANGE.toDay}.csv"`);
        expect(await csv.text()).toMatch(/^section,group,label,measure,value,previous\r\n/);
      });
    });
  }
});
