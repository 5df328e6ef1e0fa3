// Child for the group-commit crash test: keeps <inFlight> inserts going at once, so that they are
// committed in groups, and prints "<id> <largest group so far>" for each insert only after it has
// resolved, until the test SIGKILLs it. Usage: insert-groups-until-killed.ts <db> <round> <inFlight>
import { SqliteLeadStore } from '../../../../src/server/sqlite-lead-store.ts';
import { buildNewLead } from '../../../unit/server/support/leads.ts';

const [path, round, inFlight] = process.argv.slice(2);
if (path === undefined || round === undefined || inFlight === undefined) throw new Error('usage: <db> <round> <inFlight>');
const store = SqliteLeadStore.open({ path });
let next = 0;

async function insertForever(): Promise<never> {
  for (;;) {
    const index = next++;
    const lead = buildNewLead({ contentHash: `${round}-${index}`, submissionKey: `${round}-${index}` });
    const { lead: stored } = await store.insert(lead, { duplicateWindowMs: 0, now: new Date() });
    // Synchronous on Linux pipes: once written, the line reaches the test even if we die next.
    process.stdout.write(`${stored.id} ${store.getGroupCommitStats().largestGroup}\n`);
  }
}

await Promise.all(Array.from({ length: Number(inFlight) }, insertForever));
