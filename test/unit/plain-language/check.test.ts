import { describe, expect, it } from 'vitest';
import { checkPlainLanguage, measurePlainLanguage } from '@/lib/plain-language/check.ts';
import { buildReadingGrades, getEntryPagePath } from '@/lib/plain-language/pages.ts';
import { DEFAULT_PLAIN_LANGUAGE_SETTINGS, type PlainLanguageSettings } from '@/lib/plain-language/settings.ts';
import { getBodyBlocks } from '@/lib/plain-language/texts.ts';

const settings: PlainLanguageSettings = {
  gradeTarget: 8,
  longSentence: 25,
  jargon: { acute: 'sudden or short-term', chronic: 'long-lasting', fracture: 'broken bone' },
};

// 8 words, 24 syllables: grade 22.9 (see measure.test.ts).
const HARD = 'Hypertension is often asymptomatic; regular monitoring is recommended.';
// 16 words, 19 syllables in 2 sentences: grade 1.5.
const EASY = 'Rest the knee. Put ice on it for twenty minutes, then raise it on a pillow.';

const BODY = `## Before your visit

Bring your insurance card. See https://clinic.example/forms for [the forms](https://clinic.example/acute).

\`\`\`js
const acute = 1;
\`\`\`

<Callout title="Acute pain">
Chronic pain can last for months. Write down when it hurts {props.acute}.
</Callout>

<FAQ question="Is a fracture serious?">
Most heal in six weeks.
</FAQ>
`;

describe('getBodyBlocks', () => {
  it('reads paragraphs, headings and FAQ questions with their file lines; skips code, URLs, expressions and other attributes', () => {
    expect(getBodyBlocks(BODY, 10)).toEqual([
      { text: 'Before your visit', line: 10 },
      { text: 'Bring your insurance card. See   for the forms.', line: 12 },
      { text: 'Chronic pain can last for months. Write down when it hurts  .', line: 19 },
      { text: 'Is a fracture serious?', line: 22 },
      { text: 'Most heal in six weeks.', line: 23 },
    ]);
  });

  it('gives nothing for a body that is not valid MDX, which the content check reports', () => {
    expect(getBodyBlocks('Bring {insurance card}.')).toBeUndefined();
  });
});

describe('checkPlainLanguage', () => {
  it('warns of each long sentence and each jargon term, at its field or body line', () => {
    const entry = {
      file: 'content/conditions/knee.mdx',
      data: {
        name: 'Acute knee pain',
        summary: `Knee pain. ${Array.from({ length: 26 }, () => 'rest').join(' ')}.`,
        symptoms: ['Acute swelling'],
        faqs: [{ question: 'Is it chronic?', answer: 'Chronic pain lasts. Ask us.' }],
      },
      // As the content check gives it: from the closing --- on line 9, so the body's first line is line 10.
      body: { text: `\n${BODY}`, firstLine: 9 },
    };
    expect(checkPlainLanguage({ entries: [entry], settings })).toEqual([
      {
        severity: 'warning',
        file: 'content/conditions/knee.mdx',
        field: 'summary',
        value: 'rest rest rest rest rest rest rest rest…',
        message: 'A sentence of 26 words is hard to follow in one go.',
        fix: 'Split it into sentences of 25 words or fewer, one idea each.',
      },
      {
        severity: 'warning',
        file: 'content/conditions/knee.mdx',
        field: 'faqs[0].question',
        value: 'chronic',
        message: '"chronic" is a medical word many patients do not know. It is also in faqs[1].answer; the page text, line 19.',
        fix: 'Say "long-lasting" instead, or explain "chronic" in plain words where it first appears.',
      },
      {
        severity: 'warning',
        file: 'content/conditions/knee.mdx',
        field: 'page text',
        line: 22,
        value: 'fracture',
        message: '"fracture" is a medical word many patients do not know.',
        fix: 'Say "broken bone" instead, or explain "fracture" in plain words where it first appears.',
      },
    ]);
  });

  it('warns once of text above the grade target, naming the hardest part', () => {
    const entry = { file: 'content/services/x.mdx', data: { summary: `${HARD} ${HARD}`, audience: `${EASY} ${EASY}` } };
    // summary: 2 sentences, 16 words, 48 syllables; audience: 4 sentences, 32 words, 38 syllables.
    // Together 6 sentences, 48 words, 86 syllables: 0.39 × 48/6 + 11.8 × 86/48 − 15.59 = 3.12 + 21.14 − 15.59 = 8.67
    expect(measurePlainLanguage(entry, settings)).toMatchObject({ grade: 8.7, words: 48, sentences: 6, hardest: { field: 'summary', grade: 22.9 } });
    expect(checkPlainLanguage({ entries: [entry], settings })).toEqual([
      {
        severity: 'warning',
        file: 'content/services/x.mdx',
        field: 'summary',
        value: '8.7',
        message: 'Reads at grade 8.7; aim for 8 or lower: shorter sentences, everyday words.',
        fix: 'Start here: this part reads at grade 22.9, the hardest of the page. Split long sentences, and say what a patient would say to a friend.',
      },
    ]);
    expect(checkPlainLanguage({ entries: [entry], settings: { ...settings, gradeTarget: 9 } })).toEqual([]);
  });

  it('gives no grade to an entry of fewer than 30 words, and no warning to easy text', () => {
    expect(measurePlainLanguage({ file: 'a.mdx', data: { summary: `${HARD} ${HARD} ${HARD}` } }, settings).grade).toBeUndefined();
    expect(checkPlainLanguage({ entries: [{ file: 'a.mdx', data: { summary: `${EASY} ${EASY}` } }], settings })).toEqual([]);
  });

  it('flags no jargon without a list', () => {
    expect(checkPlainLanguage({ entries: [{ file: 'a.mdx', data: { summary: 'Acute pain.' } }], settings: DEFAULT_PLAIN_LANGUAGE_SETTINGS })).toEqual([]);
  });
});

describe('buildReadingGrades', () => {
  it('puts each entry on its page, in path order', () => {
    const entries = [
      { collection: 'services' as const, id: 'x', file: 'content/services/x.mdx', data: { summary: `${HARD} ${HARD} ${HARD} ${HARD}` } },
      { collection: 'locationServices' as const, id: 'a--x', file: 'content/location-services/a--x.mdx', data: { location: 'a', service: 'x', summary: 'Acute.' } },
    ];
    expect(buildReadingGrades(entries, settings)).toEqual([
      { path: '/locations/a/x/', file: 'content/location-services/a--x.mdx', grade: undefined, target: 8, longSentences: 0, jargon: 1 },
      { path: '/services/x/', file: 'content/services/x.mdx', grade: 22.9, target: 8, longSentences: 0, jargon: 0 },
    ]);
  });

  it.each([
    ['organization', 'riverbend', '/'],
    ['locations', 'hawthorne', '/locations/hawthorne/'],
    ['conditions', 'anxiety', '/conditions/anxiety/'],
    ['providers', 'maya-okafor', '/providers/maya-okafor/'],
    ['routing', 'routing', undefined],
  ] as const)('%s entry %s is the text of %s', (collection, id, path) => {
    expect(getEntryPagePath({ collection, id, data: {} })).toBe(path);
  });
});
