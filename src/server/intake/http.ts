import { timingSafeEqual } from 'node:crypto';
import type { AstroCookies } from 'astro';
import { INTAKE_PREFIX, paths } from '../../lib/paths.ts';
import type { IntakeSession, IntakeStore } from '../../lib/intake/store.ts';
import type { DeliveryOutbox, LeadStore } from '../../lib/leads/store.ts';
import type { DeliverySettings } from '../../lib/leads/delivery.ts';
import { getLeadSite } from '../../lib/content/queries.ts';
import { getRequestContext } from '../http/request-context.ts';
import { createRateLimiter, type RateLimiter } from '../rate-limiter.ts';
import type { ServerEnv } from '../server-env.ts';
import { getLeadRuntime, requireSharedStores } from '../lead-runtime.ts';
import { verifyPassword } from './passwords.ts';
import { SqliteIntakeStore } from './sqlite-intake-store.ts';
import { createToken, hashToken } from './tokens.ts';
import { verifyTotpCode } from './totp.ts';

/**
 * The intake inbox's request handling that is not presentation: the session cookie, the CSRF
 * checks, sign-in with its limits, and the audit of each of them. The pages (src/pages/intake/)
 * call these and render.
 */

/**
 * The session cookie. Over TLS it is a `__Host-` cookie: Secure, no Domain and Path=/, so that no
 * other host (a sibling subdomain) and no plain-http page can set or overwrite it. Over plain http
 * (a developer's machine) it has no prefix and is sent to /intake/ only.
 */
export const SESSION_COOKIE = { https: '__Host-carepath-intake', http: 'carepath-intake' } as const;
/** The sign-in form's double-submit cookie, against sign-in CSRF; named like the session cookie. */
export const SIGN_IN_COOKIE = { https: '__Host-carepath-sign-in', http: 'carepath-sign-in' } as const;

/** Sign-in attempts: per login and per client, then a pause. */
const SIGN_IN_LIMITS = { perLogin: { capacity: 5, refillMs: 3 * 60_000 }, perClient: { capacity: 20, refillMs: 45_000 } };

export interface IntakeRuntime {
  store: () => IntakeStore;
  leads: () => LeadStore & DeliveryOutbox;
  env: ServerEnv;
  byLogin: RateLimiter;
  byClient: RateLimiter;
}

let runtime: IntakeRuntime | undefined;

export function getIntakeRuntime(): IntakeRuntime {
  if (runtime) return runtime;
  const { env } = getLeadRuntime();
  let store: IntakeStore | undefined;
  runtime = {
    store: () => (store ??= env.leadsStore.kind === 'sqlite' ? SqliteIntakeStore.open({ path: env.leadsStore.path }) : requireSharedStores().intake),
    leads: () => getLeadRuntime().store(),
    env,
    byLogin: createRateLimiter(SIGN_IN_LIMITS.perLogin),
    byClient: createRateLimiter(SIGN_IN_LIMITS.perClient),
  };
  return runtime;
}

/** What every intake page needs to know about its request. */
export interface IntakeRequest {
  cookies: AstroCookies;
  request: Request;
  /** The client's address, resolved by the front door. */
  client: string;
  https: boolean;
}

export function describeRequest(astro: { cookies: AstroCookies; request: Request; clientAddress: string }): IntakeRequest {
  const context = getRequestContext();
  return { cookies: astro.cookies, request: astro.request, client: context?.clientAddress ?? astro.clientAddress, https: context?.https ?? false };
}

/** A cookie's name and attributes for this request: setting and clearing it must use the same ones. */
function cookieFor(req: IntakeRequest, cookie: typeof SESSION_COOKIE | typeof SIGN_IN_COOKIE) {
  // A browser refuses a `__Host-` cookie (even one being cleared) unless it is Secure with Path=/.
  const options = { httpOnly: true, secure: req.https, sameSite: 'strict' as const, path: req.https ? '/' : INTAKE_PREFIX };
  return { name: req.https ? cookie.https : cookie.http, options };
}

/** The signed-in session, or null. Touching it moves its idle timer. */
export async function getSession(req: IntakeRequest): Promise<IntakeSession | null> {
  const id = req.cookies.get(cookieFor(req, SESSION_COOKIE).name)?.value;
  if (id === undefined || id === '') return null;
  const { env } = getIntakeRuntime();
  return getIntakeRuntime().store().touchSession(hashToken(id), { now: new Date(), idleMs: env.intake.idleMs, absoluteMs: env.intake.absoluteMs });
}

/** What a signed-in page starts from: its request, the session, and the organization (name, time zone). */
export interface SignedInPage {
  req: IntakeRequest;
  session: IntakeSession;
  organization: DeliverySettings['organization'];
}

/** The start of every page for signed-in staff: the page's facts, or the redirect to sign in. */
export async function openSignedInPage(astro: { cookies: AstroCookies; request: Request; clientAddress: string }): Promise<SignedInPage | { response: Response }> {
  const req = describeRequest(astro);
  const signedIn = await requireSession(req);
  if ('response' in signedIn) return signedIn;
  return { req, session: signedIn.session, organization: (await getLeadSite()).delivery.organization };
}

