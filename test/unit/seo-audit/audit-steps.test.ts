import { describe, expect, it } from 'vitest';
import { readVocabulary } from '@/seo-audit/vocabulary-file.ts';
import { auditPage, auditSiteWide, createPageAuditContext } from '@/seo-audit/audit.ts';
import { makePage, SITE } from './support/page-facts.ts';
import type { PageFacts, PageOutline } from '@/seo-audit/types.ts';

const outline = ({ path, kind, title, description, canonical, canonicalCount, noindex, ogImage, ids }: PageFacts): PageOutline => ({
  path,
  kind,
  title,
  description,
  canonical,
  canonicalCount,
  noindex,
  ogImage,
  ids,
});

// The audit in two steps (auditPage on each page alone, then auditSiteWide) for a build that reads
// its pages in parallel: what the first step leaves is all the second one reads of a page's links.
describe('auditPage', () => {
  const context = createPageAuditContext({ siteUrl: SITE, pagePaths: ['/', '/a/', '/b/'], vocabulary: readVocabulary() });

  it('leaves the links to other pages, their fragments and the links to files for the site-wide step', () => {
    const page = makePage('/a/', {
      links: ['/', '/b/#hours', '/b/#top', '#own', '/a/', '/_astro/x.webp', '/gone/', 'tel:+15035550100', '/b/'],
      ids: ['own'],
    });
    const { findings, ...left } = auditPage(page, context);
    expect(findings).toEqual([]);
    expect(left).toEqual({
      path: '/a/',
      linked: ['/', '/b/'],
      fragmentLinks: [{ href: '/b/#hours', path: '/b/', fragment: 'hours' }],
      fileLinks: [
        { href: '/_astro/x.webp', path: '/_astro/x.webp' },
        { href: '/gone/', path: '/gone/' },
      ],
    });
  });

  it('leaves no links from the 404 page, which crawlers do not follow', () => {
    const page = makePage('/404.html', { canonical: undefined, canonicalCount: 0, noindex: true, links: ['/', '/a/'] });
    expect(auditPage(page, context).linked).toEqual([]);
  });
});

describe('auditSiteWide', () => {
  const pages = [makePage('/'), makePage('/a/'), makePage('/b/', { ids: ['visit'] })];
  const sitemapUrls = pages.map((page) => SITE + page.path);
  const audit = (path: string, left: { linked?: string[]; fragmentLinks?: { href: string; path: string; fragment: string }[] } = {}) => ({
    path,
    linked: left.linked ?? [],
    fragmentLinks: left.fragmentLinks ?? [],
    fileLinks: [],
  });

  it('reads the links gathered while the pages were read instead of the audits’ own', () => {
    const audits = [audit('/', { linked: ['/a/', '/b/'] })];
    const findings = auditSiteWide({ pages: pages.map(outline), audits, sitemapUrls, siteUrl: SITE, linked: new Set(['/a/']) });
    expect(findings.map((f) => [f.path, f.rule])).toEqual([['/b/', 'orphan']]);
    expect(auditSiteWide({ pages: pages.map(outline), audits, sitemapUrls, siteUrl: SITE })).toEqual([]);
  });

  it('checks a fragment against the ids of the page it points at', () => {
    const audits = [
      audit('/', {
        linked: ['/a/', '/b/'],
        fragmentLinks: [
          { href: '/b/#visit', path: '/b/', fragment: 'visit' },
          { href: '/b/#hours', path: '/b/', fragment: 'hours' },
          { href: '/a/#visit', path: '/a/', fragment: 'visit' },
          // A page that is not among the outlines has no ids to check against.
          { href: '/c/#x', path: '/c/', fragment: 'x' },
        ],
      }),
    ];
    const findings = auditSiteWide({ pages: pages.map(outline), audits, sitemapUrls, siteUrl: SITE });
    expect(findings.map((f) => f.message)).toEqual([
      'The link "/b/#hours" goes to #hours, but /b/ has no element with id="hours".',
      'The link "/a/#visit" goes to #visit, but /a/ has no element with id="visit".',
    ]);
  });
});
