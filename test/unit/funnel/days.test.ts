import { describe, expect, it } from 'vitest';
import { addDays, countDays, getDayStart, getLastMonth, getLocalDay, getPreviousRange, getRangeBounds, getWeekStart, isDay } from '@/lib/funnel/days.ts';

describe('isDay', () => {
  it.each([
    ['2026-11-30', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-11-31', false],
    ['2026-1-03', false],
    ['20261103', false],
    ['2026-11-03T00:00', false],
  ])('%s → %s', (value, expected) => expect(isDay(value)).toBe(expected));
});

describe('ranges', () => {
  it('counts both ends and finds the range of the same length just before', () => {
    expect(countDays({ fromDay: '2026-11-01', toDay: '2026-11-30' })).toBe(30);
    expect(getPreviousRange({ fromDay: '2026-11-01', toDay: '2026-11-30' })).toEqual({ fromDay: '2026-10-02', toDay: '2026-10-31' });
    expect(getPreviousRange({ fromDay: '2026-03-01', toDay: '2026-03-01' })).toEqual({ fromDay: '2026-02-28', toDay: '2026-02-28' });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('takes last month from any day of this one', () => {
    expect(getLastMonth('2026-12-02')).toEqual({ fromDay: '2026-11-01', toDay: '2026-11-30' });
    expect(getLastMonth('2027-01-31')).toEqual({ fromDay: '2026-12-01', toDay: '2026-12-31' });
    expect(getLastMonth('2028-03-15')).toEqual({ fromDay: '2028-02-01', toDay: '2028-02-29' });
  });

  it('starts weeks on Monday', () => {
    expect(getWeekStart('2026-11-01')).toBe('2026-10-26'); // a Sunday
    expect(getWeekStart('2026-11-02')).toBe('2026-11-02'); // a Monday
    expect(getWeekStart('2026-11-08')).toBe('2026-11-02');
  });
});

describe('days in a time zone', () => {
  it.each([
    ['2026-11-03', 'America/Los_Angeles', '2026-11-03T08:00:00.000Z'],
    ['2026-07-03', 'America/Los_Angeles', '2026-07-03T07:00:00.000Z'],
    // The days the clocks change: midnight still exists, on either side of the change.
    ['2026-03-08', 'America/Los_Angeles', '2026-03-08T08:00:00.000Z'],
    ['2026-11-01', 'America/Los_Angeles', '2026-11-01T07:00:00.000Z'],
    ['2026-11-03', 'UTC', '2026-11-03T00:00:00.000Z'],
    ['2026-11-03', 'Asia/Kolkata', '2026-11-02T18:30:00.000Z'],
    ['2026-11-03', 'Pacific/Auckland', '2026-11-02T11:00:00.000Z'],
  ])('%s begins in %s at %s', (day, zone, instant) => {
    expect(getDayStart(day, zone).toISOString()).toBe(instant);
    expect(getLocalDay(new Date(instant), zone)).toBe(day);
    expect(getLocalDay(new Date(Date.parse(instant) - 1), zone)).toBe(addDays(day, -1));
  });

  it('spans a range of local days from the first midnight to the one after the last', () => {
    const bounds = getRangeBounds({ fromDay: '2026-11-01', toDay: '2026-11-30' }, 'America/Los_Angeles');
    expect(bounds).toEqual({ from: new Date('2026-11-01T07:00:00.000Z'), to: new Date('2026-12-01T08:00:00.000Z') });
  });
});

describe('getLocalDay', () => {
  it.each([
    // 07:30 UTC is still the day before in Los Angeles (UTC−8 in winter), the same day in Tokyo.
    ['America/Los_Angeles', '2026-01-15T07:30:00Z', '2026-01-14'],
    ['America/Los_Angeles', '2026-01-15T08:00:00Z', '2026-01-15'],
    ['Asia/Tokyo', '2026-01-14T15:00:00Z', '2026-01-15'],
    ['Asia/Tokyo', '2026-01-14T14:59:59Z', '2026-01-14'],
    ['UTC', '2026-12-31T23:59:59.999Z', '2026-12-31'],
    // Summer time in New York (UTC−4): local midnight is 04:00 UTC.
    ['America/New_York', '2026-07-04T03:59:00Z', '2026-07-03'],
    ['America/New_York', '2026-07-04T04:00:00Z', '2026-07-04'],
    // India is UTC+5:30: the day turns on a half hour.
    ['Asia/Kolkata', '2026-03-01T18:29:00Z', '2026-03-01'],
    ['Asia/Kolkata', '2026-03-01T18:30:00Z', '2026-03-02'],
  ])('%s at %s is %s', (zone, at, day) => expect(getLocalDay(new Date(at), zone)).toBe(day));

  it('refuses a time zone Intl does not know', () => {
    expect(() => getLocalDay(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('isDay, as the imports and the CLI read a date', () => {
  it.each([
    ['2026-11-30', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-5', false],
    ['30/11/2026', false],
    ['2026-11-30T00:00', false],
    ['', false],
  ])('%s → %s', (value, valid) => expect(isDay(value)).toBe(valid));
});
