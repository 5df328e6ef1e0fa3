import type { Vocabulary } from './vocabulary.ts';
import { auditJsonLd } from './audit/jsonld.ts';
import { describeDescriptionSource, isEntryPage } from '../lib/seo/descriptions.ts';
import { DESCRIPTION_MAX, DESCRIPTION_MIN, TITLE_MAX } from '../lib/seo/head.ts';
import { createLinkResolver, type LinkResolver } from './audit/links.ts';
import { AUDIT_RULES, shorten, type AuditRule, type Report } from './audit/rules.ts';
import { createVisibleText } from './audit/visible-text.ts';
import { formatFindingPlace } from './locate.ts';
import type { Finding, FindingSubject, PageFacts, PageOutline } from './types.ts';

export { AUDIT_RULES, type AuditRule } from './audit/rules.ts';

export interface AuditInput {
  /** Facts of every HTML page the build emitted, from extractPageFacts. */
  pages: PageFacts[];
  /** Every `<loc>` of every child sitemap. */
  sitemapUrls: string[];
  /** The site's origin, e.g. `https://riverbend.example`. */
  siteUrl: string;
  vocabulary: Vocabulary;
  /**
   * Site paths of the files the build emitted that are not pages (`/favicon.svg`,
   * `/forms/new-patient.pdf`). When given, a link to any other path that no page has is broken;
   * without it, links to paths with a file extension are not checked.
   */
  files?: readonly string[] | undefined;
}

/** How fixes that only a change to the code can make begin: no content file causes them. */
export const FOR_DEVELOPER = 'For a developer:';

/** How many other pages a duplicate finding names. */
const NAMED_DUPLICATES = 3;
/** The path of findings about the whole build rather than one page. */
const SITE_PATH = '(site)';

/**
 * Audits the emitted pages of a build: head tags, headings, images, canonical URLs and the
 * sitemap, internal links and fragments, orphans, and each page's JSON-LD. Pure; findings come
 * sorted by path, then rule, then message. Linear in the number of pages and links.
 *
 * The same audit in two steps, for a build that reads its pages in parallel and keeps no page
 * text: `auditPage` on each page alone, then `auditSiteWide` over what those leave.
 */
export function auditSite(input: AuditInput): Finding[] {
  const context = createPageAuditContext({ siteUrl: input.siteUrl, pagePaths: input.pages.map((page) => page.path), vocabulary: input.vocabulary });
  const audits = input.pages.map((page) => auditPage(page, context));
  return finishAudit({ pages: input.pages, audits, sitemapUrls: input.sitemapUrls, siteUrl: input.siteUrl, files: input.files });
}

/**
 * The audit's findings, once every page was audited alone (auditPage): each page's own findings
 * and those of the checks across pages (auditSiteWide), sorted by path, then rule, then message.
 */
export function finishAudit(input: SiteWideAuditInput & { audits: readonly PageAudit[] }): Finding[] {
  return [...input.audits.flatMap((audit) => audit.findings), ...auditSiteWide(input)].sort(compareFindings);
}

/** What checking one page needs to know about the rest of the build. */
export interface PageAuditContext {
  origin: string;
  /** Paths of every page the build emitted. */
  pagePaths: ReadonlySet<string>;
  vocabulary: Vocabulary;
  resolveLink: LinkResolver;
}

export function createPageAuditContext(options: { siteUrl: string; pagePaths: Iterable<string>; vocabulary: Vocabulary }): PageAuditContext {
  const origin = new URL(options.siteUrl).origin;
  return { origin, pagePaths: new Set(options.pagePaths), vocabulary: options.vocabulary, resolveLink: createLinkResolver(origin) };
}

/** A link to a path no page has: broken unless the build emits a file there, which the site-wide step knows. */
export interface FileLink {
  href: string;
  path: string;
}

/** A link with a fragment to another page, whose ids the site-wide step checks. */
export interface FragmentLink {
  href: string;
  /** The page the link goes to. */
  path: string;
  fragment: string;
}

