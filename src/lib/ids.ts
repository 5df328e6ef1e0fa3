/**
 * Entry ids: the file name of a content entry, how other entries, routing rules, the request form
 * and the lead endpoint name it. One definition for all of them, so that an id the build accepts
 * is an id the endpoint accepts.
 */

/** Lowercase letters and digits, in words joined by single hyphens: `low-back-pain`. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The longest id: long enough for any real name, short enough for a file name with room to spare. */
export const ID_MAX_LENGTH = 100;

/** The rule in a writer's words, for messages. */
export const ID_RULE = `lowercase letters and digits, words joined by hyphens, at most ${ID_MAX_LENGTH} characters, like "low-back-pain"`;

export function isValidId(value: string): boolean {
  return value.length <= ID_MAX_LENGTH && ID_PATTERN.test(value);
}

/**
 * A name as an id-shaped slug: "Low Back Pain" → "low-back-pain", "Zoë's Clinic" → "zoe-s-clinic".
 * Letters outside the Latin alphabet are dropped, so the result may be empty: see toToken.
 */
export function toSlug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * A token for a name, safe in an HTML id, an attribute value and a CSS selector, and distinct for
 * distinct names: the slug, or for a name with no Latin letters or digits ("עברית", "日本語"), its
 * code points ("u5e2-5d1-5e8-5d9-5ea"), so that two such names never share a token.
 */
export function toToken(text: string): string {
  const slug = toSlug(text);
  if (slug !== '') return slug;
  const points = Array.from(text.trim(), (char) => char.codePointAt(0)?.toString(16) ?? '');
  return points.length > 0 ? `u${points.join('-')}` : 'x';
}
