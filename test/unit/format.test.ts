import { describe, expect, it } from 'vitest';
import {
  formatRemoteDelivery,
  buildWeekTable,
  formatAddress,
  formatHolidayHours,
  formatHours,
  formatInitials,
  formatList,
  formatPhone,
  formatProviderName,
  formatTime,
  formatTimeZone,
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
    ['24:00', 'midnight'],
  ])('%s → %s', (input, expected) => {
    expect(formatTime(input)).toBe(expected);
  });
});

describe('formatHours', () => {
  // Times keep a no-break space before AM/PM; written here as a plain space.
  it.each([
    ['08:00', '17:30', '8 AM – 5:30 PM'],
    ['18:00', '02:00', '6 PM – 2 AM'],
    ['22:00', '06:30', '10 PM – 6:30 AM'],
    ['08:00', '24:00', '8 AM – midnight'],
    ['08:00', '23:59', '8 AM – midnight'],
    ['18:00', '00:00', '6 PM – midnight'],
    ['00:00', '02:00', '12 AM – 2 AM'],
    ['00:00', '24:00', 'Open 24 hours'],
    ['00:00', '23:59', 'Open 24 hours'],
  ])('%s–%s → %s', (opens, closes, expected) => {
    expect(formatHours({ opens, closes }).replaceAll('\u00a0', ' ')).toBe(expected);
  });
});

describe('formatTimeZone', () => {
  it.each([
    ['America/Denver', 'Mountain Time'],
    ['America/Chicago', 'Central Time'],
    ['America/Phoenix', 'Mountain Standard Time'],
    ['America/Los_Angeles', 'Pacific Time'],
    ['Pacific/Honolulu', 'Hawaii-Aleutian Standard Time'],
  ])('%s → %s', (zone, name) => {
    expect(formatTimeZone(zone)).toBe(name);
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

  it('shows hours past midnight on the day they open, once', () => {
    const table = buildWeekTable([
      { days: ['tuesday'], opens: '18:00', closes: '02:00' },
      { days: ['wednesday'], opens: '00:00', closes: '24:00' },
      { days: ['thursday'], opens: '13:00', closes: '17:00' },
      { days: ['thursday'], opens: '20:00', closes: '03:00' },
    ]);
    expect(table.map((row) => `${row.label}: ${row.hours.replaceAll('\u00a0', ' ')}`)).toEqual([
      'Monday: Closed',
      'Tuesday: 6 PM – 2 AM',
      'Wednesday: Open 24 hours',
      'Thursday: 1 PM – 5 PM, 8 PM – 3 AM',
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
  const nights = [
    { date: new Date('2026-12-31T00:00:00Z'), label: "New Year's Eve", opens: '18:00', closes: '02:00' },
    { date: new Date('2026-12-26T00:00:00Z'), label: 'Boxing Day', opens: '00:00', closes: '24:00' },
  ];

  it('keeps today and later, soonest first', () => {
    const upcoming = getUpcomingHolidays(holidays, new Date('2026-11-26T18:00:00Z'));
    expect(upcoming.map((h) => h.label)).toEqual(['Thanksgiving', 'Christmas Eve', "New Year's Day"]);
    expect(getUpcomingHolidays(holidays, new Date('2026-12-25T00:00:00Z')).map((h) => h.label)).toEqual(["New Year's Day"]);
  });

  it('says closed or the shortened hours', () => {
    expect(holidays.map(formatHolidayHours)).toEqual(['Closed', '8\u00a0AM – 1\u00a0PM', 'Closed']);
    expect(nights.map(formatHolidayHours)).toEqual(['6\u00a0PM – 2\u00a0AM', 'Open 24 hours']);
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

describe('formatRemoteDelivery', () => {
  it.each<[('in-person' | 'video' | 'phone')[], string | undefined]>([
    [['in-person'], undefined],
    [['video'], 'by video'],
    [['in-person', 'phone'], 'by phone'],
    [['video', 'phone'], 'by video or phone'],
  ])('%j → %j', (modes, expected) => expect(formatRemoteDelivery(modes)).toBe(expected));
});