/** What the audit of one page leaves for the site-wide step. */
export interface PageAudit {
  path: string;
  /** Findings about the page alone: head, content, links, fragments on the page itself, JSON-LD. */
  findings: Finding[];
  /** Other pages this page links to; none for the 404 page, whose links crawlers do not follow. */
  linked: string[];
  fragmentLinks: FragmentLink[];
  fileLinks: FileLink[];
}

/** The checks that need only the page itself and the paths of the build's pages and files. */
export function auditPage(page: PageFacts, context: PageAuditContext): PageAudit {
  const findings: Finding[] = [];
  const report: Report = (rule, message, fix, subject) => findings.push(buildFinding({ rule, path: page.path, message, fix, subject }));
  auditHead(page, report);
  auditContent(page, report);
  const links = auditLinks(page, context, report);
  auditJsonLd({ page, vocabulary: context.vocabulary, visible: createVisibleText(page.visibleText), report });
  return { path: page.path, findings, ...links };
}

export interface SiteWideAuditInput {
  /** Every page, as its HTML reads after the doorway pages were set to noindex. */
  pages: PageOutline[];
  /** What auditPage left for each page. */
  audits: Iterable<Omit<PageAudit, 'findings'>>;
  sitemapUrls: string[];
  siteUrl: string;
  /** As in AuditInput. */
  files?: readonly string[] | undefined;
  /**
   * Every page some other page links to, when the caller gathered them while the pages were read
   * (so as not to keep each page's list); the audits' `linked` are then not read.
   */
  linked?: ReadonlySet<string> | undefined;
}

/**
 * The checks across pages: canonical URLs against the sitemap, duplicate titles and descriptions,
 * fragments that point at other pages, orphans and the sitemap's URLs. Unsorted.
 */
export function auditSiteWide(input: SiteWideAuditInput): Finding[] {
  const origin = new URL(input.siteUrl).origin;
  const pages = new Map(input.pages.map((page) => [page.path, page]));
  const sitemap = new Set(input.sitemapUrls);
  const files = input.files && new Set(input.files.map((file) => (file.startsWith('/') ? file : `/${file}`)));
  const findings: Finding[] = [];
  const reporter =
    (path: string): Report =>
    (rule, message, fix, subject) =>
      findings.push(buildFinding({ rule, path, message, fix, subject }));
  const titles = new Map<string, string[]>();
  const descriptions = new Map<string, string[]>();
  const linked = new Set<string>(input.linked);
  /** Element ids by page path, built when a fragment link first points at the page. */
  const ids = new Map<string, Set<string>>();

  for (const page of pages.values()) {
    auditCanonical(page, { origin, sitemap }, reporter(page.path));
    if (isIndexable(page)) {
      if (page.title) addTo(titles, page.title, page.path);
      if (page.description) addTo(descriptions, page.description, page.path);
    }
  }
  for (const audit of input.audits) {
    if (!input.linked) for (const path of audit.linked) linked.add(path);
    for (const link of audit.fragmentLinks) {
      const target = pages.get(link.path);
      if (!target) continue;
      let targetIds = ids.get(target.path);
      if (!targetIds) {
        targetIds = new Set(target.ids);
        ids.set(target.path, targetIds);
      }
      if (!targetIds.has(link.fragment)) reportBrokenFragment(reporter(audit.path), link, target.path);
    }
    for (const link of audit.fileLinks) {
      if (files ? files.has(link.path) : /\.[a-z0-9]+$/i.test(link.path) && !link.path.endsWith('.html')) continue;
      reportBrokenLink(reporter(audit.path), link, pages);
    }
  }

  reportDuplicates(titles, reporter, (value, others) => [
    'title-duplicate',
    `The title "${value}" is also the title of ${others}.`,
    'Give the page a title of its own: a more specific `name`, or `seo.title`.',
    'title',
  ]);
  reportDuplicates(descriptions, reporter, (value, others) => [
    'description-duplicate',
    `The description "${shorten(value)}" is also the description of ${others}.`,
    'Give the page a description of its own: a more specific `summary`, or `seo.description`.',
    'description',
  ]);
  for (const page of pages.values()) {
    if (isIndexable(page) && page.kind !== 'home' && !linked.has(page.path)) {
      reporter(page.path)(
        'orphan',
        `No other page links to ${page.path}.`,
        'Link to it from a related page (its listing, a location, service or provider page), or set `seo.noindex: true` if search engines should not find it.',
      );
    }
  }
  auditSitemap({ origin, pages, sitemap }, reporter(SITE_PATH));
  return findings;
}

