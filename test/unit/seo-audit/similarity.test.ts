import { describe, expect, it } from 'vitest';
import { buildShingles, findDoorways, findLongestSharedPassage, findNearestShingledSiblings, findNearestSiblings, formatSimilarity, jaccard } from '@/seo-audit/similarity.ts';

const words = (...list: string[]) => list.join(' ');
// Ten distinct words make six 5-word shingles; changing the last word changes only the last one,
// so the two texts share 5 of 7 distinct shingles: 5/7 ≈ 0.714.
const TEN = words('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j');
const TEN_LAST_CHANGED = words('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'z');

describe('buildShingles', () => {
  it('makes one shingle per run of five words, ignoring case, punctuation and spacing', () => {
    expect(buildShingles(TEN)).toHaveLength(6);
    expect(buildShingles('Walk-in care, at the HILL clinic.')).toEqual(buildShingles('walk in  care at the hill\nclinic'));
  });

  it('keeps an apostrophe inside a word, and a word boundary between words', () => {
    // Seven words, three shingles.
    expect(buildShingles("O'Neill and McKenzie rehab clinic in Portland")).toHaveLength(3);
    expect(buildShingles("O'Neill and McKenzie rehab clinic in Portland")).toEqual(buildShingles("o'neill and mckenzie rehab clinic in portland"));
    expect(buildShingles('ab c')).not.toEqual(buildShingles('a bc'));
  });

  it('keeps each shingle once', () => {
    expect(buildShingles('one two three four five one two three four five')).toHaveLength(5);
  });

  it.each([
    ['a text shorter than a shingle is one shingle', 'Hill clinic', 1],
    ['a text without words has none', ' — , . ', 0],
    ['an empty text has none', '', 0],
  ])('%s', (_, text, count) => {
    expect(buildShingles(text)).toHaveLength(count);
  });

  it('returns sorted hashes, as jaccard needs', () => {
    const hashes = [...buildShingles('the quick brown fox jumps over the lazy dog and runs far away')];
    expect(hashes).toEqual([...hashes].sort((a, b) => a - b));
  });
});

describe('jaccard', () => {
  it.each([
    ['identical texts', TEN, TEN, 1],
    ['texts with no five words in common', TEN, words('k', 'l', 'm', 'n', 'o', 'p'), 0],
    ['texts sharing five of seven shingles', TEN, TEN_LAST_CHANGED, 5 / 7],
    ['two empty texts (no evidence of copying)', '', '', 0],
    ['an empty text and another', '', TEN, 0],
  ])('%s', (_, a, b, expected) => {
    expect(jaccard(buildShingles(a), buildShingles(b))).toBeCloseTo(expected, 10);
    expect(jaccard(buildShingles(b), buildShingles(a))).toBeCloseTo(expected, 10);
  });
});

describe('findNearestSiblings', () => {
  it('compares pages only within their group and names the most similar sibling', () => {
    const nearest = findNearestSiblings([
      { path: '/locations/b/care/', group: 'care', text: TEN },
      { path: '/locations/a/care/', group: 'care', text: TEN_LAST_CHANGED },
      { path: '/locations/c/care/', group: 'care', text: 'something else entirely, written for this clinic' },
      // The same text in another group is not a sibling.
      { path: '/locations/a/dental/', group: 'dental', text: TEN },
    ]);
    expect(Object.fromEntries(nearest)).toEqual({
      '/locations/a/care/': { path: '/locations/a/care/', group: 'care', similarity: 5 / 7, sibling: '/locations/b/care/' },
      '/locations/b/care/': { path: '/locations/b/care/', group: 'care', similarity: 5 / 7, sibling: '/locations/a/care/' },
      '/locations/c/care/': { path: '/locations/c/care/', group: 'care', similarity: 0, sibling: '/locations/a/care/' },
      '/locations/a/dental/': { path: '/locations/a/dental/', group: 'dental', similarity: 0 },
    });
  });

  it('breaks a tie with the first sibling by path', () => {
    const nearest = findNearestSiblings([
      { path: '/locations/c/care/', group: 'care', text: TEN },
      { path: '/locations/b/care/', group: 'care', text: TEN },
      { path: '/locations/a/care/', group: 'care', text: TEN },
    ]);
    expect(nearest.get('/locations/c/care/')).toMatchObject({ similarity: 1, sibling: '/locations/a/care/' });
    expect(nearest.get('/locations/a/care/')).toMatchObject({ similarity: 1, sibling: '/locations/b/care/' });
  });

  it('finds two pages without text not similar at all', () => {
    const nearest = findNearestSiblings([
      { path: '/locations/a/care/', group: 'care', text: '' },
      { path: '/locations/b/care/', group: 'care', text: '' },
      { path: '/locations/c/care/', group: 'care', text: TEN },
    ]);
    expect([...nearest.values()].map((page) => [page.path, page.similarity])).toEqual([
      ['/locations/a/care/', 0],
      ['/locations/b/care/', 0],
      ['/locations/c/care/', 0],
    ]);
  });

  it('handles a large group quickly (each text shingled once, each pair compared once)', () => {
    const template = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    const pages = Array.from({ length: 400 }, (_, i) => ({
      path: `/locations/l${i}/care/`,
      group: 'care',
      text: `Care at clinic number ${i}. ${template}`,
    }));
    const started = performance.now();
    const nearest = findNearestSiblings(pages);
    expect(nearest.size).toBe(400);
    expect(nearest.get('/locations/l7/care/')?.similarity).toBeGreaterThan(0.9);
    // ~80,000 comparisons; about 0.1 s on a CI core. A quadratic-in-text or re-shingling
    // implementation takes tens of seconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('findNearestShingledSiblings', () => {
  // A small seeded generator, so a failure can be replayed.
  const random = (seed: number) => () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;

  it.each([1, 2, 3, 4, 5])('gives exactly the similarities and siblings of comparing every pair (seed %i)', (seed) => {
    const next = random(seed);
    const words = (count: number, prefix: string) => Array.from({ length: count }, () => `${prefix}${Math.floor(next() * 40)}`);
    const template = words(200, 't');
    const pages = Array.from({ length: 30 + Math.floor(next() * 30) }, (_, i) => {
      // Each page keeps most of the template, drops or changes some of it, and adds its own words.
      const text = template.flatMap((word) => (next() < 0.1 ? [] : next() < 0.1 ? [`p${i}x${Math.floor(next() * 5)}`] : [word]));
      return { path: `/locations/l${i}/care/`, group: next() < 0.8 ? 'care' : 'dental', shingles: buildShingles([...text, ...words(Math.floor(next() * 60), `o${i}`)].join(' ')) };
    });
    pages.push({ path: '/locations/empty/care/', group: 'care', shingles: buildShingles('') });
    const nearest = findNearestShingledSiblings(pages);
    const sorted = [...pages].sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const page of sorted) {
      let best: { similarity: number; sibling?: string } = { similarity: 0 };
      for (const other of sorted) {
        if (other === page || other.group !== page.group) continue;
        const similarity = jaccard(page.shingles, other.shingles);
        if (best.sibling === undefined || similarity > best.similarity) best = { similarity, sibling: other.path };
      }
      expect(nearest.get(page.path)).toEqual({ path: page.path, group: page.group, ...best });
    }
  });
});

describe('findDoorways', () => {
  // Made in each test rather than while the tests are collected, so that a failure fails them.
  const pagesOf = () =>
    findNearestSiblings([
      { path: '/locations/a/care/', group: 'care', text: TEN },
      { path: '/locations/b/care/', group: 'care', text: TEN_LAST_CHANGED },
      { path: '/locations/a/dental/', group: 'dental', text: '' },
    ]).values();

  it.each([
    ['at the threshold: both pages of the pair', 5 / 7, ['/locations/a/care/', '/locations/b/care/']],
    ['just above their similarity: none', 0.72, []],
    ['far below: both, and never a page without siblings', 0.01, ['/locations/a/care/', '/locations/b/care/']],
    ['at 0: every page with a sibling, never one without', 0, ['/locations/a/care/', '/locations/b/care/']],
  ])('threshold %s', (_, threshold, expected) => {
    expect(findDoorways(pagesOf(), threshold).map((page) => page.path)).toEqual(expected);
  });
});

describe('findLongestSharedPassage', () => {
  const local = 'Our walk-in clinic is on the ground floor, next to the pharmacy. Bring your insurance card and a list of your medicines.';

  it('quotes the longest run of words both texts have, as the first text writes it', () => {
    expect(findLongestSharedPassage(`Harbor clinic. ${local} Parking is free.`, `The Hill clinic has a lift. ${local.toUpperCase()} Park on the street.`)).toBe(local);
  });

  it('ignores punctuation and case, as the similarity does', () => {
    expect(findLongestSharedPassage('Bring your insurance card, and a list.', 'bring your Insurance card and a list')).toBe('Bring your insurance card, and a list.');
  });

  it('cuts a long passage after a whole word, with an ellipsis', () => {
    const long = `${local} ${local}`;
    const passage = findLongestSharedPassage(long, long, 60);
    expect(passage).toBe('Our walk-in clinic is on the ground floor, next to the…');
  });

  it('finds nothing in texts that share fewer than five words in a row', () => {
    expect(findLongestSharedPassage('Call us at the Hill clinic today.', 'Call us at the Harbor clinic today.')).toBeUndefined();
  });
});

describe('formatSimilarity', () => {
  it.each([
    [0.999, '0.99'],
    [0.8, '0.80'],
    [0.4567, '0.45'],
    [1, '1.00'],
  ])('formatSimilarity(%s) = %s (rounded down, so a page below 1 never reads 1.00)', (value, text) => {
    expect(formatSimilarity(value)).toBe(text);
  });
});
