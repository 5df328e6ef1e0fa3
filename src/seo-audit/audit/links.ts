/** Where an `<a href>` goes, resolved against the page it is on. */
export type LinkTarget =
  /** A path on the site (decoded, query dropped) and the fragment, when the href has one. */
  | { kind: 'internal'; path: string; fragment: string | undefined }
  /** Another host, or a scheme that is not a web page (`tel:`, `mailto:`). */
  | { kind: 'external' }
  | { kind: 'invalid' };

export type LinkResolver = (href: string, pagePath: string) => LinkTarget;

const SCHEME = /^[a-z][a-z\d+.-]*:/i;

/**
 * Resolves hrefs the way a browser would on `origin`. Hrefs that do not depend on the page
 * (`/x/`, `https://…`, `tel:…`) repeat on every page through the header and footer, so their
 * answers are kept.
 */
export function createLinkResolver(origin: string): LinkResolver {
  const known = new Map<string, LinkTarget>();
  return (href, pagePath) => {
    if (href.startsWith('#')) return { kind: 'internal', path: pagePath, fragment: decode(href.slice(1)) };
    const absolute = href.startsWith('/') || SCHEME.test(href);
    const cached = absolute ? known.get(href) : undefined;
    if (cached) return cached;
    const target = resolve(href, origin + pagePath, origin);
    // A copy: the href is often a slice of the page's HTML, which a key would keep in memory for
    // as long as the resolver lives.
    if (absolute) known.set(structuredClone(href), target);
    return target;
  };
}

function resolve(href: string, base: string, origin: string): LinkTarget {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return { kind: 'invalid' };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) return { kind: 'external' };
  return { kind: 'internal', path: decode(url.pathname), fragment: url.hash === '' ? undefined : decode(url.hash.slice(1)) };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