// The 404 page answers for every unknown URL: it has no canonical URL of its own and is not in
// the sitemap.
const isIndexable = (page: PageOutline) => !page.noindex && page.kind !== 'not-found';

function auditHead(page: PageFacts, report: Report): void {
  if (!page.title) {
    report(
      'title-missing',
      page.titleCount === 0 ? 'The page has no <title>.' : "The page's <title> is empty.",
      isEntryPage(page.kind) ? 'Give the page a title: its `name`, or `seo.title`.' : `${FOR_DEVELOPER} the page's route gives PageLayout no \`title\`.`,
      'title',
    );
  } else {
    const length = [...page.title].length;
    if (length > TITLE_MAX) {
      report(
        'title-length',
        `The title is ${length} characters, over ${TITLE_MAX}: "${page.title}".`,
        `Write a title of ${TITLE_MAX} characters or fewer, brand included, in \`seo.title\` (it replaces the title made from the name).`,
        'title',
      );
    }
  }
  if (page.titleCount > 1) {
    report(
      'title-duplicate',
      `The page has ${page.titleCount} <title> elements; the first is "${page.title ?? ''}".`,
      `${FOR_DEVELOPER} keep the one <title> PageLayout writes; remove the others from the page's head slot.`,
    );
  }

  if (!page.description) {
    report(
      'description-missing',
      page.descriptionCount === 0 ? 'The page has no <meta name="description">.' : "The page's meta description is empty.",
      isEntryPage(page.kind) ? 'Give the page a description: its `summary`, or `seo.description`.' : `Give the page a description: ${describeDescriptionSource(page.kind)}.`,
      'description',
    );
  } else {
    const length = [...page.description].length;
    if (length < DESCRIPTION_MIN || length > DESCRIPTION_MAX) {
      report(
        'description-length',
        `The description is ${length} characters, ${length < DESCRIPTION_MIN ? `under ${DESCRIPTION_MIN}` : `over ${DESCRIPTION_MAX}`}: "${shorten(page.description)}".`,
        `Write ${DESCRIPTION_MIN} to ${DESCRIPTION_MAX} characters in ${describeDescriptionSource(page.kind)}.`,
        'description',
      );
    }
  }
  if (page.descriptionCount > 1) {
    report(
      'description-duplicate',
      `The page has ${page.descriptionCount} <meta name="description"> elements; the first is "${shorten(page.description ?? '')}".`,
      `${FOR_DEVELOPER} keep the one description PageLayout writes; remove the others from the page's head slot.`,
    );
  }
  if (!page.lang) report('lang-missing', 'The <html> element has no lang attribute.', `${FOR_DEVELOPER} set <html lang="en"> in src/layouts/PageLayout.astro.`);
}

function auditContent(page: PageFacts, report: Report): void {
  if (page.h1Count === 0) {
    report('h1-count', 'The page has no <h1>.', `${FOR_DEVELOPER} render the page in PageLayout, which writes its \`title\` (or \`h1\`) as the one <h1>.`);
  } else if (page.h1Count > 1) {
    report(
      'h1-count',
      `The page has ${page.h1Count} <h1> elements; the first is "${page.h1Text ?? ''}".`,
      'Start the headings in the page text with ## (or ###): the page already has its name as its one main heading.',
      'text',
    );
  }
  for (const image of page.images) {
    if (image.alt === null) {
      report(
        'img-alt-missing',
        `The image ${image.src || '(no src)'} has no alt text.`,
        'Say in a few words what the image shows, as in ![The clinic’s front door](./images/door.jpg), or write alt="" when it is decoration only.',
        'image-alt',
      );
    }
  }
}

