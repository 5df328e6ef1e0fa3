import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { extractPageFacts, extractPageFactsFromDom, getHtmlText, scanPageFacts } from '@/seo-audit/facts.ts';

const page = (head: string, body: string) => `<!DOCTYPE html><html lang="en"><head>${head}</head><body>${body}</body></html>`;

const READERS = [
  ['extractPageFacts', extractPageFacts],
  ['extractPageFactsFromDom', extractPageFactsFromDom],
] as const;

// The phrasing elements of the HTML standard (https://html.spec.whatwg.org/#phrasing-content)
// that a page's text runs through without a break.
const PHRASING = ['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var'];
// The void elements of the HTML standard (https://html.spec.whatwg.org/#void-elements).
const VOID = ['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'];

describe.each(READERS)('%s on markup', (_reader, read) => {
  it.each([...PHRASING, 'font'])('reads a word split by <%s> as one word', (tag) => {
    const facts = read(page('', `<main><p>Physio<${tag}>ther</${tag}>apy</p></main>`), '/x/');
    expect([facts.visibleText, facts.mainText]).toEqual(['Physiotherapy', 'Physiotherapy']);
  });

  it('reads <wbr> as a place a word may break, not a space', () => {
    expect(read(page('', '<p>Physio<wbr>therapy</p>'), '/x/').visibleText).toBe('Physiotherapy');
  });

  it.each(['div', 'p', 'li', 'td', 'section', 'h2', 'nav', 'address'])('reads the edges of <%s> as a space', (tag) => {
    expect(read(page('', `<main><span>Walk-in<${tag}>care</${tag}>today</span></main>`), '/x/').visibleText).toBe('Walk-in care today');
  });

  it('reads the text of an <h1> without breaks at inline elements and with them at a line break', () => {
    const facts = read(page('', '<h1>Physio<em>therapy</em> at Riverbend<br>Harbor</h1>'), '/x/');
    expect(facts.h1Text).toBe('Physiotherapy at Riverbend Harbor');
  });

  it('reads <pre> and <noscript> as HTML: their links, ids and entities count', () => {
    const facts = read(page('', '<main><pre id="code">a <b>bold</b> &lt; c</pre><noscript><a href="/no-js/">Without JavaScript</a></noscript></main>'), '/x/');
    expect(facts).toMatchObject({ visibleText: 'a bold < c Without JavaScript', ids: ['code'], links: ['/no-js/'] });
  });

  it('never reads text in the head as page text', () => {
    const facts = read(page('<title>T</title><noscript>Turn on JavaScript</noscript>', '<main><p>Body</p></main>'), '/x/');
    expect([facts.visibleText, facts.mainText]).toEqual(['Body', 'Body']);
  });

  it('reads a title broken by a comment as one title', () => {
    expect(read(page('<title>Ears, nose<!-- x --> &amp; throat</title>', ''), '/x/').title).toBe('Ears, nose & throat');
  });

  it('takes og:image over twitter:image, and neither from other meta tags', () => {
    const head = (images: string) => `<meta charset="utf-8"><meta name="viewport" content="width=device-width">${images}`;
    expect(read(page(head('<meta name="twitter:image" content="/tw.jpg"><meta property="og:image" content="/og.jpg">'), ''), '/x/').ogImage).toBe('/og.jpg');
    expect(read(page(head('<meta name="twitter:image" content="/tw.jpg">'), ''), '/x/').ogImage).toBe('/tw.jpg');
    expect(read(page(head(''), ''), '/x/').ogImage).toBeUndefined();
  });

  it('reads a description meta without content as empty, and a canonical link without href as empty', () => {
    const facts = read(page('<meta name="description"><link rel="canonical"><link href="/style.css">', ''), '/x/');
    expect(facts).toMatchObject({ description: '', descriptionCount: 1, canonical: '', canonicalCount: 1 });
  });

  it('reads single-quoted attributes and attributes with entities', () => {
    const facts = read(
      page('', `<main><a href='/a/?x=1&amp;y=2'>A</a> <a href='/b/'>B</a><img src='/ice.webp' alt='Ice &amp; heat'><p id='tips' data-seo-ignore='&quot;yes&quot;'>Hidden</p></main>`),
      '/x/',
    );
    expect(facts).toMatchObject({ links: ['/a/?x=1&y=2', '/b/'], images: [{ src: '/ice.webp', alt: 'Ice & heat' }], ids: ['tips'], mainText: 'A B' });
  });

  it('reads attribute values with spaces, a ">" inside quotes, and spaces around "="', () => {
    const facts = read(page('', `<main><img src='/a.webp' alt='Ice and heat'><input value='a>b'><input value="c>d"><p id = "hours">Open</p></main>`), '/x/');
    expect(facts).toMatchObject({ images: [{ src: '/a.webp', alt: 'Ice and heat' }], ids: ['hours'], visibleText: 'Open' });
  });

  it('reads an ld+json script with nothing in it as empty', () => {
    expect(read(page('<script type="application/ld+json">  </script>', ''), '/x/').jsonLd).toEqual(['']);
  });
});

