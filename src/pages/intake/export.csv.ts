import type { APIRoute } from 'astro';
import { formatIsoDate } from '@/lib/dates.ts';
import { parseInboxFilters, selectInboxLeads } from '@/lib/intake/inbox.ts';
import { formatLeadsCsv } from '@/server/cli/lead-csv.ts';
import { describeRequest, getIntakeRuntime, requireSession } from '@/server/intake/http.ts';

export const prerender = false;

/**
 * The leads the inbox shows with these filters, every page of them, as CSV (formula-safe, as the
 * CLI's export), for a signed-in user and only their queues. Each export is audited with its count.
 */
export const GET: APIRoute = async (context) => {
  const req = describeRequest(context);
  const signedIn = await requireSession(req);
  if ('response' in signedIn) return signedIn.response;
  const { session } = signedIn;
  const now = new Date();
  const filters = parseInboxFilters(context.url.searchParams, session.user);
  const leads = selectInboxLeads(await getIntakeRuntime().leads().list(), { user: session.user, filters, now });
  await getIntakeRuntime()
    .store()
    .audit({ at: now, actor: session.user.login, action: 'export', leadId: null, client: req.client, detail: `${leads.length} leads${context.url.search}` });
  return new Response(formatLeadsCsv(leads), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="leads-${formatIsoDate(now)}.csv"`,
      'cache-control': 'no-store',
      'x-robots-tag': 'noindex, nofollow',
    },
  });
};
