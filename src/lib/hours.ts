import { z } from 'astro/zod';
import { strictFields } from './strict-fields.ts';

/**
 * Opening hours and time zones: the content schemas for them, and whether a place is open at an
 * instant. A leaf module (it imports no other part of Carepath), so that the content schemas and
 * lead routing both build on it.
 *
 * A span of hours belongs to the day it opens. A closing time earlier than the opening time is
 * on the next day (18:00–02:00 is open until 2 AM the next morning, as Google reads it);
 * `24:00`, and `23:59` as Google writes it, are the end of the day; 00:00–24:00 is open all day.
 */

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MINUTES_PER_DAY = 24 * 60;
const MS_PER_DAY = MINUTES_PER_DAY * 60_000;

const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const HHMM = 'Write times as 24-hour HH:MM, e.g. "08:00" or "17:30".';

// `abort` keeps a malformed time out of the comparison of opens and closes, which would add a second, wrong message.
const opens = z.string({ error: HHMM }).refine((t) => TIME_PATTERN.test(t), {
  error: (issue) => (issue.input === '24:00' ? '24:00 is the end of a day; a day opens at 00:00.' : HHMM),
  abort: true,
});
const closes = z.string({ error: HHMM }).refine((t) => t === '24:00' || TIME_PATTERN.test(t), { error: HHMM, abort: true });

const SAME_TIME =
  'Opening and closing times are the same. For a place open all day write opens "00:00" and closes "24:00"; a closing time before the opening time is on the next day, e.g. 18:00–02:00.';

export const OpeningHoursSchema = strictFields({
  /** The days these hours apply to, e.g. [monday, tuesday]; hours past midnight belong to the day they open. */
  days: z.array(z.enum(WEEKDAYS, { error: `Days are one of: ${WEEKDAYS.join(', ')}.` })).min(1, { error: 'List at least one day.' }),
  /** Opening time, 24-hour HH:MM. */
  opens,
  /** Closing time, 24-hour HH:MM: "24:00" for midnight, and a time before `opens` (e.g. "02:00") for the next morning. */
  closes,
}).refine((h) => !isSameTime(h.opens, h.closes), { error: SAME_TIME, path: ['closes'] });

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day as the writer gives it: YYYY-MM-DD, which YAML reads as a date when it is not in
 * quotes. Anything else is refused, 05/12/2026 above all: it is May 12 in one country and 5
 * December in the next, and JavaScript would have read it without a word.
 */
export const CalendarDaySchema = z.unknown().transform((value, ctx): Date => {
  if (value instanceof Date && !Number.isNaN(value.getTime()) && value.getUTCHours() === 0 && value.getUTCMinutes() === 0) return value;
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (text !== undefined && DAY_PATTERN.test(text)) {
    const day = new Date(`${text}T00:00:00Z`);
    if (!Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text) return day;
  }
  const given = text === undefined || text === '' ? '' : ` (not "${text}")`;
  ctx.addIssue({ code: 'custom', message: `Write the date as YYYY-MM-DD, e.g. 2026-03-01${given}.` });
  return z.NEVER;
});

export const HolidayHoursSchema = strictFields({
  /** The day, YYYY-MM-DD. */
  date: CalendarDaySchema,
  /** What the day is, e.g. "Thanksgiving Day". */
  label: z.string({ error: 'Write the name of the day.' }).trim().min(1, { error: 'Write the name of the day; it may not be empty.' }),
  /** Closed all day. Leave out and give opens/closes for other hours. */
  closed: z.boolean().optional(),
  /** As in the weekly hours. */
  opens: opens.optional(),
  /** As in the weekly hours: "24:00" for midnight, a time before `opens` for the next morning. */
  closes: closes.optional(),
})
  .refine((h) => (h.closed === true) !== (h.opens !== undefined && h.closes !== undefined), {
    error: 'A holiday is either `closed: true` or has both `opens` and `closes`.',
  })
  .refine((h) => h.opens === undefined || h.closes === undefined || !isSameTime(h.opens, h.closes), { error: SAME_TIME, path: ['closes'] });

