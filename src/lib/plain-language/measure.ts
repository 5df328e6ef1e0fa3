import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';

/**
 * Sentences, words, reading grade, long sentences and jargon of plain text. The text comes in
 * blocks (a paragraph, a heading, a list item, a field's value): the end of a block always ends a
 * sentence, since a heading or a list item is read as one even without a full stop.
 */

/** A stretch of text that ends a sentence where it ends, with the line it starts on in its file. */
export interface TextBlock {
  text: string;
  /** 1-based line in the file, for text from the page body. */
  line?: number | undefined;
}

export interface Sentence {
  text: string;
  words: string[];
  /** Where the sentence starts in its block's text. */
  offset: number;
}

/** Flesch–Kincaid counts of some text. */
export interface TextCounts {
  sentences: number;
  words: number;
  syllables: number;
}

// Abbreviations after which a sentence never ends: a name or an example always follows.
const NEVER_ENDS = new Set(['dr', 'mr', 'mrs', 'ms', 'prof', 'e.g', 'i.e', 'vs', 'approx', 'ste', 'apt', 'fig', 'cf']);
// Abbreviations that end a sentence only when a capital letter follows ("5 p.m. Walk in").
const ENDS_IF_CAPITAL = new Set(['a.m', 'p.m', 'etc', 'jr', 'sr', 'st', 'inc', 'u.s', 'ave', 'blvd', 'mt', 'ft']);

// A word: letters and digits, joined inside by apostrophes, hyphens or periods (don't, X-ray,
// e.g, 3.5, 503-555-0120), and digits also by commas, colons and slashes (10,000, 8:00, 24/7).
const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+|[,:/]\p{N}+)*/gu;
// A candidate sentence end: . ! or ? (repeated or not), closing quotes or brackets, then space.
const END = /[.!?]+["'”’)\]]*(?=\s+)/gu;
const URL_LIKE = /\b(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+/giu;

/** The words of a text, in order; URLs and email addresses are not words a reader reads. */
export function splitWords(text: string): string[] {
  return text.replace(URL_LIKE, ' ').match(WORD) ?? [];
}

/**
 * The sentences of one block. A full stop after an abbreviation ("Dr. Okafor", "e.g. ice",
 * "8 a.m. to 5 p.m.") or an initial ("J. Smith") does not end a sentence; "5 p.m. Walk in" does.
 * A sentence without words ("—", "…") is dropped.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const offset = start + (raw.length - raw.trimStart().length);
    start = end;
    const words = splitWords(raw);
    if (words.length > 0) sentences.push({ text: raw.trim().replace(/\s+/g, ' '), words, offset });
  };
  for (const match of text.matchAll(END)) {
    const end = match.index + match[0].length;
    if (match[0].startsWith('.') && !match[0].startsWith('..') && !isSentenceEnd(text.slice(start, match.index), text.slice(end))) continue;
    push(end);
  }
  push(text.length);
  return sentences;
}

function isSentenceEnd(before: string, after: string): boolean {
  const last = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
  const nextIsCapital = /^\s*["'“‘(]?[\p{Lu}\p{N}]/u.test(after);
  if (NEVER_ENDS.has(last.toLowerCase())) return false;
  if (ENDS_IF_CAPITAL.has(last.toLowerCase())) return nextIsCapital;
  // "No. 14" is a number; "No. You can book directly." is an answer.
  if (last.toLowerCase() === 'no') return !/^\s*\d/u.test(after);
  // A single capital letter is an initial (J. Smith), unless it is the pronoun "I".
  if (/^\p{Lu}$/u.test(last) && last !== 'I' && nextIsCapital) return false;
  return true;
}

/**
 * Syllables of a word, by the `syllable` library. A number counts as one: readers take in "10",
 * "2026" or "8:00" at a glance, and spelling them out would rate dates as hard reading.
 */
export function countSyllables(word: string): number {
  if (/^[\p{N}.,:/-]+$/u.test(word)) return 1;
  return Math.max(1, syllable(word));
}

/** The counts of every sentence of every block. */
export function countText(blocks: readonly TextBlock[]): TextCounts {
  const counts: TextCounts = { sentences: 0, words: 0, syllables: 0 };
  for (const block of blocks) {
    for (const sentence of splitSentences(block.text)) {
      counts.sentences += 1;
      counts.words += sentence.words.length;
      for (const word of sentence.words) counts.syllables += countSyllables(word);
    }
  }
  return counts;
}

/**
 * The Flesch–Kincaid grade level of the counts (0.39 × words per sentence + 11.8 × syllables per
 * word − 15.59), rounded to one decimal; undefined for text without words.
 */
export function gradeCounts(counts: TextCounts): number | undefined {
  const grade = fleschKincaid({ sentence: counts.sentences, word: counts.words, syllable: counts.syllables });
  return Number.isFinite(grade) ? Math.round(grade * 10) / 10 : undefined;
}

/** A sentence of more than the limit's words, with its start to find it by. */
export interface LongSentence {
  words: number;
  /** The sentence's first words, with "…" when cut. */
  start: string;
  line?: number | undefined;
}

const QUOTED_WORDS = 8;

/** Sentences of more than `limit` words, in order. */
export function findLongSentences(blocks: readonly TextBlock[], limit: number): LongSentence[] {
  return blocks.flatMap((block) =>
    splitSentences(block.text)
      .filter((sentence) => sentence.words.length > limit)
      .map((sentence) => ({ words: sentence.words.length, start: quoteStart(sentence.text), line: getLineAt(block, sentence.offset) })),
  );
}

/** The file line of a place in a block: its first line plus the line breaks before the place. */
function getLineAt(block: TextBlock, offset: number): number | undefined {
  if (block.line === undefined) return undefined;
  return block.line + (block.text.slice(0, offset).match(/\n/g)?.length ?? 0);
}

function quoteStart(sentence: string): string {
  const words = sentence.split(/\s+/);
  return words.length <= QUOTED_WORDS ? sentence : `${words.slice(0, QUOTED_WORDS).join(' ')}…`;
}

/** A jargon term found in the text, as written there, with its plain alternative. */
export interface JargonUse {
  term: string;
  found: string;
  plain: string;
  line?: number | undefined;
}

/**
 * Each term of the list the blocks use, once per block: whole words, any case, also as a simple
 * plural ("-s", "-es", "y" → "-ies"). A term of several words matches across any spacing.
 */
export function findJargon(blocks: readonly TextBlock[], jargon: Readonly<Record<string, string>>): JargonUse[] {
  const patterns = Object.entries(jargon).map(([term, plain]) => ({ term, plain, pattern: toTermPattern(term) }));
  const uses: JargonUse[] = [];
  for (const block of blocks) {
    const text = block.text.replace(URL_LIKE, ' ');
    for (const { term, plain, pattern } of patterns) {
      const match = pattern.exec(text);
      if (match) uses.push({ term, found: match[0].replace(/\s+/g, ' '), plain, line: getLineAt(block, match.index) });
    }
  }
  return uses;
}

function toTermPattern(term: string): RegExp {
  const words = term.trim().split(/\s+/).map(escapeRegExp);
  const last = words.pop() ?? '';
  const plural = last.endsWith('y') ? `(?:${last}|${last.slice(0, -1)}ies)` : `${last}(?:s|es)?`;
  return new RegExp(`(?<![\\p{L}\\p{N}])${[...words, plural].join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
