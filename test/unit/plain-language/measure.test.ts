import { describe, expect, it } from 'vitest';
import { countText, findJargon, findLongSentences, gradeCounts, splitSentences, splitWords } from '@/lib/plain-language/measure.ts';

const sentencesOf = (text: string) => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it.each([
    ['full stops, questions and exclamations', 'Rest the knee. Does it hurt? Call us!', ['Rest the knee.', 'Does it hurt?', 'Call us!']],
    ['a title before a name', 'Dr. Okafor sees children. She speaks Spanish.', ['Dr. Okafor sees children.', 'She speaks Spanish.']],
    ['e.g. and i.e. inside a sentence', 'Bring a list, e.g. Your pills and doses. Arrive early, i.e. By 8.', ['Bring a list, e.g. Your pills and doses.', 'Arrive early, i.e. By 8.']],
    ['a.m. and p.m. before a lowercase word', 'Open 8 a.m. to 5 p.m. on weekdays.', ['Open 8 a.m. to 5 p.m. on weekdays.']],
    ['p.m. at the end of a sentence', 'Open until 5 p.m. Walk in any time.', ['Open until 5 p.m.', 'Walk in any time.']],
    ['a decimal number', 'Take 2.5 mL twice a day. Then rest.', ['Take 2.5 mL twice a day.', 'Then rest.']],
    ['"No." as an answer, and as a number', 'No. You can book directly. Take bus No. 14 here.', ['No.', 'You can book directly.', 'Take bus No. 14 here.']],
    ['an initial', 'Ask for J. Smith at the desk.', ['Ask for J. Smith at the desk.']],
    ['a quote closing the sentence', 'She said "rest." Then she left.', ['She said "rest."', 'Then she left.']],
    ['a line break inside a sentence', 'Rest the\nknee. Then ice it.', ['Rest the knee.', 'Then ice it.']],
    ['text without words', '— …', []],
  ])('%s', (_, text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });
});

describe('splitWords', () => {
  it.each([
    ['contractions, hyphens and numbers as one word each', "Don't skip the X-ray at 8:00 on 12/24, 10,000 steps.", ["Don't", 'skip', 'the', 'X-ray', 'at', '8:00', 'on', '12/24', '10,000', 'steps']],
    ['a URL and an email address are not words', 'See https://clinic.example/hours or write to care@clinic.example today.', ['See', 'or', 'write', 'to', 'today']],
    ['a slash between words makes two', 'and/or', ['and', 'or']],
  ])('%s', (_, text, expected) => {
    expect(splitWords(text)).toEqual(expected);
  });
});

describe('countText and gradeCounts (Flesch–Kincaid: 0.39 × words/sentences + 11.8 × syllables/words − 15.59)', () => {
  it('grades easy text: 2 sentences, 16 words, 19 syllables give grade 1.5', () => {
    // Rest(1) the(1) knee(1). | Put(1) ice(1) on(1) it(1) for(1) twen-ty(2) min-utes(2) then(1) raise(1) it(1) on(1) a(1) pil-low(2).
    // 0.39 × 16/2 + 11.8 × 19/16 − 15.59 = 3.12 + 14.0125 − 15.59 = 1.5425
    const counts = countText([{ text: 'Rest the knee. Put ice on it for twenty minutes, then raise it on a pillow.' }]);
    expect(counts).toEqual({ sentences: 2, words: 16, syllables: 19 });
    expect(gradeCounts(counts)).toBe(1.5);
  });

  it('grades jargon: 1 sentence, 8 words, 24 syllables give grade 22.9', () => {
    // Hy-per-ten-sion(4) is(1) of-ten(2) a-symp-to-mat-ic(5) reg-u-lar(3) mon-i-tor-ing(4) is(1) rec-om-mend-ed(4).
    // 0.39 × 8 + 11.8 × 24/8 − 15.59 = 3.12 + 35.4 − 15.59 = 22.93
    const counts = countText([{ text: 'Hypertension is often asymptomatic; regular monitoring is recommended.' }]);
    expect(counts).toEqual({ sentences: 1, words: 8, syllables: 24 });
    expect(gradeCounts(counts)).toBe(22.9);
  });

  it('ends a sentence at the end of each block, as a heading or list item is read', () => {
    const counts = countText([{ text: 'Before your visit' }, { text: 'Your insurance card' }, { text: 'A list of medicines' }]);
    expect(counts.sentences).toBe(3);
  });

  it('counts a number as one word of one syllable', () => {
    expect(countText([{ text: 'Call 911 by 2026.' }])).toEqual({ sentences: 1, words: 4, syllables: 4 });
  });

  it('gives no grade to text without words', () => {
    expect(gradeCounts(countText([{ text: '…' }]))).toBeUndefined();
  });
});

describe('findLongSentences', () => {
  const words = (n: number) => `${Array.from({ length: n }, (_, i) => (i === 0 ? 'Rest' : 'rest')).join(' ')}.`;

  it('flags a sentence of more words than the limit, quoting its first eight words, not one at the limit', () => {
    expect(findLongSentences([{ text: `${words(25)} ${words(26)}`, line: 4 }], 25)).toEqual([{ words: 26, start: 'Rest rest rest rest rest rest rest rest…', line: 4 }]);
  });

  it('gives the line the sentence starts on within its block', () => {
    expect(findLongSentences([{ text: `Short one.\nAnd a\n${words(6)}`, line: 10 }], 5)).toEqual([{ words: 8, start: 'And a Rest rest rest rest rest rest.', line: 11 }]);
  });
});

describe('findJargon', () => {
  const jargon = { acute: 'sudden or short-term', fracture: 'broken bone', 'myocardial infarction': 'heart attack', therapy: 'treatment' };

  it.each([
    ['whole words in any case', 'Acute pain.', ['Acute']],
    ['a simple plural', 'Two fractures heal.', ['fractures']],
    ['y to ies', 'Many therapies help.', ['therapies']],
    ['a term of two words across a line break', 'A myocardial\ninfarction is serious.', ['myocardial infarction']],
    ['not inside a longer word', 'Acuteness, prefracture.', []],
    ['not in a URL', 'See https://clinic.example/acute today.', []],
  ])('%s', (_, text, found) => {
    expect(findJargon([{ text }], jargon).map((use) => use.found)).toEqual(found);
  });

  it('gives the term, its plain words and the line of its first use in the block', () => {
    expect(findJargon([{ text: 'Rest.\nAcute pain, acute again.', line: 3 }], jargon)).toEqual([{ term: 'acute', found: 'Acute', plain: 'sudden or short-term', line: 4 }]);
  });
});
