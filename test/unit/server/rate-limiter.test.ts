import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/server/rate-limiter.ts';

describe('createRateLimiter', () => {
  it('allows a burst up to capacity, then refuses with the wait until the next token', () => {
    const limiter = createRateLimiter({ capacity: 3, refillMs: 60_000 });
    expect([0, 1, 2].map(() => limiter.take('a', 0).allowed)).toEqual([true, true, true]);
    expect(limiter.take('a', 0)).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(limiter.take('a', 30_000)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    expect(limiter.take('a', 60_000)).toEqual({ allowed: true });
    expect(limiter.take('b', 0)).toEqual({ allowed: true });
  });

  it('refills to capacity and no further', () => {
    const limiter = createRateLimiter({ capacity: 2, refillMs: 1_000 });
    limiter.take('a', 0);
    limiter.take('a', 0);
    expect([limiter.take('a', 100_000), limiter.take('a', 100_000), limiter.take('a', 100_000)].map((r) => r.allowed)).toEqual([true, true, false]);
  });

  it('forgets the idlest clients beyond maxClients', () => {
    const limiter = createRateLimiter({ capacity: 1, refillMs: 60_000, maxClients: 2 });
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0); // a is forgotten
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('c', 0).allowed).toBe(false);
  });
});
