import { describe, expect, it } from 'vitest';
import { isCountedView, toPagePath, type ServedResponse } from '@/lib/funnel/page-views.ts';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const view: ServedResponse = { method: 'GET', path: '/services/physical-therapy/', status: 200, contentType: 'text/html; charset=utf-8', userAgent: CHROME };

describe('isCountedView', () => {
  it.each<[string, Partial<ServedResponse>, boolean]>([
    ['a page GET from a browser', {}, true],
    ['a phone browser', { userAgent: IPHONE }, true],
    ['text/html without a charset', { contentType: 'text/html' }, true],
    ['the media type in capitals, spaced', { contentType: ' Text/HTML ; charset=UTF-8' }, true],
    ['the home page', { path: '/' }, true],
    ['a HEAD', { method: 'HEAD' }, false],
    ['a POST answered with a page', { method: 'POST' }, false],
    ['a 404 page', { status: 404 }, false],
    ['a 304 (revalidated from cache)', { status: 304 }, false],
    ['a redirect', { status: 301, contentType: undefined }, false],
    ['a 500', { status: 500 }, false],
    ['a stylesheet', { path: '/_astro/PageLayout.css', contentType: 'text/css; charset=utf-8' }, false],
    ['an image', { path: '/_astro/clinic.jpg', contentType: 'image/jpeg' }, false],
    ['no content type', { contentType: undefined }, false],
    ['XHTML', { contentType: 'application/xhtml+xml' }, false],
    ['text/html-ish', { contentType: 'text/htmlx' }, false],
    ['the intake inbox', { path: '/intake/sign-in/' }, false],
    ['the intake root without its slash', { path: '/intake' }, false],
    ['an API route answering HTML', { path: '/api/leads' }, false],
    ['the API root', { path: '/api' }, false],
    ['a page whose name starts like intake', { path: '/intakes/' }, true],
    ['no user agent', { userAgent: undefined }, false],
    ['an empty user agent', { userAgent: '' }, false],
    ['a blank user agent', { userAgent: '   ' }, false],
    ['Googlebot', { userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' }, false],
    ['Bingbot', { userAgent: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' }, false],
    ['curl', { userAgent: 'curl/8.5.0' }, false],
    ['a headless browser', { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36' }, false],
    ['a monitoring check', { userAgent: 'UptimeRobot/2.0 (http://www.uptimerobot.com/)' }, false],
  ])('%s → %s', (_name, change, counted) => {
    expect(isCountedView({ ...view, ...change })).toBe(counted);
  });
});

describe('toPagePath', () => {
  it.each([
    ['/', '/'],
    ['/services/', '/services/'],
    ['/services', '/services/'],
    ['/services/index.html', '/services/'],
    ['/index.html', '/'],
    ['//services//physical-therapy/', '/services/physical-therapy/'],
    ['/services/../', '/'],
    ['/services/%2e%2e/locations/', '/locations/'],
    ['/services/./', '/services/'],
    ['/404.html', '/404.html'],
    ['/caf%C3%A9/', '/caf%C3%A9/'],
  ])('%s → %s', (pathname, path) => expect(toPagePath(pathname)).toBe(path));
});
