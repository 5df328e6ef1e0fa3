import { z } from 'astro/zod';
import { parse as parseYaml } from 'yaml';
import { strictFields } from '../strict-fields.ts';
import type { ContentIssue } from '../content/integrity.ts';

/** The file in CONTENT_DIR that holds the plain-language settings and jargon list. */
export const PLAIN_LANGUAGE_FILE = 'plain-language.yaml';

/** Health-literacy guidance: patient text should read at US grade 8 or lower. */
export const DEFAULT_GRADE_TARGET = 8;

/** A sentence of more words than this is hard to follow in one go. */
export const DEFAULT_LONG_SENTENCE = 25;

export const PlainLanguageSettingsSchema = strictFields({
  /** The highest reading grade (Flesch–Kincaid, US school years) a page's text should read at. */
  gradeTarget: z
    .number({ error: 'Write gradeTarget as a number of school years, e.g. gradeTarget: 8.' })
    .min(1, { error: 'gradeTarget is a school grade from 1 to 18, e.g. 8.' })
    .max(18, { error: 'gradeTarget is a school grade from 1 to 18, e.g. 8.' })
    .default(DEFAULT_GRADE_TARGET),
  /** Sentences of more words than this are flagged. */
  longSentence: z
    .number({ error: 'Write longSentence as a number of words, e.g. longSentence: 25.' })
    .int({ error: 'Write longSentence as a whole number of words, e.g. 25.' })
    .min(5, { error: 'longSentence is a number of words from 5 up, e.g. 25.' })
    .default(DEFAULT_LONG_SENTENCE),
  /** Medical words and the everyday words to say instead, one `term: plain words` per line. */
  jargon: z
    .record(
      z.string().trim().min(1, { error: 'A jargon term may not be empty.' }),
      z.string({ error: 'After the term and its colon, write the plain words to say instead, e.g. hypertension: high blood pressure.' }).trim().min(1, {
        error: 'After the term and its colon, write the plain words to say instead, e.g. hypertension: high blood pressure.',
      }),
      { error: 'List jargon as one "term: plain words" per line, e.g.\n  jargon:\n    hypertension: high blood pressure' },
    )
    .default({}),
});

export type PlainLanguageSettings = z.output<typeof PlainLanguageSettingsSchema>;

/** The settings without a file: grade 8, 25 words, and no jargon list. */
export const DEFAULT_PLAIN_LANGUAGE_SETTINGS: PlainLanguageSettings = { gradeTarget: DEFAULT_GRADE_TARGET, longSentence: DEFAULT_LONG_SENTENCE, jargon: {} };

export type ParsedSettings = { ok: true; settings: PlainLanguageSettings } | { ok: false; issues: ContentIssue[] };

/**
 * Reads the text of `plain-language.yaml` (undefined when there is no such file: the defaults).
 * `file` names it in the issues, e.g. `content/plain-language.yaml`.
 */
export function parsePlainLanguageSettings(text: string | undefined, file: string): ParsedSettings {
  if (text === undefined) return { ok: true, settings: DEFAULT_PLAIN_LANGUAGE_SETTINGS };
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return {
      ok: false,
      issues: [{ severity: 'error', file, field: '(file)', message: `The YAML does not parse: ${message}`, fix: 'Correct the syntax at the line named; check indentation, colons and quotes.' }],
    };
  }
  const result = PlainLanguageSettingsSchema.safeParse(data);
  if (result.success) return { ok: true, settings: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      severity: 'error',
      file,
      field: issue.path.length === 0 ? '(file)' : issue.path.map(String).join('.'),
      message: issue.message,
      fix: 'Correct this line as the message says, or delete the file to use the defaults (grade 8, 25 words, no jargon list).',
    })),
  };
}
