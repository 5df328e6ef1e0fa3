// Child for the crash test: inserts leads one after another and prints each id only after its
// insert has resolved, until the test SIGKILLs it. Usage: insert-until-killed.ts <db> <round>
import { SqliteLeadStore } from '../../../../src/server/sqlite-lead-store.ts';
import { buildNewLead } from '../../../unit/server/support/leads.ts';

const [path, round] = process.argv.slice(2);
if (path === undefined || round === undefined) throw new Error('usage: <db> <round>');
const store = SqliteLeadStore.open({ path });
for (let index = 0; ; index++) {
  const lead = buildNewLead({ contentHash: `${round}-${index}`, submissionKey: `${round}-${index}` });
  const { lead: stored } = await store.insert(lead, { duplicateWindowMs: 0, now: new Date() });
  // Synchronous on Linux pipes: once written, the line reaches the test even if we die next.
  process.stdout.write(`${stored.id}\n`);
}
