import { describe, expect, it } from 'vitest';
import { paginate } from '@/lib/pagination.ts';

describe('paginate', () => {
  it.each([
    [0, 3, []],
    [1, 3, [[1, 1]]],
    [3, 3, [[1, 3]]],
    [
      4,
      3,
      [
        [1, 3],
        [4, 4],
      ],
    ],
    [
      7,
      3,
      [
        [1, 3],
        [4, 6],
        [7, 7],
      ],
    ],
  ])('cuts %i items into pages of %i: %j', (total, size, ranges) => {
    const items = Array.from({ length: total }, (_, i) => `p${i + 1}`);
    const pages = paginate(items, size);
    expect(pages.map((p) => [p.first, p.last])).toEqual(ranges);
    expect(pages.map((p) => p.number)).toEqual(ranges.map((_, i) => i + 1));
    expect(pages.every((p) => p.count === ranges.length && p.total === total)).toBe(true);
    // Every item once, in order, and no page over the size.
    expect(pages.flatMap((p) => p.items)).toEqual(items);
    expect(pages.every((p) => p.items.length <= size && p.items[0] === `p${p.first}` && p.items.at(-1) === `p${p.last}`)).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a page size of %s', (size) => {
    expect(() => paginate(['a'], size)).toThrow(/at least one item/);
  });
});
