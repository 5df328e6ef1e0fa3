import type { CollectionName } from '../content/collections.ts';
import { paths } from '../paths.ts';
import { measurePlainLanguage, type PlainLanguageEntry, type PlainLanguageMeasure } from './check.ts';
import type { PlainLanguageSettings } from './settings.ts';

/** How one page's own text reads, for the SEO report. */
export interface ReadingGrade {
  /** The page, e.g. `/conditions/anxiety/`. */
  path: string;
  /** The content file whose text it is. */
  file: string;
  /** Undefined for a page with too little text of its own to grade. */
  grade?: number | undefined;
  /** The grade the settings aim for. */
  target: number;
  longSentences: number;
  jargon: number;
}

/** An entry with the collection and id it was read from. */
export type CollectedEntry = PlainLanguageEntry & { collection: CollectionName; id: string };

/**
 * The page whose own text an entry is (its summary, body and questions), or undefined for an
 * entry without one (routing). The organization's description is the home page's.
 */
export function getEntryPagePath(entry: { collection: CollectionName; id: string; data: unknown }): string | undefined {
  switch (entry.collection) {
    case 'organization':
      return paths.home();
    case 'locations':
      return paths.location(entry.id);
    case 'services':
      return paths.service(entry.id);
    case 'conditions':
      return paths.condition(entry.id);
    case 'providers':
      return paths.provider(entry.id);
    case 'locationServices': {
      const { location, service } = (entry.data ?? {}) as { location?: unknown; service?: unknown };
      return typeof location === 'string' && typeof service === 'string' ? paths.locationService(location, service) : undefined;
    }
    case 'routing':
      return undefined;
  }
}

/** The reading grade of each entry's page, in path order. */
export function buildReadingGrades(
  entries: readonly CollectedEntry[],
  settings: PlainLanguageSettings,
  measure: (entry: CollectedEntry) => PlainLanguageMeasure = (entry) => measurePlainLanguage(entry, settings),
): ReadingGrade[] {
  return entries
    .flatMap((entry): ReadingGrade[] => {
      const path = getEntryPagePath(entry);
      if (path === undefined) return [];
      const { grade, longSentences, jargon } = measure(entry);
      return [
        {
          path,
          file: entry.file,
          grade,
          target: settings.gradeTarget,
          longSentences: longSentences.length,
          jargon: new Set(jargon.map((use) => use.term)).size,
        },
      ];
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
