// Child for the disk-full test, run under a file-size limit: inserts large leads until an insert
// fails, then reports what it acknowledged and how it failed, as one JSON line.
// Usage: fill-until-failure.ts <db>
import { SqliteLeadStore } from '../../../../src/server/sqlite-lead-store.ts';
import { buildNewLead } from '../../../unit/server/support/leads.ts';

const [path] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: <db>');
const store = SqliteLeadStore.open({ path });
const acked: string[] = [];
const note = 'x'.repeat(3_000);
for (let index = 0; index < 10_000; index++) {
  try {
    const lead = buildNewLead({ contentHash: `fill-${index}`, fields: { name: 'Ada', note } });
    acked.push((await store.insert(lead, { duplicateWindowMs: 0, now: new Date() })).lead.id);
  } catch (error) {
    const { name, code, extendedCode } = error as { name: string; code?: string; extendedCode?: number };
    let retry: string;
    try {
      // The same lead again: the disk is still as full. (A smaller one may fit in the space left
      // on the WAL's last page, which depends on how large the schema is.)
      await store.insert(buildNewLead({ contentHash: 'retry', fields: { name: 'Ada', note } }), { duplicateWindowMs: 0, now: new Date() });
      retry = 'stored';
    } catch (again) {
      retry = (again as Error).name;
    }
    const report = { acked, error: { name, code, extendedCode }, inTransaction: store.isInTransaction, retry };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(0);
  }
}
process.stdout.write(`${JSON.stringify({ acked, error: null })}\n`);
