import { parse, HTMLElement, NodeType, TextNode, type Node } from 'node-html-parser';
import { getPageKind } from '../lib/page-kinds.ts';
import type { PageFacts } from './types.ts';

// `pre` and `noscript` are parsed as HTML (the library keeps them as raw text by default), so
// their elements and entities are read like any other; script and style stay raw text.
const PARSE_OPTIONS = { blockTextElements: { script: true, style: true } };

/** Elements whose content is never shown as text. */
const NOT_TEXT = new Set(['script', 'style', 'template', 'title']);

/**
 * Phrasing elements: their edges are not word breaks. Every other element boundary (a cell, a list
 * item, a paragraph) counts as a space, as it does when a browser lays the page out.
 */
// prettier-ignore
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
]);

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

interface Collected {
  titles: string[];
  descriptions: string[];
  canonicals: string[];
  noindex: boolean;
  lang?: string | undefined;
  ogImage?: string | undefined;
  twitterImage?: string | undefined;
  h1s: string[];
  images: PageFacts['images'];
  links: string[];
  ids: string[];
  jsonLd: string[];
  visible: string[];
  main: string[];
}

interface Context {
  inHead: boolean;
  inSvg: boolean;
  inMain: boolean;
  ignored: boolean;
}

/**
 * Reads what the SEO audit needs out of one emitted HTML page, in a single pass over the
 * document. `path` is the page's site path (`/locations/hawthorne/`, `/404.html`).
 *
 * A well-formed page (every element closed in order, as Astro writes them) is read by a scanner
 * that builds no tree, several times faster on large pages; anything the scanner does not
 * expect sends the page to the HTML parser, whose reading is the reference (see the facts tests).
 */
export function extractPageFacts(html: string, path: string): PageFacts {
  return scanPageFacts(html, path) ?? extractPageFactsFromDom(html, path);
}

/** extractPageFacts through the HTML parser's tree: the reference the scanner must agree with. */
export function extractPageFactsFromDom(html: string, path: string): PageFacts {
  const root = parse(html, PARSE_OPTIONS);
  const found = createCollected();
  const start: Context = { inHead: false, inSvg: false, inMain: false, ignored: false };
  // Text outside every element is the doctype or whitespace, never page text.
  for (const child of root.childNodes) if (child.nodeType === NodeType.ELEMENT_NODE) visit(child, start, found);
  return toPageFacts(found, path);
}

function createCollected(): Collected {
  return { titles: [], descriptions: [], canonicals: [], noindex: false, h1s: [], images: [], links: [], ids: [], jsonLd: [], visible: [], main: [] };
}

function toPageFacts(found: Collected, path: string): PageFacts {
  return {
    path,
    kind: getPageKind(path),
    title: found.titles[0],
    titleCount: found.titles.length,
    description: found.descriptions[0],
    descriptionCount: found.descriptions.length,
    canonical: found.canonicals[0],
    canonicalCount: found.canonicals.length,
    noindex: found.noindex,
    lang: found.lang,
    ogImage: found.ogImage ?? found.twitterImage,
    h1Count: found.h1s.length,
    h1Text: found.h1s[0],
    images: found.images,
    links: found.links,
    ids: found.ids,
    jsonLd: found.jsonLd,
    visibleText: collapse(found.visible.join('')),
    mainText: collapse(found.main.join('')),
  };
}

/** The text an HTML fragment shows, entities decoded and whitespace collapsed (e.g. a JSON-LD answer). */
export function getHtmlText(html: string): string {
  const parts: string[] = [];
  appendText(parse(html, PARSE_OPTIONS), parts);
  return collapse(parts.join(''));
}

function visit(node: Node, context: Context, found: Collected): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    if (context.inHead) return;
    const text = (node as TextNode).text;
    found.visible.push(text);
    if (context.inMain && !context.ignored) found.main.push(text);
    return;
  }
  if (node.nodeType !== NodeType.ELEMENT_NODE) {
    for (const child of node.childNodes) visit(child, context, found);
    return;
  }
  const element = node as HTMLElement;
  const tag = getTag(element);
  collectElement(element, tag, context, found);
  if (NOT_TEXT.has(tag)) return;

  const inner: Context = {
    inHead: context.inHead || tag === 'head',
    inSvg: context.inSvg || tag === 'svg',
    inMain: context.inMain || tag === 'main',
    ignored: context.ignored || element.hasAttribute('data-seo-ignore'),
  };
  const breaks = !INLINE.has(tag) && !inner.inHead;
  if (breaks) pushBreak(inner, found);
  for (const child of element.childNodes) visit(child, inner, found);
  if (breaks) pushBreak(inner, found);
}

// The parser's root element has no tag name, whatever its type says.
const getTag = (element: HTMLElement): string => (element.rawTagName as string | null)?.toLowerCase() ?? '';

