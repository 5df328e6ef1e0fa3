import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLeadsCli } from '../../../../src/server/cli/leads-command.ts';
import { CLI_DATABASES } from '../support/cli-databases.ts';
import { buildNewLead } from '../support/leads.ts';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

describe.each(CLI_DATABASES)('leads purge on $name', (kind) => {
  const db = kind.use();

  it('says what a dry run would delete and deletes nothing, then deletes it, audited', async () => {
    const store = await db.openLeadStore();
    const { lead } = await store.insert(buildNewLead({ fields: { name: 'Old Patient', phone: '503 555 0100', service: 'dental' } }), { duplicateWindowMs: 0, now: daysAgo(420) });
    await store.setStatus(lead.id, 'booked', { now: daysAgo(400) });
    await store.close();
    const settings = join(db.dir, 'delivery-settings.json');
    writeFileSync(
      settings,
      JSON.stringify({
        organization: { name: 'Clinic', phone: '+15035550100', email: null, timeZone: 'UTC' },
        confirmation: false,
        deliverSpam: false,
        webhooks: { crm: { payload: 'thin' } },
        retention: { closedLeadsDays: 365, spamDays: null },
      }),
    );
    const run = async (argv: string[]) => {
      let stdout = '';
      const code = await runLeadsCli(argv, { env: { ...db.env, DELIVERY_SETTINGS: settings }, now: () => NOW, stdout: (text) => (stdout += text), stderr: (text) => (stdout += text) });
      return { code, stdout };
    };

    expect(await run(['purge', '--dry-run'])).toEqual({ code: 0, stdout: "Retention (closed leads after 365 days, spam after ∞ days): 1 closed lead and 0 spam would lose the person's details.\n" });
    const check = await db.openLeadStore();
    expect((await check.get(lead.id))?.fields['name']).toBe('Old Patient');
    await check.close();

    expect((await run(['purge'])).stdout).toContain("1 closed lead and 0 spam lost the person's details.");
    const after = await db.openLeadStore();
    expect((await after.get(lead.id))?.fields).toEqual({ service: 'dental' });
    await after.close();
    const intake = await db.openIntakeStore();
    expect((await intake.listAudit()).map((e) => `${e.actor} ${e.action} ${e.detail}`)).toEqual(['cli purge 1 closed, 0 spam', 'cli purge-dry-run 1 closed, 0 spam']);
  });

  it('needs the build’s settings', async () => {
    await (await db.openLeadStore()).close();
    let out = '';
    const code = await runLeadsCli(['purge'], { env: { ...db.env, DELIVERY_SETTINGS: join(db.dir, 'none.json') }, stdout: () => {}, stderr: (text) => (out += text) });
    expect(code).toBe(1);
    expect(out).toContain('leads: cannot purge: Cannot read the delivery settings');
  });
});
