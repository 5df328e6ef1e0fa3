import { describe, expect, it } from 'vitest';
import { setNoindex } from '@/seo-audit/noindex.ts';

describe('setNoindex', () => {
  const head = (robots: string) => `<head><meta name="description" content="Care at Hill"><meta name="robots" content="${robots}"><link rel="canonical" href="/x/"></head>`;

  it('switches the robots meta to noindex, follow and leaves the rest alone', () => {
    expect(setNoindex(head('index, follow, max-image-preview:large'))).toBe(head('noindex, follow'));
  });

  it('accepts attributes in any order and single quotes', () => {
    expect(setNoindex(`<meta content='index, follow' name='robots' />`)).toBe(`<meta content="noindex, follow" name='robots' />`);
  });

  it.each([
    ['<meta name = "robots" content = "index, follow">', '<meta name = "robots" content="noindex, follow">'],
    ['<meta name=robots content=index>', '<meta name=robots content="noindex, follow">'],
    ['<META NAME="Robots" CONTENT="all">', '<META NAME="Robots" content="noindex, follow">'],
  ])('reads the robots meta however it is spelled: %s', (tag, switched) => {
    expect(setNoindex(tag)).toBe(switched);
  });

  it('throws when the page has no robots meta, rather than leave the page indexable', () => {
    expect(() => setNoindex('<head><meta name="robotsx" content="index"></head>')).toThrow(/no <meta name="robots">/);
  });
});
