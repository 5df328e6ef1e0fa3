import { describe, expect, it } from 'vitest';
import { SAMPLE_PAGES, selectTemplatePages } from '../../quality/support/templates.ts';

describe('selectTemplatePages, the pages the quality gates check', () => {
  it.each([undefined, '', '  '])('checks the sample’s pages when QUALITY_PAGES is %j', (value) => {
    expect(selectTemplatePages(value)).toBe(SAMPLE_PAGES);
  });

  it('checks the pages QUALITY_PAGES names instead, each expected to answer 200 and be indexable', () => {
    expect(selectTemplatePages('/providers/, /providers/at/aspen-green/2/')).toEqual([
      { template: 'page /providers/', path: '/providers/', status: 200, noindex: false },
      { template: 'page /providers/at/aspen-green/2/', path: '/providers/at/aspen-green/2/', status: 200, noindex: false },
    ]);
  });

  it.each(['providers/', 'https://example.com/providers/', '/a/,'])('refuses %j, which is no list of site paths', (value) => {
    expect(() => selectTemplatePages(value)).toThrow(/QUALITY_PAGES lists/);
  });
});
