import { Marked, type Tokens } from 'marked';

/** Where a writer's link may point: the web, email, phone, or a page of this site. */
const SAFE_HREF = /^(?:https?:|mailto:|tel:|\/|#)/i;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Raw HTML in a writer's text is shown as the characters they typed, never run as markup: an
    // answer quoting "<script>" must not become a script element (the page may be copied to a
    // CDN without our Content-Security-Policy), and the page and its JSON-LD must say the same.
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    link({ href, title, tokens }: Tokens.Link) {
      const text = this.parser.parseInline(tokens);
      if (!SAFE_HREF.test(href.trim())) return text;
      return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${text}</a>`;
    },
  },
});

/**
 * Renders a writer's short Markdown (an FAQ answer) to HTML: Markdown formatting and links; any
 * HTML they typed is escaped and shown as text; a link to anything but http(s), mailto, tel or
 * a path of this site keeps its text and loses the link.
 */
export function renderMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false });
}
