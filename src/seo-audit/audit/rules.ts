import type { FindingSeverity, FindingSubject } from '../types.ts';

/** Every rule the SEO audit applies, with the severity of its findings. Errors fail the build. */
export const AUDIT_RULES = {
  'title-missing': 'error',
  'title-duplicate': 'error',
  'title-length': 'warning',
  'description-missing': 'error',
  'description-duplicate': 'error',
  'description-length': 'warning',
  'h1-count': 'error',
  'img-alt-missing': 'error',
  'lang-missing': 'error',
  'canonical-missing': 'error',
  'canonical-wrong': 'error',
  'canonical-not-in-sitemap': 'error',
  'noindex-in-sitemap': 'error',
  'sitemap-url-unknown': 'error',
  'link-broken': 'error',
  'fragment-broken': 'error',
  orphan: 'error',
  'jsonld-count': 'error',
  'jsonld-parse': 'error',
  'jsonld-graph': 'error',
  'jsonld-unknown-type': 'error',
  'jsonld-unknown-property': 'error',
  'jsonld-dangling-id': 'error',
  'jsonld-self-review': 'error',
  'jsonld-required': 'error',
  'jsonld-not-visible': 'error',
} as const satisfies Record<string, FindingSeverity>;

export type AuditRule = keyof typeof AUDIT_RULES;

/** Records one finding about the page being audited; `subject` when a writer may have caused it. */
export type Report = (rule: AuditRule, message: string, fix: string, subject?: FindingSubject) => void;

/** A long value cut to fit on one line of a finding. */
export function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
