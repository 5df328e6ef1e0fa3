/**
 * schema-dts names a type as a union of its own node, its subtypes' nodes and a plain string.
 * `NodeOf<Person, 'Person'>` picks the one node whose `@type` is exactly `'Person'`, so a builder's
 * return type says which type it emits and which properties its values may take.
 */
export type NodeOf<T, Name extends string> = Extract<Exclude<T, string>, { '@type': Name }>;

/** A `{"@id": …}` reference to a node elsewhere in the same graph. */
export interface IdRef {
  '@id': string;
}
