import { beforeAll, describe, expect, it } from 'vitest';
import { buildSiteIndex } from '@/lib/content/relations.ts';
import type { JsonLdGraph } from '@/lib/schema/graph.ts';
import { serializeJsonLd } from '@/lib/schema/serialize.ts';
import { readContent } from '../../support/read-content.ts';
import { buildSiteGraphs } from './support/site-graphs.ts';

describe('serializeJsonLd', () => {
  it.each([
    { char: '<', escaped: '\\u003c' },
    { char: '>', escaped: '\\u003e' },
    { char: '&', escaped: '\\u0026' },
    { char: '\u2028', escaped: '\\u2028' },
    { char: '\u2029', escaped: '\\u2029' },
  ])('writes $escaped for that character', ({ char, escaped }) => {
    expect(serializeJsonLd({ name: `a${char}b` })).toBe(`{"name":"a${escaped}b"}`);
  });

  it('writes escapes, not HTML entities, and keeps other text as JSON.stringify does', () => {
    expect(serializeJsonLd({ text: 'Tom & Jerry <b>"hi"</b> é 🩺' })).toBe('{"text":"Tom \\u0026 Jerry \\u003cb\\u003e\\"hi\\"\\u003c/b\\u003e é 🩺"}');
  });

  const HOSTILE = [
    '</script><script>alert(1)</script>',
    '</SCRIPT >',
    '<!-- <script>',
    '-->',
    ']]>',
    'Tom &amp; Jerry &lt;not markup&gt;',
    'line\u2028separator\u2029paragraph',
    'quotes " and backslashes \\ and \\u003c',
    'control \u0000\u001f and tab \t',
    'lone surrogate \ud800',
  ];

  it.each(HOSTILE)('round-trips %j and leaves no markup in the script', (text) => {
    const value = { '@graph': [{ name: text, list: [text, { nested: text }] }] };
    const serialized = serializeJsonLd(value);
    expect(JSON.parse(serialized)).toEqual(value);
    expect(serialized).not.toMatch(/[<>&\u2028\u2029]/);
  });

  it('round-trips numbers, booleans and nested lists', () => {
    const value = { position: 1, latitude: 45.5291, isAcceptingNewPatients: false, list: [[1, 'a'], []] };
    expect(JSON.parse(serializeJsonLd(value))).toEqual(value);
  });

  it('refuses a value that is not JSON', () => {
    expect(() => serializeJsonLd(undefined)).toThrow(TypeError);
  });

  describe('on every graph of the good fixture', () => {
    let graphs: Map<string, JsonLdGraph>;
    beforeAll(async () => {
      const content = await readContent({ contentDir: 'test/fixtures/good' });
      graphs = buildSiteGraphs(buildSiteIndex(content.snapshot), 'https://fixture.example');
    });

    it('round-trips each graph', () => {
      expect(graphs.size).toBeGreaterThan(0);
      for (const graph of graphs.values()) expect(JSON.parse(serializeJsonLd(graph))).toEqual(graph);
    });
  });
});
