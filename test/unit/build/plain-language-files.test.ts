import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPlainLanguageEntries, readPlainLanguageSettings } from '../../../src/build/plain-language-files.ts';
import { checkPlainLanguage } from '@/lib/plain-language/check.ts';
import { PROJECT_ROOT } from '../../support/read-content.ts';

describe('the plain-language files of a content folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'carepath-plain-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'content/conditions'), { recursive: true });
  mkdirSync(join(root, 'content/routing'), { recursive: true });
  writeFileSync(join(root, 'content/conditions/flu.mdx'), '---\nname: Flu\nsummary: A chronic cough.\n---\nRest at home.\n\nAsk about benign causes.\n');
  writeFileSync(join(root, 'content/conditions/broken.mdx'), '---\nname: [Flu\n---\nText.\n');
  writeFileSync(join(root, 'content/routing/routing.yaml'), 'summary: Acute.\n');

  it('reads each entry with its page text as the content check does (from the closing ---, on its line), skipping routing and files that do not parse', () => {
    expect(readPlainLanguageEntries({ root, contentDir: 'content' })).toEqual([
      {
        collection: 'conditions',
        id: 'flu',
        file: 'content/conditions/flu.mdx',
        data: { name: 'Flu', summary: 'A chronic cough.' },
        body: { text: '\nRest at home.\n\nAsk about benign causes.\n', firstLine: 4 },
      },
    ]);
  });

  it('takes the defaults without plain-language.yaml, and names the file when it is wrong', () => {
    expect(readPlainLanguageSettings({ root, contentDir: 'content' })).toMatchObject({ ok: true, settings: { gradeTarget: 8 } });
    writeFileSync(join(root, 'content/plain-language.yaml'), 'gradeTarget: high\njargon:\n  chronic: long-lasting\n  benign: not cancer\n');
    expect(readPlainLanguageSettings({ root, contentDir: 'content' })).toMatchObject({ ok: false, issues: [{ file: 'content/plain-language.yaml', field: 'gradeTarget' }] });
    writeFileSync(join(root, 'content/plain-language.yaml'), 'jargon:\n  chronic: long-lasting\n  benign: not cancer\n');
    const parsed = readPlainLanguageSettings({ root, contentDir: 'content' });
    if (!parsed.ok) throw new Error('the settings should parse');
    const issues = checkPlainLanguage({ entries: readPlainLanguageEntries({ root, contentDir: 'content' }), settings: parsed.settings });
    expect(issues.map((i) => [i.file, i.field, i.line, i.value])).toEqual([
      ['content/conditions/flu.mdx', 'summary', undefined, 'chronic'],
      ['content/conditions/flu.mdx', 'page text', 7, 'benign'],
    ]);
  });

  it('reads every sample entry that has a page, the body of each .mdx file included', () => {
    const entries = readPlainLanguageEntries({ root: PROJECT_ROOT, contentDir: 'content' });
    expect(entries.filter((e) => e.body !== undefined && e.body.text.trim() !== '').length).toBe(entries.filter((e) => e.file.endsWith('.mdx')).length);
    expect(entries.find((e) => e.file === 'content/conditions/anxiety.mdx')?.body).toEqual({ firstLine: 31, text: expect.stringMatching(/^\nAnxiety is the body's alarm system/) });
  });
});
