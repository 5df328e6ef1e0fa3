import type { WebSite } from 'schema-dts';
import { ids, pageUrls, ref } from './ids.ts';
import type { NodeOf } from './types.ts';

export interface WebSiteInput {
  siteUrl: string;
  /** The brand name. */
  name: string;
  /** BCP 47 language of the site, as in `<html lang>`. */
  language: string;
}

export type WebSiteNode = NodeOf<WebSite, 'WebSite'>;

/** The website every page is part of, at `<site>/#website`, published by the organization. */
export function buildWebSite({ siteUrl, name, language }: WebSiteInput): WebSiteNode {
  return {
    '@type': 'WebSite',
    '@id': ids.website(siteUrl),
    url: pageUrls.home(siteUrl),
    name,
    inLanguage: language,
    publisher: ref(ids.organization(siteUrl)),
  };
}
