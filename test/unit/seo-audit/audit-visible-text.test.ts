import { describe, expect, it } from 'vitest';
import { createVisibleText, getTimeKey, normalizeForMatch } from '@/seo-audit/audit/visible-text.ts';

describe('normalizeForMatch', () => {
  it.each([
    ['Children’s  care.', 'children s care'],
    ['“Giving way”', 'giving way'],
    ["Don't rush it", 'don t rush it'],
    ['Café\u00a0hours', 'café hours'],
    ['  ', ''],
  ])('%j → %j', (text, normalized) => {
    expect(normalizeForMatch(text)).toBe(normalized);
  });
});

describe('createVisibleText', () => {
  const visible = createVisibleText(
    'Reviewed by Anastasia Ruiz, MD. Call (503) 555-0120 or +44 20 7946 0958. Open 8 AM – 5:30 PM, Saturday 9 a.m. to noon; Sunday 10 AM – midnight. Ages 1 PM – 11 PM',
  );

  it.each([
    ['Anastasia Ruiz', true],
    ['anastasia ruiz md', true],
    ['Ana Ruiz', false],
    ['Ruiz, MD.', true],
    ['', true],
  ])('hasText(%j) is %s', (phrase, shown) => {
    expect(visible.hasText(phrase)).toBe(shown);
  });

  it.each([
    ['+15035550120', true],
    ['+1 (503) 555-0120', true],
    ['503-555-0120', true],
    ['+15035550199', false],
    ['+16035550120', false],
    ['+442079460958', true],
    ['', false],
    // A number missing digits is not the number the page shows.
    ['+1 503 555 01', false],
    // Only a +1 number may drop its country code: another 11-digit number needs all its digits.
    ['+7 503 555 0120', false],
  ])('hasPhone(%j) is %s', (phone, shown) => {
    expect(visible.hasPhone(phone)).toBe(shown);
  });

  it.each([
    ['08:00', true],
    ['8:00:00', true],
    ['17:30', true],
    ['09:00', true],
    ['12:00', true],
    ['10:00', true],
    ['23:59', true],
    ['00:00', true],
    ['24:00', true],
    ['13:00', true],
    ['23:00', true],
    ['17:00', false],
    ['11:00', false],
    ['01:00', false],
    ['8am', undefined],
    ['25:00', undefined],
    ['24:30', undefined],
  ])('hasTime(%j) is %s', (time, shown) => {
    expect(visible.hasTime(time)).toBe(shown);
  });

  it('reads only whole 12-hour times', () => {
    expect(createVisibleText('Open until 11 PM').hasTime('13:00')).toBe(false);
    expect(createVisibleText('Not a time: 13 PM, 10:15 AM').hasTime('15:00')).toBe(false);
    expect(createVisibleText('Not a time: 13 PM, 10:15 AM').hasTime('05:00')).toBe(false);
    expect(createVisibleText('Closes at 12 PM').hasTime('12:00')).toBe(true);
    expect(createVisibleText('Opens at 12 AM').hasTime('00:00')).toBe(true);
  });

  it.each([
    ['8AM', '08:00'],
    ['5:30pm', '17:30'],
    ['9 a. m.', '09:00'],
    ['9 A.M.', '09:00'],
  ])('reads %j as %s', (text, time) => {
    expect(createVisibleText(`Opens ${text} daily`).hasTime(time)).toBe(true);
  });

  it('reads "midnight" as midnight, not as noon', () => {
    const visible = createVisibleText('Open until midnight');
    expect([visible.hasTime('00:00'), visible.hasTime('24:00'), visible.hasTime('12:00')]).toEqual([true, true, false]);
  });
});

describe('getTimeKey', () => {
  it.each([
    ['08:00', '8:00'],
    ['17:30:00', '17:30'],
    ['00:00', 'midnight'],
    ['23:59', 'midnight'],
    ['24:00', 'midnight'],
    ['12:00', '12:00'],
    [' 08:00 ', '8:00'],
    ['00:30', '0:30'],
    ['10:59', '10:59'],
    ['23:30', '23:30'],
    ['T08:00', undefined],
    ['08:00 PM', undefined],
    ['noon', undefined],
    ['12:60', undefined],
    ['24:30', undefined],
  ])('%j → %j', (time, key) => {
    expect(getTimeKey(time)).toBe(key);
  });
});
