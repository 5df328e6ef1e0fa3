// Also imported by the integration tests' child processes, which run under plain Node: keep to
// erasable TypeScript and relative .ts imports.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewLead } from '../../../../src/lib/leads/store.ts';

/** A valid new lead; pass overrides for what a test is about. */
export function buildNewLead(overrides: Partial<NewLead> = {}): NewLead {
  return {
    leadType: 'patient',
    status: 'new',
    fields: { name: 'Ada Lovelace', phone: '+15035550142', service: 'physical-therapy' },
    attribution: { landingPage: '/services/physical-therapy/', utm_source: 'newsletter' },
    // As classifyChannel tells it: a utm_source no default rule knows.
    channel: { channel: 'direct', rule: 'unmatched-campaign' },
    route: { queue: 'intake-portland', priority: 'normal', responseTargetMinutes: 240, matchedRule: null },
    score: 40,
    flags: [],
    fit: { inServiceArea: true, insuranceAccepted: null },
    submissionKey: null,
    contentHash: 'hash-ada',
    ...overrides,
  };
}

/** A fresh temp folder and a function that removes it. */
export function makeTempDir(prefix = 'carepath-leads-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
