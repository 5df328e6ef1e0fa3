import { beforeAll, describe, expect, it } from 'vitest';
import { formatIssues } from '@/lib/content/integrity.ts';
import { readContent, type ReadContentResult } from '../../support/read-content.ts';

// The content the site ships, not CONTENT_DIR: this test guards the real pages.
let content: ReadContentResult;
beforeAll(async () => {
  content = await readContent({ contentDir: 'content' });
});

describe('the real content', () => {
  it('has no errors', () => {
    expect(formatIssues(content.issues.filter((i) => i.severity === 'error'))).toBe('');
  });

  it('has no warnings', () => {
    expect(formatIssues(content.issues.filter((i) => i.severity === 'warning'))).toBe('');
  });
});

describe('the sample minimums', () => {
  it('has at least 4 locations in at least 2 cities', () => {
    const { locations } = content.snapshot;
    expect(locations.length).toBeGreaterThanOrEqual(4);
    expect(new Set(locations.map((l) => l.data.address?.city)).size).toBeGreaterThanOrEqual(2);
  });

  it('has at least 8 services, both urgent and planned', () => {
    const { services } = content.snapshot;
    expect(services.length).toBeGreaterThanOrEqual(8);
    expect(new Set(services.map((s) => s.data.intent))).toEqual(new Set(['urgent', 'planned']));
  });

  it('has at least 10 conditions, each with at least 4 FAQs', () => {
    const { conditions } = content.snapshot;
    expect(conditions.length).toBeGreaterThanOrEqual(10);
    const short = conditions.filter((c) => c.data.faqs.length < 4).map((c) => `${c.filePath}: ${c.data.faqs.length} FAQs`);
    expect(short).toEqual([]);
  });

  it('has at least 8 providers', () => {
    expect(content.snapshot.providers.length).toBeGreaterThanOrEqual(8);
  });
});