function auditCanonical(page: PageOutline, site: { origin: string; sitemap: ReadonlySet<string> }, report: Report): void {
  const url = site.origin + page.path;
  if (page.noindex && site.sitemap.has(url)) {
    report(
      'noindex-in-sitemap',
      `The sitemap lists ${url}, but the page says noindex.`,
      `${FOR_DEVELOPER} leave noindex pages out of the sitemap. (If the page should be found, remove \`seo.noindex\` from its content file.)`,
    );
  }
  if (page.kind === 'not-found') return;
  if (!page.canonical) {
    report('canonical-missing', 'The page has no <link rel="canonical">.', `${FOR_DEVELOPER} add <link rel="canonical" href="${url}"> (PageLayout writes it unless \`canonical={false}\`).`);
  } else if (page.canonicalCount > 1) {
    report(
      'canonical-wrong',
      `The page has ${page.canonicalCount} canonical links; search engines ignore them all. The first is "${page.canonical}".`,
      `${FOR_DEVELOPER} keep the one canonical link PageLayout writes.`,
    );
  } else if (page.canonical !== url) {
    report(
      'canonical-wrong',
      `The canonical URL is "${page.canonical}", not ${url}.`,
      `${FOR_DEVELOPER} point the canonical at ${url}: absolute, on ${site.origin}, with the trailing slash (buildCanonical in src/lib/seo/head.ts).`,
    );
  }
  if (!page.noindex && !site.sitemap.has(url)) {
    report(
      'canonical-not-in-sitemap',
      `The sitemap does not list ${url}.`,
      `${FOR_DEVELOPER} list every indexable page in the sitemap: find what leaves it out (a filter in the sitemap step). Or, if search engines should not find the page, set \`seo.noindex: true\` in its content file.`,
    );
  }
}

function auditLinks(page: PageFacts, context: PageAuditContext, report: Report): Omit<PageAudit, 'path' | 'findings'> {
  const linked = new Set<string>();
  const fragmentLinks: FragmentLink[] = [];
  const fileLinks: FileLink[] = [];
  let ownIds: Set<string> | undefined;
  for (const href of new Set(page.links)) {
    const target = context.resolveLink(href, page.path);
    if (target.kind === 'external') continue;
    if (target.kind === 'invalid') {
      report('link-broken', `The link "${href}" is not a valid URL.`, 'Correct the link’s address, e.g. /services/primary-care/.', 'text');
      continue;
    }
    const asIndex = target.path.endsWith('/index.html') ? target.path.slice(0, -'index.html'.length) : undefined;
    const linkedPath = context.pagePaths.has(target.path) ? target.path : asIndex !== undefined && context.pagePaths.has(asIndex) ? asIndex : undefined;
    if (linkedPath === undefined) {
      fileLinks.push({ href, path: target.path });
      continue;
    }
    // Search engines do not follow the links of a page that answers 404.
    if (linkedPath !== page.path && page.kind !== 'not-found') linked.add(linkedPath);
    const fragment = target.fragment;
    // An empty fragment and "#top" scroll to the top of the page without a target element.
    if (!fragment || fragment === 'top') continue;
    if (linkedPath !== page.path) {
      fragmentLinks.push({ href, path: linkedPath, fragment });
      continue;
    }
    ownIds ??= new Set(page.ids);
    if (!ownIds.has(fragment)) reportBrokenFragment(report, { href, fragment }, undefined);
  }
  return { linked: [...linked], fragmentLinks, fileLinks };
}

