/**
 * What a writer most likely meant by a name that is not one: the nearest by edit distance, or else
 * the one it is a part of (or that is a part of it), as after a rename that added or dropped words. Pure.
 */

/**
 * The candidate close enough to `value` to be what the writer meant (the first in order on a tie), if any:
 * one within a few edits, or else one that starts with `value` or has it as whole hyphen-separated
 * words (`priya-raman` → `priya-raman-dpt`), or the other way around.
 */
export function findNearest(value: string, candidates: readonly string[]): string | undefined {
  const ranked = [...candidates]
    .sort()
    .map((candidate) => ({ candidate, distance: editDistance(value, candidate) }))
    .sort((a, b) => a.distance - b.distance);
  const nearest = ranked[0];
  if (nearest && nearest.distance <= Math.max(2, Math.floor(value.length / 3))) return nearest.candidate;
  return ranked.find(({ candidate }) => isPartOf(value, candidate) || isPartOf(candidate, value))?.candidate;
}

/** Shorter than this, a prefix or a word says too little to be a guess ("a" is part of most ids). */
const MIN_PART_LENGTH = 3;

/** `part` begins `whole`, or is a run of whole words of it (`raman` in `priya-raman-dpt`). */
function isPartOf(part: string, whole: string): boolean {
  if (part.length < MIN_PART_LENGTH || part.length >= whole.length) return false;
  return whole.startsWith(part) || `-${whole}-`.includes(`-${part}-`);
}

/** Levenshtein distance between two short strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
