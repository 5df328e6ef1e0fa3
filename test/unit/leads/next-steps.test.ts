import { describe, expect, it } from 'vitest';
import { NEXT_STEPS } from '@/lib/leads/next-steps.ts';
import { LEAD_TYPES } from '@/lib/leads/schema.ts';

/** Whether a line of copy says something: not empty, not only spaces. */
const says = (text: string) => text.trim().length > 0;

describe('the thank-you page of every lead type', () => {
  it('exists for each lead type, and only for those', () => {
    expect(Object.keys(NEXT_STEPS).sort()).toEqual([...LEAD_TYPES].sort());
  });

  it.each(LEAD_TYPES)('tells a %s who answers, when, and what to have ready', (type) => {
    const { heading, who, when, haveReady } = NEXT_STEPS[type];
    expect([heading, who, when].map(says)).toEqual([true, true, true]);
    expect(haveReady.length).toBeGreaterThan(0);
    expect(haveReady.filter((item) => !says(item))).toEqual([]);
  });

  it('has a heading and a "have ready" list of its own for each type', () => {
    const steps = Object.values(NEXT_STEPS);
    expect(new Set(steps.map((s) => s.heading)).size).toBe(steps.length);
    const items = steps.flatMap((s) => s.haveReady);
    expect(new Set(items).size).toBe(items.length);
  });
});
