/** What a writer most likely meant by a name that is not one: the nearest by edit distance. Pure. */

/** The candidate close enough to `value` to be what the writer meant (the first in order on a tie), if any. */
export function findNearest(value: string, candidates: readonly string[]): string | undefined {
  const nearest = [...candidates]
    .sort()
    .map((candidate) => ({ candidate, distance: editDistance(value, candidate) }))
    .sort((a, b) => a.distance - b.distance)[0];
  return nearest && nearest.distance <= Math.max(2, Math.floor(value.length / 3)) ? nearest.candidate : undefined;
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
