import type { Locator } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { getFaqQuestions, getList, readCollection, readEntry } from './support/content.ts';
import { ProviderDirectory } from './support/provider-directory.ts';

/** The `href`s of the links `links` finds, sorted. */
async function hrefsOf(links: Locator): Promise<string[]> {
  return (await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''))).sort();
}

/** Provider page paths, sorted, of the providers `keep` accepts. */
function providerPaths(keep: (provider: Record<string, unknown>) => boolean = () => true): string[] {
  return [...readCollection('providers')]
    .filter(([, provider]) => keep(provider))
    .map(([id]) => `/providers/${id}/`)
    .sort();
}

test('a location page lists its providers and services and shows its hours', async ({ site }) => {
  const id = 'pearl-district';
  const services = getList(readEntry('locations', id), 'services');
  await site.visit(`/locations/${id}/`);

  const providers = site.page.getByRole('region', { name: 'Providers at this location' });
  expect(await hrefsOf(providers.locator('.card__title a'))).toEqual(providerPaths((p) => getList(p, 'locations').includes(id)));
  await expect(providers.getByRole('img').first()).toBeVisible();

  const serviceList = site.page.getByRole('region', { name: 'Services at this location' });
  expect(await hrefsOf(serviceList.getByRole('link'))).toEqual(services.map((s) => `/locations/${id}/${s}/`).sort());

  const hours = site.page.getByRole('region', { name: 'Hours' });
  await expect(hours.getByRole('table')).toBeVisible();
  await expect(hours.getByRole('row')).toHaveText([
    ...['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((day) => new RegExp(`^${day}\\s*8\\sAM – 8\\sPM$`)),
    ...['Saturday', 'Sunday'].map((day) => new RegExp(`^${day}\\s*9\\sAM – 5\\sPM$`)),
  ]);
});

test('an urgent service page leads with the call button and says when to call 911', async ({ site }) => {
  await site.visit('/services/urgent-care/');
  const [first, second] = [site.tapTargets().nth(0), site.tapTargets().nth(1)];
  await expect(first).toHaveAttribute('href', /^tel:\+\d+$/);
  await expect(first).toHaveClass(/\bbutton--primary\b/);
  await expect(second).toHaveAttribute('href', '#request');
  const emergency = site.main.locator('.callout--emergency');
  await expect(emergency).toBeVisible();
  await expect(emergency).toContainText('Call 911');
});

test('a planned service page leads with the request button and has no 911 callout', async ({ site }) => {
  await site.visit('/services/primary-care/');
  const first = site.tapTargets().first();
  await expect(first).toHaveAttribute('href', '#request');
  await expect(first).toHaveClass(/\bbutton--primary\b/);
  await expect(site.main.locator('.callout--emergency')).toHaveCount(0);
});

test('a condition page shows its FAQs and links to its medical reviewer', async ({ site }) => {
  const condition = readEntry('conditions', 'sprained-ankle');
  const { reviewer } = condition['review'] as { reviewer: string };
  const reviewerEntry = readEntry('providers', reviewer);
  const byline = [String(reviewerEntry['name']), ...getList(reviewerEntry, 'credentials')].join(', ');
  await site.visit('/conditions/sprained-ankle/');
  const review = site.main.locator('p', { hasText: 'Medically reviewed by' });
  await expect(review).toContainText(`Medically reviewed by ${byline} on `);

  for (const question of getFaqQuestions(condition)) {
    await expect(site.main.getByRole('heading', { name: question, exact: true })).toBeVisible();
  }
  const reviewerLink = review.getByRole('link');
  await expect(reviewerLink).toHaveText(byline);
  await reviewerLink.click();
  await expect(site.page).toHaveURL(new RegExp(`/providers/${reviewer}/$`));
  await expect(site.h1).toHaveText(byline);
});

test('a location × service page with local content shows its local FAQ', async ({ site }) => {
  const local = readEntry('location-services', 'pearl-district--urgent-care');
  await site.visit('/locations/pearl-district/urgent-care/');
  await expect(site.page.locator('.lede')).toHaveText(String(local['summary']));
  const faq = site.page.getByRole('region', { name: 'Questions about urgent care at this location' });
  for (const question of getFaqQuestions(local)) {
    await expect(faq.getByRole('heading', { name: question, exact: true })).toBeVisible();
  }
});

test('a location × service page without local content has no local FAQ', async ({ site }) => {
  expect(() => readEntry('location-services', 'hawthorne--pediatrics'), 'premise: no local content').toThrow();
  await site.visit('/locations/hawthorne/pediatrics/');
  await expect(site.h1).toHaveText('Pediatrics at Riverbend Health – Hawthorne');
  await expect(site.page.locator('.faqs')).toHaveCount(0);
});

for (const path of ['/no-such-page/', '/locations/atlantis/']) {
  test(`an unknown URL (${path}) answers 404 with a page of helpful links`, async ({ site }) => {
    const response = await site.visit(path);
    expect(response.status()).toBe(404);
    await expect(site.h1).toHaveText(/could not find/i);
    for (const href of ['/locations/', '/services/', '/providers/', '/conditions/', '/']) {
      await expect(site.main.locator(`a[href="${href}"]`).first(), `link to ${href}`).toBeVisible();
    }
    await expect(site.page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  });
}

test.describe('provider directory without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('narrows by language and location, and "Any" shows everyone again', async ({ page }) => {
    const everyone = providerPaths();
    const spanish = providerPaths((p) => getList(p, 'languages').includes('Spanish'));
    const spanishInSalem = providerPaths((p) => getList(p, 'languages').includes('Spanish') && getList(p, 'locations').includes('downtown-salem'));
    // Each step must narrow the list, or the test could not tell filtering from no filtering.
    expect(everyone.length).toBeGreaterThan(spanish.length);
    expect(spanish.length).toBeGreaterThan(spanishInSalem.length);
    expect(spanishInSalem.length).toBeGreaterThan(0);

    const directory = new ProviderDirectory(page);
    const expectShown = async (paths: string[]) => {
      await expect.poll(() => directory.visibleProviderPaths()).toEqual(paths);
      await expect.poll(() => directory.countText()).toBe(`Providers matching your choices: ${paths.length} shown`);
    };
    await directory.open();
    await expect(directory.cards).toHaveCount(everyone.length);
    await expectShown(everyone);

    await directory.choose('language', 'Spanish');
    await expectShown(spanish);
    await directory.choose('location', String(readEntry('locations', 'downtown-salem')['name']));
    await expectShown(spanishInSalem);

    await directory.choose('language', 'Any');
    await directory.choose('location', 'Any');
    await expectShown(everyone);
  });
});

