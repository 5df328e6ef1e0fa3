/**
 * How a page's title and description read in a Google result on a phone, cut where Google would
 * cut them. Google cuts by the width the text takes on screen, not by its number of characters,
 * and publishes no limits: the figures here are the estimates SEO tools work with, measured on
 * results.
 *
 * Sources (looked up December 2026):
 * - Screaming Frog, "SERP snippet" guide (screamingfrog.co.uk/guides/serp-snippet/): the cut is
 *   by pixel width; Google gives no pixel or character limits; mobile cuts differ from desktop.
 * - Screaming Frog, "Page Title & Meta Description By Pixel Width" (2014) and "An Update On Pixel
 *   Width In Google SERP Snippets": titles are measured in Arial and cut at a word boundary, with
 *   an ellipsis.
 * - dailytool.net, "Mobile vs desktop SERP preview", and serpgem.pages.dev "Mobile SERP preview":
 *   a phone shows a title of about 55 average characters on one line (its box about 560–600 px
 *   wide at a 20 px font) and a description of about 120 characters.
 *
 * The approximation: text is measured with Arial's advance widths (below, the metrics Arial shares
 * with Helvetica), the title at 20 px and cut past 560 px, the description at 14 px and cut past
 * 800 px (about 120 characters of ordinary text); each is cut after the last whole word that fits
 * with the ellipsis. A result may differ by a word either way; Google may also rewrite a title or
 * show another snippet than the description.
 */

/** The title of a result on a phone: font size and the width past which it is cut, in CSS px. */
export const MOBILE_TITLE = { fontSize: 20, maxWidth: 560 } as const;
/** The description of a result on a phone. */
export const MOBILE_DESCRIPTION = { fontSize: 14, maxWidth: 800 } as const;

const ELLIPSIS = '…';

// Arial's advance widths in thousandths of an em, for printable ASCII from the space (32) on.
// prettier-ignore
const ASCII_WIDTHS = [
  278,
  278,
  355,
  556,
  556,
  889,
  667,
  191,
  333,
  333,
  389,
  584,
  278,
  333,
  278,
  278, // space ! " # $ % & ' ( ) * + , - . /
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  278,
  278,
  584,
  584,
  584,
  556, // 0-9 : ; < = > ?
  1015,
  667,
  667,
  722,
  722,
  667,
  611,
  778,
  722,
  278,
  500,
  667,
  556,
  833,
  722,
  778, // @ A-O
  667,
  778,
  722,
  667,
  611,
  722,
  667,
  944,
  667,
  667,
  611,
  278,
  278,
  278,
  469,
  556, // P-Z [ \ ] ^ _
  333,
  556,
  556,
  500,
  556,
  556,
  278,
  556,
  556,
  222,
  222,
  500,
  222,
  833,
  556,
  556, // ` a-o
  556,
  556,
  333,
  500,
  278,
  556,
  500,
  722,
  500,
  500,
  500,
  334,
  260,
  334,
  584, // p-z { | } ~
];

/** Arial's widths of the punctuation writers use beyond ASCII. */
const OTHER_WIDTHS: Record<string, number> = {
  '\u00a0': 278, // no-break space
  '–': 556,
  '—': 1000,
  '…': 1000,
  '‘': 222,
  '’': 222,
  '“': 333,
  '”': 333,
  '•': 350,
  '·': 278,
  '×': 584,
  '©': 737,
  '®': 737,
};

/** A letter with accents is as wide as the letter without. */
const baseOf = (char: string) => char.normalize('NFD').replace(/\p{M}/gu, '');

/** The width of one character in thousandths of an em: wide scripts a whole em, others an average letter. */
function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 32 && code < 127) return ASCII_WIDTHS[code - 32]!;
  const other = OTHER_WIDTHS[char];
  if (other !== undefined) return other;
  const base = baseOf(char);
  if (base.length === 1 && base !== char) return charWidth(base);
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(char)) return 1000;
  return 556;
}

/** The width `text` takes in Arial at `fontSize` px, in CSS px. */
export function measureText(text: string, fontSize: number): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return (width * fontSize) / 1000;
}

/** One line of a result: the text as shown, and what is cut off. */
export interface PreviewLine {
  /** What the result shows, with "…" at the end when it is cut. */
  shown: string;
  /** The text past the cut; empty when it all fits. */
  cut: string;
}

/** The text as a result shows it in `box`: whole, or cut after the last whole word that fits with "…". */
export function fitPreviewLine(text: string, box: { fontSize: number; maxWidth: number }): PreviewLine {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (measureText(clean, box.fontSize) <= box.maxWidth) return { shown: clean, cut: '' };
  const room = box.maxWidth - measureText(ELLIPSIS, box.fontSize);
  let end = 0;
  for (const match of clean.matchAll(/\S+/g)) {
    const wordEnd = match.index + match[0].length;
    if (measureText(clean.slice(0, wordEnd).replace(/[,;:.\-–—]+$/, ''), box.fontSize) > room) break;
    end = wordEnd;
  }
  // A first word too wide for the box is cut where it stops fitting.
  if (end === 0) {
    for (const char of clean) {
      if (measureText(clean.slice(0, end + char.length), box.fontSize) > room) break;
      end += char.length;
    }
  }
  const kept = clean.slice(0, end).replace(/[\s,;:.\-–—]+$/, '');
  return { shown: `${kept}${ELLIPSIS}`, cut: clean.slice(kept.length).trimStart() };
}

/** A page's result on a phone. */
export interface SearchPreview {
  /** The address as a result writes it: `riverbend.example › locations › hill`. */
  site: string;
  title: PreviewLine;
  description: PreviewLine;
}

/** The page's result as a phone shows it; a missing title or description shows as empty. */
export function buildSearchPreview(page: { url: string; title?: string | undefined; description?: string | undefined }): SearchPreview {
  const url = new URL(page.url);
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment).replace(/\.html$/, ''));
  return {
    site: [url.hostname, ...segments].join(' › '),
    title: fitPreviewLine(page.title ?? '', MOBILE_TITLE),
    description: fitPreviewLine(page.description ?? '', MOBILE_DESCRIPTION),
  };
}
