/** One page of a list cut into pages of a fixed size. */
export interface ListPage<T> {
  /** 1 for the first page. */
  number: number;
  /** How many pages the list makes. */
  count: number;
  items: T[];
  /** Positions of the page's first and last item in the whole list, from 1. */
  first: number;
  last: number;
  /** How many items the whole list has. */
  total: number;
}

/**
 * Cuts a list into pages of `size` items, in order; the last page holds the rest. An empty list
 * makes no page.
 */
export function paginate<T>(items: readonly T[], size: number): ListPage<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`A page holds at least one item; got a page size of ${size}.`);
  const count = Math.ceil(items.length / size);
  return Array.from({ length: count }, (_, i) => {
    const pageItems = items.slice(i * size, (i + 1) * size);
    return { number: i + 1, count, items: pageItems, first: i * size + 1, last: i * size + pageItems.length, total: items.length };
  });
}
