import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/lib/markdown.ts';

describe('renderMarkdown', () => {
  it.each([
    ['plain text', 'Rest and ice.', '<p>Rest and ice.</p>\n'],
    ['emphasis and a list', 'Use **ice**:\n\n- twice a day', '<p>Use <strong>ice</strong>:</p>\n<ul>\n<li>twice a day</li>\n</ul>\n'],
    ['a link', 'See [our hours](/locations/).', '<p>See <a href="/locations/">our hours</a>.</p>\n'],
    ['an inline script, quoted as text', 'Never type </script> or <script>alert(1)</script> here.', '<p>Never type &lt;/script&gt; or &lt;script&gt;alert(1)&lt;/script&gt; here.</p>\n'],
    ['a block of HTML', '<div onclick="x()">Hi</div>', '&lt;div onclick=&quot;x()&quot;&gt;Hi&lt;/div&gt;'],
    ['an image tag', 'A <img src=x onerror=alert(1)> tag', '<p>A &lt;img src=x onerror=alert(1)&gt; tag</p>\n'],
    ['a javascript: link', '[click](javascript:alert(1))', '<p>click</p>\n'],
    ['a data: link', '[click](data:text/html,hi)', '<p>click</p>\n'],
    ['a mailto link', '[write](mailto:care@clinic.example)', '<p><a href="mailto:care@clinic.example">write</a></p>\n'],
    ['a link with a quote in its title', '[a](https://clinic.example "say \\"hi\\"")', '<p><a href="https://clinic.example" title="say &quot;hi&quot;">a</a></p>\n'],
    ['ampersands and angle brackets in text', 'Fees < $50 & > $10', '<p>Fees &lt; $50 &amp; &gt; $10</p>\n'],
  ])('%s', (_, markdown, html) => {
    expect(renderMarkdown(markdown)).toBe(html);
  });
});
