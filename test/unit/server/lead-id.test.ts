import { describe, expect, it } from 'vitest';
import { createLeadIdFactory, getLeadIdTime, isLeadId } from '../../../src/server/lead-id.ts';

const zeros = (size: number) => new Uint8Array(size);

describe('createLeadIdFactory', () => {
  it('encodes the time in the first 10 characters and randomness in the last 16', () => {
    const newId = createLeadIdFactory(zeros);
    const id = newId(new Date('2026-03-01T12:00:00.000Z'));
    expect(id).toMatchInlineSnapshot(`"01KJMMA2G00000000000000000"`);
    expect(isLeadId(id)).toBe(true);
    expect(getLeadIdTime(id)).toBe(Date.parse('2026-03-01T12:00:00.000Z'));
  });

  it('sorts ids from later milliseconds after earlier ones', () => {
    const newId = createLeadIdFactory();
    const times = [0, 1, 31, 32, 1_000, Date.parse('2026-01-01T00:00:00Z'), 2 ** 48 - 1];
    const ids = times.map((time) => newId(new Date(time)));
    expect([...ids].sort()).toEqual(ids);
    expect(ids.map(getLeadIdTime)).toEqual(times);
  });

  it('stays in creation order within one millisecond and when the clock steps back', () => {
    const newId = createLeadIdFactory();
    const now = new Date('2026-03-01T12:00:00.000Z');
    const ids = [...Array.from({ length: 1_000 }, () => newId(now)), newId(new Date(now.getTime() - 60_000))];
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('carries the increment across characters', () => {
    const newId = createLeadIdFactory((size) => new Uint8Array(size).fill(31));
    const now = new Date(0);
    expect(newId(now)).toBe('0000000000ZZZZZZZZZZZZZZZZ');
    expect(() => newId(now)).toThrow(/overflowed/);
  });

  it('carries the increment into the first random character', () => {
    // The first random digit 0, the other fifteen 31: the next id in the same millisecond is 1 then 0s.
    const newId = createLeadIdFactory((size) => new Uint8Array(size).fill(31).fill(0, 0, 1));
    const now = new Date(0);
    expect(newId(now)).toBe('00000000000ZZZZZZZZZZZZZZZ');
    expect(newId(now)).toBe('00000000001000000000000000');
  });

  it.each([
    [new Date(-1), '-1'],
    [new Date(2 ** 48), String(2 ** 48)],
    [new Date(Number.NaN), 'NaN'],
  ])('refuses a time it cannot encode: %s', (date, time) => {
    expect(() => createLeadIdFactory()(date)).toThrow(new RangeError(`Cannot make a lead id for the time ${time}`));
  });
});

describe('isLeadId', () => {
  it.each([
    ['01KJMWNH00ABCDEFGHJKMNPQRS', true],
    ['01kjmwnh00abcdefghjkmnpqrs', false],
    ['01KJMWNH00ABCDEFGHJKMNPQRI', false],
    ['81KJMWNH00ABCDEFGHJKMNPQRS', false],
    ['01KJMWNH00ABCDEFGHJKMNPQR', false],
    ['x01KJMWNH00ABCDEFGHJKMNPQRS', false],
    ['01KJMWNH00ABCDEFGHJKMNPQRS0', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isLeadId(value)).toBe(expected);
    expect(getLeadIdTime(value) === null).toBe(!expected);
  });
});