export type OpeningHours = z.output<typeof OpeningHoursSchema>;
export type HolidayHours = z.output<typeof HolidayHoursSchema>;

/**
 * A location's weekly hours: at least one entry, and no two that overlap on a day (hours past
 * midnight included), which would show a day's hours twice and state them twice to Google.
 */
export const WeeklyHoursSchema = z
  .array(OpeningHoursSchema)
  .min(1, { error: 'List at least one set of opening hours.' })
  .superRefine((hours, context) => {
    const week = hours.flatMap((h, index) =>
      h.days.map((day) => {
        const span = getSpan(h);
        const start = WEEKDAYS.indexOf(day) * MINUTES_PER_DAY + span.start;
        return { index, day, start, end: start + span.end - span.start };
      }),
    );
    const WEEK = 7 * MINUTES_PER_DAY;
    // Sunday night's hours run into Monday morning: compare each span with the others a week on, too.
    const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => [-WEEK, 0, WEEK].some((shift) => a.start < b.end + shift && b.start + shift < a.end);
    for (const [i, a] of week.entries()) {
      const earlier = week.slice(0, i).find((b) => overlaps(a, b));
      if (earlier === undefined) continue;
      const where = earlier.index === a.index ? 'in the same entry' : `with hours[${earlier.index + 1}]`;
      context.addIssue({
        code: 'custom',
        path: [a.index],
        message: `These hours on ${a.day} overlap ${where} (${earlier.day}). Give each day's hours once; hours past midnight belong to the day they open.`,
      });
      return;
    }
  });

/** An IANA time zone name, exactly as the time zone database spells it. */
export const TimeZoneSchema = z.string({ error: 'Give an IANA time zone such as America/Chicago.' }).superRefine((zone, context) => {
  const problem = checkTimeZone(zone);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
});

function checkTimeZone(zone: string): string | undefined {
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return `"${zone}" is not a time zone. Give an IANA time zone name such as America/Chicago or America/Denver.`;
  }
  // "EST", "CST", "-06:00": abbreviations and offsets do not follow daylight saving time.
  if ((/^(?:[A-Z]{2,5}|[a-z]{2,5})$/.test(zone) && zone !== 'UTC') || /^[+-]/.test(zone)) {
    return `"${zone}" is an abbreviation or an offset. Give the IANA name of the place's time zone, e.g. America/New_York or America/Chicago, which follows daylight saving time.`;
  }
  if (canonical === zone) return undefined;
  return `Write "${canonical}", the IANA name of the time zone "${zone}" stands for.`;
}

/** A span of hours in minutes from the midnight that starts its day; an `end` past 1440 is the next day. */
export interface Span {
  start: number;
  end: number;
}

/** 18:00–02:00 → 1080–1560; 08:00–24:00 and 08:00–23:59 → 480–1440; 00:00–24:00 → 0–1440. */
export function getSpan(hours: { opens: string; closes: string }): Span {
  const start = toMinutes(hours.opens);
  const closing = isEndOfDay(hours.closes) ? MINUTES_PER_DAY : toMinutes(hours.closes);
  return { start, end: closing <= start ? closing + MINUTES_PER_DAY : closing };
}

/** Open from 00:00 to the end of the day. */
export function isAllDay(span: Span): boolean {
  return span.start === 0 && span.end === MINUTES_PER_DAY;
}

/** Open all day on every day of the week. */
export function isOpenAllWeek(hours: readonly OpeningHours[]): boolean {
  return WEEKDAYS.every((day) => hours.some((h) => h.days.includes(day) && isAllDay(getSpan(h))));
}

/** Whether the span closes at midnight, the end of its day ("24:00", "23:59" or "00:00" after opening). */
export function closesAtMidnight(span: Span): boolean {
  return span.end === MINUTES_PER_DAY;
}

