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
  return findNearestShingledSiblings(pages.map((page) => ({ path: page.path, group: page.group, shingles: buildShingles(page.text) })));
}

/** A page whose text is already shingled (buildShingles), e.g. in a worker that read the page. */
export interface ShingledPage {
  path: string;
  group: string;
  shingles: Shingles;
}

/**
 * findNearestSiblings for texts shingled beforehand. Siblings share most of their shingles (the
 * template), so a pair is not compared shingle by shingle. The shingles on more than half of a
 * group's pages are its common set; two pages share
 *   |common| − |common each lacks| + |common both lack| + |beyond common, on both|,
 * and the last two counts are made for all pairs at once, per shingle, from the lists of pages
 * that lack it or have it: rare shingles make short lists. The counts, and so the similarities,
 * are exactly those of comparing the whole sets.
 */
export function findNearestShingledSiblings(pages: ShingledPage[]): Map<string, NearestSibling> {
  const groups = new Map<string, ShingledPage[]>();
  for (const page of [...pages].sort((a, b) => compareText(a.path, b.path))) {
    const members = groups.get(page.group) ?? [];
    members.push(page);
    groups.set(page.group, members);
  }
  const nearest = new Map<string, NearestSibling>();
  for (const [group, members] of groups) {
    for (const { path } of members) nearest.set(path, { path, group, similarity: 0 });
    const n = members.length;
    const sets = members.map((m) => m.shingles);
    const common = findCommonShingles(sets);
    const missing = new Uint32Array(n);
    // shared[i * n + j], i < j: the shingles pages i and j both lack of the common set, plus
    // those beyond it that both have.
    const shared = new Uint32Array(n * n);
    const rare = new PairCounter();
    const lacking = new PairCounter();
    sets.forEach((set, index) => {
      const { lacks, beyond } = splitByCommon(set, common);
      missing[index] = lacks.length;
      for (const shingle of lacks) lacking.add(shingle, index);
      for (const shingle of beyond) rare.add(shingle, index);
    });
    rare.countPairs(shared, n);
    lacking.countPairs(shared, n);
    for (let i = 0; i < n; i++) {
      const a = members[i]!;
      for (let j = i + 1; j < n; j++) {
        const b = members[j]!;
        let similarity = 0;
        if (a.shingles.length > 0 && b.shingles.length > 0) {
          const both = common.length - missing[i]! - missing[j]! + shared[i * n + j]!;
          similarity = both / (a.shingles.length + b.shingles.length - both);
        }
        keepIfHigher(nearest.get(a.path)!, similarity, b.path);
        keepIfHigher(nearest.get(b.path)!, similarity, a.path);
      }
    }
  }
  return nearest;
}

/** For each shingle, the pages (by index, ascending) it was added for. */
class PairCounter {
  private readonly pages = new Map<number, number[]>();

  add(shingle: number, page: number): void {
    const list = this.pages.get(shingle);
    if (list) list.push(page);
    else this.pages.set(shingle, [page]);
  }

  /** Adds 1 to counts[i * n + j] for every shingle added for both pages i < j. */
  countPairs(counts: Uint32Array, n: number): void {
    for (const list of this.pages.values()) {
      for (let x = 0; x < list.length; x++) {
        const row = list[x]! * n;
        for (let y = x + 1; y < list.length; y++) counts[row + list[y]!]!++;
      }
    }
  }
}

/** The shingles found in more than half of the sets, sorted ascending. */
function findCommonShingles(sets: Shingles[]): Shingles {
  if (sets.length < 2) return new Uint32Array(0);
  let total = 0;
  for (const set of sets) total += set.length;
  // Open addressing: a power of two at least twice the number of shingles.
  let capacity = 16;
  while (capacity < total * 2) capacity *= 2;
  const keys = new Uint32Array(capacity);
  const counts = new Uint32Array(capacity);
  const mask = capacity - 1;
  for (const set of sets) {
    for (let k = 0; k < set.length; k++) {
      const key = set[k] as number;
      let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
      while (counts[slot] !== 0 && keys[slot] !== key) slot = (slot + 1) & mask;
      keys[slot] = key;
      counts[slot] = (counts[slot] as number) + 1;
    }
  }
  const common: number[] = [];
  for (let slot = 0; slot < capacity; slot++) if ((counts[slot] as number) * 2 > sets.length) common.push(keys[slot] as number);
  return Uint32Array.from(common).sort();
}

