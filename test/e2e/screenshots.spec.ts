import { expect, test } from './support/fixtures.ts';

// Full-page phone screenshots for a person to look at after a run; they are not compared to
// references, so a design change needs no baseline update. Written to test-results/screenshots/.
const PAGES = {
  home: '/',
  location: '/locations/pearl-district/',
  service: '/services/urgent-care/',
  'location-service': '/locations/pearl-district/urgent-care/',
  condition: '/conditions/sprained-ankle/',
  provider: '/providers/maya-okafor/',
};

for (const [name, path] of Object.entries(PAGES)) {
  test(`screenshot: ${name} (${path})`, async ({ site }) => {
    const response = await site.visit(path);
    expect(response.status()).toBe(200);
    // Lazy images below the fold load only when scrolled to; the screenshot should show them.
    for (const image of await site.page.locator('img[loading="lazy"]').all()) await image.scrollIntoViewIfNeeded();
    await expect.poll(() => site.page.locator('img').evaluateAll((images) => (images as HTMLImageElement[]).every((img) => img.complete && img.naturalWidth > 0))).toBe(true);
    await site.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true, scale: 'css' });
  });
}
