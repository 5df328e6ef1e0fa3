import { describe, expect, it } from 'vitest';
import { parseDocument, LineCounter } from 'yaml';
import { describeYamlError } from '@/lib/content/yaml-errors.ts';

/** The first error the yaml package finds in `text`, described. */
function describe1(text: string) {
  const lines = new LineCounter();
  const error = parseDocument(text, { lineCounter: lines, prettyErrors: false }).errors[0];
  if (!error) throw new Error('The YAML parsed.');
  return describeYamlError(error.code, error.message, text.split('\n'), lines.linePos(error.pos[0]).line);
}

describe('describeYamlError', () => {
  it('says an unquoted colon starts another field, and gives the line with quotes', () => {
    expect(describe1('name: Anxiety\nsummary: Worry that is hard to control: counseling helps.\n')).toEqual({
      line: 2,
      field: 'summary',
      value: 'summary: Worry that is hard to control: counseling helps.',
      message: 'The value of summary has a colon followed by a space, which YAML reads as the start of another field.',
      fix: 'Put the value in quotes: summary: "Worry that is hard to control: counseling helps."',
    });
  });

  it('quotes with single quotes when the value has double quotes, inside a list too', () => {
    expect(describe1('faqs:\n  - question: Is "walk-in" really: no appointment?\n').fix).toBe(`Put the value in quotes:   - question: 'Is "walk-in" really: no appointment?'`);
  });

  it('points at the line that opened a list, not where the parser noticed', () => {
    expect(describe1('name: A\nservices: [walk-in-care, family-medicine\nphone: "+15555550100"\n')).toMatchObject({ line: 2, message: 'A list opened with "[" is not closed on this line.' });
  });

  it('names tabs, a field given twice, an unclosed quote and a reserved first character', () => {
    expect(describe1('a:\n\tb: 2\n').message).toBe('This line is indented with a tab.');
    expect(describe1('name: A\nname: B\n')).toMatchObject({ line: 2, message: 'This field is written twice in the same place.' });
    expect(describe1('name: "A\nb: 2\n').message).toBe('A quote is opened and never closed.');
    expect(describe1('title: @home care\n')).toMatchObject({ field: 'title', fix: 'Put the value in quotes: title: "@home care"' });
  });
});