function reportBrokenLink(report: Report, link: FileLink, pages: ReadonlyMap<string, unknown>): void {
  const withSlash = pages.has(`${link.path}/`);
  report(
    'link-broken',
    withSlash
      ? `The link "${link.href}" has no trailing slash; the page is ${link.path}/.`
      : `The link "${link.href}" goes to ${link.href === link.path ? 'a path' : link.path} that no page or file of the build has.`,
    withSlash ? `Link to ${link.path}/, with the slash at the end.` : 'Point the link at a page that exists (the address of the page in your browser, e.g. /services/primary-care/), or remove it.',
    'text',
  );
}

/** `target` is the other page the link goes to; undefined when it is the page itself. */
function reportBrokenFragment(report: Report, link: { href: string; fragment: string }, target: string | undefined): void {
  report(
    'fragment-broken',
    `The link "${link.href}" goes to #${link.fragment}, but ${target ?? 'this page'} has no element with id="${link.fragment}".`,
    `Link to a heading or section the page has (the part after # in its address), or remove the #${link.fragment}.`,
    'text',
  );
}

function auditSitemap(site: { origin: string; pages: ReadonlyMap<string, PageOutline>; sitemap: ReadonlySet<string> }, report: Report): void {
  for (const url of site.sitemap) {
    const onSite = url.startsWith(`${site.origin}/`);
    if (onSite && site.pages.has(url.slice(site.origin.length))) continue;
    report(
      'sitemap-url-unknown',
      onSite ? `The sitemap lists ${url}, but the build has no page at ${url.slice(site.origin.length)}.` : `The sitemap lists ${url}, which is not on ${site.origin}.`,
      `${FOR_DEVELOPER} list only built pages in the sitemap: remove what adds this URL (a custom page or a stale manifest entry in the sitemap step), or build the page it names.`,
    );
  }
}

function buildFinding(input: { rule: AuditRule; path: string; message: string; fix: string; subject: FindingSubject | undefined }): Finding {
  const { rule, path, message, fix, subject } = input;
  const finding: Finding = { severity: AUDIT_RULES[rule], path, rule, message, fix };
  if (subject) finding.subject = subject;
  return finding;
}

function addTo<T>(index: Map<string, T[]>, key: string, item: T): void {
  const items = index.get(key);
  if (items) items.push(item);
  else index.set(key, [item]);
}

function reportDuplicates(index: Map<string, string[]>, reporter: (path: string) => Report, describeFinding: (value: string, others: string) => [AuditRule, string, string, FindingSubject]): void {
  for (const [value, paths] of index) {
    if (paths.length < 2) continue;
    const sorted = [...paths].sort();
    // Name a few of the other pages: a template bug can give thousands of pages one title.
    const first = sorted.slice(0, NAMED_DUPLICATES + 1);
    for (const path of sorted) {
      const others = first.filter((other) => other !== path).slice(0, NAMED_DUPLICATES);
      const more = paths.length - 1 - others.length;
      reporter(path)(...describeFinding(value, `${others.join(', ')}${more > 0 ? ` and ${more} more` : ''}`));
    }
  }
}

/** The order findings are reported in: by path, then rule, then message. */
export function compareFindings(a: Finding, b: Finding): number {
  return compare(a.path, b.path) || compare(a.rule, b.rule) || compare(a.message, b.message);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The findings as the build log shows them: one block per path, each finding as
 * `severity rule: message`, then the file and field to edit when a content file gives what it is
 * about, and its fix.
 */
export function formatFindings(findings: Finding[]): string {
  const byPath = new Map<string, Finding[]>();
  for (const finding of findings) addTo(byPath, finding.path, finding);
  return [...byPath]
    .map(([path, items]) =>
      [
        path,
        ...items.map((f) => {
          const place = formatFindingPlace(f);
          return `  ${f.severity} ${f.rule}: ${f.message}\n${place === undefined ? '' : `    edit: ${place}\n`}    fix: ${f.fix}`;
        }),
      ].join('\n'),
    )
    .join('\n');
}