/** The common shingles a set lacks, and its shingles beyond them. */
function splitByCommon(set: Shingles, common: Shingles): { lacks: number[]; beyond: number[] } {
  const lacks: number[] = [];
  const beyond: number[] = [];
  let i = 0;
  let j = 0;
  while (i < set.length || j < common.length) {
    const x = i < set.length ? (set[i] as number) : Infinity;
    const y = j < common.length ? (common[j] as number) : Infinity;
    if (x === y) {
      i++;
      j++;
    } else if (x < y) {
      beyond.push(x);
      i++;
    } else {
      lacks.push(y);
      j++;
    }
  }
  return { lacks, beyond };
}

/** A doorway page: its nearest sibling, and the longest passage of text the two pages share. */
export interface Doorway extends NearestSibling {
  /** Quoted from the page's own text, cut with an ellipsis past SHARED_PASSAGE_MAX characters. */
  shared?: string | undefined;
}

/** About a sentence: how much of a shared passage a doorway warning quotes. */
export const SHARED_PASSAGE_MAX = 160;

/**
 * The longest run of words two texts share (compared as buildShingles does: lowercase, punctuation
 * ignored), as it reads in `a`; a sentence or so, cut at a word with an ellipsis when it is longer
 * than `max` characters. Undefined when they share fewer than SHINGLE_SIZE words in a row, which
 * the similarity does not count. O(words of a × words of b): for the few doorway pages only.
 */
export function findLongestSharedPassage(a: string, b: string, max: number = SHARED_PASSAGE_MAX): string | undefined {
  const wordsA = [...a.matchAll(WORD)];
  const wordsB = b.toLowerCase().match(WORD) ?? [];
  const lowerA = wordsA.map((match) => match[0].toLowerCase());
  // runs[j]: the length of the shared run ending at word i of a and word j of b (one row at a time).
  let previous = new Uint32Array(wordsB.length + 1);
  let current = new Uint32Array(wordsB.length + 1);
  let best = 0;
  let bestEnd = 0;
  for (let i = 1; i <= lowerA.length; i++) {
    for (let j = 1; j <= wordsB.length; j++) {
      const run = lowerA[i - 1] === wordsB[j - 1] ? previous[j - 1]! + 1 : 0;
      current[j] = run;
      if (run > best) {
        best = run;
        bestEnd = i;
      }
    }
    [previous, current] = [current, previous];
  }
  if (best < SHINGLE_SIZE) return undefined;
  const first = wordsA[bestEnd - best]!;
  const last = wordsA[bestEnd - 1]!;
  const end = last.index + last[0].length;
  // A sentence's closing stop reads as part of it.
  const passage = a.slice(first.index, /^[.!?]/.test(a.slice(end)) ? end + 1 : end);
  return cutAtWord(passage, max);
}

/** The text, or its start cut after a whole word with "…" when it is longer than `max`. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut).replace(/[,;:.\s]+$/, '')}…`;
}

/** The pages whose nearest sibling is at least `threshold` similar: likely doorway pages. */
export function findDoorways(nearest: Iterable<NearestSibling>, threshold: number): NearestSibling[] {
  return [...nearest].filter((page) => page.sibling !== undefined && page.similarity >= threshold);
}

/** A similarity as the report writes it: two decimals, rounded down so 0.999 never reads 1.00. */
export function formatSimilarity(similarity: number): string {
  return (Math.floor(similarity * 100) / 100).toFixed(2);
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
