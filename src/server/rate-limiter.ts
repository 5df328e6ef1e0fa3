/**
 * A token bucket per client: each client may send `capacity` requests at once, then one more per
 * `refillMs`. In memory, for one server process; the map is pruned so a flood of distinct
 * addresses cannot grow it without bound.
 */
export interface RateLimiter {
  /** Takes one token for `key`; when none is left, says how long until the next one. */
  take(key: string, now: number): { allowed: true } | { allowed: false; retryAfterMs: number };
}

export function createRateLimiter(options: { capacity: number; refillMs: number; maxClients?: number }): RateLimiter {
  const { capacity, refillMs, maxClients = 50_000 } = options;
  const buckets = new Map<string, { tokens: number; updated: number }>();
  return {
    take(key, now) {
      const bucket = buckets.get(key) ?? { tokens: capacity, updated: now };
      const refilled = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.updated) / refillMs);
      buckets.delete(key);
      if (refilled < 1) {
        buckets.set(key, { tokens: refilled, updated: now });
        return { allowed: false, retryAfterMs: Math.ceil((1 - refilled) * refillMs) };
      }
      buckets.set(key, { tokens: refilled - 1, updated: now });
      // Maps keep insertion order and each take re-inserts its key: the first keys are the idlest.
      while (buckets.size > maxClients) {
        const idlest = buckets.keys().next().value;
        if (idlest === undefined) break;
        buckets.delete(idlest);
      }
      return { allowed: true };
    },
  };
}
