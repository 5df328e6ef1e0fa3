import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, expect, inject, it } from 'vitest';
import { createLinkResolver, type LinkResolver } from '../../src/seo-audit/audit/links.ts';
import { fetchServedPages, findEmittedFile, readBuiltClient, type BuiltClient, type ServedPage } from './support/build.ts';

/**
 * Every reference to this site anywhere in the build resolves to a file the build emitted: the
 * assets of every page (stylesheets, scripts, images and their srcsets, icons, link previews,
 * canonical and JSON-LD URLs), url()s in CSS, and the sitemaps' and robots.txt's URLs. Links
 * (`<a href>`) and their fragments between built pages are the SEO audit's job, which fails the
 * build (src/seo-audit/audit.ts); here they are checked only on the two pages the server renders on
 * request, which the audit never sees, resolved from the address each is served at. Those pages
 * are rendered at request time, so their images come from Astro's image endpoint (`/_image?…`)
 * instead of emitted files: there, a URL the build did not emit must be answered 200 by the server.
 */

/** Attributes that load or name a URL, on any element. `data` only counts on `<object>`. */
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'imagesrcset', 'poster', 'data', 'xlink:href'] as const;
const SRCSET_ATTRIBUTES = new Set(['srcset', 'imagesrcset']);
/** Links to follow, as opposed to resources to load: left to the audit on built pages. */
const LINK_ELEMENTS = new Set(['a', 'area']);

interface Reference {
  /** Where the reference is: a file of the build, or a served page. */
  from: string;
  /** What holds it, e.g. `<img srcset>`, `url()`, `JSON-LD`. */
  via: string;
  url: string;
  /** The path the URL is resolved against. */
  base: string;
  /** Whether `#fragment` must name an element of the target page. */
  checkFragment: boolean;
  /** Set on pages the server renders: it may answer URLs the build did not emit. */
  served?: true;
}

let client: BuiltClient;
let siteOrigin: string;
let resolveLink: LinkResolver;
let served: ServedPage[];

beforeAll(async () => {
  const distDir = inject('distDir');
  client = readBuiltClient(distDir);
  siteOrigin = (JSON.parse(readFileSync(join(distDir, 'seo-report.json'), 'utf8')) as { siteUrl: string }).siteUrl;
  resolveLink = createLinkResolver(new URL(siteOrigin).origin);
  served = await fetchServedPages(inject('origin'));
});

it('the SEO audit of this build found no broken link or fragment', () => {
  const report = JSON.parse(readFileSync(join(inject('distDir'), 'seo-report.json'), 'utf8')) as {
    pages: { path: string; findings: { rule: string; message: string }[] }[];
  };
  const broken = report.pages.flatMap((page) => page.findings.filter((f) => f.rule === 'link-broken' || f.rule === 'fragment-broken').map((f) => `${page.path}: ${f.message}`));
  expect(broken).toEqual([]);
});

it('every asset, URL and fragment that points at this site resolves to an emitted file or page', async () => {
  const references: Reference[] = [];
  for (const file of client.files) {
    const text = () => readFileSync(join(client.dir, file), 'utf8');
    if (file.endsWith('.html')) references.push(...collectFromHtml({ html: text(), from: file, base: toPagePath(file), links: false }));
    else if (file.endsWith('.css')) references.push(...collectFromCss(text(), file, file));
    else if (file.endsWith('.xml')) references.push(...collectFromXml(text(), file));
    else if (file.endsWith('.svg')) references.push(...collectFromSvg(text(), file));
    else if (file === '/robots.txt') references.push(...collectFromRobots(text(), file));
  }
  for (const page of served) {
    const found = collectFromHtml({ html: page.html, from: `(served) ${page.name} at ${page.path}`, base: page.path, links: true });
    references.push(...found.map((reference): Reference => ({ ...reference, served: true })));
  }

  const problems: string[] = [];
  const askServer = new Map<string, Reference>();
  for (const reference of references) {
    const problem = checkReference(reference);
    if (problem === NOT_EMITTED && reference.served) askServer.set(new URL(reference.url, siteOrigin + reference.base).href, reference);
    else if (problem) problems.push(`${reference.from}: ${reference.via} "${reference.url}" ${problem}`);
  }
  const answered: string[] = [];
  for (const [url, reference] of askServer) {
    const { pathname, search } = new URL(url);
    const response = await fetch(`${inject('origin')}${pathname}${search}`);
    await response.body?.cancel();
    if (response.ok) answered.push(`${pathname}${search} (${response.status} ${response.headers.get('content-type')})`);
    else problems.push(`${reference.from}: ${reference.via} "${reference.url}" is not emitted, and the server answers it ${response.status}`);
  }
  const counts = new Map<string, number>();
  for (const reference of references) counts.set(reference.via, (counts.get(reference.via) ?? 0) + 1);
  console.log(
    `Checked ${references.length} references in ${client.files.size} emitted files and ${served.length} served pages: ` +
      [...counts].map(([via, count]) => `${via} ${count}`).join(', ') +
      (answered.length > 0 ? `\nServed on request, not emitted:\n  ${answered.join('\n  ')}` : '') +
      (problems.length > 0 ? `\nBroken:\n  ${problems.join('\n  ')}` : '\nNone is broken.'),
  );
  expect(problems).toEqual([]);
  // A collector that finds nothing would pass silently: the build certainly has these.
  for (const via of ['<link href>', '<script src>', '<img src>', '<img srcset>', '<meta content>', 'JSON-LD', '<loc>', '<image:loc>']) {
    expect(counts.get(via) ?? 0, `references via ${via}`).toBeGreaterThan(0);
  }
});

