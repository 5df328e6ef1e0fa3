// Child for the disk-full group test, run under a file-size limit: inserts groups of <size> large
// leads at once until a group fails, then reports as one JSON line what it acknowledged and how
// each insert of the failed group ended. Usage: fill-groups-until-failure.ts <db> <size>
import { SqliteLeadStore } from '../../../../src/server/sqlite-lead-store.ts';
import { buildNewLead } from '../../../unit/server/support/leads.ts';

const [path, size] = process.argv.slice(2);
if (path === undefined || size === undefined) throw new Error('usage: <db> <size>');
const store = SqliteLeadStore.open({ path });
const acked: string[] = [];
const note = 'x'.repeat(3_000);
for (let group = 0; group < 1_000; group++) {
  const outcomes = await Promise.allSettled(
    Array.from({ length: Number(size) }, (_, index) =>
      store.insert(buildNewLead({ contentHash: `fill-${group}-${index}`, fields: { name: 'Ada', note } }), {
        duplicateWindowMs: 0,
        now: new Date(),
      }),
    ),
  );
  for (const outcome of outcomes) if (outcome.status === 'fulfilled') acked.push(outcome.value.lead.id);
  if (outcomes.some((outcome) => outcome.status === 'rejected')) {
    const failed = outcomes.map((outcome) => {
      if (outcome.status === 'fulfilled') return { status: 'stored', id: outcome.value.lead.id };
      const { name, code } = outcome.reason as { name: string; code?: string };
      return { status: 'rejected', name, code };
    });
    const report = { acked, failed, inTransaction: store.isInTransaction, stats: store.getGroupCommitStats() };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(0);
  }
}
process.stdout.write(`${JSON.stringify({ acked, failed: null })}\n`);
