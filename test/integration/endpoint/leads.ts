import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ListedLead {
  id: string;
  leadType: string;
  status: string;
  fields: Record<string, string>;
  route: { queue: string };
  flags: string[];
  attribution: Record<string, string>;
  channel: { channel: string; rule: string } | null;
}

/** The stored leads, read through the intake CLI as intake staff would. */
export function listLeads(leadsDb: string, env: Record<string, string> = {}): ListedLead[] {
  if (env['LEADS_DATABASE_URL'] === undefined && !existsSync(leadsDb)) return [];
  const out = execFileSync('node_modules/.bin/node', ['src/server/cli/leads.ts', 'list', '--json'], { env: { ...process.env, LEADS_DB: leadsDb, ...env }, encoding: 'utf8' });
  return JSON.parse(out) as ListedLead[];
}
