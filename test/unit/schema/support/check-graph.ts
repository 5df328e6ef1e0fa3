import { readFileSync } from 'node:fs';
import type { Vocabulary } from '@/seo-audit/vocabulary.ts';

/**
 * What the vocabulary file says about values, which the project's Vocabulary lookup leaves out:
 * each property's `rangeIncludes`, and the enumeration each member (PrimaryCare, Monday) belongs to.
 */
export interface Ranges {
  rangeOf(property: string): string[];
  enumerationsOf(member: string): string[];
}

interface RawNode {
  '@id': string;
  '@type'?: string | string[];
  'schema:rangeIncludes'?: { '@id': string } | { '@id': string }[];
}

const VOCABULARY_FILE = new URL('../../../../src/seo-audit/vocabulary/schemaorg-current-https.jsonld', import.meta.url);
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const local = (id: string) => id.replace(/^schema:/, '');

let ranges: Ranges | undefined;

export function readRanges(): Ranges {
  if (ranges) return ranges;
  const document = JSON.parse(readFileSync(VOCABULARY_FILE, 'utf8')) as { '@graph': RawNode[] };
  const rangeMap = new Map<string, string[]>();
  const memberMap = new Map<string, string[]>();
  for (const node of document['@graph']) {
    if (!node['@id'].startsWith('schema:')) continue;
    const types = list(node['@type']);
    if (types.includes('rdf:Property'))
      rangeMap.set(
        local(node['@id']),
        list(node['schema:rangeIncludes']).map((r) => local(r['@id'])),
      );
    const enumerations = types.filter((t) => t.startsWith('schema:')).map(local);
    if (enumerations.length > 0 && !types.includes('rdfs:Class')) memberMap.set(local(node['@id']), enumerations);
  }
  ranges = { rangeOf: (p) => rangeMap.get(p) ?? [], enumerationsOf: (m) => memberMap.get(m) ?? [] };
  return ranges;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const isReference = (value: JsonObject) => Object.keys(value).length === 1 && typeof value['@id'] === 'string';
const typesOf = (node: JsonObject) => list(node['@type'] as string | string[] | undefined);

const LITERAL_FORMATS: Record<string, RegExp> = {
  Date: /^\d{4}-\d{2}-\d{2}$/,
  DateTime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/,
  Time: /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/,
};

// Google documents a crumb's `item` as the URL of its page, where schema.org expects a Thing.
const URL_FOR_THING = new Set(['item']);

/**
 * Every problem in one JSON-LD document, as `where: what` lines: a type the vocabulary lacks, a
 * property not allowed on any of its node's types, a value outside the property's range, a
 * `{"@id"}` that no node of the graph defines, an `@id` defined twice, and values a builder
 * should have left out (undefined, null, "", "undefined", []).
 */
export function checkGraph(document: unknown, vocabulary: Vocabulary, ranges: Ranges = readRanges()): string[] {
  const problems: string[] = [];
  const doc = document as JsonObject;
  if (!isObject(doc) || doc['@context'] !== 'https://schema.org' || !Array.isArray(doc['@graph'])) {
    return ['(document): not {"@context": "https://schema.org", "@graph": [...]}'];
  }
  const graph = doc['@graph'];
  const defined = new Map<string, JsonObject>();
  const references: { id: string; at: string; property: string }[] = [];

  const isA = (types: string[], ranges: string[]) => types.some((t) => ranges.some((r) => vocabulary.isA(t, r)));
  const checkRange = (value: Json, property: string, at: string) => {
    const range = ranges.rangeOf(property);
    if (typeof value === 'string') {
      const member = /^https:\/\/schema\.org\/(\w+)$/.exec(value)?.[1];
      if (member && isA(ranges.enumerationsOf(member), range)) return;
      if (URL_FOR_THING.has(property) && /^https?:\/\//.test(value)) return;
      const literal = range.some((r) => vocabulary.isA(r, 'Text') || (LITERAL_FORMATS[r]?.test(value) ?? false));
      if (!literal) problems.push(`${at}: "${value}" is not a ${range.join(' or ')}`);
    } else if (typeof value === 'number') {
      if (!range.some((r) => vocabulary.isA(r, 'Number'))) problems.push(`${at}: ${value} is not a ${range.join(' or ')}`);
    } else if (typeof value === 'boolean') {
      if (!range.includes('Boolean')) problems.push(`${at}: ${value} is not a ${range.join(' or ')}`);
    }
  };

  const walk = (value: Json | undefined, at: string, property: string | undefined): void => {
    if (value === undefined || value === null) {
      problems.push(`${at}: ${String(value)}`);
    } else if (Array.isArray(value)) {
      if (value.length === 0) problems.push(`${at}: empty array`);
      value.forEach((item, index) => {
        walk(item, `${at}[${index}]`, property);
      });
    } else if (isObject(value)) {
      if (isReference(value)) {
        if (property) references.push({ id: value['@id'] as string, at, property });
        return;
      }
      const id = value['@id'];
      if (typeof id === 'string') {
        if (defined.has(id)) problems.push(`${at}: @id ${id} is defined twice`);
        defined.set(id, value);
      }
      const types = typesOf(value);
      if (types.length === 0) problems.push(`${at}: no @type`);
      const unknown = types.filter((type) => !vocabulary.hasType(type));
      for (const type of unknown) problems.push(`${at}: unknown type ${type}`);
      // An unknown type or property is one problem; its properties and values are not checked further.
      const known = types.length > 0 && unknown.length === 0;
      if (known && property && !isA(types, ranges.rangeOf(property))) {
        problems.push(`${at}: a ${types.join('/')} is not a ${ranges.rangeOf(property).join(' or ')}`);
      }
      for (const [key, child] of Object.entries(value)) {
        if (key.startsWith('@')) continue;
        if (!vocabulary.hasProperty(key)) problems.push(`${at}.${key}: unknown property`);
        else if (known && !types.some((t) => vocabulary.allowsProperty(t, key))) problems.push(`${at}.${key}: not allowed on ${types.join('/')}`);
        walk(child, `${at}.${key}`, vocabulary.hasProperty(key) ? key : undefined);
      }
    } else {
      if (value === '' || value === 'undefined' || (typeof value === 'number' && !Number.isFinite(value))) {
        problems.push(`${at}: ${JSON.stringify(value)}`);
      }
      if (property) checkRange(value, property, at);
    }
  };
  graph.forEach((node, index) => {
    walk(node, `@graph[${index}]`, undefined);
  });

  for (const { id, at, property } of references) {
    const target = defined.get(id);
    if (!target) problems.push(`${at}: {"@id": "${id}"} is not in the graph`);
    else if (!isA(typesOf(target), ranges.rangeOf(property))) {
      problems.push(`${at}: ${id}, a ${typesOf(target).join('/')}, is not a ${ranges.rangeOf(property).join(' or ')}`);
    }
  }
  return problems;
}
