import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPageFacts, extractPageFactsFromDom, getHtmlText, scanPageFacts } from '@/seo-audit/facts.ts';
import { listSeoOverlays, readSeoFixture } from '../../support/seo-fixtures.ts';

const page = (head: string, body: string, html = '<html lang="en">') => `<!DOCTYPE html>${html}<head>${head}</head><body>${body}</body></html>`;

// The scanner reads the well-formed pages, the parser's tree the rest: both must read a page alike.
describe.each([
  ['extractPageFacts', extractPageFacts],
  ['extractPageFactsFromDom', extractPageFactsFromDom],
])('%s', (_reader, read) => {
  it('reads a built page of the fixture site', () => {
    const html = readFileSync(new URL('../../fixtures/seo/good/locations/harbor/index.html', import.meta.url), 'utf8');
    const facts = read(html, '/locations/harbor/');
    expect(facts).toMatchObject({
      path: '/locations/harbor/',
      kind: 'location',
      title: 'Riverbend Health – Harbor | Riverbend Health',
      titleCount: 1,
      descriptionCount: 1,
      canonical: 'https://riverbend.example/locations/harbor/',
      canonicalCount: 1,
      noindex: false,
      lang: 'en',
      h1Count: 1,
      h1Text: 'Riverbend Health – Harbor',
    });
    expect(facts.images).toContainEqual({ src: '/_astro/wave.svg', alt: '' });
    expect(facts.links).toContain('https://www.openstreetmap.org/?mlat=45.52871&mlon=-122.68232#map=17/45.52871/-122.68232');
    expect(facts.ids).toEqual(['main', 'visit-heading', 'hours-harbor', 'providers-heading', 'request', 'request-heading']);
    expect(facts.jsonLd).toHaveLength(1);
    expect(JSON.parse(facts.jsonLd[0] ?? '')['@context']).toBe('https://schema.org');
    // The hours table writes a no-break space between the time and AM/PM; the facts keep plain spaces.
    expect(facts.visibleText).toContain('Monday 8 AM – 5:30 PM Tuesday');
    expect(facts.visibleText.startsWith('Skip to main content Call (503) 555-0100')).toBe(true);
    // Breadcrumbs, the call buttons and the request section are marked data-seo-ignore.
    expect(facts.mainText.startsWith('Riverbend Health – Harbor Family medicine, urgent care')).toBe(true);
    expect(facts.mainText).not.toContain('Request an appointment');
    expect(facts.mainText).not.toContain('In an emergency');
  });

  it('decodes entities in the title, description, links and text', () => {
    const facts = read(
      page(
        '<title>Ears, nose &amp; throat</title><meta name="description" content="Children&#39;s care &ndash; all ages">',
        '<main><p>Caf&eacute;&nbsp;&nbsp;hours: 8&nbsp;AM &lt;ish&gt; &#x2014; &rsquo;</p><a href="/a/?x=1&amp;y=2">A</a></main>',
      ),
      '/x/',
    );
    expect(facts.title).toBe('Ears, nose & throat');
    expect(facts.description).toBe("Children's care – all ages");
    expect(facts.links).toEqual(['/a/?x=1&y=2']);
    expect(facts.visibleText).toBe('Café hours: 8 AM <ish> — ’ A');
    expect(facts.mainText).toBe(facts.visibleText);
  });

  it('leaves scripts, styles, templates, the head and the doctype out of the visible text', () => {
    const facts = read(
      page(
        '<title>T</title><style>p { color: red }</style>',
        '<script>var x = "<p>no</p>";</script><style>.a{}</style><template><p>Later</p></template><p>Shown</p><script type="application/ld+json">{"a": "</p>"}</script>',
      ),
      '/x/',
    );
    expect(facts.visibleText).toBe('Shown');
    expect(facts.jsonLd).toEqual(['{"a": "</p>"}']);
  });

  it('separates blocks with a space but not inline elements', () => {
    const facts = read(
      page(
        '',
        '<ul><li>Monday</li><li>Tuesday</li></ul><p>H<strong>ello</strong> <a href="/">wor</a><em>ld</em></p><table><tr><td>8 AM</td><td>5 PM</td></tr></table>Line<br>break<pre><code>a &lt; b</code></pre>',
      ),
      '/x/',
    );
    expect(facts.visibleText).toBe('Monday Tuesday Hello world 8 AM 5 PM Line break a < b');
  });

  it('leaves nested data-seo-ignore elements out of the main text', () => {
    const facts = read(
      page(
        '',
        '<nav>Site nav</nav><main><nav data-seo-ignore><a href="/">Home</a><div><p>crumb <span>deep</span></p></div></nav><h1>Heading</h1><section data-seo-ignore="true"><p>Call us</p><div><p data-seo-ignore>twice</p></div></section><p>Body <span data-seo-ignore>inline</span>text</p></main><footer>Foot</footer>',
      ),
      '/x/',
    );
    expect(facts.mainText).toBe('Heading Body text');
    expect(facts.visibleText).toBe('Site nav Home crumb deep Heading Call us twice Body inlinetext Foot');
  });

  it('has empty main text when the page has no <main>', () => {
    const facts = read(page('<title>T</title>', '<div><h1>Heading</h1><p>Text</p></div>'), '/x/');
    expect(facts.mainText).toBe('');
    expect(facts.visibleText).toBe('Heading Text');
  });

  it('counts every document <title> and keeps the first, but not an SVG title', () => {
    const facts = read(page('<title> First\n title </title><title>Second</title>', '<svg><title>Phone icon</title></svg><h1>A</h1><h1>B</h1>'), '/x/');
    expect(facts).toMatchObject({ title: 'First title', titleCount: 2, h1Count: 2, h1Text: 'A' });
    expect(facts.visibleText).toBe('A B');
  });

  it('reports no title, description, canonical or lang when the page has none', () => {
    const facts = read(page('', '<p>x</p>', '<html>'), '/x/');
    expect(facts).toMatchObject({ titleCount: 0, descriptionCount: 0, canonicalCount: 0, noindex: false, h1Count: 0 });
    expect(facts.title).toBeUndefined();
    expect(facts.description).toBeUndefined();
    expect(facts.canonical).toBeUndefined();
    expect(facts.lang).toBeUndefined();
    expect(facts.h1Text).toBeUndefined();
  });

  it('reads an empty title and description as empty', () => {
    const facts = read(page('<title> </title><meta name="description" content="">', ''), '/x/');
    expect(facts).toMatchObject({ title: '', titleCount: 1, description: '', descriptionCount: 1 });
  });

  it('tells an absent alt from an empty one', () => {
    const facts = read(page('', '<img src="/a.webp"><img src="/b.svg" alt=""><img src="/c.webp" alt><img alt="No src">'), '/x/');
    expect(facts.images).toEqual([
      { src: '/a.webp', alt: null },
      { src: '/b.svg', alt: '' },
      { src: '/c.webp', alt: '' },
      { src: '', alt: 'No src' },
    ]);
  });

  it.each([
    ['<meta name="robots" content="noindex">', true],
    ['<meta name="robots" content="noindex, follow">', true],
    ['<meta name="ROBOTS" content="NoIndex,nofollow">', true],
    ['<meta name="googlebot" content="none">', true],
    ['<meta name="robots" content="index, follow">', false],
    ['<meta name="description" content="noindex">', false],
  ])('%s → noindex %s', (head, noindex) => {
    expect(read(page(head, ''), '/x/').noindex).toBe(noindex);
  });

  it('reads canonical links, lang, share image and ld+json scripts however they are written', () => {
    const facts = read(
      page(
        '<LINK REL="Canonical" HREF="https://a.example/x/"><link rel="alternate canonical" href="/y/"><meta property="og:image" content="/og.jpg"><meta name="twitter:image" content="/tw.jpg">' +
          '<script type=" Application/LD+JSON ">{}</script><script type="application/json">{"no": 1}</script><script>ld()</script>',
        '',
        '<html lang=" en-US ">',
      ),
      '/x/',
    );
    expect(facts).toMatchObject({
      canonical: 'https://a.example/x/',
      canonicalCount: 2,
      lang: 'en-US',
      ogImage: '/og.jpg',
      jsonLd: ['{}'],
    });
    expect(read(page('<meta name="twitter:image" content="/tw.jpg">', ''), '/x/').ogImage).toBe('/tw.jpg');
  });

  it('lists every element id and every href as written', () => {
    const facts = read(page('', '<h2 id="hours">H</h2><div id="">x</div><a href=" ../b/#c ">b</a><a href="">self</a><a>no href</a><a href="tel:+15035550100">call</a>'), '/a/');
    expect(facts.ids).toEqual(['hours']);
    expect(facts.links).toEqual(['../b/#c', '', 'tel:+15035550100']);
  });

  it.each([
    ['/', 'home'],
    ['/locations/harbor/', 'location'],
    ['/404.html', 'not-found'],
  ])('gives %s the kind %s', (path, kind) => {
    expect(read(page('', ''), path).kind).toBe(kind);
  });
});

