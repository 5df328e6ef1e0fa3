import { spawnSync } from 'node:child_process';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';

/**
 * What the intake tests do as a person would: create a user with the CLI, follow the set-up link
 * with a code computed from the secret it printed, sign in, and send forms with their cookies.
 */

export function runCli(leadsDb: string, args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('node_modules/.bin/node', ['src/server/cli/leads.ts', ...args], { env: { ...process.env, LEADS_DB: leadsDb, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface CreatedUser {
  login: string;
  setupPath: string;
  key: Uint8Array;
}

/** `npm run leads -- user add`, and what it printed: the set-up link's path and the TOTP key. `env`: more variables (LEADS_DATABASE_URL). */
export function addUser(leadsDb: string, login: string, options: { queues: string[]; admin?: boolean; name?: string; env?: Record<string, string> }): CreatedUser {
  const args = ['user', 'add', login, '--name', options.name ?? `Test ${login}`, ...(options.queues.length > 0 ? ['--queues', options.queues.join(',')] : []), ...(options.admin ? ['--admin'] : [])];
  const result = runCli(leadsDb, args, options.env);
  if (result.status !== 0) throw new Error(`user add failed: ${result.stderr}`);
  const setupPath = /https?:\/\/[^/\s]+(\/intake\/setup\/[A-Za-z0-9_-]+\/)/.exec(result.stdout)?.[1];
  const secret = /secret=([A-Z2-7]+)/.exec(result.stdout)?.[1];
  if (setupPath === undefined || secret === undefined) throw new Error(`user add printed no link or secret:\n${result.stdout}`);
  return { login, setupPath, key: decodeBase32IgnorePadding(secret) };
}

/** The 6-digit code an authenticator app shows at `at` for this key (RFC 6238: HOTP of the 30 s step). */
export function totp(key: Uint8Array, at = new Date()): string {
  return generateHOTP(key, BigInt(Math.floor(at.getTime() / 30_000)), 6);
}

/** A tiny cookie jar: what Set-Cookie headers said, sent back as Cookie. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie header seen, whole, for checking their attributes. */
  readonly setCookies: string[] = [];

  take(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      this.setCookies.push(header);
      const [pair = ''] = header.split(';');
      const [name = '', ...value] = pair.split('=');
      const text = value.join('=');
      if (text === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), text);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A browser-like client of the intake pages: cookies kept, forms posted with this origin. */
export class IntakeClient {
  readonly jar = new CookieJar();
  constructor(readonly origin: string) {}

  async get(path: string): Promise<{ response: Response; html: string }> {
    const response = await fetch(new URL(path, this.origin), { headers: { cookie: this.jar.header() }, redirect: 'manual' });
    this.jar.take(response);
    return { response, html: await response.text() };
  }

  async post(path: string, fields: Record<string, string>, options: { origin?: string | null } = {}): Promise<{ response: Response; html: string }> {
    const headers: Record<string, string> = { cookie: this.jar.header(), 'content-type': 'application/x-www-form-urlencoded' };
    const origin = options.origin === undefined ? this.origin : options.origin;
    if (origin !== null) headers['origin'] = origin;
    const response = await fetch(new URL(path, this.origin), { method: 'POST', headers, body: new URLSearchParams(fields), redirect: 'manual' });
    this.jar.take(response);
    return { response, html: await response.text() };
  }

  /** The hidden CSRF token of the first form on a page. */
  static csrfOf(html: string): string {
    return /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  }

  /** Follows the set-up link: a password and the current code. */
  async setUp(user: CreatedUser, password: string): Promise<Response> {
    await this.get(user.setupPath);
    return (await this.post(user.setupPath, { password, repeat: password, code: totp(user.key) })).response;
  }

  /** Signs in; `at` picks the code's time step (a step already used is refused). */
  async signIn(user: CreatedUser, password: string, at = new Date(Date.now() + 30_000)): Promise<Response> {
    const page = await this.get('/intake/sign-in/');
    return (await this.post('/intake/sign-in/', { csrf: IntakeClient.csrfOf(page.html), login: user.login, password, code: totp(user.key, at) })).response;
  }
}
