/** Where the lead database lives when LEADS_DB doesn't say. Relative to the working directory. */
export const DEFAULT_LEADS_DB_PATH = 'data/leads.db';

/** The lead database path from the environment: LEADS_DB if set and not blank, else the default. */
export function resolveLeadsDbPath(env: Readonly<Record<string, string | undefined>>): string {
  const configured = env['LEADS_DB']?.trim();
  return configured ? configured : DEFAULT_LEADS_DB_PATH;
}
