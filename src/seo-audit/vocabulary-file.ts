import { readFileSync } from 'node:fs';
import { buildVocabulary, type Vocabulary } from './vocabulary.ts';

const VOCABULARY_FILE = new URL('./vocabulary/schemaorg-current-https.jsonld', import.meta.url);

let vocabulary: Vocabulary | undefined;

/** The project's copy of the schema.org vocabulary (release 30.0), read once per process. */
export function readVocabulary(): Vocabulary {
  vocabulary ??= buildVocabulary(JSON.parse(readFileSync(VOCABULARY_FILE, 'utf8')));
  return vocabulary;
}
