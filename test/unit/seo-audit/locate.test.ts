import { describe, expect, it } from 'vitest';
import { formatFindings } from '@/seo-audit/audit.ts';
import { formatFindingPlace, formatProblemsForWriters, locateFindings, NEW_FILE } from '@/seo-audit/locate.ts';
import type { PageSource } from '@/lib/content/pages.ts';
import type { Finding } from '@/seo-audit/types.ts';

const finding = (path: string, rule: string, subject?: Finding['subject']): Finding => ({
  severity: 'warning',
  path,
  rule,
  message: `${rule} on ${path}`,
  fix: `Fix ${rule}.`,
  ...(subject ? { subject } : {}),
});

const sources = new Map<string, PageSource>([
  ['/conditions/anxiety/', { file: 'content/conditions/anxiety.mdx', title: 'name', description: 'seo.description', text: true }],
  ['/locations/hill/family-medicine/', { file: 'content/location-services/hill--family-medicine.mdx', create: true, title: 'seo.title', description: 'summary' }],
  ['/providers/', { file: 'content/organization/organization.yaml', description: 'providersDescription' }],
]);

describe('locateFindings', () => {
  it('names the file and the field that give what each finding is about', () => {
    const located = locateFindings(
      [
        finding('/conditions/anxiety/', 'title-length', 'title'),
        finding('/conditions/anxiety/', 'description-length', 'description'),
        finding('/conditions/anxiety/', 'link-broken', 'text'),
        finding('/conditions/anxiety/', 'img-alt-missing', 'image-alt'),
        finding('/conditions/anxiety/', 'jsonld-required'),
      ],
      sources,
    );
    expect(located.map(formatFindingPlace)).toEqual([
      'content/conditions/anxiety.mdx, field name',
      'content/conditions/anxiety.mdx, field seo.description',
      'content/conditions/anxiety.mdx, field the page text',
      'content/conditions/anxiety.mdx, field the alt text of an image in the page text',
      undefined,
    ]);
  });

  it('sends a location × service page without a file of its own to the file that would give it one', () => {
    const [title, text] = locateFindings([finding('/locations/hill/family-medicine/', 'title-length', 'title'), finding('/locations/hill/family-medicine/', 'link-broken', 'text')], sources);
    expect(title).toMatchObject({ file: 'content/location-services/hill--family-medicine.mdx', field: 'seo.title', fix: `Fix title-length. ${NEW_FILE}` });
    // Its text is the templates' and the service's: no new file holds it.
    expect(text?.file).toBeUndefined();
  });

  it('names no field for what the templates write: the provider directory’s title, pages without a content file', () => {
    const located = locateFindings(
      [finding('/providers/', 'title-length', 'title'), finding('/providers/', 'description-length', 'description'), finding('/privacy/', 'title-length', 'title')],
      sources,
    );
    expect(located.map(formatFindingPlace)).toEqual([undefined, 'content/organization/organization.yaml, field providersDescription', undefined]);
  });

  it('shows the place in the build log between the problem and the fix', () => {
    expect(formatFindings(locateFindings([finding('/conditions/anxiety/', 'title-length', 'title')], sources))).toBe(
      '/conditions/anxiety/\n  warning title-length: title-length on /conditions/anxiety/\n    edit: content/conditions/anxiety.mdx, field name\n    fix: Fix title-length.',
    );
  });
});

describe('formatProblemsForWriters', () => {
  it('groups the errors by file and field, and names the page of an error the code makes', () => {
    const errors = locateFindings(
      [finding('/conditions/anxiety/', 'title-duplicate', 'title'), finding('/conditions/anxiety/', 'title-missing', 'title'), finding('/privacy/', 'lang-missing')],
      sources,
    );
    expect(formatProblemsForWriters(errors, 'dist/seo-report.html')).toBe(
      [
        'The SEO audit found 3 errors, so the build failed. Fix each and build again.',
        '',
        'content/conditions/anxiety.mdx, field name',
        '  page /conditions/anxiety/: title-duplicate on /conditions/anxiety/ (title-duplicate)',
        '    fix: Fix title-duplicate.',
        '  page /conditions/anxiety/: title-missing on /conditions/anxiety/ (title-missing)',
        '    fix: Fix title-missing.',
        '',
        "/privacy/ (made by the site's code, not by a content file)",
        '  lang-missing on /privacy/ (lang-missing)',
        '    fix: Fix lang-missing.',
        '',
        'Every page and finding: dist/seo-report.html. Add --verbose to the build to see where in the code the build stopped.',
      ].join('\n'),
    );
  });
});
