import { describe, expect, it } from 'vitest';
import { buildSearchPreview, fitPreviewLine, measureText, MOBILE_DESCRIPTION, MOBILE_TITLE } from '@/seo-audit/search-preview.ts';

describe('measureText', () => {
  it('measures with Arial’s widths: an "i" is narrow, a "W" wide, accented letters as their letter', () => {
    expect(measureText('iiii', 20)).toBeCloseTo(17.76);
    expect(measureText('WWWW', 20)).toBeCloseTo(75.52);
    expect(measureText('é', 20)).toBe(measureText('e', 20));
    expect(measureText('Family medicine', 20)).toBeCloseTo(144.46);
  });
});

describe('fitPreviewLine', () => {
  it('keeps a title that fits whole', () => {
    expect(fitPreviewLine('Low back pain | Riverbend Health', MOBILE_TITLE)).toEqual({ shown: 'Low back pain | Riverbend Health', cut: '' });
  });

  it('cuts a long title after the last whole word that fits with the ellipsis', () => {
    const title = 'Physical therapy at Riverbend Health – Gateway, East Portland | Riverbend Health';
    const line = fitPreviewLine(title, MOBILE_TITLE);
    expect(line).toEqual({ shown: 'Physical therapy at Riverbend Health – Gateway, East…', cut: 'Portland | Riverbend Health' });
    expect(measureText(line.shown, MOBILE_TITLE.fontSize)).toBeLessThanOrEqual(MOBILE_TITLE.maxWidth);
  });

  it('cuts by width, not by characters: 40 capital Ws are cut, 60 small letters are not', () => {
    expect(fitPreviewLine('WWWW '.repeat(8).trim(), MOBILE_TITLE).cut).not.toBe('');
    expect(fitPreviewLine('illi '.repeat(12).trim(), MOBILE_TITLE).cut).toBe('');
  });

  it('cuts a description of about 120 characters', () => {
    const description = 'Family and children’s care, plus counseling, in Southeast Portland. Same-week visits, a free lot behind the building, and bus line 14 at the corner.';
    expect(fitPreviewLine(description, MOBILE_DESCRIPTION)).toEqual({
      shown: 'Family and children’s care, plus counseling, in Southeast Portland. Same-week visits, a free lot behind the building, and bus…',
      cut: 'line 14 at the corner.',
    });
  });

  it('cuts inside a single word too wide for the box', () => {
    expect(fitPreviewLine('W'.repeat(60), MOBILE_TITLE).shown).toBe(`${'W'.repeat(28)}…`);
  });
});

describe('buildSearchPreview', () => {
  it('writes the address as a result does, and both lines as a phone shows them', () => {
    expect(buildSearchPreview({ url: 'https://riverbend.example/locations/hill/family-medicine/', title: 'Family medicine at Hill | Riverbend Health' })).toEqual({
      site: 'riverbend.example › locations › hill › family-medicine',
      title: { shown: 'Family medicine at Hill | Riverbend Health', cut: '' },
      description: { shown: '', cut: '' },
    });
    expect(buildSearchPreview({ url: 'https://riverbend.example/' }).site).toBe('riverbend.example');
  });
});
