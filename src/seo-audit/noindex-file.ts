import { readFileSync, writeFileSync } from 'node:fs';
import { setNoindex } from './noindex.ts';

const META = /<meta\b[^>]*>/gi;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range of ASCII starts at U+0000.
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * Sets a written page to noindex (setNoindex) in place. The page is read as Latin-1, a byte per
 * character with no decoding: setNoindex only looks inside `<meta>` tags and UTF-8 never puts an
 * ASCII byte inside a multi-byte character, so when every meta tag is ASCII the bytes it changes
 * are the same as through UTF-8; otherwise the page is read as UTF-8.
 */
export function setNoindexInFile(file: string): void {
  const bytes = readFileSync(file);
  const latin1 = bytes.toString('latin1');
  const asciiMetas = (latin1.match(META) ?? []).every((tag) => !NOT_ASCII.test(tag));
  if (asciiMetas) writeFileSync(file, Buffer.from(setNoindex(latin1), 'latin1'));
  else writeFileSync(file, setNoindex(bytes.toString('utf8')));
}
