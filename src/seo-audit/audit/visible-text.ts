/**
 * Questions about a page's visible text that structured data must agree with: does it show this
 * phrase, this phone number, this time of day? Each normalized form is built on first use.
 */
export interface VisibleText {
  /** True when the text shows `phrase`, ignoring case, punctuation and spacing (curly vs straight quotes). */
  hasText(phrase: string): boolean;
  /** True when the text shows the number's digits, in any punctuation; a +1 number may drop the 1. */
  hasPhone(phone: string): boolean;
  /**
   * True when the text shows the `HH:MM` time in 12-hour form ("8 AM", "5:30 PM", "noon",
   * "midnight"); undefined when `hhmm` is not a time.
   */
  hasTime(hhmm: string): boolean | undefined;
}

/**
 * Whitespace, ASCII punctuation and symbols, Latin-1 punctuation, the General Punctuation block
 * (curly quotes, dashes, no-break spaces), arrows and shapes, CJK punctuation. Listed rather than
 * written as `[^\p{L}\p{N}]`, which is several times slower over a page's text.
 */
const NOT_WORD = /[\s!-/:-@[-`{-~\u00a1-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u2bff\u3000-\u303f]+/g;

/** Lower case, words only, single spaces: "Children’s  care." → "children s care". */
export function normalizeForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOT_WORD, ' ').trim();
}

// Punctuation people put inside phone numbers; letters and commas still separate numbers.
const PHONE_PUNCTUATION = /[\s().+/\-\u2010-\u2015]+/g;
const TWELVE_HOUR = /(?<!\d)(1[0-2]|0?[1-9])(?::([0-5]\d))?\s?([ap])\.?\s?m(?![a-z])\.?|\b(noon|midnight)\b/gi;

export function createVisibleText(text: string): VisibleText {
  let words: string | undefined;
  let digits: string | undefined;
  let times: Set<string> | undefined;
  return {
    hasText(phrase) {
      const wanted = normalizeForMatch(phrase);
      if (wanted === '') return true;
      words ??= ` ${normalizeForMatch(text)} `;
      return words.includes(` ${wanted} `);
    },
    hasPhone(phone) {
      const wanted = phone.replace(/\D/g, '');
      if (wanted === '') return false;
      digits ??= text.replace(PHONE_PUNCTUATION, '');
      const national = /^\s*\+1/.test(phone) && wanted.length === 11 ? wanted.slice(1) : wanted;
      return digits.includes(wanted) || digits.includes(national);
    },
    hasTime(hhmm) {
      const wanted = getTimeKey(hhmm);
      if (wanted === undefined) return undefined;
      times ??= readTimes(text);
      return times.has(wanted);
    },
  };
}

/** "08:00" → "8:00", "17:30:00" → "17:30"; 00:00, 23:59 and 24:00 are all "midnight". */
export function getTimeKey(hhmm: string): string | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(hhmm.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  // 24:00 is the end of the day; no later time of day is 24-something.
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
  return toKey(hours, minutes);
}

function toKey(hours: number, minutes: number): string {
  if ((hours === 0 && minutes === 0) || (hours === 24 && minutes === 0) || (hours === 23 && minutes === 59)) return 'midnight';
  return `${hours}:${String(minutes).padStart(2, '0')}`;
}

function readTimes(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(TWELVE_HOUR)) {
    const word = match[4]?.toLowerCase();
    if (word) {
      found.add(word === 'noon' ? '12:00' : 'midnight');
      continue;
    }
    const hour = Number(match[1]) % 12;
    const pm = match[3]?.toLowerCase() === 'p';
    found.add(toKey(pm ? hour + 12 : hour, Number(match[2] ?? 0)));
  }
  return found;
}
