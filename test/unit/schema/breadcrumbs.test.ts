import { describe, expect, it } from 'vitest';
import { buildBreadcrumbList } from '@/lib/schema/breadcrumbs.ts';

describe('buildBreadcrumbList', () => {
  it.each([{ crumbs: [] }, { crumbs: [{ name: 'Home', url: 'https://r.example/' }] }])('makes no list of $crumbs.length crumb(s)', ({ crumbs }) => {
    expect(buildBreadcrumbList({ id: 'x', crumbs })).toBeUndefined();
  });

  it('numbers the crumbs from 1, each with its name and URL', () => {
    expect(
      buildBreadcrumbList({
        id: 'https://r.example/locations/#breadcrumb',
        crumbs: [
          { name: 'Home', url: 'https://r.example/' },
          { name: 'Locations', url: 'https://r.example/locations/' },
        ],
      }),
    ).toMatchInlineSnapshot(`
      {
        "@id": "https://r.example/locations/#breadcrumb",
        "@type": "BreadcrumbList",
        "itemListElement": [
          {
            "@type": "ListItem",
            "item": "https://r.example/",
            "name": "Home",
            "position": 1,
          },
          {
            "@type": "ListItem",
            "item": "https://r.example/locations/",
            "name": "Locations",
            "position": 2,
          },
        ],
      }
    `);
  });

  it('leaves out the item of a crumb without a URL', () => {
    const list = buildBreadcrumbList({ id: 'x', crumbs: [{ name: 'Home', url: 'https://r.example/' }, { name: 'Page not found' }] });
    expect(list?.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://r.example/' },
      { '@type': 'ListItem', position: 2, name: 'Page not found' },
    ]);
  });
});
