import { describe, expect, it } from 'vitest';
import type { z } from 'astro/zod';
import {
  getLocalTime,
  getOrganizationTimeZone,
  getSpan,
  HolidayHoursSchema,
  isOpenAllWeek,
  isOpenAt,
  OpeningHoursSchema,
  TimeZoneSchema,
  WEEKDAYS,
  WeeklyHoursSchema,
  type HolidayHours,
  type OpeningHours,
  type Weekday,
} from '@/lib/hours.ts';

/** Each issue as `path: message`, the way a writer reads it. */
function getIssues(schema: z.ZodType, data: unknown): string[] {
  const result = schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const HHMM = 'Write times as 24-hour HH:MM, e.g. "08:00" or "17:30".';
const SAME =
  'closes: Opening and closing times are the same. For a place open all day write opens "00:00" and closes "24:00"; a closing time before the opening time is on the next day, e.g. 18:00–02:00.';
const HOLIDAY = ': A holiday is either `closed: true` or has both `opens` and `closes`.';
const ONCE = "Give each day's hours once; hours past midnight belong to the day they open.";

describe('OpeningHoursSchema', () => {
  it.each([
    { opens: '08:00', closes: '17:30', issues: [] },
    { opens: '18:00', closes: '02:00', issues: [] }, // past midnight: 2 AM the next day
    { opens: '18:00', closes: '08:00', issues: [] },
    { opens: '20:00', closes: '00:00', issues: [] }, // until midnight
    { opens: '08:00', closes: '24:00', issues: [] },
    { opens: '00:00', closes: '24:00', issues: [] },
    { opens: '00:00', closes: '23:59', issues: [] },
    { opens: '09:00', closes: '09:00', issues: [SAME] },
    { opens: '00:00', closes: '00:00', issues: [SAME] },
    { opens: '24:00', closes: '08:00', issues: ['opens: 24:00 is the end of a day; a day opens at 00:00.'] },
    { opens: '8:00', closes: '17:00', issues: [`opens: ${HHMM}`] },
    { opens: '0800', closes: '17:00', issues: [`opens: ${HHMM}`] },
    { opens: '08:00', closes: '24:30', issues: [`closes: ${HHMM}`] },
    { opens: '08:00', closes: '25:00', issues: [`closes: ${HHMM}`] },
    { opens: '08:00', closes: '12:60', issues: [`closes: ${HHMM}`] },
    { opens: '08:00', closes: '17:00:00', issues: [`closes: ${HHMM}`] },
    { opens: '08:00', closes: '5pm', issues: [`closes: ${HHMM}`] },
    { opens: 800, closes: '17:00', issues: [`opens: ${HHMM}`] },
  ])('$opens–$closes', ({ opens, closes, issues }) => {
    expect(getIssues(OpeningHoursSchema, { days: ['monday'], opens, closes })).toEqual(issues);
  });

  it('names the allowed days', () => {
    expect(getIssues(OpeningHoursSchema, { days: ['mon'], opens: '08:00', closes: '17:00' })).toEqual(['days.0: Days are one of: monday, tuesday, wednesday, thursday, friday, saturday, sunday.']);
  });
});

describe('HolidayHoursSchema: closed all day, or both opens and closes', () => {
  it.each([
    { hours: { closed: true }, issues: [] },
    { hours: { opens: '10:00', closes: '14:00' }, issues: [] },
    { hours: { closed: false, opens: '10:00', closes: '14:00' }, issues: [] },
    { hours: { opens: '18:00', closes: '02:00' }, issues: [] },
    { hours: { opens: '00:00', closes: '24:00' }, issues: [] },
    { hours: {}, issues: [HOLIDAY] },
    { hours: { closed: false }, issues: [HOLIDAY] },
    { hours: { opens: '10:00' }, issues: [HOLIDAY] },
    { hours: { closes: '14:00' }, issues: [HOLIDAY] },
    { hours: { closed: true, opens: '10:00', closes: '14:00' }, issues: [HOLIDAY] },
    { hours: { opens: '14:00', closes: '14:00' }, issues: [SAME] },
    { hours: { opens: '10:00', closes: '2pm' }, issues: [`closes: ${HHMM}`] },
  ])('$hours', ({ hours, issues }) => {
    expect(getIssues(HolidayHoursSchema, { date: '2026-12-25', label: 'Christmas Day', ...hours })).toEqual(issues);
  });

  it.each([
    ['2026-12-25', new Date('2026-12-25')],
    [new Date('2026-12-25'), new Date('2026-12-25')],
  ])('reads the date %j as a date', (date, expected) => {
    expect(HolidayHoursSchema.parse({ date, label: 'Christmas Day', closed: true }).date).toEqual(expected);
  });

  it.each([
    ['Christmas', 'date: Write the date as YYYY-MM-DD, e.g. 2026-03-01 (not "Christmas").'],
    // JavaScript reads both as dates without a word: 5 December or May 12?
    ['05/12/2026', 'date: Write the date as YYYY-MM-DD, e.g. 2026-03-01 (not "05/12/2026").'],
    ['12/24/2026', 'date: Write the date as YYYY-MM-DD, e.g. 2026-03-01 (not "12/24/2026").'],
    ['2026-02-30', 'date: Write the date as YYYY-MM-DD, e.g. 2026-03-01 (not "2026-02-30").'],
    ['2026-12-25T10:00', 'date: Write the date as YYYY-MM-DD, e.g. 2026-03-01 (not "2026-12-25T10:00").'],
    [20261225, 'date: Write the date as YYYY-MM-DD, e.g. 2026-03-01.'],
    [new Date('2026-12-25T10:30:00Z'), 'date: Write the date as YYYY-MM-DD, e.g. 2026-03-01.'],
  ])('rejects %j, which is not a YYYY-MM-DD day', (date, issue) => {
    expect(getIssues(HolidayHoursSchema, { date, label: 'Christmas Day', closed: true })).toEqual([issue]);
  });
});

describe('WeeklyHoursSchema: no two spans overlap on a day', () => {
  const h = (days: Weekday[], opens: string, closes: string) => ({ days, opens, closes });
  it.each([
    { name: 'split hours', hours: [h(['monday'], '08:00', '12:00'), h(['monday'], '13:00', '17:00')], issues: [] },
    { name: 'back to back', hours: [h(['monday'], '08:00', '12:00'), h(['monday'], '12:00', '17:00')], issues: [] },
    { name: 'a night clinic and the next morning', hours: [h(['monday'], '18:00', '02:00'), h(['tuesday'], '02:00', '09:00')], issues: [] },
    { name: 'every night', hours: [h([...WEEKDAYS], '18:00', '02:00')], issues: [] },
    { name: 'open 24/7', hours: [h([...WEEKDAYS], '00:00', '24:00')], issues: [] },
    {
      name: 'the same day twice',
      hours: [h(['monday'], '08:00', '12:00'), h(['monday', 'tuesday'], '11:00', '17:00')],
      issues: [`1: These hours on monday overlap with hours[1] (monday). ${ONCE}`],
    },
    {
      name: 'past midnight into the next day’s hours',
      hours: [h(['monday'], '18:00', '02:00'), h(['tuesday'], '00:00', '09:00')],
      issues: [`1: These hours on tuesday overlap with hours[1] (monday). ${ONCE}`],
    },
    {
      name: 'Sunday night into Monday morning',
      hours: [h(['monday'], '01:00', '09:00'), h(['sunday'], '22:00', '02:00')],
      issues: [`1: These hours on sunday overlap with hours[1] (monday). ${ONCE}`],
    },
    { name: 'a day listed twice', hours: [h(['friday', 'friday'], '08:00', '12:00')], issues: [`0: These hours on friday overlap in the same entry (friday). ${ONCE}`] },
    { name: 'none', hours: [], issues: [': List at least one set of opening hours.'] },
  ])('$name', ({ hours, issues }) => {
    expect(getIssues(WeeklyHoursSchema, hours)).toEqual(issues);
  });
});

describe('TimeZoneSchema', () => {
  it.each([
    { zone: 'America/Chicago', issues: [] },
    { zone: 'America/Denver', issues: [] },
    { zone: 'UTC', issues: [] },
    { zone: 'Mars/Olympus', issues: [': "Mars/Olympus" is not a time zone. Give an IANA time zone name such as America/Chicago or America/Denver.'] },
    { zone: 'america/chicago', issues: [': Write "America/Chicago", the IANA name of the time zone "america/chicago" stands for.'] },
    { zone: 'US/Mountain', issues: [': Write "America/Denver", the IANA name of the time zone "US/Mountain" stands for.'] },
    { zone: 'CST6CDT', issues: [': Write "America/Chicago", the IANA name of the time zone "CST6CDT" stands for.'] },
    {
      zone: 'MST',
      issues: [': "MST" is an abbreviation or an offset. Give the IANA name of the place\'s time zone, e.g. America/New_York or America/Chicago, which follows daylight saving time.'],
    },
    {
      zone: '-06:00',
      issues: [': "-06:00" is an abbreviation or an offset. Give the IANA name of the place\'s time zone, e.g. America/New_York or America/Chicago, which follows daylight saving time.'],
    },
    { zone: 'Japan', issues: [': Write "Asia/Tokyo", the IANA name of the time zone "Japan" stands for.'] },
    {
      zone: 'cst',
      issues: [': "cst" is an abbreviation or an offset. Give the IANA name of the place\'s time zone, e.g. America/New_York or America/Chicago, which follows daylight saving time.'],
    },
    { zone: 6, issues: [': Give an IANA time zone such as America/Chicago.'] },
  ])('$zone', ({ zone, issues }) => {
    expect(getIssues(TimeZoneSchema, zone)).toEqual(issues);
  });
});

describe('getSpan', () => {
  it.each([
    ['08:00', '17:30', { start: 480, end: 1050 }],
    ['18:00', '02:00', { start: 1080, end: 1560 }],
    ['08:00', '24:00', { start: 480, end: 1440 }],
    ['08:00', '23:59', { start: 480, end: 1440 }],
    ['20:00', '00:00', { start: 1200, end: 1440 }],
    ['00:00', '24:00', { start: 0, end: 1440 }],
    ['00:00', '02:00', { start: 0, end: 120 }],
  ])('%s–%s', (opens, closes, span) => {
    expect(getSpan({ opens, closes })).toEqual(span);
  });
});

describe('getLocalTime', () => {
  it.each([
    // Wednesday 2026-11-25 06:30 UTC: 00:30 Wednesday in Chicago, still Tuesday 23:30 in Denver.
    ['2026-11-25T06:30:00Z', 'America/Chicago', { date: Date.UTC(2026, 10, 25), day: 'wednesday', minutes: 30 }],
    ['2026-11-25T06:30:00Z', 'America/Denver', { date: Date.UTC(2026, 10, 24), day: 'tuesday', minutes: 23 * 60 + 30 }],
    ['2026-11-25T05:59:59Z', 'America/Chicago', { date: Date.UTC(2026, 10, 24), day: 'tuesday', minutes: 1439 }],
    ['2027-01-01T06:00:00Z', 'America/Chicago', { date: Date.UTC(2027, 0, 1), day: 'friday', minutes: 0 }],
  ] as const)('%s in %s', (instant, zone, expected) => {
    expect(getLocalTime(new Date(instant), zone)).toEqual(expected);
  });
});

describe('isOpenAt', () => {
  const hours = (days: Weekday[], opens: string, closes: string): OpeningHours[] => [{ days, opens, closes }];
  const holiday = (date: string, h: { opens: string; closes: string } | { closed: true }): HolidayHours => ({ date: new Date(date), label: 'Holiday', ...h });
  const weekdays: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
  const nightClinic = hours(['tuesday'], '18:00', '02:00');
  const everyDay = [...WEEKDAYS];

  // November 2026: Chicago is UTC−6, Denver UTC−7, Los Angeles UTC−8. Tuesday is the 24th.
  it.each([
    { name: 'Wednesday 08:00 in Los Angeles: the opening minute', hours: hours(weekdays, '08:00', '18:00'), zone: 'America/Los_Angeles', at: '2026-11-25T16:00:00Z', open: true },
    { name: 'Wednesday 07:59', hours: hours(weekdays, '08:00', '18:00'), zone: 'America/Los_Angeles', at: '2026-11-25T15:59:00Z', open: false },
    { name: 'Wednesday 17:59', hours: hours(weekdays, '08:00', '18:00'), zone: 'America/Los_Angeles', at: '2026-11-26T01:59:00Z', open: true },
    { name: 'Wednesday 18:00: closed', hours: hours(weekdays, '08:00', '18:00'), zone: 'America/Los_Angeles', at: '2026-11-26T02:00:00Z', open: false },
    { name: 'Saturday', hours: hours(weekdays, '08:00', '18:00'), zone: 'America/Los_Angeles', at: '2026-11-28T18:00:00Z', open: false },

    { name: 'night clinic, Tuesday 17:59', hours: nightClinic, zone: 'America/Chicago', at: '2026-11-24T23:59:00Z', open: false },
    { name: 'night clinic, Tuesday 18:00', hours: nightClinic, zone: 'America/Chicago', at: '2026-11-25T00:00:00Z', open: true },
    { name: 'night clinic, Tuesday 23:30', hours: nightClinic, zone: 'America/Chicago', at: '2026-11-25T05:30:00Z', open: true },
    { name: 'night clinic, Wednesday 00:30', hours: nightClinic, zone: 'America/Chicago', at: '2026-11-25T06:30:00Z', open: true },
    { name: 'night clinic, Wednesday 01:30', hours: nightClinic, zone: 'America/Chicago', at: '2026-11-25T07:30:00Z', open: true },
    { name: 'night clinic, Wednesday 01:59:59', hours: nightClinic, zone: 'America/Chicago', at: '2026-11-25T07:59:59Z', open: true },
    { name: 'night clinic, Wednesday 02:00', hours: nightClinic, zone: 'America/Chicago', at: '2026-11-25T08:00:00Z', open: false },
    { name: 'night clinic, Tuesday 01:30 (Monday is closed)', hours: nightClinic, zone: 'America/Chicago', at: '2026-11-24T07:30:00Z', open: false },
    { name: 'night clinic, Tuesday 01:30 after Monday night', hours: hours(['monday', 'tuesday'], '18:00', '02:00'), zone: 'America/Chicago', at: '2026-11-24T07:30:00Z', open: true },
    { name: 'night clinic, Wednesday 18:00', hours: nightClinic, zone: 'America/Chicago', at: '2026-11-26T00:00:00Z', open: false },
    { name: 'Sunday night into Monday 01:00', hours: hours(['sunday'], '20:00', '03:00'), zone: 'America/Chicago', at: '2026-11-30T07:00:00Z', open: true },

    // One instant, two clocks: 06:30 UTC is Tuesday 23:30 in Denver and Wednesday 00:30 in Chicago.
    { name: 'until midnight, Tuesday 23:30 in Denver', hours: hours(['tuesday'], '08:00', '24:00'), zone: 'America/Denver', at: '2026-11-25T06:30:00Z', open: true },
    { name: 'until midnight, Wednesday 00:30 in Chicago', hours: hours(['tuesday'], '08:00', '24:00'), zone: 'America/Chicago', at: '2026-11-25T06:30:00Z', open: false },
    { name: 'until midnight, Tuesday 23:30 in Chicago', hours: hours(['tuesday'], '08:00', '24:00'), zone: 'America/Chicago', at: '2026-11-25T05:30:00Z', open: true },
    { name: 'Tuesday 08:30 in Chicago', hours: hours(['tuesday'], '08:00', '17:00'), zone: 'America/Chicago', at: '2026-11-24T14:30:00Z', open: true },
    { name: 'Tuesday 07:30 in Denver', hours: hours(['tuesday'], '08:00', '17:00'), zone: 'America/Denver', at: '2026-11-24T14:30:00Z', open: false },
    { name: 'night clinic, Wednesday 01:30 in Denver', hours: nightClinic, zone: 'America/Denver', at: '2026-11-25T08:30:00Z', open: true },
    { name: 'night clinic, Wednesday 02:30 in Chicago', hours: nightClinic, zone: 'America/Chicago', at: '2026-11-25T08:30:00Z', open: false },

    { name: '24:00, at 23:59:30', hours: hours(everyDay, '00:00', '24:00'), zone: 'America/Chicago', at: '2026-11-25T05:59:30Z', open: true },
    { name: '24:00, at 00:00', hours: hours(everyDay, '00:00', '24:00'), zone: 'America/Chicago', at: '2026-11-25T06:00:00Z', open: true },
    { name: '23:59, at 23:59:30', hours: hours(everyDay, '00:00', '23:59'), zone: 'America/Chicago', at: '2026-11-25T05:59:30Z', open: true },
    { name: '08:00–23:59, at 23:59:30', hours: hours(['tuesday'], '08:00', '23:59'), zone: 'America/Chicago', at: '2026-11-25T05:59:30Z', open: true },
    { name: '08:00–23:59, at 00:00 the next day', hours: hours(['tuesday'], '08:00', '23:59'), zone: 'America/Chicago', at: '2026-11-25T06:00:00Z', open: false },
  ])('$name → $open', ({ hours, zone, at, open }) => {
    expect(isOpenAt({ hours, timeZone: zone }, new Date(at))).toBe(open);
  });

  // December 2026 in Chicago (UTC−6): the 24th and the 31st are Thursdays, the 25th a Friday.
  const weekdayHours = hours(weekdays, '08:00', '17:00');
  it.each([
    { name: 'a day closed for a holiday', holidays: [holiday('2026-12-25', { closed: true })], at: '2026-12-25T16:00:00Z', open: false },
    { name: 'the day before it', holidays: [holiday('2026-12-25', { closed: true })], at: '2026-12-24T16:00:00Z', open: true },
    { name: 'shortened hours, after they end', holidays: [holiday('2026-12-24', { opens: '08:00', closes: '12:00' })], at: '2026-12-24T19:00:00Z', open: false },
    { name: 'shortened hours, before they end', holidays: [holiday('2026-12-24', { opens: '08:00', closes: '12:00' })], at: '2026-12-24T17:00:00Z', open: true },
    { name: 'a holiday night past midnight', holidays: [holiday('2026-12-31', { opens: '18:00', closes: '02:00' })], at: '2027-01-01T07:00:00Z', open: true },
    { name: 'the same night at 02:00', holidays: [holiday('2026-12-31', { opens: '18:00', closes: '02:00' })], at: '2027-01-01T08:00:00Z', open: false },
    { name: 'a holiday on a weekend, open all day', holidays: [holiday('2026-12-26', { opens: '00:00', closes: '24:00' })], at: '2026-12-27T05:59:30Z', open: true },
  ])('$name → $open', ({ holidays, at, open }) => {
    expect(isOpenAt({ hours: weekdayHours, holidayHours: holidays, timeZone: 'America/Chicago' }, new Date(at))).toBe(open);
  });
});

describe('isOpenAllWeek', () => {
  it.each([
    { hours: [{ days: [...WEEKDAYS], opens: '00:00', closes: '24:00' }], allWeek: true },
    { hours: [{ days: [...WEEKDAYS], opens: '00:00', closes: '23:59' }], allWeek: true },
    {
      hours: [
        { days: WEEKDAYS.slice(0, 5), opens: '00:00', closes: '24:00' },
        { days: WEEKDAYS.slice(5), opens: '00:00', closes: '24:00' },
      ],
      allWeek: true,
    },
    { hours: [{ days: WEEKDAYS.slice(0, 6), opens: '00:00', closes: '24:00' }], allWeek: false },
    { hours: [{ days: [...WEEKDAYS], opens: '00:01', closes: '24:00' }], allWeek: false },
  ])('$hours.0.days.length days $hours.0.opens–$hours.0.closes → $allWeek', ({ hours, allWeek }) => {
    expect(isOpenAllWeek(hours)).toBe(allWeek);
  });
});

describe('getOrganizationTimeZone', () => {
  it.each([
    [{ timeZone: 'America/Chicago' }, { timeZone: 'America/Los_Angeles' }, 'America/Chicago'],
    [{}, { timeZone: 'America/Los_Angeles' }, 'America/Los_Angeles'],
    [{ timeZone: 'America/Chicago' }, undefined, 'America/Chicago'],
    [{}, {}, undefined],
  ])('%j, routing %j → %s', (organization, routing, zone) => {
    expect(getOrganizationTimeZone(organization, routing)).toBe(zone);
  });
});
