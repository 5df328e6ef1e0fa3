import type { APIRoute } from 'astro';
import { issueFormToken } from '@/lib/leads/spam.ts';
import { json } from '@/server/lead-endpoint.ts';
import { getLeadRuntime } from '@/server/lead-runtime.ts';

export const prerender = false;

/** A signed "the form was shown now" token for the time trap; the form script asks for it on load. */
export const GET: APIRoute = () => json(200, { token: issueFormToken(new Date(), getLeadRuntime().secret) });