/** "24:00" and Google's "23:59" both mean the end of the day. */
function isEndOfDay(hhmm: string): boolean {
  return hhmm === '24:00' || hhmm === '23:59';
}

function isSameTime(a: string, b: string): boolean {
  return toMinutes(a) === toMinutes(b);
}

function toMinutes(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** What `isOpenAt` needs to know about a place. */
export interface Schedule {
  hours: readonly OpeningHours[];
  /** Days whose hours replace the weekly ones. */
  holidayHours?: readonly HolidayHours[] | undefined;
  /** The IANA time zone the hours are in. */
  timeZone: string;
}

/** A calendar day and a wall-clock time in some time zone. */
export interface LocalTime {
  /** The calendar day, as the UTC midnight that starts it (how holiday dates are read). */
  readonly date: number;
  readonly day: Weekday;
  /** Minutes since midnight, counting a minute as begun: 23:59:30 is 1439. */
  readonly minutes: number;
}

/**
 * Whether the place is open at the instant `now`, read on its own clock: the day's hours (or its
 * holiday hours), or the day before's hours that run past midnight.
 */
export function isOpenAt(schedule: Schedule, now: Date): boolean {
  const local = getLocalTime(now, schedule.timeZone);
  // The same moment as the day before sees it, past its 24:00, where its hours past midnight end.
  const yesterday: LocalTime = {
    date: local.date - MS_PER_DAY,
    day: WEEKDAYS[(WEEKDAYS.indexOf(local.day) + 6) % 7] ?? local.day,
    minutes: local.minutes + MINUTES_PER_DAY,
  };
  return [local, yesterday].some((at) => getSpansOn(schedule, at).some((s) => s.start <= at.minutes && at.minutes < s.end));
}

/** The spans that open on a day: its holiday hours if it has them, else its weekly hours. */
function getSpansOn(schedule: Schedule, { date, day }: LocalTime): Span[] {
  const holiday = schedule.holidayHours?.find((h) => h.date.getTime() === date);
  if (holiday === undefined) return schedule.hours.filter((h) => h.days.includes(day)).map(getSpan);
  return holiday.closed || holiday.opens === undefined || holiday.closes === undefined ? [] : [getSpan({ opens: holiday.opens, closes: holiday.closes })];
}

const WEEKDAY_BY_SHORT: Record<string, Weekday> = {
  Mon: 'monday',
  Tue: 'tuesday',
  Wed: 'wednesday',
  Thu: 'thursday',
  Fri: 'friday',
  Sat: 'saturday',
  Sun: 'sunday',
};

// Making an Intl.DateTimeFormat loads time-zone and locale data and costs far more than
// formatting with it; the lead endpoint would otherwise make one per location per lead. A lead
// asks about every location at one instant: the last reading in each zone is kept too.
const FORMATS = new Map<string, Intl.DateTimeFormat>();
const LAST_READING = new Map<string, { at: number; local: LocalTime }>();

/** The calendar day, weekday and time of day at `now` in `timeZone`. */
export function getLocalTime(now: Date, timeZone: string): LocalTime {
  const last = LAST_READING.get(timeZone);
  if (last?.at === now.getTime()) return last.local;
  let format = FORMATS.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    FORMATS.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const day = WEEKDAY_BY_SHORT[parts.find((p) => p.type === 'weekday')?.value ?? ''];
  if (day === undefined) throw new Error(`Could not read the weekday of ${now.toISOString()} in ${timeZone}.`);
  const local = { date: Date.UTC(part('year'), part('month') - 1, part('day')), day, minutes: part('hour') * 60 + part('minute') };
  LAST_READING.set(timeZone, { at: now.getTime(), local });
  return local;
}

/**
 * The organization's time zone, which a location without its own is in: the organization file's
 * `timeZone`, else the routing file's (where it was written before locations had their own).
 */
export function getOrganizationTimeZone(organization: { timeZone?: string | undefined } | undefined, routing: { timeZone?: string | undefined } | undefined): string | undefined {
  return organization?.timeZone ?? routing?.timeZone;
}