test('the skip link moves keyboard focus to the main content', async ({ site }) => {
  await site.visit('/locations/');
  await site.page.keyboard.press('Tab');
  await expect(site.skipLink).toBeFocused();
  await expect(site.skipLink).toBeInViewport();
  await site.page.keyboard.press('Enter');
  await expect(site.main).toBeFocused();
  // The next Tab continues from the main content, not from the header.
  await site.page.keyboard.press('Tab');
  await expect(site.breadcrumbs.getByRole('link').first()).toBeFocused();
});

test('keyboard focus is visible', async ({ site }) => {
  await site.visit('/');
  const link = site.mainNav.getByRole('link').first();
  const outline = () =>
    link.evaluate((element) => {
      const style = getComputedStyle(element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
  expect((await outline()).style, 'outline before focus').toBe('none');
  await site.tabTo(link);
  const focused = await outline();
  expect(focused.style, 'outline style with keyboard focus').not.toBe('none');
  expect(focused.width, 'outline width with keyboard focus (px)').toBeGreaterThanOrEqual(2);
});

test.describe("writers' MDX components render where the sample content uses them", () => {
  test('ProviderCard links to the provider', async ({ site }) => {
    await site.visit('/conditions/low-back-pain/');
    const card = site.main.locator('.prose .card--provider');
    await expect(card.getByRole('link', { name: 'Priya Raman, DPT' })).toHaveAttribute('href', '/providers/priya-raman/');
    await expect(card.getByRole('img', { name: 'Portrait of Priya Raman' })).toBeVisible();
  });

  test('Callout shows the crisis line', async ({ site }) => {
    await site.visit('/services/behavioral-health/');
    await expect(site.main.locator('.prose .callout--emergency')).toContainText('988');
  });

  test('LocationHours shows the named location', async ({ site }) => {
    await site.visit('/services/imaging/');
    await expect(site.main.locator('.prose').getByRole('region', { name: 'Hours' }).getByRole('row')).toHaveCount(7);
  });

  test('FAQ, InsuranceList and CallToAction', async ({ site }) => {
    await site.visit('/locations/pearl-district/urgent-care/');
    await expect(site.main.locator('.prose').getByRole('heading', { name: 'Can I see the same clinician again for a follow-up?' })).toBeVisible();

    await site.visit('/locations/south-salem-dental/dental/');
    const plans = getList(readEntry('locations', 'south-salem-dental'), 'insurance');
    await expect(site.main.locator('.prose').getByRole('region', { name: 'Insurance accepted' }).getByRole('listitem')).toHaveText(plans);
    await expect(site.main.locator('.prose').getByRole('link', { name: 'Ask for a dental visit' })).toHaveAttribute('href', '#request');
  });
});
