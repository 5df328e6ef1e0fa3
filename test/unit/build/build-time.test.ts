import { describe, expect, it } from 'vitest';
import { readBuildTime } from '@/build/build-time.ts';

describe('readBuildTime', () => {
  const now = () => new Date('2026-12-03T10:00:00Z');

  it('reads SOURCE_DATE_EPOCH, in seconds', () => {
    expect(readBuildTime({ SOURCE_DATE_EPOCH: '1796000000' }, now)).toEqual(new Date(1796000000 * 1000));
  });

  it.each([[{}], [{ SOURCE_DATE_EPOCH: '' }]])('is now without it: %j', (env) => {
    expect(readBuildTime(env, now)).toEqual(now());
  });

  it('refuses anything but whole seconds', () => {
    expect(() => readBuildTime({ SOURCE_DATE_EPOCH: '2026-12-03' }, now)).toThrow('SOURCE_DATE_EPOCH must be a whole number');
  });
});
