import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLeadSiteFile } from '../lib/leads/lead-site-file.ts';
import type { LeadSiteContext } from '../lib/leads/submit.ts';

/** What the lead endpoint checks requests against, from the file the build wrote (src/pages/lead-site.json.ts). */
export function loadLeadSite(file: URL): LeadSiteContext {
  const path = fileURLToPath(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${path} is missing: the lead endpoint would not know the locations and services a request may name. Run \`npm run build\`.`);
  }
  return parseLeadSiteFile(text, path);
}
