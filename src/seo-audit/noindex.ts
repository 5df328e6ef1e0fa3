/**
 * The page with every robots meta switched to `noindex, follow`, for a page the build keeps
 * out of search results after it was rendered. Throws when the page has no robots meta to change.
 */
export function setNoindex(html: string): string {
  let changed = 0;
  const result = html.replace(/<meta\b[^>]*>/gi, (tag) => {
    if (!/\bname\s*=\s*["']?robots["'\s/>]/i.test(tag)) return tag;
    changed++;
    return tag.replace(/\bcontent\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, 'content="noindex, follow"');
  });
  if (changed === 0) throw new Error('The page has no <meta name="robots"> to set to noindex.');
  return result;
}
