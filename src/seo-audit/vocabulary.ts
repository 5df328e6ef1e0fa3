/**
 * The schema.org vocabulary as a lookup: which types exist, which properties exist, and whether a
 * property may be used on a type (its `domainIncludes`, inherited through `subClassOf`). Built
 * from the published JSON-LD file (vocabulary/schemaorg-current-https.jsonld, release 30.0); the
 * caller reads the file, so this module stays pure.
 */
export interface Vocabulary {
  /** A class such as `MedicalClinic`, or an enumeration member such as `PrimaryCare`. */
  hasType(name: string): boolean;
  hasProperty(name: string): boolean;
  /** True when `property` is declared on `type` or one of its ancestors. */
  allowsProperty(type: string, property: string): boolean;
  /** `type` and every ancestor, nearest first. */
  ancestorsOf(type: string): string[];
  /** True when `type` is `ancestor` or descends from it. */
  isA(type: string, ancestor: string): boolean;
}

interface VocabularyNode {
  '@id': string;
  '@type'?: string | string[];
  'rdfs:subClassOf'?: IdRef | IdRef[];
  'schema:domainIncludes'?: IdRef | IdRef[];
  'schema:supersededBy'?: IdRef | IdRef[];
}
interface IdRef {
  '@id': string;
}

const toList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const localName = (id: string) => id.replace(/^schema:/, '');

export function buildVocabulary(document: { '@graph': VocabularyNode[] }): Vocabulary {
  const parents = new Map<string, string[]>();
  const domains = new Map<string, Set<string>>();
  const members = new Set<string>();
  for (const node of document['@graph']) {
    if (!node['@id'].startsWith('schema:')) continue;
    const name = localName(node['@id']);
    const types = toList(node['@type']);
    if (types.includes('rdfs:Class')) {
      parents.set(
        name,
        toList(node['rdfs:subClassOf'])
          .map((p) => p['@id'])
          .filter((id) => id.startsWith('schema:'))
          .map(localName),
      );
    } else if (types.includes('rdf:Property')) {
      domains.set(name, new Set(toList(node['schema:domainIncludes']).map((d) => localName(d['@id']))));
    } else {
      // Enumeration members (e.g. PrimaryCare, a MedicalSpecialty) are typed by their enumeration.
      members.add(name);
    }
  }

  const ancestorCache = new Map<string, string[]>();
  const ancestorsOf = (type: string): string[] => {
    const cached = ancestorCache.get(type);
    if (cached) return cached;
    const seen: string[] = [];
    const queue = [type];
    while (queue.length > 0) {
      const next = queue.shift() as string;
      if (seen.includes(next)) continue;
      seen.push(next);
      queue.push(...(parents.get(next) ?? []));
    }
    ancestorCache.set(type, seen);
    return seen;
  };

  return {
    hasType: (name) => parents.has(name) || members.has(name),
    hasProperty: (name) => domains.has(name),
    allowsProperty: (type, property) => {
      const domain = domains.get(property);
      return domain !== undefined && ancestorsOf(type).some((t) => domain.has(t));
    },
    ancestorsOf,
    isA: (type, ancestor) => ancestorsOf(type).includes(ancestor),
  };
}
