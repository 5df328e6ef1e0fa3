import { markdownToMdast, mdxToMdast } from 'satteri';
import type { TextBlock } from './measure.ts';

/** A node of satteri's mdast tree, as far as reading its text needs. */
interface Node {
  type: string;
  value?: unknown;
  url?: string;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Node[];
  position?: { start: { line: number }; end: { line: number } };
}

// Containers whose children are blocks of their own (or phrasing, as in <FAQ>answer</FAQ>).
const CONTAINERS = new Set(['root', 'list', 'listItem', 'blockquote', 'table', 'tableRow', 'mdxJsxFlowElement']);
// What a reader does not read as prose: code, expressions, raw HTML, images (their alt text is
// checked by the SEO audit), imports.
const SKIPPED = new Set(['code', 'inlineCode', 'html', 'mdxTextExpression', 'mdxFlowExpression', 'mdxjsEsm', 'image', 'imageReference', 'yaml', 'thematicBreak', 'definition']);

/**
 * The prose of an MDX body, one block per paragraph, heading, list item, table cell and FAQ
 * question, each with its line in the file (`firstLine` is the file's line of the body's first
 * line). Code, expressions, URLs and JSX attribute values are left out, except the `question`
 * of an `<FAQ>`, which the page shows as a heading. Undefined when the body does not parse as
 * MDX: the content check reports that on its own.
 */
export function getBodyBlocks(body: string, firstLine = 1): TextBlock[] | undefined {
  let tree: Node;
  try {
    tree = mdxToMdast(body) as Node;
  } catch {
    return undefined;
  }
  return collectBlocks(tree, firstLine - 1);
}

/** The prose of a field written in Markdown (an FAQ answer) or plain text (a summary). */
export function getFieldBlocks(text: string): TextBlock[] {
  try {
    return collectBlocks(markdownToMdast(text) as Node, undefined).map(({ text }) => ({ text }));
  } catch {
    return [{ text }];
  }
}

function collectBlocks(tree: Node, lineOffset: number | undefined): TextBlock[] {
  const blocks: TextBlock[] = [];
  const lineOf = (node: Node) => (lineOffset === undefined || !node.position ? undefined : node.position.start.line + lineOffset);

  const visit = (node: Node) => {
    if (node.type === 'mdxJsxFlowElement' && node.name === 'FAQ') {
      const question = node.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'question')?.value;
      if (typeof question === 'string') blocks.push({ text: question, line: lineOf(node) });
    }
    let phrasing: Node[] = [];
    const flush = () => {
      if (phrasing.length > 0) addBlock(phrasing);
      phrasing = [];
    };
    for (const child of node.children ?? []) {
      if (CONTAINERS.has(child.type)) {
        flush();
        visit(child);
      } else if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell') {
        flush();
        addBlock(child.children ?? []);
      } else phrasing.push(child);
    }
    flush();
  };

  const addBlock = (nodes: Node[]) => {
    const first = nodes.find((n) => n.position);
    const text = nodes.map(getPhrasingText).join('');
    if (text.trim() !== '') blocks.push({ text, line: first ? lineOf(first) : undefined });
  };

  visit(tree);
  return blocks;
}

/**
 * The text of phrasing content as the reader reads it. Line breaks are kept as `\n` (a skipped
 * node leaves as many as it spans), so a sentence's line is the block's line plus the breaks
 * before it.
 */
function getPhrasingText(node: Node): string {
  if (node.type === 'text') return String(node.value ?? '');
  if (node.type === 'break') return '\n';
  if (SKIPPED.has(node.type)) return '\n'.repeat(node.position ? node.position.end.line - node.position.start.line : 0) || ' ';
  // An autolink (<https://…> or a bare address) shows its URL, which nobody reads as words.
  if (node.type === 'link' && node.children?.length === 1 && node.children[0]?.value === node.url) return ' ';
  // Emphasis, strong, links, inline JSX: their text is the reader's.
  return (node.children ?? []).map(getPhrasingText).join('');
}
