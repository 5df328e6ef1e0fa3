// Characters that could end the <script> element or start markup inside it (`<`, `>`, `&`), and
// the two line terminators that are valid in JSON strings but not in older JavaScript.
const UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * The one way JSON-LD is written into a page: `JSON.stringify`, then `<`, `>`, `&`, U+2028 and
 * U+2029 written as `\u` escapes. Those characters only occur inside JSON strings, where the
 * escape means the same character, so `JSON.parse` of the result deep-equals the input, and no
 * value (e.g. "</script>") can close the `<script type="application/ld+json">` element.
 */
export function serializeJsonLd(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('JSON-LD must be a JSON value; got undefined or a function.');
  return json.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
