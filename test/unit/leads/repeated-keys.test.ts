import { describe, expect, it } from 'vitest';
import { describeRepeatedField, findRepeatedJsonKey } from '@/lib/leads/repeated-keys.ts';

describe('findRepeatedJsonKey', () => {
  it.each([
    ['a key twice at the top', '{"name":"A","phone":"1","name":"B"}', 'name'],
    ['the first key repeated, not a later one', '{"a":1,"b":2,"b":3,"a":4}', 'b'],
    ['the same key spelt with an escape', '{"name":"A","n\\u0061me":"B"}', 'name'],
    ['a key with an escaped quote in it', '{"a\\"b":1,"a\\"b":2}', 'a"b'],
    ['a key inside attribution', '{"leadType":"patient","attribution":{"utm_source":"a","page":"/","utm_source":"b"}}', 'attribution.utm_source'],
    ['a key in an object inside an array', '{"list":[{"k":1},{"k":2,"k":3}]}', 'list.1.k'],
    ['__proto__ twice', '{"__proto__":{},"__proto__":{}}', '__proto__'],
    ['with whitespace everywhere', ' { "a" : 1 ,\n\t"a" : 2 } ', 'a'],
    ['after a value with a backslash at its end', '{"a":"x\\\\","a":1}', 'a'],
  ])('finds %s', (_, text, path) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findRepeatedJsonKey(text)).toBe(path);
  });

  it.each([
    ['distinct keys', '{"name":"A","phone":"1","attribution":{"page":"/"}}'],
    ['a key repeated in different objects', '{"a":{"x":1},"b":{"x":2},"x":3}'],
    ['a key written inside a string value', '{"message":"\\"name\\": twice, \\"name\\":","name":"A"}'],
    ['braces and commas inside strings', '{"a":"{,}","b":"[,]","c":"\\\\"}'],
    ['keys that differ only in case', '{"Name":1,"name":2}'],
    ['an array of equal objects', '[{"a":1},{"a":1}]'],
    ['a bare string', '"name"'],
    ['null', 'null'],
    ['an empty object', '{}'],
  ])('finds nothing in %s', (_, text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findRepeatedJsonKey(text)).toBeNull();
  });

  it('walks 15,000 levels of nesting without recursion', () => {
    const deep = `${'{"a":'.repeat(15_000)}{"k":1,"k":2}${'}'.repeat(15_000)}`;
    expect(findRepeatedJsonKey(deep)).toBe(`${'a.'.repeat(15_000)}k`);
    expect(findRepeatedJsonKey('['.repeat(15_000) + ']'.repeat(15_000))).toBeNull();
  });

  it('agrees with JSON.parse, which keeps only the last of the repeated keys', () => {
    const text = '{"name":"First","name":"Last"}';
    expect(JSON.parse(text)).toEqual({ name: 'Last' });
    expect(findRepeatedJsonKey(text)).toBe('name');
  });
});

describe('describeRepeatedField', () => {
  it('names the field', () => {
    expect(describeRepeatedField('attribution.page')).toBe('"attribution.page" was sent more than once; send it once.');
  });
});
