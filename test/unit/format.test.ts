import { describe, expect, it } from 'vitest';
import {
  buildWeekTable,
  formatAddress,
  formatHolidayHours,
  formatInitials,
  formatList,
  formatPhone,
  formatProviderName,
  formatTime,
  getUpcomingHolidays,
  telHref,
} from '@/lib/format.ts';

describe('formatPhone', () => {
  it.each([
    ['+15035550142', '(503) 555-0142'],
    ['+442071838750', '+442071838750'],
    ['+1503555014', '+1503555014'],
  ])('%s → %s', (input, expected) => {
    expect(formatPhone(input)).toBe(expected);
  });

  it('links with the E.164 number', () => {
    expect(telHref('+15035550142')).toBe('tel:+15035550142');
  });
});

describe('formatTime', () => {
  it.each([
    ['08:00', '8\u00a0AM'],
    ['00:00', '12\u00a0AM'],
    ['12:00', 'noon'],
    ['12:30', '12:30\u00a0PM'],
    ['17:30', '5:30\u00a0PM'],
    ['23:59', 'midnight'],
  ])('%s → %s', (input, expected) => {
    expect(formatTime(input)).toBe(expected);
  });
});

describe('buildWeekTable', () => {
  it('lists every day from Monday, joins split hours and marks missing days closed', () => {
    const table = buildWeekTable([
      { days: ['monday', 'wednesday'], opens: '13:00', closes: '17:00' },
      { days: ['monday'], opens: '08:00', closes: '12:00' },
    ]);
    // Times keep a no-break space before AM/PM; shown here as a plain space.
    expect(table.map((row) => `${row.label}: ${row.hours.replaceAll('\u00a0', ' ')}`)).toEqual([
      'Monday: 8 AM – noon, 1 PM – 5 PM',
      'Tuesday: Closed',
      'Wednesday: 1 PM – 5 PM',
      'Thursday: Closed',
      'Friday: Closed',
      'Saturday: Closed',
      'Sunday: Closed',
    ]);
  });
});

describe('holidays', () => {
  const holidays = [
    { date: new Date('2027-01-01T00:00:00Z'), label: "New Year's Day", closed: true },
    { date: new Date('2026-12-24T00:00:00Z'), label: 'Christmas Eve', opens: '08:00', closes: '13:00' },
    { date: new Date('2026-11-26T00:00:00Z'), label: 'Thanksgiving', closed: true },
  ];

  it('keeps today and later, soonest first', () => {
    const upcoming = getUpcomingHolidays(holidays, new Date('2026-11-26T18:00:00Z'));
    expect(upcoming.map((h) => h.label)).toEqual(['Thanksgiving', 'Christmas Eve', "New Year's Day"]);
    expect(getUpcomingHolidays(holidays, new Date('2026-12-25T00:00:00Z')).map((h) => h.label)).toEqual(["New Year's Day"]);
  });

  it('says closed or the shortened hours', () => {
    expect(holidays.map(formatHolidayHours)).toEqual(['Closed', '8\u00a0AM – 1\u00a0PM', 'Closed']);
  });
});

describe('names, lists and addresses', () => {
  it('puts credentials after the name', () => {
    expect(formatProviderName({ name: 'Linh Tran', credentials: ['MD', 'FAAP'] })).toBe('Linh Tran, MD, FAAP');
    expect(formatProviderName({ name: 'דנה לוי', credentials: ['MS'] })).toBe('דנה לוי, MS');
  });

  it('gives the name alone to someone without credentials, with no trailing comma', () => {
    expect(formatProviderName({ name: 'Sam Ortiz', credentials: [] })).toBe('Sam Ortiz');
  });

  it.each([
    ['Ana Ruiz', 'AR'],
    ['Ana María Ruiz-López', 'AR'],
    ['ana ruiz', 'AR'],
    ['Cher', 'C'],
    ['  Ben   Cole ', 'BC'],
    ['דנה לוי', 'דל'],
    ['Émile Zola', 'ÉZ'],
    // A letter made of a base letter and a combining accent stays whole.
    ['E\u0301mile Zola', 'E\u0301Z'],
    ['(Sam) Ortiz', 'SO'],
    ['', ''],
  ])('formatInitials(%j) → %j', (name, initials) => {
    expect(formatInitials(name)).toBe(initials);
  });

  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('formatList(%j) → %j', (items, expected) => {
    expect(formatList(items)).toBe(expected);
  });

  it('writes the address on one line, with the suite when there is one', () => {
    const address = { street: '1 Harbor Way', city: 'Salem', region: 'OR', postalCode: '97301' };
    expect(formatAddress(address)).toBe('1 Harbor Way, Salem, OR 97301');
    expect(formatAddress({ ...address, street2: 'Suite 2' })).toBe('1 Harbor Way, Suite 2, Salem, OR 97301');
  });
});