describe('getHtmlText', () => {
  it.each([
    ['<p>Rest it.</p><p>Then move.</p>', 'Rest it. Then move.'],
    ['Ice &amp; heat: <a href="/x/">see <em>more</em></a>', 'Ice & heat: see more'],
    ['Plain text', 'Plain text'],
  ])('%s → %s', (html, text) => {
    expect(getHtmlText(html)).toBe(text);
  });
});

// extractPageFacts reads well-formed pages with a scanner and sends anything else to the HTML
// parser's tree, which is the reference: the two must agree wherever the scanner answers.
describe('the scanner and the tree walk', () => {
  it.each(['(good)', ...listSeoOverlays()])('read every page of the SEO fixture site %s alike', (overlay) => {
    const files = readSeoFixture(overlay === '(good)' ? undefined : overlay);
    let scanned = 0;
    for (const [file, html] of files) {
      if (!file.endsWith('.html')) continue;
      const facts = scanPageFacts(html, `/${file}`);
      if (facts) scanned++;
      expect(facts ?? extractPageFactsFromDom(html, `/${file}`), file).toEqual(extractPageFactsFromDom(html, `/${file}`));
    }
    expect(scanned).toBeGreaterThan(0);
  });

  it.each([
    ['an element closed out of order', '<main><p>One <em>two</p> three</em></main>'],
    ['an element never closed', '<main><div><p>Open</main>'],
    ['a paragraph that a div closes', '<main><p>Text<div id="d">Block</div></main>'],
    ['list items without end tags', '<main><ul><li>One<li>Two</ul></main>'],
    ['a heading inside a heading', '<main><h1>Outer <span><h1>Inner</h1></span></h1></main>'],
    ['CDATA', '<main><p><![CDATA[x < y]]></p></main>'],
    ['a script without its end tag', '<main><script>var x = 1;</main>'],
    ['markup inside the title', '<title>A <b>bold</b> title</title><main></main>'],
  ])('leave %s to the parser, and read it as the parser does', (_case, body) => {
    const html = `<!doctype html><html lang="en"><head><meta name="robots" content="index"></head><body>${body}</body></html>`;
    expect(scanPageFacts(html, '/x/')).toBeUndefined();
    expect(extractPageFacts(html, '/x/')).toEqual(extractPageFactsFromDom(html, '/x/'));
  });

  it('reads void and self-closed elements, comments, entities and odd attribute spellings alike', () => {
    const html =
      '<!doctype html><html lang=en><head><title>A &amp; B</title><META NAME=robots CONTENT="noindex,follow"><link rel=canonical href=/x/></head>' +
      '<body><!-- a comment --><main data-seo-ignore="false"><h1 id=h>Head<br>line</h1><img src=/a.png alt><svg><path d="M0 0"/><title>Icon</title></svg>' +
      '<a href="/y/?a=1&amp;b=2#top">Y</a><a href=/z/>Z</a><p ID="Upper" id="lower">x&nbsp;y&#39;s</p><template><p id="t">Later</p></template>' +
      '<input value="a>b"></main><p data-seo-ignore>gone</p></body></html>';
    const scanned = scanPageFacts(html, '/x/');
    expect(scanned).toBeDefined();
    expect(scanned).toEqual(extractPageFactsFromDom(html, '/x/'));
  });
});
