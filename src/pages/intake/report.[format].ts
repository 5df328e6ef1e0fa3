import type { APIRoute } from 'astro';
import { formatReport } from '@/lib/funnel/report-file.ts';
import { suppressSmallGroups } from '@/lib/funnel/suppress.ts';
import { describeRequest, getIntakeRuntime, requireSession } from '@/server/intake/http.ts';
import { loadIntakeReport } from '@/server/intake/report.ts';

export const prerender = false;

const TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

/**
 * The funnel report as a file for admins (`/intake/report.csv`, `/intake/report.json`, the range
 * in the query), with groups of fewer than 5 leads suppressed: files are what leave the
 * organization. Each download is audited.
 */
export const GET: APIRoute = async (context) => {
  const format = context.params['format'];
  const notFound = () => new Response('Not found.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  if (format !== 'csv' && format !== 'json') return notFound();
  const req = describeRequest(context);
  const signedIn = await requireSession(req);
  if ('response' in signedIn) return signedIn.response;
  if (!signedIn.session.user.admin) return notFound();
  const now = new Date();
  const loaded = await loadIntakeReport(context.url.searchParams, now);
  if (!loaded.ok) return new Response(`${loaded.message}\n`, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  const { range } = loaded.report;
  await getIntakeRuntime()
    .store()
    .audit({ at: now, actor: signedIn.session.user.login, action: 'export-report', leadId: null, client: req.client, detail: `${format} ${range.fromDay} to ${range.toDay}` });
  return new Response(formatReport(suppressSmallGroups(loaded.report), format), {
    headers: {
      'content-type': TYPES[format],
      'content-disposition': `attachment; filename="funnel-${range.fromDay}-to-${range.toDay}.${format}"`,
      'cache-control': 'no-store',
      'x-robots-tag': 'noindex, nofollow',
    },
  });
};
