import { describe, expect, it } from 'vitest';
import { createLinkResolver, type LinkTarget } from '@/seo-audit/audit/links.ts';
import { shorten } from '@/seo-audit/audit/rules.ts';

describe('createLinkResolver', () => {
  const resolve = createLinkResolver('https://clinic.example');

  describe.each<[href: string, page: string, target: LinkTarget]>([
    ['#hours', '/locations/hill/', { kind: 'internal', path: '/locations/hill/', fragment: 'hours' }],
    ['#caf%C3%A9', '/x/', { kind: 'internal', path: '/x/', fragment: 'café' }],
    ['#', '/x/', { kind: 'internal', path: '/x/', fragment: '' }],
    ['/services/', '/x/', { kind: 'internal', path: '/services/', fragment: undefined }],
    // An empty fragment after a path: the page itself, not a fragment of the linking page.
    ['/services/#', '/x/', { kind: 'internal', path: '/services/', fragment: undefined }],
    ['/services/?tab=2#faq', '/x/', { kind: 'internal', path: '/services/', fragment: 'faq' }],
    ['care/', '/locations/hill/', { kind: 'internal', path: '/locations/hill/care/', fragment: undefined }],
    ['../harbor/', '/locations/hill/', { kind: 'internal', path: '/locations/harbor/', fragment: undefined }],
    ['/caf%C3%A9/', '/x/', { kind: 'internal', path: '/café/', fragment: undefined }],
    // Not valid percent-encoding: kept as written rather than failing the audit.
    ['/100%25-sure%E0%A4%A/', '/x/', { kind: 'internal', path: '/100%25-sure%E0%A4%A/', fragment: undefined }],
    ['https://clinic.example/x/', '/y/', { kind: 'internal', path: '/x/', fragment: undefined }],
    ['http://clinic.example/x/', '/y/', { kind: 'external' }],
    ['https://www.clinic.example/x/', '/y/', { kind: 'external' }],
    ['//cdn.example/a.js', '/y/', { kind: 'external' }],
    ['tel:+15035550100', '/y/', { kind: 'external' }],
    ['mailto:care@clinic.example', '/y/', { kind: 'external' }],
    ['http://[oops', '/y/', { kind: 'invalid' }],
  ])('%s on %s', (href, page, target) => {
    it('resolves as a browser would', () => {
      expect(resolve(href, page)).toEqual(target);
    });
  });

  it('answers an href relative to the page for each page it is on', () => {
    // Asked twice on different pages: an answer kept from the first page must not leak to the second.
    for (const href of ['care/', './notes:2/', '#hours']) {
      const first = resolve(href, '/locations/hill/');
      const second = resolve(href, '/locations/harbor/');
      expect(first).toMatchObject({ kind: 'internal' });
      expect(second).not.toEqual(first);
      expect(second).toMatchObject({ kind: 'internal', path: expect.stringMatching(/^\/locations\/harbor\//) });
    }
  });

  it('answers an absolute href the same on every page', () => {
    expect(resolve('/services/#faq', '/a/')).toEqual(resolve('/services/#faq', '/b/c/'));
    expect(resolve('tel:+15035550100', '/a/')).toEqual({ kind: 'external' });
  });

  it('treats the site’s own pages as internal on an http origin too', () => {
    const local = createLinkResolver('http://localhost:4321');
    expect(local('http://localhost:4321/x/', '/')).toEqual({ kind: 'internal', path: '/x/', fragment: undefined });
    expect(local('https://localhost:4321/x/', '/')).toEqual({ kind: 'external' });
    expect(local('/x/', '/')).toEqual({ kind: 'internal', path: '/x/', fragment: undefined });
  });
});

describe('shorten', () => {
  it.each([
    ['a'.repeat(80), 'a'.repeat(80)],
    ['a'.repeat(81), `${'a'.repeat(79)}…`],
    ['', ''],
  ])('keeps a value of up to 80 characters and cuts a longer one to 80 with an ellipsis', (text, shown) => {
    expect(shorten(text)).toBe(shown);
    expect(shorten(text).length).toBeLessThanOrEqual(80);
  });

  it('takes another limit', () => {
    expect(shorten('Family medicine', 7)).toBe('Family…');
  });
});
