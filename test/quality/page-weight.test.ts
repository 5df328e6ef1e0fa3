import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Response } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findEmittedFile, readBuiltClient, type BuiltClient } from './support/build.ts';
import { CHROMIUM, CHROMIUM_FLAGS, PHONE } from '../support/chromium.ts';
import { assertSystemTools } from '../support/system-tools.ts';
import { formatTable } from './support/table.ts';
import { TEMPLATE_PAGES, type TemplatePage } from './support/templates.ts';

/**
 * What each template makes a phone download, as Chromium loads it (scrolled to the bottom, so
 * lazy images load too), measured from the emitted files gzipped at level 9, the most a server or
 * CDN compresses. The built Node server itself sends files uncompressed. Budgets are per page, in
 * kB of 1,000 bytes, summed over every file of the kind the page loads. No request may leave the site.
 */
const GZIP_LEVEL = 9;
const BUDGET = { html: 30_000, css: 15_000, js: 3_000 } as const;

type Kind = 'html' | 'css' | 'js' | 'image' | 'other';
const KIND_BY_RESOURCE_TYPE: Record<string, Kind> = { document: 'html', stylesheet: 'css', script: 'js', image: 'image' };

interface PageWeight {
  page: TemplatePage;
  /** Gzipped bytes per kind; images as stored (they are compressed already). */
  bytes: Record<Kind, number>;
  requests: number;
  thirdParty: string[];
}

let browser: Browser;
let client: BuiltClient;
const weights: PageWeight[] = [];

beforeAll(async () => {
  assertSystemTools(['chromium']);
  client = readBuiltClient(inject('distDir'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS.filter((flag) => flag !== '--headless') });
});

afterAll(async () => {
  await browser?.close();
  const kB = (bytes: number) => (bytes / 1000).toFixed(1);
  console.log(
    `Page weight, gzip level ${GZIP_LEVEL}, kB (budget: HTML ${kB(BUDGET.html)}, CSS ${kB(BUDGET.css)}, JS ${kB(BUDGET.js)}); images as stored:\n` +
      formatTable(
        ['template', 'path', 'HTML', 'CSS', 'JS', 'images', 'other', 'requests', 'third-party'],
        weights.map((w) => [w.page.template, w.page.path, kB(w.bytes.html), kB(w.bytes.css), kB(w.bytes.js), kB(w.bytes.image), kB(w.bytes.other), w.requests, w.thirdParty.length]),
      ),
  );
});

describe('page weight and third-party requests, one page of every template', () => {
  for (const page of TEMPLATE_PAGES) {
    it(`${page.template} (${page.path}): within budget, nothing from other hosts`, async () => {
      const weight = await measurePage(page);
      weights.push(weight);
      expect.soft(weight.thirdParty, 'requests to other hosts').toEqual([]);
      expect.soft(weight.bytes.html, 'HTML, gzipped bytes').toBeLessThanOrEqual(BUDGET.html);
      expect.soft(weight.bytes.css, 'CSS, gzipped bytes').toBeLessThanOrEqual(BUDGET.css);
      expect.soft(weight.bytes.js, 'JavaScript, gzipped bytes').toBeLessThanOrEqual(BUDGET.js);
      // The page does load its stylesheet and its script; zero would mean nothing was measured.
      expect(weight.bytes.css * weight.bytes.js, 'CSS and JavaScript were measured').toBeGreaterThan(0);
    });
  }

  it('no built page has more HTML than the budget', () => {
    const pages = [...client.files].filter((file) => file.endsWith('.html')).map((file) => ({ file, bytes: gzip(readFileSync(join(client.dir, file))) }));
    pages.sort((a, b) => b.bytes - a.bytes);
    console.log(
      `Largest HTML of ${pages.length} built pages, gzipped: ${pages
        .slice(0, 3)
        .map((p) => `${p.file} ${(p.bytes / 1000).toFixed(1)} kB`)
        .join(', ')}`,
    );
    expect(pages.filter((p) => p.bytes > BUDGET.html).map((p) => `${p.file}: ${p.bytes} bytes`)).toEqual([]);
  });
});

async function measurePage(page: TemplatePage): Promise<PageWeight> {
  const origin = inject('origin');
  const context = await browser.newContext({ ...PHONE });
  const tab = await context.newPage();
  const requests = new Set<string>();
  const responses: Response[] = [];
  tab.on('request', (request) => requests.add(request.url()));
  tab.on('response', (response) => responses.push(response));
  try {
    const response = await tab.goto(`${origin}${page.path}`, { waitUntil: 'load' });
    expect(response?.status(), `${page.path} status`).toBe(page.status);
    await tab.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await tab.waitForLoadState('networkidle');

    const bytes: Record<Kind, number> = { html: 0, css: 0, js: 0, image: 0, other: 0 };
    const counted = new Set<string>();
    for (const response of responses) {
      const url = new URL(response.url());
      if (url.origin !== origin || counted.has(url.href)) continue;
      counted.add(url.href);
      const kind = KIND_BY_RESOURCE_TYPE[response.request().resourceType()] ?? 'other';
      // The emitted file when there is one; the body the server made otherwise (the 404 page, API answers).
      const file = findEmittedFile(client, decodeURIComponent(url.pathname));
      const body = file ? readFileSync(join(client.dir, file)) : await response.body();
      bytes[kind] += kind === 'image' ? body.length : gzip(body);
    }
    const thirdParty = [...requests].filter((url) => {
      const { protocol, origin: requestOrigin } = new URL(url);
      return protocol !== 'data:' && protocol !== 'blob:' && requestOrigin !== origin;
    });
    return { page, bytes, requests: requests.size, thirdParty };
  } finally {
    await context.close();
  }
}

function gzip(body: Buffer): number {
  return gzipSync(body, { level: GZIP_LEVEL }).length;
}
