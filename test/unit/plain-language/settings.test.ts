import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAIN_LANGUAGE_SETTINGS, parsePlainLanguageSettings } from '@/lib/plain-language/settings.ts';

const FILE = 'content/plain-language.yaml';

describe('parsePlainLanguageSettings', () => {
  it('takes the defaults without a file: grade 8, 25 words, no jargon list', () => {
    expect(parsePlainLanguageSettings(undefined, FILE)).toEqual({ ok: true, settings: { gradeTarget: 8, longSentence: 25, jargon: {} } });
    expect(DEFAULT_PLAIN_LANGUAGE_SETTINGS).toEqual({ gradeTarget: 8, longSentence: 25, jargon: {} });
  });

  it('reads the sample content’s list', () => {
    const parsed = parsePlainLanguageSettings(readFileSync(FILE, 'utf8'), FILE);
    expect(parsed.ok && parsed.settings).toMatchObject({ gradeTarget: 8, longSentence: 25, jargon: { hypertension: 'high blood pressure', acute: 'sudden or short-term' } });
    expect(parsed.ok && Object.keys(parsed.settings.jargon).length).toBeGreaterThanOrEqual(30);
  });

  it('fills in what the file leaves out', () => {
    expect(parsePlainLanguageSettings('jargon:\n  benign: not cancer\n', FILE)).toEqual({ ok: true, settings: { gradeTarget: 8, longSentence: 25, jargon: { benign: 'not cancer' } } });
  });

  it.each([
    ['a misspelled field', 'gradeTaget: 7', 'gradeTaget', 'Unknown field. Did you mean "gradeTarget"? Fields allowed here: gradeTarget, longSentence, jargon.'],
    ['a grade in words', 'gradeTarget: eight', 'gradeTarget', 'Write gradeTarget as a number of school years, e.g. gradeTarget: 8.'],
    ['a grade out of range', 'gradeTarget: 0', 'gradeTarget', 'gradeTarget is a school grade from 1 to 18, e.g. 8.'],
    ['a sentence limit with a fraction', 'longSentence: 20.5', 'longSentence', 'Write longSentence as a whole number of words, e.g. 25.'],
    ['a term without plain words', 'jargon:\n  benign:\n', 'jargon.benign', 'After the term and its colon, write the plain words to say instead, e.g. hypertension: high blood pressure.'],
    ['a list instead of terms', 'jargon:\n  - benign\n', 'jargon', 'List jargon as one "term: plain words" per line, e.g.\n  jargon:\n    hypertension: high blood pressure'],
  ])('refuses %s in the writer’s words', (_, text, field, message) => {
    const parsed = parsePlainLanguageSettings(text, FILE);
    expect(parsed.ok ? [] : parsed.issues.map((i) => [i.file, i.field, i.message])).toEqual([[FILE, field, message]]);
  });

  it('names the line of a YAML syntax error', () => {
    const parsed = parsePlainLanguageSettings('jargon:\n  benign: not: cancer\n', FILE);
    expect(parsed.ok ? undefined : parsed.issues[0]).toMatchObject({ severity: 'error', file: FILE, field: '(file)', message: expect.stringMatching(/^The YAML does not parse: .*line 2/) });
  });
});
