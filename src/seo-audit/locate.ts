import type { PageSource } from '../lib/content/pages.ts';
import type { Finding, FindingSubject } from './types.ts';

/** What a writer calls the part of a page text a finding is about. */
const TEXT_FIELDS: Record<Extract<FindingSubject, 'text' | 'image-alt'>, string> = {
  text: 'the page text',
  'image-alt': 'the alt text of an image in the page text',
};

/** Said after the fix of a location × service page without a file of its own. */
export const NEW_FILE = 'The page has no file of its own yet: create it, with `location` and `service` (README, "Give one location × service page its own text").';

/**
 * The findings with the content file and field a writer edits to fix each, where the page has a
 * content file and the finding is about what it gives (the title, the description, the text).
 * A location × service page without its own file is sent to the file that would give it one,
 * for its title and description. Other findings are returned as they are.
 */
export function locateFindings(findings: readonly Finding[], sources: ReadonlyMap<string, PageSource>): Finding[] {
  return findings.map((finding) => {
    const source = sources.get(finding.path);
    const field = source && finding.subject ? getField(source, finding.subject) : undefined;
    if (field === undefined || source === undefined) return finding;
    return { ...finding, file: source.file, field, fix: source.create ? `${finding.fix} ${NEW_FILE}` : finding.fix };
  });
}

function getField(source: PageSource, subject: FindingSubject): string | undefined {
  if (subject === 'title' || subject === 'description') return source[subject];
  return source.text ? TEXT_FIELDS[subject] : undefined;
}

/** Where a finding's fix goes, as a writer reads it: `content/conditions/anxiety.mdx, field name`. */
export function formatFindingPlace(finding: Pick<Finding, 'file' | 'field'>): string | undefined {
  if (finding.file === undefined) return undefined;
  return finding.field === undefined ? finding.file : `${finding.file}, field ${finding.field}`;
}

/**
 * The audit's errors as a build that stops on them ends: one block per file and field to edit
 * (or per page, when the site's code makes what is wrong), each with the page, what is wrong and
 * the fix, then where the whole report is. Plain text, no stack trace.
 */
export function formatProblemsForWriters(errors: readonly Finding[], reportFile: string): string {
  const blocks = new Map<string, Finding[]>();
  for (const error of errors) {
    const place = formatFindingPlace(error) ?? `${error.path} (made by the site's code, not by a content file)`;
    blocks.set(place, [...(blocks.get(place) ?? []), error]);
  }
  const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
  return [
    `The SEO audit found ${count}, so the build failed. Fix ${errors.length === 1 ? 'it' : 'each'} and build again.`,
    ...[...blocks].map(([place, items]) => [place, ...items.map((f) => `  ${f.file === undefined ? '' : `page ${f.path}: `}${f.message} (${f.rule})\n    fix: ${f.fix}`)].join('\n')),
    `Every page and finding: ${reportFile}. Add --verbose to the build to see where in the code the build stopped.`,
  ].join('\n\n');
}