/**
 * Why the reference is broken, or undefined when it resolves. NOT_EMITTED when the build has no
 * file for it (which the server may still answer on a served page).
 */
function checkReference(reference: Reference): string | undefined {
  const target = resolveLink(reference.url, reference.base);
  if (target.kind === 'external') return undefined;
  if (target.kind === 'invalid') return 'is not a valid URL';
  const samePage = target.path === reference.base;
  const file = findEmittedFile(client, target.path);
  if (!file && !(samePage && reference.served)) return NOT_EMITTED;
  const fragment = reference.checkFragment ? target.fragment : undefined;
  if (!fragment || fragment === 'top') return undefined;
  const ids = samePage && reference.served ? getServedIds(reference.base) : file ? getIds(file) : undefined;
  return ids?.has(fragment) ? undefined : `goes to #${fragment}, but ${target.path} has no element with that id`;
}

const NOT_EMITTED = 'goes to no file or page of the build';

const idsByFile = new Map<string, Set<string>>();
function getIds(file: string): Set<string> | undefined {
  if (!file.endsWith('.html')) return undefined;
  let ids = idsByFile.get(file);
  if (!ids) {
    ids = collectIds(parse(readFileSync(join(client.dir, file), 'utf8')));
    idsByFile.set(file, ids);
  }
  return ids;
}

function getServedIds(path: string): Set<string> | undefined {
  const page = served.find((p) => p.path === path);
  return page && collectIds(parse(page.html));
}

function collectIds(root: HTMLElement): Set<string> {
  return new Set(root.querySelectorAll('[id]').map((element) => element.id));
}

function collectFromHtml(options: { html: string; from: string; base: string; links: boolean }): Reference[] {
  const { from, base } = options;
  const root = parse(options.html);
  const references: Reference[] = [];
  const add = (via: string, url: string, checkFragment = false) => references.push({ from, via, url, base, checkFragment });
  for (const element of root.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    for (const attribute of URL_ATTRIBUTES) {
      const value = element.getAttribute(attribute)?.trim();
      if (!value || (attribute === 'data' && tag !== 'object')) continue;
      const isLink = LINK_ELEMENTS.has(tag);
      if (isLink && !options.links) continue;
      const via = `<${tag} ${attribute}>`;
      if (SRCSET_ATTRIBUTES.has(attribute)) for (const url of splitSrcset(value)) add(via, url);
      else add(via, value, isLink);
    }
    const content = element.getAttribute('content')?.trim();
    if (tag === 'meta' && content && /^https?:\/\//i.test(content)) add('<meta content>', content);
    const style = element.getAttribute('style');
    if (style) references.push(...collectFromCss(style, from, base, 'style attribute url()'));
  }
  for (const style of root.querySelectorAll('style')) references.push(...collectFromCss(style.rawText, from, base, '<style> url()'));
  for (const script of root.querySelectorAll('script[type="application/ld+json"]')) {
    // Node ids such as `https://site/#organization` name graph nodes, not elements: the path counts.
    for (const url of collectJsonUrls(JSON.parse(script.rawText) as unknown)) add('JSON-LD', url.replace(/#.*$/, ''));
  }
  return references;
}

function collectFromCss(css: string, from: string, base: string, via = 'url()'): Reference[] {
  const urls = [...css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3/g)].map((m) => m[2] ?? m[4] ?? '');
  return urls.filter((url) => url !== '' && !url.startsWith('data:') && !url.startsWith('#')).map((url) => ({ from, via, url, base, checkFragment: false }));
}

function collectFromXml(xml: string, from: string): Reference[] {
  const references: Reference[] = [];
  const add = (via: string, url: string) => references.push({ from, via, url: decodeXml(url.trim()), base: from, checkFragment: false });
  for (const m of xml.matchAll(/<(loc|image:loc)>([^<]+)<\/\1>/g)) add(`<${m[1]}>`, m[2] ?? '');
  for (const m of xml.matchAll(/<\?xml-stylesheet[^>]*\bhref="([^"]+)"/g)) add('<?xml-stylesheet?>', m[1] ?? '');
  return references;
}

function collectFromSvg(svg: string, from: string): Reference[] {
  return [...svg.matchAll(/\s(?:xlink:)?href="([^"#][^"]*)"/g)].map((m) => ({ from, via: 'SVG href', url: decodeXml(m[1] ?? ''), base: from, checkFragment: false }));
}

function collectFromRobots(text: string, from: string): Reference[] {
  return [...text.matchAll(/^sitemap:\s*(\S+)/gim)].map((m) => ({ from, via: 'Sitemap:', url: m[1] ?? '', base: from, checkFragment: false }));
}

/** Absolute http(s) URLs anywhere in a parsed JSON-LD document. */
function collectJsonUrls(value: unknown): string[] {
  if (typeof value === 'string') return /^https?:\/\//i.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(collectJsonUrls);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(collectJsonUrls);
  return [];
}

function splitSrcset(srcset: string): string[] {
  return srcset
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter((url) => url !== '');
}

/** The path a built HTML file is served at: `/a/index.html` is `/a/`. */
function toPagePath(file: string): string {
  return file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
}

function decodeXml(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
}
