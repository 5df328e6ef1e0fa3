/**
 * A page file (.md, .mdx) as its fields (the YAML between the --- lines) and its page text, with
 * the line each starts on. One reading for the content check, the plain-language check and
 * `npm run new`. Pure.
 */

// Astro's YAML frontmatter pattern (@astrojs/internal-helpers), so the same text counts as fields.
const FRONTMATTER = /(?:^\uFEFF?|^\s*\n)---([\s\S]*?\n)---/;

export interface PageParts {
  /** The YAML between the --- lines; empty when the file has none. */
  fields: string;
  /** The line of the file the fields' first line is on: that of the opening ---. */
  fieldsLine: number;
  /** Everything after the closing --- (from the rest of its line); the whole file without fields. */
  body: string;
  /** The line of the file the body's first line is on: that of the closing ---. */
  bodyLine: number;
  hasFields: boolean;
}

export function splitPage(text: string): PageParts {
  const match = FRONTMATTER.exec(text);
  if (!match) return { fields: '', fieldsLine: 1, body: text, bodyLine: 1, hasFields: false };
  const end = match.index + match[0].length;
  return {
    fields: match[1] ?? '',
    fieldsLine: countLines(text.slice(0, match.index + match[0].indexOf('---'))),
    body: text.slice(end),
    bodyLine: countLines(text.slice(0, end)),
    hasFields: true,
  };
}

function countLines(text: string): number {
  return text.split('\n').length;
}
