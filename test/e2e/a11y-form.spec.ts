import { expect, test } from './support/fixtures.ts';
import { ORIGIN } from './support/environment.ts';
import { WCAG_22_A_AA, findAxeViolations } from './support/axe.ts';
import { TYPE_LABELS } from './support/lead-form.ts';

/**
 * The request form while it shows its mistakes, the state a person who needs help is most likely
 * to get stuck in: zero axe violations of WCAG 2.2 A and AA, with JavaScript (checked in the page,
 * error summary focused) and without it (the 422 page the endpoint sends back). pages.spec.ts runs
 * axe on every page of the sitemap with the form untouched.
 */
test('with JavaScript: Send on an empty form shows errors with no WCAG 2.2 A/AA violation, for every type of request', async ({ site }) => {
  await site.visit('/locations/hawthorne/pediatrics/');
  const form = site.page.locator('#request');
  const summary = site.page.locator('#lf-summary');
  for (const [leadType, label] of Object.entries(TYPE_LABELS)) {
    await test.step(leadType, async () => {
      await form.getByLabel(label).check();
      await form.getByRole('button', { name: 'Send request' }).click();
      await expect(summary).toBeFocused();
      await expect(summary.getByRole('link')).not.toHaveCount(0);
      await expect(form.locator('.lf-fields:visible [aria-invalid="true"]')).not.toHaveCount(0);
      await expect(form.locator('.lf-error:visible').first()).not.toBeEmpty();
      expect(await findAxeViolations(site.page, WCAG_22_A_AA), `axe violations, ${leadType} errors`).toEqual([]);
    });
  }
  expect(site.problems(), 'console errors, page errors and failed requests').toEqual([]);
});

test('without JavaScript: the 422 page a plain post with mistakes gets back has no WCAG 2.2 A/AA violation', async ({ page }) => {
  // axe runs as a script in the page, so the browser keeps JavaScript on and the site's own scripts
  // are refused instead: the form is then the plain HTML post a browser without JavaScript sends.
  await page.route('**/*', (route) => (route.request().resourceType() === 'script' ? route.abort() : route.continue()));
  await page.goto('/services/imaging/');
  await page.locator('#lf-patient-name').fill('Ana Ruiz');
  await page.locator('#lf-patient-phone').fill('50');
  const answer = page.waitForResponse((response) => response.url() === `${ORIGIN}/api/leads`);
  await page.getByRole('button', { name: 'Send request' }).click();
  expect((await answer).status(), 'the endpoint answers the plain post with its 422 page').toBe(422);
  await expect(page).toHaveURL(`${ORIGIN}/api/leads`);
  await expect(page.locator('#lf-summary')).toBeVisible();
  await expect(page.locator('#lf-summary li')).not.toHaveCount(0);
  await expect(page.locator('[aria-invalid="true"]')).not.toHaveCount(0);
  expect(await findAxeViolations(page, WCAG_22_A_AA), 'axe violations on the 422 page').toEqual([]);
});

test('the request page, whose form lists every location, has no WCAG 2.2 A/AA violation', async ({ site }) => {
  await site.visit('/request/');
  await expect(site.page.locator('#lf-location')).toHaveValue('');
  expect(await findAxeViolations(site.page, WCAG_22_A_AA), 'axe violations on the request page').toEqual([]);
  expect(site.problems(), 'console errors, page errors and failed requests').toEqual([]);
});
