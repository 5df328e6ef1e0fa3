import { getPageKind } from '../../../../src/lib/page-kinds.ts';
import type { PageFacts } from '../../../../src/seo-audit/types.ts';

/** The origin the SEO tests' pages live at. */
export const SITE = 'https://clinic.example';

/** A JSON-LD graph of these nodes, as a page's script holds it. */
export const graph = (nodes: unknown[]) => JSON.stringify({ '@context': 'https://schema.org', '@graph': nodes });

/** A page that passes every audit rule on its own; tests change one thing. */
export function makePage(path: string, overrides: Partial<PageFacts> = {}): PageFacts {
  const name = `Page ${path}`;
  return {
    path,
    kind: getPageKind(path),
    title: `${name} | Clinic`,
    titleCount: 1,
    description: `What ${path} is about, in a sentence long enough for the seventy-character minimum.`,
    descriptionCount: 1,
    canonical: SITE + path,
    canonicalCount: 1,
    noindex: false,
    lang: 'en',
    h1Count: 1,
    h1Text: name,
    images: [],
    links: [],
    ids: [],
    jsonLd: [graph([{ '@type': 'WebPage', '@id': SITE + path, name }])],
    visibleText: name,
    mainText: name,
    ...overrides,
  };
}
