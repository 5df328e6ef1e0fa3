/**
 * Calendar days (YYYY-MM-DD) in the organization's time zone: the report's ranges, its weeks, and
 * the day a page view or a lead falls on. Pure.
 */
import { getLocalTime } from '../hours.ts';
import type { DayRange } from './types.ts';
import { formatIsoDate } from '../dates.ts';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Whether `value` is a real calendar day written YYYY-MM-DD. */
export function isDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return formatIsoDate(date) === value;
}

/** The day `instant` falls on in `timeZone`. */
export function getLocalDay(instant: Date, timeZone: string): string {
  return formatIsoDate(new Date(getLocalTime(instant, timeZone).date));
}

/** The day `count` days after `day` (before, when negative). */
export function addDays(day: string, count: number): string {
  return formatIsoDate(new Date(Date.parse(`${day}T00:00:00Z`) + count * DAY_MS));
}

/** How many days the range covers, both ends included. */
export function countDays(range: DayRange): number {
  return Math.round((Date.parse(`${range.toDay}T00:00:00Z`) - Date.parse(`${range.fromDay}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The range of the same length that ends the day before `range` begins. */
export function getPreviousRange(range: DayRange): DayRange {
  const length = countDays(range);
  return { fromDay: addDays(range.fromDay, -length), toDay: addDays(range.fromDay, -1) };
}

/** The instant `day` begins in `timeZone` (local midnight, or the first instant after it on a DST gap). */
export function getDayStart(day: string, timeZone: string): Date {
  const target = Date.parse(`${day}T00:00:00Z`);
  let guess = target;
  // The zone's offset at the guess moves the guess; twice settles it, also across a change of offset.
  for (let i = 0; i < 3; i++) {
    const local = getLocalTime(new Date(guess), timeZone);
    const offset = local.date + local.minutes * 60_000 - Math.floor(guess / 60_000) * 60_000;
    guess = target - offset;
  }
  return new Date(guess);
}

/** The instants a range of local days spans: from its first day's start to the start of the day after its last. */
export function getRangeBounds(range: DayRange, timeZone: string): { from: Date; to: Date } {
  return { from: getDayStart(range.fromDay, timeZone), to: getDayStart(addDays(range.toDay, 1), timeZone) };
}

/** The Monday of the week `day` is in. */
export function getWeekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The calendar month before the one `today` is in: the report's range when none is given. */
export function getLastMonth(today: string): DayRange {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 2, 1));
  const last = new Date(Date.UTC(year, month - 1, 0));
  return { fromDay: formatIsoDate(first), toDay: formatIsoDate(last) };
}