/** A page for signed-in staff only: the session, or the redirect to sign in. */
export async function requireSession(req: IntakeRequest): Promise<{ session: IntakeSession } | { response: Response }> {
  const session = await getSession(req);
  if (session !== null) return { session };
  return { response: redirect(paths.intakeSignIn()) };
}

export function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

/**
 * Whether a form post may change anything: it comes from a page of ours (Origin is one this
 * server serves, or INTAKE_URL's) and carries the session's synchronizer token.
 */
export function isTrustedPost(req: IntakeRequest, form: FormData, expectedToken: string): boolean {
  return hasTrustedOrigin(req) && safeEqual(String(form.get('csrf') ?? ''), expectedToken);
}

export function hasTrustedOrigin(req: IntakeRequest): boolean {
  const origin = req.request.headers.get('origin');
  if (origin === null) return false;
  const { env } = getIntakeRuntime();
  const served = getRequestContext()?.servedOrigins ?? env.publicOrigins;
  return origin === new URL(env.delivery.intakeUrl).origin || served.has(origin);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** A fresh double-submit value for the sign-in form, set as a cookie and returned for the form. */
export function issueSignInToken(req: IntakeRequest): string {
  const token = createToken();
  const cookie = cookieFor(req, SIGN_IN_COOKIE);
  req.cookies.set(cookie.name, token, { ...cookie.options, maxAge: 3600 });
  return token;
}

export type SignInResult = { ok: true } | { ok: false; message: string; status: number };

/** The one message for a wrong login, password or code: it says not which. */
export const SIGN_IN_FAILED = 'That did not work. Check your login, password and the code from your authenticator app, then try again.';

/**
 * Signs in with login, password and TOTP code: on success a new session and its cookie. Every
 * attempt is audited; limited per login and per client.
 */
export async function signIn(req: IntakeRequest, form: FormData): Promise<SignInResult> {
  const signInCookie = cookieFor(req, SIGN_IN_COOKIE);
  const cookie = req.cookies.get(signInCookie.name)?.value ?? '';
  if (!hasTrustedOrigin(req) || !safeEqual(String(form.get('csrf') ?? ''), cookie)) {
    return { ok: false, status: 403, message: 'This form has expired. Open the sign-in page again.' };
  }
  const rt = getIntakeRuntime();
  const store = rt.store();
  const login = String(form.get('login') ?? '')
    .trim()
    .toLowerCase()
    .slice(0, 40);
  const now = new Date();
  const limited = [rt.byClient.take(req.client, now.getTime()), rt.byLogin.take(login, now.getTime())].find((take) => !take.allowed);
  if (limited !== undefined && !limited.allowed) {
    await store.audit({ at: now, actor: login, action: 'sign-in-refused', leadId: null, client: req.client, detail: 'too many attempts' });
    const minutes = Math.ceil(limited.retryAfterMs / 60_000);
    return { ok: false, status: 429, message: `Too many attempts. Wait ${minutes} minute${minutes === 1 ? '' : 's'}, then try again.` };
  }
  const credentials = await store.getCredentials(login);
  const password = String(form.get('password') ?? '');
  // The password is checked even for an unknown login, so that the answer takes as long.
  const passwordOk = await verifyPassword(password, credentials?.passwordHash ?? UNKNOWN_USER_HASH);
  const code = verifyTotpCode({ key: credentials?.totpKey ?? new Uint8Array(20), code: String(form.get('code') ?? ''), now, lastStep: credentials?.totpLastStep ?? 0 });
  const usable = credentials?.user.active && credentials.user.disabledAt === null;
  if (!usable || !passwordOk || !code.ok || !(await store.useTotpStep(credentials.user.id, code.step))) {
    const why = credentials === null ? 'unknown login' : !usable ? 'account not active' : !passwordOk ? 'wrong password' : 'wrong or reused code';
    await store.audit({ at: now, actor: login, action: 'sign-in-failed', leadId: null, client: req.client, detail: why });
    return { ok: false, status: 401, message: SIGN_IN_FAILED };
  }
  const id = createToken();
  await store.createSession({ idHash: hashToken(id), userId: credentials.user.id, csrfToken: createToken(), now });
  const sessionCookie = cookieFor(req, SESSION_COOKIE);
  req.cookies.set(sessionCookie.name, id, sessionCookie.options);
  req.cookies.delete(signInCookie.name, signInCookie.options);
  await store.audit({ at: now, actor: credentials.user.login, action: 'sign-in', leadId: null, client: req.client, detail: null });
  return { ok: true };
}

/** Ends every session of the user and clears the cookie. */
export async function signOut(req: IntakeRequest, session: IntakeSession): Promise<void> {
  const store = getIntakeRuntime().store();
  await store.endSessions(session.user.id);
  const sessionCookie = cookieFor(req, SESSION_COOKIE);
  req.cookies.delete(sessionCookie.name, sessionCookie.options);
  await store.audit({ at: new Date(), actor: session.user.login, action: 'sign-out', leadId: null, client: req.client, detail: null });
}

/** A well-formed hash of no password anyone knows, so that an unknown login costs one scrypt too. */
const UNKNOWN_USER_HASH = 'scrypt$N=131072,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
