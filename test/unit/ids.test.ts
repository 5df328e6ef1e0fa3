import { describe, expect, it } from 'vitest';
import { ID_MAX_LENGTH, isValidId, toSlug, toToken } from '@/lib/ids.ts';

describe('isValidId', () => {
  it.each([
    ['primary-care', true],
    ['a', true],
    ['covid-19', true],
    ['a'.repeat(ID_MAX_LENGTH), true],
    ['a'.repeat(ID_MAX_LENGTH + 1), false],
    ['Primary-care', false],
    ['primary--care', false],
    ['-primary', false],
    ['primary-', false],
    ['primary care', false],
    ['', false],
    ['../etc', false],
  ])('%j: %s', (value, expected) => expect(isValidId(value)).toBe(expected));

  it('takes the 89-character id that the lead endpoint once refused', () => {
    expect(isValidId('pediatric-developmental-and-behavioral-evaluation-for-attention-and-learning-differences')).toBe(true);
  });
});

describe('toSlug and toToken', () => {
  it.each([
    ['Low Back Pain', 'low-back-pain', 'low-back-pain'],
    ['El Paso', 'el-paso', 'el-paso'],
    ['Español', 'espanol', 'espanol'],
    ["Zoë's  Clinic!", 'zoe-s-clinic', 'zoe-s-clinic'],
    ['עברית', '', 'u5e2-5d1-5e8-5d9-5ea'],
    ['日本語', '', 'u65e5-672c-8a9e'],
    ['  ', '', 'x'],
  ])('%j → slug %j, token %j', (input, slug, token) => {
    expect(toSlug(input)).toBe(slug);
    expect(toToken(input)).toBe(token);
  });

  it('gives two names without Latin letters different tokens', () => {
    expect(toToken('עברית')).not.toBe(toToken('العربية'));
  });
});
