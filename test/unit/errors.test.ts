import { describe, expect, it } from 'vitest';
import { describeError } from '@/lib/errors.ts';

describe('describeError', () => {
  it("gives an Error's message without its name or stack", () => {
    expect(describeError(new TypeError('disk full'))).toBe('disk full');
  });

  it('gives anything else thrown as text', () => {
    expect(describeError('timed out')).toBe('timed out');
    expect(describeError(42)).toBe('42');
    expect(describeError(undefined)).toBe('undefined');
  });
});
