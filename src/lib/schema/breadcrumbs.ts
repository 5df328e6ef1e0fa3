import type { BreadcrumbList, ListItem } from 'schema-dts';
import type { NodeOf } from './types.ts';

export interface BreadcrumbInput {
  id: string;
  /** Home first; `url` is absolute, and only the last crumb may lack one. */
  crumbs: { name: string; url?: string | undefined }[];
}

export type BreadcrumbListNode = NodeOf<BreadcrumbList, 'BreadcrumbList'>;

/**
 * The page's breadcrumb trail as a BreadcrumbList of numbered ListItems. A trail of one crumb
 * (the home page) is no trail: Google asks for at least two items, so there is no list.
 */
export function buildBreadcrumbList({ id, crumbs }: BreadcrumbInput): BreadcrumbListNode | undefined {
  if (crumbs.length < 2) return undefined;
  return {
    '@type': 'BreadcrumbList',
    '@id': id,
    itemListElement: crumbs.map(
      (crumb, index): NodeOf<ListItem, 'ListItem'> => ({
        '@type': 'ListItem',
        position: index + 1,
        name: crumb.name,
        ...(crumb.url !== undefined && { item: crumb.url }),
      }),
    ),
  };
}
