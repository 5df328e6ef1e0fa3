/**
 * Near-duplicate detection for location × service pages (Google's "doorway" pattern: many
 * pages that differ only in the city name). Texts are compared as sets of word shingles with
 * Jaccard similarity, and only within a group of siblings (the pages of one service), so the cost
 * grows with the largest group, not with the whole site.
 */

/** Words per shingle. Five words tell a shared template sentence from shared vocabulary. */
export const SHINGLE_SIZE = 5;

/** A text's shingles as 32-bit hashes, sorted ascending without repeats. */
export type Shingles = Uint32Array;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/**
 * The hashed word shingles of a text: lowercase words (letters and digits; punctuation and
 * spacing ignored), `size` at a time. A text shorter than `size` words is one shingle; a text
 * without words has none.
 */
export function buildShingles(text: string, size: number = SHINGLE_SIZE): Shingles {
  const words = text.toLowerCase().match(WORD) ?? [];
  if (words.length === 0) return new Uint32Array(0);
  const count = Math.max(1, words.length - size + 1);
  const hashes = new Uint32Array(count);
  for (let i = 0; i < count; i++) hashes[i] = hashWords(words, i, Math.min(i + size, words.length));
  hashes.sort();
  return dedupeSorted(hashes);
}

/**
 * Jaccard similarity of two shingle sets: shared shingles over all distinct shingles, from 0
 * (nothing shared) to 1 (the same set). Two empty sets score 0: pages without text are not
 * evidence of copying.
 */
export function jaccard(a: Shingles, b: Shingles): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  // Both arrays are sorted: one merge pass counts the intersection.
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

export interface SimilarityInput {
  path: string;
  /** Pages are compared only with others of the same group, e.g. the same service. */
  group: string;
  /** The page's own text (PageFacts.mainText). */
  text: string;
}

export interface NearestSibling {
  path: string;
  group: string;
  /** Highest similarity to another page of the group; 0 when the page has no sibling. */
  similarity: number;
  /** The sibling it is most similar to (the first by path on a tie); absent without siblings. */
  sibling?: string | undefined;
}

/**
 * For each page, its most similar sibling in its group. Each text is shingled once and each pair
 * compared once, so a group of n pages costs n²/2 comparisons and the rest of the site nothing.
 */
export function findNearestSiblings(pages: SimilarityInput[]): Map<string, NearestSibling> {
  const groups = new Map<string, { path: string; shingles: Shingles }[]>();
  for (const page of [...pages].sort((a, b) => compareText(a.path, b.path))) {
    const members = groups.get(page.group) ?? [];
    members.push({ path: page.path, shingles: buildShingles(page.text) });
    groups.set(page.group, members);
  }
  const nearest = new Map<string, NearestSibling>();
  for (const [group, members] of groups) {
    for (const { path } of members) nearest.set(path, { path, group, similarity: 0 });
    for (let i = 0; i < members.length; i++) {
      const a = members[i]!;
      for (let j = i + 1; j < members.length; j++) {
        const b = members[j]!;
        const similarity = jaccard(a.shingles, b.shingles);
        keepIfHigher(nearest.get(a.path)!, similarity, b.path);
        keepIfHigher(nearest.get(b.path)!, similarity, a.path);
      }
    }
  }
  return nearest;
}

/** The pages whose nearest sibling is at least `threshold` similar: likely doorway pages. */
export function findDoorways(nearest: Iterable<NearestSibling>, threshold: number): NearestSibling[] {
  return [...nearest].filter((page) => page.sibling !== undefined && page.similarity >= threshold);
}

/**
 * The page with every robots meta switched to `noindex, follow`, for a page the build keeps
 * out of search results after it was rendered. Throws when the page has no robots meta to change.
 */
export function setNoindex(html: string): string {
  let changed = 0;
  const result = html.replace(/<meta\b[^>]*>/gi, (tag) => {
    if (!/\bname\s*=\s*["']?robots["'\s/>]/i.test(tag)) return tag;
    changed++;
    return tag.replace(/\bcontent\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, 'content="noindex, follow"');
  });
  if (changed === 0) throw new Error('The page has no <meta name="robots"> to set to noindex.');
  return result;
}

function keepIfHigher(entry: NearestSibling, similarity: number, sibling: string): void {
  // Pairs come in path order, so on a tie the first sibling by path stays.
  if (entry.sibling === undefined || similarity > entry.similarity) {
    entry.similarity = similarity;
    entry.sibling = sibling;
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** FNV-1a over the words from `start` to `end`, separated by a space. */
function hashWords(words: string[], start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let w = start; w < end; w++) {
    const word = words[w] as string;
    if (w > start) hash = Math.imul(hash ^ 0x20, 0x01000193);
    for (let c = 0; c < word.length; c++) hash = Math.imul(hash ^ word.charCodeAt(c), 0x01000193);
  }
  return hash >>> 0;
}

function dedupeSorted(sorted: Uint32Array): Uint32Array {
  let length = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[length - 1]) sorted[length++] = sorted[i] as number;
  }
  return sorted.subarray(0, length);
}