function pushBreak(context: Context, found: Collected): void {
  found.visible.push(' ');
  if (context.inMain && !context.ignored) found.main.push(' ');
}

function collectElement(element: HTMLElement, tag: string, context: Context, found: Collected): void {
  const id = element.getAttribute('id');
  if (id) found.ids.push(id);
  switch (tag) {
    case 'html':
      found.lang ??= element.getAttribute('lang')?.trim() || undefined;
      break;
    case 'title':
      // An SVG's <title> is its accessible name, not the document's title.
      if (!context.inSvg) found.titles.push(collapse(element.text));
      break;
    case 'meta':
      collectMeta(element, found);
      break;
    case 'link':
      if (hasToken(element.getAttribute('rel'), 'canonical')) found.canonicals.push(element.getAttribute('href') ?? '');
      break;
    case 'h1':
      found.h1s.push(getElementText(element));
      break;
    case 'img':
      found.images.push({
        src: element.getAttribute('src') ?? '',
        alt: element.hasAttribute('alt') ? (element.getAttribute('alt') ?? '') : null,
      });
      break;
    case 'a': {
      const href = element.getAttribute('href');
      if (href !== undefined) found.links.push(href.trim());
      break;
    }
    case 'script':
      if (element.getAttribute('type')?.trim().toLowerCase() === 'application/ld+json') found.jsonLd.push(element.rawText);
      break;
  }
}

function collectMeta(element: Pick<HTMLElement, 'getAttribute'>, found: Collected): void {
  const name = element.getAttribute('name')?.trim().toLowerCase();
  const property = element.getAttribute('property')?.trim().toLowerCase();
  const content = element.getAttribute('content') ?? '';
  if (name === 'description') found.descriptions.push(collapse(content));
  else if (name === 'robots' || name === 'googlebot') found.noindex ||= hasToken(content.replaceAll(',', ' '), 'noindex', 'none');
  else if (name === 'twitter:image') found.twitterImage ??= content;
  if (property === 'og:image') found.ogImage ??= content;
}

function hasToken(list: string | undefined, ...tokens: string[]): boolean {
  if (!list) return false;
  return list
    .toLowerCase()
    .split(/\s+/)
    .some((token) => tokens.includes(token));
}

function getElementText(element: HTMLElement): string {
  const parts: string[] = [];
  appendText(element, parts);
  return collapse(parts.join(''));
}

function appendText(node: Node, parts: string[]): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    parts.push((node as TextNode).text);
    return;
  }
  const tag = node.nodeType === NodeType.ELEMENT_NODE ? getTag(node as HTMLElement) : '';
  if (NOT_TEXT.has(tag)) return;
  const breaks = tag !== '' && !INLINE.has(tag);
  if (breaks) parts.push(' ');
  for (const child of node.childNodes) appendText(child, parts);
  if (breaks) parts.push(' ');
}

// ---------------------------------------------------------------------------------------------
// The scanner: the same reading as the tree walk above, over node-html-parser's tokens (its own
// markup pattern, attribute parsing and entity decoding), without building the tree.

