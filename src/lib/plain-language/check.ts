import { formatField, type ContentIssue } from '../content/integrity.ts';
import { countText, findJargon, findLongSentences, gradeCounts, type JargonUse, type LongSentence, type TextBlock } from './measure.ts';
import type { PlainLanguageSettings } from './settings.ts';
import { getBodyBlocks, getFieldBlocks } from './texts.ts';

/** One content entry, as the content check and the build read it. */
export interface PlainLanguageEntry {
  /** The file to open, e.g. `content/conditions/anxiety.mdx`. */
  file: string;
  /** Its fields, as the schema gave them or as YAML read them. */
  data: unknown;
  /**
   * The page text (the MDX body), if any, as the content check reads it: the text after the
   * fields' closing `---`, and the line of the file its first line is on.
   */
  body?: { text: string; firstLine: number } | undefined;
}

/**
 * The fields patients read, wherever an entry has them: `[]` is each item of a list. Lists of
 * short phrases (symptoms, reasons) are left out: they are not sentences, and would make any page
 * look easy.
 */
export const PATIENT_FIELDS = [
  'summary',
  'description',
  'providersDescription',
  'audience',
  'parking',
  'accessibility',
  'directions',
  'seo.description',
  'steps[]',
  'faqs[].question',
  'faqs[].answer',
] as const;

/** Below this many words a reading grade says little: a page's text this short gets none. */
export const MIN_GRADED_WORDS = 30;

/** A part of an entry's text: a field, or the page text (`page text`). */
interface TextPart {
  field: string;
  blocks: TextBlock[];
}

/** How an entry's patient-facing text reads. */
export interface PlainLanguageMeasure {
  file: string;
  /** Flesch–Kincaid grade of all its text together; undefined with fewer than MIN_GRADED_WORDS words. */
  grade?: number | undefined;
  words: number;
  sentences: number;
  /** The part that reads hardest (of those with 10 words or more), with its own grade: a field, or `page text`. */
  hardest?: { field: string; grade: number } | undefined;
  longSentences: (LongSentence & { field: string })[];
  jargon: (JargonUse & { field: string })[];
}

/** Measures one entry's text against the settings. */
export function measurePlainLanguage(entry: PlainLanguageEntry, settings: PlainLanguageSettings): PlainLanguageMeasure {
  const parts = getTextParts(entry);
  const counts = countText(parts.flatMap((part) => part.blocks));
  let hardest: PlainLanguageMeasure['hardest'];
  for (const part of parts) {
    const partCounts = countText(part.blocks);
    const grade = partCounts.words >= 10 ? gradeCounts(partCounts) : undefined;
    if (grade !== undefined && (hardest === undefined || grade > hardest.grade)) hardest = { field: part.field, grade };
  }
  return {
    file: entry.file,
    grade: counts.words >= MIN_GRADED_WORDS ? gradeCounts(counts) : undefined,
    words: counts.words,
    sentences: counts.sentences,
    hardest,
    longSentences: parts.flatMap((part) => findLongSentences(part.blocks, settings.longSentence).map((s) => ({ ...s, field: part.field }))),
    jargon: parts.flatMap((part) => findJargon(part.blocks, settings.jargon).map((use) => ({ ...use, field: part.field }))),
  };
}

/**
 * The plain-language warnings of every entry: one for an entry whose text reads above the grade
 * target, one per long sentence, and one per jargon term (at its first use, naming the others).
 * Every issue is a warning: plain language is advice, never a reason to refuse a page.
 */
export function checkPlainLanguage(options: {
  entries: readonly PlainLanguageEntry[];
  settings: PlainLanguageSettings;
  /** How an entry is measured; a caller that also builds the reading grades passes one that remembers. */
  measure?: (entry: PlainLanguageEntry) => PlainLanguageMeasure;
}): ContentIssue[] {
  const { entries, settings, measure = (entry) => measurePlainLanguage(entry, settings) } = options;
  return entries.flatMap((entry) => toIssues(measure(entry), settings));
}

