import { describe, expect, it } from 'vitest';
import { completeNpi, isLuhnValid, isValidNpi } from '@/lib/content/npi.ts';

describe('isValidNpi', () => {
  it.each([
    // 1234567893 is the worked example in the CMS check-digit note.
    ['1234567893', true],
    ['1245319599', true],
    ['1679576722', true],
    ['1000000012', true],
    ['1234567890', false],
    ['1234567839', false],
    ['2234567893', false],
    ['123456789', false],
    ['12345678930', false],
    ['123456789a', false],
    [' 1234567893', false],
    ['', false],
  ])('%j → %s', (npi, valid) => {
    expect(isValidNpi(npi)).toBe(valid);
  });

  it('rejects every single-digit change of a valid NPI', () => {
    const valid = '1234567893';
    const changed = [...valid].flatMap((digit, i) =>
      '0123456789'
        .split('')
        .filter((d) => d !== digit)
        .map((d) => `${valid.slice(0, i)}${d}${valid.slice(i + 1)}`),
    );
    expect(changed).toHaveLength(90);
    expect(changed.filter(isValidNpi)).toEqual([]);
  });
});

describe('isLuhnValid', () => {
  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['4539578763621486', true],
    ['0', true],
    ['18', true],
    ['19', false],
  ])('%j → %s', (digits, valid) => {
    expect(isLuhnValid(digits)).toBe(valid);
  });
});

describe('completeNpi', () => {
  it.each([
    ['123456789', '1234567893'],
    ['100000001', '1000000012'],
    ['000000000', '0000000006'],
    ['999999999', '9999999995'],
  ])('%s → %s', (firstNine, npi) => {
    expect(completeNpi(firstNine)).toBe(npi);
    expect(isValidNpi(npi)).toBe(true);
  });

  it.each(['12345678', '1234567890', '12345678x'])('refuses %j, which is not nine digits', (input) => {
    expect(() => completeNpi(input)).toThrow(`No check digit completes "${input}"; give exactly nine digits.`);
  });
});
