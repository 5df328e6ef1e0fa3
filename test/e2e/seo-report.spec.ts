import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from './support/fixtures.ts';
import { DIST_DIR } from './support/environment.ts';

/** dist/seo-report.html as SEO staff open it, from the file, at a desk's width. */
test.describe('the SEO report at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('fits every table in the width, the pages table included', async ({ page }) => {
    await page.goto(pathToFileURL(resolve(join(DIST_DIR, 'seo-report.html'))).href);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('SEO report for');
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll('table')]
        .filter((table) => table.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((table) => table.className || table.querySelector('th')?.textContent),
    );
    expect(overflowing).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/seo-report-desk.png', fullPage: false, scale: 'css' });
  });
});
