import { Marked } from 'marked';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Renders a writer's short Markdown (an FAQ answer) to HTML. Content is trusted editorial text. */
export function renderMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

/** Renders one line of Markdown without wrapping it in a paragraph. */
export function renderInlineMarkdown(markdown: string): string {
  return marked.parseInline(markdown, { async: false });
}
