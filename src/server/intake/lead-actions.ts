import { getLeadSite } from '../../lib/content/queries.ts';
import { canSeeLead } from '../../lib/intake/inbox.ts';
import { parseStep } from '../../lib/intake/lifecycle.ts';
import { routeReleasedLead, routeToQueue } from '../../lib/intake/reroute.ts';
import { planDeliveries } from '../../lib/leads/delivery.ts';
import type { DeliveryOutbox, LeadChange, LeadChangeResult, LeadStore, StoredLead } from '../../lib/leads/store.ts';
import { paths } from '../../lib/paths.ts';
import { getLeadRuntime } from '../lead-runtime.ts';
import { getIntakeRuntime, isTrustedPost, type SignedInPage } from './http.ts';

/** What a form post on a lead's page comes to: back to a page (the change is made), or the lead again with why not. */
export type LeadPostResult = { redirect: string } | { status: 403 | 409 | 422; message: string };

interface LeadPost {
  form: FormData;
  page: SignedInPage;
  /** The lead as the user may see it. */
  lead: StoredLead;
  leads: LeadStore & DeliveryOutbox;
}

/**
 * A form post on a lead's page: a step (`step`), a note (`note`), or a move (`action` reassign
 * or release). Each carries the session's token and the lead's version; each change is audited.
 */
export async function handleLeadPost(post: LeadPost): Promise<LeadPostResult> {
  const { form, page } = post;
  if (!isTrustedPost(page.req, form, page.session.csrfToken)) return { status: 403, message: 'This form has expired. Reload the lead and try again.' };
  const action = String(form.get('action') ?? '');
  if (action === 'reassign' || action === 'release') return moveLead(post, action);
  return changeLead(post);
}

async function changeLead({ form, page, lead, leads }: LeadPost): Promise<LeadPostResult> {
  let change: LeadChange;
  if (form.has('note')) {
    const note = String(form.get('note') ?? '')
      .trim()
      .slice(0, 2000);
    if (note === '') return { status: 422, message: 'Write the note first.' };
    change = { kind: 'note', note };
  } else {
    const parsed = parseStep(form, lead.status);
    if (!parsed.ok) return { status: 422, message: parsed.message };
    const { step } = parsed;
    change = { kind: 'status', status: step.to, ...('reason' in step ? { reason: step.reason } : {}), ...('scheduledFor' in step ? { scheduledFor: step.scheduledFor } : {}) };
  }
  const result = await leads.changeLead(lead.id, change, { expectedVersion: Number(form.get('version')), actor: page.session.user.login, now: new Date() });
  if (!result.ok) return describeRefusal(result);
  await audit(page, lead.id, 'change-lead', change.kind === 'note' ? 'note' : `status ${change.status}`);
  return { redirect: paths.intakeLead(lead.id) };
}

/**
 * Another queue: its team is told as for a new lead (email). Out of quarantine (admins): the rules
 * run again and every delivery a new lead makes is planned.
 */
async function moveLead({ form, page, lead, leads }: LeadPost, action: 'reassign' | 'release'): Promise<LeadPostResult> {
  const { user } = page.session;
  const leadSite = await getLeadSite();
  const target =
    action === 'release'
      ? user.admin && lead.status === 'spam'
        ? routeReleasedLead(lead, leadSite.context, new Date())
        : null
      : routeToQueue(leadSite.context.routing, String(form.get('queue') ?? ''), user.login);
  if (target === null || (action === 'reassign' && target.route.queue === lead.route.queue)) {
    return { status: 422, message: action === 'release' ? 'This lead cannot be released.' : 'Choose another queue.' };
  }
  const { channels } = getLeadRuntime();
  const result = await leads.rerouteLead(lead.id, {
    route: target.route,
    release: action === 'release',
    expectedVersion: Number(form.get('version')),
    actor: user.login,
    now: new Date(),
    planDeliveries: (moved) =>
      planDeliveries(moved, { targets: target.targets, settings: leadSite.delivery, channels: action === 'release' ? channels : { webhooks: new Set(), email: channels.email } }),
  });
  if (!result.ok) return describeRefusal(result);
  await audit(page, lead.id, action === 'release' ? 'release-lead' : 'reassign-lead', `${lead.route.queue} → ${target.route.queue}`);
  // The person who sent it on may no longer see it: the inbox, then.
  return { redirect: canSeeLead(user, result.lead) ? paths.intakeLead(lead.id) : paths.intake() };
}

function describeRefusal(result: Extract<LeadChangeResult, { ok: false }>): LeadPostResult {
  if (result.reason === 'not-found') return { status: 409, message: 'This lead is gone.' };
  return { status: 409, message: `This lead was changed${result.by ? ` by ${result.by}` : ''} while you had it open. Here it is as it is now: check, then try again.` };
}

/** Audits an action of the signed-in user on a lead. */
export function audit(page: SignedInPage, leadId: string, action: string, detail: string | null): Promise<void> {
  return getIntakeRuntime().store().audit({ at: new Date(), actor: page.session.user.login, action, leadId, client: page.req.client, detail });
}