function toIssues(measure: PlainLanguageMeasure, settings: PlainLanguageSettings): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const { file, grade, hardest } = measure;
  if (grade !== undefined && grade > settings.gradeTarget) {
    // The grade is the whole entry's; the issue points at the part to rewrite first.
    issues.push({
      severity: 'warning',
      file,
      field: hardest?.field ?? PAGE_TEXT,
      value: formatGrade(grade),
      message: `Reads at grade ${formatGrade(grade)}; aim for ${settings.gradeTarget} or lower: shorter sentences, everyday words.`,
      fix: `${hardest ? `Start here: this part reads at grade ${formatGrade(hardest.grade)}, the hardest of the page. ` : ''}Split long sentences, and say what a patient would say to a friend.`,
    });
  }
  for (const sentence of measure.longSentences) {
    issues.push({
      severity: 'warning',
      file,
      field: sentence.field,
      ...atLine(sentence.line),
      value: sentence.start,
      message: `A sentence of ${sentence.words} words is hard to follow in one go.`,
      fix: `Split it into sentences of ${settings.longSentence} words or fewer, one idea each.`,
    });
  }
  const byTerm = new Map<string, (JargonUse & { field: string })[]>();
  for (const use of measure.jargon) byTerm.set(use.term, [...(byTerm.get(use.term) ?? []), use]);
  for (const [term, [first, ...others]] of byTerm) {
    if (!first) continue;
    const also = others.length === 0 ? '' : ` It is also in ${others.map(formatPlace).join('; ')}.`;
    issues.push({
      severity: 'warning',
      file,
      field: first.field,
      ...atLine(first.line),
      value: first.found,
      message: `"${first.found}" is a medical word many patients do not know.${also}`,
      fix: `Say "${first.plain}" instead, or explain "${term}" in plain words where it first appears.`,
    });
  }
  return issues;
}

/** One decimal, always: "8.0", "11.2". */
export function formatGrade(grade: number): string {
  return grade.toFixed(1);
}

/** `summary`, `faqs[3].answer` (counted from 1, as formatIssues shows fields), or `the page text, line 14`. */
function formatPlace(found: { field: string; line?: number | undefined }): string {
  return found.line === undefined ? formatField(found.field) : `the page text, line ${found.line}`;
}

const atLine = (line: number | undefined): { line?: number } => (line === undefined ? {} : { line });

/** The field name the content check gives the page text (formatIssues shows it as "the page text"). */
const PAGE_TEXT = 'page text';

function getTextParts(entry: PlainLanguageEntry): TextPart[] {
  const parts: TextPart[] = [];
  for (const path of PATIENT_FIELDS) {
    for (const { field, text } of getStrings(entry.data, path)) parts.push({ field, blocks: getFieldBlocks(text) });
  }
  const blocks = entry.body === undefined ? undefined : getBodyBlocks(entry.body.text, entry.body.firstLine);
  if (blocks && blocks.length > 0) parts.push({ field: PAGE_TEXT, blocks });
  return parts;
}

/** The strings at a path such as `faqs[].answer`, each with its own field name (`faqs[0].answer`). */
function getStrings(data: unknown, path: string): { field: string; text: string }[] {
  let found: { field: string; value: unknown }[] = [{ field: '', value: data }];
  for (const segment of path.split('.')) {
    const list = segment.endsWith('[]');
    const key = list ? segment.slice(0, -2) : segment;
    found = found.flatMap(({ field, value }) => {
      const next = isRecord(value) ? value[key] : undefined;
      const name = field === '' ? key : `${field}.${key}`;
      if (!list) return [{ field: name, value: next }];
      return Array.isArray(next) ? next.map((item, i) => ({ field: `${name}[${i}]`, value: item })) : [];
    });
  }
  return found.flatMap(({ field, value }) => (typeof value === 'string' && value.trim() !== '' ? [{ field, text: value }] : []));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
