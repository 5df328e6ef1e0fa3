import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** axe's tags for WCAG 2.2 levels A and AA (with the 2.0 and 2.1 rules they include). */
export const WCAG_22_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

/** The page's axe violations of the given tags, one line each with where and why: [] when clean. */
export async function findAxeViolations(page: Page, tags: readonly string[]): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags([...tags]).analyze();
  return axe.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')}`);
}
