import { describe, expect, it } from 'vitest';
import { resolveLeadsDbPath } from '../../../src/server/leads-db-path.ts';

describe('resolveLeadsDbPath', () => {
  it.each([
    [{}, 'data/leads.db'],
    [{ LEADS_DB: '' }, 'data/leads.db'],
    [{ LEADS_DB: '   ' }, 'data/leads.db'],
    [{ LEADS_DB: '/var/lib/carepath/leads.db' }, '/var/lib/carepath/leads.db'],
    [{ LEADS_DB: ' tmp/leads.db ' }, 'tmp/leads.db'],
  ])('%j → %s', (env, expected) => {
    expect(resolveLeadsDbPath(env)).toBe(expected);
  });
});
