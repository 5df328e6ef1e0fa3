import type { Locator, Page, Response } from '@playwright/test';
import { ORIGIN } from './environment.ts';

/** What a page's `<img>` elements declare, for checks that need no rendering. */
export interface ImageFacts {
  src: string;
  alt: string | null;
  width: string | null;
  height: string | null;
  /** Absolute URLs from `src` and `srcset`. */
  urls: string[];
}

/**
 * One browser tab on the site, with the parts every page shares. It records, from the last
 * `visit()` on, every request the tab makes and every error it reports, so a test can visit many
 * pages in one tab and still tell which page misbehaved.
 */
export class SitePage {
  readonly page: Page;
  readonly html: Locator;
  readonly skipLink: Locator;
  readonly mainNav: Locator;
  readonly main: Locator;
  readonly h1: Locator;
  readonly breadcrumbs: Locator;
  readonly nextStep: Locator;
  readonly requestLink: Locator;
  readonly callLink: Locator;
  readonly requestSlot: Locator;
  #requests: string[] = [];
  #problems: string[] = [];

  constructor(page: Page) {
    this.page = page;
    this.html = page.locator('html');
    this.skipLink = page.getByRole('link', { name: 'Skip to main content' });
    this.mainNav = page.getByRole('navigation', { name: 'Main' });
    this.main = page.locator('main');
    this.h1 = page.locator('h1');
    this.breadcrumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    this.nextStep = page.locator('.next-step');
    this.requestLink = this.nextStep.getByRole('link', { name: 'Request an appointment' });
    this.callLink = this.nextStep.locator('a[href^="tel:"]');
    this.requestSlot = page.locator('section#request[data-lead-form-slot]');

    page.on('request', (request) => this.#requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') this.#problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.#problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400 && response.request().resourceType() !== 'document') {
        this.#problems.push(`${response.status()} for ${response.url()}`);
      }
    });
  }

  /** Opens `path` on the test server; throws when there is no response at all. */
  async visit(path: string): Promise<Response> {
    this.#requests = [];
    this.#problems = [];
    const response = await this.page.goto(path);
    if (response === null) throw new Error(`No response for ${path}.`);
    return response;
  }

  /** Requests since the last visit that went anywhere but the test server. */
  foreignRequests(): string[] {
    return this.#requests.filter((url) => !isLocal(url));
  }

  /** Console errors, uncaught exceptions and failed subresources since the last visit. */
  problems(): string[] {
    return [...this.#problems];
  }

  /** The last breadcrumb, which should be the current page. */
  currentCrumb(): Locator {
    return this.breadcrumbs.getByRole('listitem').last().getByRole('link');
  }

  /** Links and buttons in the next-step block: the page's main tap targets. */
  tapTargets(): Locator {
    return this.nextStep.locator('a, button');
  }

  async images(): Promise<ImageFacts[]> {
    return this.page.locator('img').evaluateAll((images) =>
      (images as HTMLImageElement[]).map((img) => ({
        src: img.getAttribute('src') ?? '',
        alt: img.getAttribute('alt'),
        width: img.getAttribute('width'),
        height: img.getAttribute('height'),
        urls: [
          img.src,
          ...(img.getAttribute('srcset') ?? '')
            .split(',')
            .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
            .filter((url) => url !== '')
            .map((url) => new URL(url, document.baseURI).href),
        ].filter((url) => url !== ''),
      })),
    );
  }

  /** How many CSS pixels the page is wider than the screen; 0 when it needs no sideways scrolling. */
  async horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  }

  /** Presses Tab until `target` has focus, as a keyboard user would reach it. */
  async tabTo(target: Locator, maxPresses = 20): Promise<void> {
    for (let i = 0; i < maxPresses; i++) {
      await this.page.keyboard.press('Tab');
      if (await target.evaluate((element) => element === document.activeElement)) return;
    }
    throw new Error(`Tab did not reach the element in ${maxPresses} presses.`);
  }
}

/** Same origin as the test server, or a URL that names no host at all (data:, blob:). */
function isLocal(url: string): boolean {
  const { protocol, origin } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || origin === ORIGIN;
}
