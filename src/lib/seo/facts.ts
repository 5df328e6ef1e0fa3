import { parse, NodeType, type HTMLElement, type Node, type TextNode } from 'node-html-parser';
import { getPageKind } from './page-kinds.ts';
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
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'mark',
  'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
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
 */
export function extractPageFacts(html: string, path: string): PageFacts {
  const root = parse(html, PARSE_OPTIONS);
  const found: Collected = {
    titles: [],
    descriptions: [],
    canonicals: [],
    noindex: false,
    h1s: [],
    images: [],
    links: [],
    ids: [],
    jsonLd: [],
    visible: [],
    main: [],
  };
  const start: Context = { inHead: false, inSvg: false, inMain: false, ignored: false };
  // Text outside every element is the doctype or whitespace, never page text.
  for (const child of root.childNodes) if (child.nodeType === NodeType.ELEMENT_NODE) visit(child, start, found);
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

function collectMeta(element: HTMLElement, found: Collected): void {
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