/** node-html-parser's markup pattern (comments and tags), so that both read the same tags. */
const MARKUP =
  /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][-.:0-9_a-zA-Z@\xB7\xC0-\xD6\xD8-\xF6\u00F8-\u03A1\u03A3-\u03D9\u03DB-\u03EF\u03F7-\u03FF\u0400-\u04FF\u0500-\u052F\u1D00-\u1D2B\u1D6B-\u1D77\u1D79-\u1D9A\u1E00-\u1E9B\u1F00-\u1F15\u1F18-\u1F1D\u1F20-\u1F45\u1F48-\u1F4D\u1F50-\u1F57\u1F59\u1F5B\u1F5D\u1F5F-\u1F7D\u1F80-\u1FB4\u1FB6-\u1FBC\u1FBE\u1FC2-\u1FC4\u1FC6-\u1FCC\u1FD0-\u1FD3\u1FD6-\u1FDB\u1FE0-\u1FEC\u1FF2-\u1FF4\u1FF6-\u1FFC\u2126\u212A-\u212B\u2132\u214E\u2160-\u2188\u2C60-\u2C7F\uA722-\uA787\uA78B-\uA78E\uA790-\uA7AD\uA7B0-\uA7B7\uA7F7-\uA7FF\uAB30-\uAB5A\uAB5C-\uAB5F\uAB64-\uAB65\uFB00-\uFB06\uFB13-\uFB17\uFF21-\uFF3A\uFF41-\uFF5A\x37F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]*)((?:\s+[^>]*?(?:(?:'[^']*')|(?:"[^"]*"))?)*)\s*(\/?)>/gu;
const UNQUOTED_VALUE_AT_END = /(?:^|\s)[^\s"'<>=/]+\s*=\s*[^\s"'<>`]+$/;
// prettier-ignore
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'].flatMap((t) => [t, t.toUpperCase()]));
/** Elements whose opening tag the parser lets close an open element: not expected in a well-formed page. */
// prettier-ignore
const CLOSED_BY_OPENING: Record<string, readonly string[]> = {
  li: ['li'],
  p: ['p', 'div'],
  b: ['div'],
  td: ['td', 'th', 'tr', 'tbody', 'tfoot'],
  th: ['td', 'th', 'tr', 'tbody', 'tfoot'],
  tr: ['tr', 'tbody', 'tfoot'],
  thead: ['tbody', 'tfoot'],
  tbody: ['tbody', 'tfoot'],
  h1: ['h1'],
  h2: ['h2'],
  h3: ['h3'],
  h4: ['h4'],
  h5: ['h5'],
  h6: ['h6'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
};
/** Tags whose attributes the facts read, whatever they are. */
const READ_ATTRIBUTES = new Set(['html', 'meta', 'link', 'a', 'img', 'script']);
const MAY_HAVE_READ_ATTRIBUTE = /id|data-seo-ignore/i;
/** node-html-parser's attribute pattern (HTMLElement.rawAttributes). */
const ATTRIBUTE = /([_a-zA-Z()[\]#@$.?:][a-zA-Z0-9-._:()[\]#]*)(?:\s*=\s*((?:'[^']*')|(?:"[^"]*")|\S+))?/g;

/** An element's attributes as HTMLElement reads them: names in lower case, values decoded. */
interface Attributes {
  get(name: string): string | undefined;
  has(name: string): boolean;
}

/**
 * The attributes of a tag. Values without entities are read here with the parser's own pattern;
 * a tag with an entity in its attributes is read by the parser's HTMLElement, which decodes them.
 */
function readAttributes(rawTag: string, rawAttrs: string): Attributes {
  if (rawAttrs.includes('&')) {
    const element = new HTMLElement(rawTag, {}, rawAttrs);
    return { get: (name) => element.getAttribute(name), has: (name) => element.hasAttribute(name) };
  }
  const raw = new Map<string, string | null>();
  ATTRIBUTE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = ATTRIBUTE.exec(rawAttrs))) {
    const key = match[1] as string;
    if (key === '__proto__') continue;
    let value = match[2] || null;
    if (value && (value[0] === "'" || value[0] === '"')) value = value.slice(1, value.length - 1);
    // The parser keeps the first value given, unless the first occurrence had none.
    raw.set(key, raw.get(key) || value);
  }
  const attrs = new Map<string, string>();
  for (const [key, value] of raw) attrs.set(key.toLowerCase(), value || '');
  return { get: (name) => attrs.get(name), has: (name) => attrs.has(name) };
}

interface Frame {
  /** The tag as written; closing tags must match it exactly. */
  raw: string;
  tag: string;
  /** The context of the element's children. */
  inner: Context;
  breaks: boolean;
  /** Inside a script, style, template or title: nothing below is read. */
  skipped: boolean;
  /** The text of the <h1> this element is part of, and that h1's place among the page's h1s. */
  h1?: { parts: string[]; index: number } | undefined;
  h1Breaks: boolean;
  /** A script whose text is JSON-LD. */
  jsonLd?: boolean;
}

/**
 * The facts of a well-formed page without building its tree; undefined when the page has markup
 * the tree builder would repair (an element closed out of order or left open, CDATA, a script
 * without its end tag, text markup inside a title).
 */
export function scanPageFacts(html: string, path: string): PageFacts | undefined {
  if (html.includes('<![CDATA[')) return undefined;
  const found = createCollected();
  const root: Frame = { raw: '', tag: '', inner: { inHead: false, inSvg: false, inMain: false, ignored: false }, breaks: false, skipped: false, h1Breaks: false };
  const stack: Frame[] = [root];
  let current = root;
  let title: string[] | undefined;
  let last = 0;
  const pattern = new RegExp(MARKUP.source, MARKUP.flags);
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(html))) {
    const start = match.index;
    if (start > last) {
      if (title) title.push(html.slice(last, start));
      else if (!current.skipped && current !== root) addText(decodeText(html.slice(last, start)), current, found);
    }
    last = pattern.lastIndex;
    const [, leadingSlash, rawTag, rawAttributes = ''] = match;
    if (rawTag === undefined) continue; // a comment
    let attributes = rawAttributes;
    let closingSlash = match[4];
    if (closingSlash && !leadingSlash && UNQUOTED_VALUE_AT_END.test(attributes) && !VOID.has(rawTag)) {
      attributes += closingSlash;
      closingSlash = '';
    }
    if (leadingSlash) {
      if (current.raw !== rawTag) return undefined;
      closeFrame(current, found);
      stack.pop();
      current = stack[stack.length - 1] as Frame;
      if (title && rawTag.toLowerCase() === 'title') {
        finishTitle(title, found);
        title = undefined;
      }
      continue;
    }
    if (title) return undefined;
    const tag = rawTag.toLowerCase();
    if (!closingSlash && CLOSED_BY_OPENING[current.raw.toLowerCase()]?.includes(tag)) return undefined;
    // A heading inside a heading: the tree reads the outer one's text around the inner one.
    if (tag === 'h1' && current.h1) return undefined;
    const frame = openFrame({ rawTag, tag, rawAttrs: attributes.slice(1), parent: current, found });
    if (frame.tag === 'title' && !current.skipped && !current.inner.inSvg) title = [];
    stack.push(frame);
    current = frame;
    if (tag === 'script' || tag === 'style') {
      const close = html.indexOf(`</${rawTag}>`, last);
      if (close === -1) return undefined;
      const content = html.slice(last, close);
      if (tag === 'script' && frame.jsonLd) found.jsonLd.push(/\S/.test(content) ? content : '');
      pattern.lastIndex = last = close + rawTag.length + 3;
      closeFrame(frame, found);
      stack.pop();
      current = stack[stack.length - 1] as Frame;
      continue;
    }
    if (closingSlash || VOID.has(rawTag)) {
      if (title) {
        finishTitle(title, found);
        title = undefined;
      }
      closeFrame(frame, found);
      stack.pop();
      current = stack[stack.length - 1] as Frame;
    }
  }
  if (stack.length !== 1 || title) return undefined;
  return toPageFacts(found, path);
}

function decodeText(raw: string): string {
  return raw.includes('&') ? new TextNode(raw, null).text : raw;
}

function finishTitle(parts: string[], found: Collected): void {
  const raw = parts.join('');
  found.titles.push(collapse(raw.includes('&') ? new TextNode(raw, null).text : raw));
}

function addText(text: string, frame: Frame, found: Collected): void {
  if (frame.h1) frame.h1.parts.push(text);
  if (frame.inner.inHead) return;
  found.visible.push(text);
  if (frame.inner.inMain && !frame.inner.ignored) found.main.push(text);
}

function openFrame(options: { rawTag: string; tag: string; rawAttrs: string; parent: Frame; found: Collected }): Frame {
  const { rawTag, tag, rawAttrs, parent, found } = options;
  if (parent.skipped) return { raw: rawTag, tag, inner: parent.inner, breaks: false, skipped: true, h1Breaks: false };
  const context = parent.inner;
  const element = READ_ATTRIBUTES.has(tag) || MAY_HAVE_READ_ATTRIBUTE.test(rawAttrs) ? readAttributes(rawTag, rawAttrs) : undefined;
  const id = element?.get('id');
  if (id) found.ids.push(id);
  let jsonLd = false;
  switch (tag) {
    case 'html':
      found.lang ??= element?.get('lang')?.trim() || undefined;
      break;
    case 'meta':
      if (element) collectMeta({ getAttribute: (name) => element.get(name) }, found);
      break;
    case 'link':
      if (hasToken(element?.get('rel'), 'canonical')) found.canonicals.push(element?.get('href') ?? '');
      break;
    case 'img':
      found.images.push({ src: element?.get('src') ?? '', alt: element?.has('alt') ? (element.get('alt') ?? '') : null });
      break;
    case 'a': {
      const href = element?.get('href');
      if (href !== undefined) found.links.push(href.trim());
      break;
    }
    case 'script':
      jsonLd = element?.get('type')?.trim().toLowerCase() === 'application/ld+json';
      break;
  }
  const h1 = tag === 'h1' ? { parts: [], index: found.h1s.push('') - 1 } : parent.h1;
  if (NOT_TEXT.has(tag)) return { raw: rawTag, tag, inner: context, breaks: false, skipped: true, h1, h1Breaks: false, jsonLd };
  const inner: Context = {
    inHead: context.inHead || tag === 'head',
    inSvg: context.inSvg || tag === 'svg',
    inMain: context.inMain || tag === 'main',
    ignored: context.ignored || (element?.has('data-seo-ignore') ?? false),
  };
  const breaks = !INLINE.has(tag) && !inner.inHead;
  const frame: Frame = { raw: rawTag, tag, inner, breaks, skipped: false, h1, h1Breaks: h1 !== undefined && !INLINE.has(tag) };
  if (breaks) pushBreak(inner, found);
  if (frame.h1Breaks) h1?.parts.push(' ');
  return frame;
}

function closeFrame(frame: Frame, found: Collected): void {
  if (frame.skipped) return;
  if (frame.breaks) pushBreak(frame.inner, found);
  if (frame.h1Breaks) frame.h1?.parts.push(' ');
  if (frame.tag === 'h1' && frame.h1) found.h1s[frame.h1.index] = collapse(frame.h1.parts.join(''));
}