describe('scanPageFacts', () => {
  it('reads a page with every void element itself, as the parser does', () => {
    const html = page(
      '<meta charset="utf-8"><link rel="canonical" href="/x/"><base href="/">',
      // <param> is no longer in the standard's list, but parsers still read it as void.
      `<main><p>One<br>two</p><hr><img src="/a.webp" alt=""><input name="q"><wbr><embed src="/a.pdf"><object><param name="a" value="b"></object><map><area href="/y/" alt="Y"></map>` +
        `<table><colgroup><col></colgroup><tr><td>cell</td></tr></table><video><source src="/v.mp4"><track src="/v.vtt"></video></main>`,
    );
    for (const tag of VOID) expect(html).toContain(`<${tag}`);
    const scanned = scanPageFacts(html, '/x/');
    expect(scanned).toBeDefined();
    expect(scanned).toEqual(extractPageFactsFromDom(html, '/x/'));
  });

  // Where the parser closes an open element at another's opening tag (<li> at the next <li>, <p>
  // at a <div>), its tree is not what the markup nests; the scanner must leave such a page to it.
  const tags = ['li', 'p', 'div', 'b', 'td', 'th', 'tr', 'thead', 'tbody', 'tfoot', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'dd', 'span', 'section'];
  const nestsAsWritten = (outer: string, inner: string) => {
    const root = parse(`<${outer}><${inner}></${inner}></${outer}>`);
    return root.firstElementChild?.firstElementChild?.rawTagName === inner;
  };
  it.each(tags.flatMap((outer) => tags.map((inner) => [outer, inner])))('leaves <%s><%s> to the parser when the parser does not nest them', (outer, inner) => {
    for (const spelled of [outer, outer.toUpperCase()]) {
      const html = page('', `<main><${spelled}>a<${inner}>b</${inner}>c</${spelled}></main>`);
      const scanned = scanPageFacts(html, '/x/');
      if (!nestsAsWritten(outer, inner)) expect(scanned, `<${spelled}><${inner}>`).toBeUndefined();
      expect(extractPageFacts(html, '/x/')).toEqual(extractPageFactsFromDom(html, '/x/'));
    }
  });

  it('reads a page of well-nested blocks itself', () => {
    const html = page('', '<main><div><p>a</p><ul><li>b</li><li>c</li></ul><dl><dt>d</dt><dd>e</dd></dl></div></main>');
    expect(scanPageFacts(html, '/x/')).toEqual(extractPageFactsFromDom(html, '/x/'));
  });

  it.each([
    ['elements still open at the end', '<!DOCTYPE html><html lang="en"><body><main><p>Open'],
    ['a title still open at the end', '<!DOCTYPE html><html lang="en"><head><title>Open'],
  ])('leaves %s to the parser', (_case, html) => {
    expect(scanPageFacts(html, '/x/')).toBeUndefined();
    expect(extractPageFacts(html, '/x/')).toEqual(extractPageFactsFromDom(html, '/x/'));
  });
});

describe('getHtmlText', () => {
  it.each([
    ['<p>Rest it.</p><ul><li>Ice</li><li>Heat</li></ul>', 'Rest it. Ice Heat'],
    ['Physio<em>therapy</em> helps', 'Physiotherapy helps'],
    ['<p>Shown</p><script>hidden()</script><style>p{}</style><template>Later</template>', 'Shown'],
  ])('%s → %s', (html, text) => {
    expect(getHtmlText(html)).toBe(text);
  });
});
