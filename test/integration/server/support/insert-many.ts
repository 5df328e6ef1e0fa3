// Child for the concurrent-writers test: inserts <count> leads as fast as it can, then prints
// "done <count>", or the first failure as "failed <name> <code>". Usage: insert-many.ts <db> <prefix> <count>
import { SqliteLeadStore } from '../../../../src/server/sqlite-lead-store.ts';
import { buildNewLead } from '../../../unit/server/support/leads.ts';

const [path, prefix, count] = process.argv.slice(2);
if (path === undefined || prefix === undefined || count === undefined) {
  throw new Error('usage: <db> <prefix> <count>');
}
const store = SqliteLeadStore.open({ path });
try {
  for (let index = 0; index < Number(count); index++) {
    const lead = buildNewLead({ contentHash: `${prefix}-${index}` });
    await store.insert(lead, { duplicateWindowMs: 60_000, now: new Date() });
  }
  process.stdout.write(`done ${count}\n`);
} catch (error) {
  const { name, code } = error as { name: string; code?: string };
  process.stdout.write(`failed ${name} ${String(code)}\n`);
}
await store.close();
