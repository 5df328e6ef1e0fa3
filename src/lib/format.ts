import { closesAtMidnight, getSpan, isAllDay, WEEKDAYS, type HolidayHours, type OpeningHours, type Weekday } from './hours.ts';

/** "+15035550142" → "(503) 555-0142" for North American numbers; other numbers as given. */
export function formatPhone(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : e164;
}

/** The `tel:` link for an E.164 number. */
export function telHref(e164: string): string {
  return `tel:${e164}`;
}

/** "08:00" → "8 AM", "17:30" → "5:30 PM", "23:59" and "24:00" → "midnight"; the space never breaks a line. */
export function formatTime(hhmm: string): string {
  if (hhmm === '23:59' || hhmm === '24:00') return 'midnight';
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  if (h === 12 && m === 0) return 'noon';
  const suffix = h < 12 ? 'AM' : 'PM';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${hour}\u00a0${suffix}` : `${hour}:${String(m).padStart(2, '0')}\u00a0${suffix}`;
}

const DAY_LABELS: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

/**
 * One span of hours in words: "8 AM – 5 PM", "6 PM – 2 AM" (past midnight), "8 AM – midnight",
 * "Open 24 hours".
 */
export function formatHours(hours: { opens: string; closes: string }): string {
  const span = getSpan(hours);
  if (isAllDay(span)) return 'Open 24 hours';
  return `${formatTime(hours.opens)} – ${closesAtMidnight(span) ? 'midnight' : formatTime(hours.closes)}`;
}

/** One row per day of the week, Monday first, with that day's hours or "Closed". */
export function buildWeekTable(hours: readonly OpeningHours[]): { day: Weekday; label: string; hours: string }[] {
  return WEEKDAYS.map((day) => {
    const spans = hours
      .filter((h) => h.days.includes(day))
      .sort((a, b) => getSpan(a).start - getSpan(b).start)
      .map(formatHours);
    return { day, label: DAY_LABELS[day], hours: spans.length > 0 ? spans.join(', ') : 'Closed' };
  });
}

const ZONE_NAMES = new Map<string, string>();

/**
 * The name people use for a time zone, from Intl: "Mountain Time" for America/Denver, "Mountain
 * Standard Time" for America/Phoenix (no daylight saving time), "Central European Time".
 */
export function formatTimeZone(timeZone: string): string {
  let name = ZONE_NAMES.get(timeZone);
  if (name === undefined) {
    // Generic names ("Mountain Time") hold all year; the day only matters for zones without one.
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date(Date.UTC(2026, 0, 1)));
    name = parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
    ZONE_NAMES.set(timeZone, name);
  }
  return name;
}

// Made once: a formatter costs far more to make than to use, and pages format dates many times.
const SHORT_DATE = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** "November 26, 2026", read in UTC so a date never shifts. */
export function formatShortDate(date: Date): string {
  return SHORT_DATE.format(date);
}

/** A holiday's hours in words: "Closed", "9 AM – 1 PM", "6 PM – 2 AM" or "Open 24 hours". */
export function formatHolidayHours(day: HolidayHours): string {
  return day.closed || !day.opens || !day.closes ? 'Closed' : formatHours({ opens: day.opens, closes: day.closes });
}

/** Holidays on or after `today`, soonest first; the clock is passed in so builds are repeatable. */
export function getUpcomingHolidays(holidays: readonly HolidayHours[], today: Date): HolidayHours[] {
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return holidays.filter((h) => h.date.getTime() >= start).sort((a, b) => a.date.getTime() - b.date.getTime());
}

/** "Ana Ruiz, MD, FAAP"; the name alone for someone without credentials. */
export function formatProviderName(provider: { name: string; credentials: readonly string[] }): string {
  return [provider.name, ...provider.credentials].join(', ');
}

const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The initials shown in place of a photo: the first letter of the first and the last word ("Ana
 * María Ruiz" → "AR", "דנה לוי" → "דל"), whole characters even when a letter is several code points.
 */
export function formatInitials(name: string): string {
  const words = name.split(/\s+/u).filter((w) => /\p{L}/u.test(w));
  const first = (word: string | undefined) => {
    if (word === undefined) return '';
    const letter = [...GRAPHEMES.segment(word)].find((g) => /\p{L}/u.test(g.segment));
    return letter?.segment.toUpperCase() ?? '';
  };
  return words.length > 1 ? first(words[0]) + first(words.at(-1)) : first(words[0]);
}

/** "a, b and c". */
export function formatList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "video or phone": the ways other than in person that a visit can happen, for a sentence. */
export function formatRemoteDelivery(modes: readonly ('in-person' | 'video' | 'phone')[]): string | undefined {
  const remote = modes.filter((mode) => mode !== 'in-person');
  if (remote.length === 0) return undefined;
  return remote.length === 1 ? `by ${remote[0]}` : `by ${remote.slice(0, -1).join(', ')} or ${remote[remote.length - 1]}`;
}

/** How lists group mobile clinics, which have no city. */
export const MOBILE_CLINICS = 'Mobile clinics';

/** The city a location is listed under: its address's, or "Mobile clinics". */
export function getListingCity(data: { address?: { city: string } | undefined }): string {
  return data.address?.city ?? MOBILE_CLINICS;
}

/** The one-line postal address. */
export function formatAddress(a: { street: string; street2?: string | undefined; city: string; region: string; postalCode: string }): string {
  return [a.street, a.street2, `${a.city}, ${a.region} ${a.postalCode}`].filter(Boolean).join(', ');
}
