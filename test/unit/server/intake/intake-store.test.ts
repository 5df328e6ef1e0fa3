import { beforeEach, describe, expect, it } from 'vitest';
import type { IntakeUser, NewUser } from '../../../../src/lib/intake/store.ts';
import { createToken, hashToken } from '../../../../src/server/intake/tokens.ts';
import { isLeadId } from '../../../../src/server/lead-id.ts';
import { INTAKE_STORE_KINDS } from '../support/intake-stores.ts';
import type { ClosableIntakeStore } from '../support/intake-stores.ts';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 60 * 60 * 1000;
const ada: NewUser = { login: 'ada.l', name: 'Ada Lovelace', queues: ['intake-portland', 'referrals'], admin: false };
const KEY = new Uint8Array(20).fill(7);
// Stand-ins for scrypt strings: the store keeps whatever hash it is given.
const PASSWORD_HASH = 'scrypt$N=131072,r=8,p=1$c2FsdA==$aGFzaA==';

/** What every intake store does, SQLite's and PostgreSQL's alike (support/intake-stores.ts opens each), on the lead database. */
describe.each(INTAKE_STORE_KINDS)('$name intake store', (kind) => {
  const db = kind.use();
  let store: ClosableIntakeStore;

  beforeEach(async () => {
    store = await db.openStore();
  });

  async function countSessionRows(): Promise<number> {
    const rows = await db.queryOther('SELECT count(*) AS n FROM intake_sessions');
    return Number(rows[0]?.['n']);
  }

  /** Adds Ada with a set-up token valid for 24 hours from T0; returns the user and the token's hash. */
  async function addAda(overrides: Partial<NewUser> = {}) {
    const setupTokenHash = hashToken(createToken());
    const user = await store.addUser({ ...ada, ...overrides }, { now: T0, setupTokenHash, setupExpiresAt: later(24 * HOUR), totpKey: KEY });
    return { user, setupTokenHash };
  }

  /** Adds Ada and completes her set-up, as the set-up page does. */
  async function addActiveAda(): Promise<IntakeUser> {
    const { user } = await addAda();
    await store.completeSetup(user.id, { passwordHash: PASSWORD_HASH, totpStep: 100 });
    return { ...user, active: true };
  }

  describe('users', () => {
    it('adds an inactive user with a lead-style id, the key given, and no password', async () => {
      const { user } = await addAda();
      expect(isLeadId(user.id)).toBe(true);
      expect(user).toEqual({ id: user.id, login: 'ada.l', name: 'Ada Lovelace', queues: ['intake-portland', 'referrals'], admin: false, active: false, disabledAt: null, createdAt: T0 });
      expect(await store.getCredentials('ada.l')).toEqual({ user, passwordHash: null, totpKey: KEY, totpLastStep: 0 });
      expect(await store.getCredentials('nobody')).toBeNull();
    });

    it('refuses a login already taken, and an invalid login', async () => {
      await addAda();
      await expect(addAda({ name: 'Another Ada' })).rejects.toThrow('The login "ada.l" is already taken: choose another, or reset that user.');
      await expect(addAda({ login: 'Ada L' })).rejects.toThrow(TypeError);
      expect(await store.listUsers()).toHaveLength(1);
    });

    it('lists users by login', async () => {
      await addAda();
      await addAda({ login: 'bo', name: 'Bo', queues: [], admin: true });
      expect((await store.listUsers()).map((user) => [user.login, user.admin])).toEqual([
        ['ada.l', false],
        ['bo', true],
      ]);
    });

    it('disables a user (once: the first time is kept), or says there is no such login', async () => {
      await addActiveAda();
      expect(await store.disableUser('ada.l', later(HOUR))).toMatchObject({ login: 'ada.l', disabledAt: later(HOUR), active: true });
      expect((await store.disableUser('ada.l', later(2 * HOUR)))?.disabledAt).toEqual(later(HOUR));
      expect(await store.disableUser('nobody', T0)).toBeNull();
    });
  });

  describe('set-up tokens', () => {
    it('finds the user by the token hash until it expires', async () => {
      const { user, setupTokenHash } = await addAda();
      expect((await store.findUserBySetupToken(setupTokenHash, later(24 * HOUR - 1)))?.user).toEqual(user);
      expect(await store.findUserBySetupToken(setupTokenHash, later(24 * HOUR))).toBeNull();
      expect(await store.findUserBySetupToken(hashToken('another'), T0)).toBeNull();
    });

    it('works once: set-up makes the user active with the password and first step, and uses the token up', async () => {
      const { user, setupTokenHash } = await addAda();
      await store.completeSetup(user.id, { passwordHash: PASSWORD_HASH, totpStep: 123 });
      expect(await store.getCredentials('ada.l')).toEqual({ user: { ...user, active: true }, passwordHash: PASSWORD_HASH, totpKey: KEY, totpLastStep: 123 });
      expect(await store.findUserBySetupToken(setupTokenHash, T0)).toBeNull();
      await expect(store.completeSetup(user.id, { passwordHash: 'scrypt$other', totpStep: 124 })).rejects.toThrow('has no set-up pending');
      expect((await store.getCredentials('ada.l'))?.passwordHash).toBe(PASSWORD_HASH);
    });

    it('is refused to a disabled user', async () => {
      const { user, setupTokenHash } = await addAda();
      await store.disableUser('ada.l', T0);
      expect(await store.findUserBySetupToken(setupTokenHash, T0)).toBeNull();
      await expect(store.completeSetup(user.id, { passwordHash: PASSWORD_HASH, totpStep: 1 })).rejects.toThrow('has no set-up pending');
    });

    it('reset: a new token and key, the old token dead, the user inactive and signed out', async () => {
      const { setupTokenHash: first } = await addAda();
      const user = (await store.findUserBySetupToken(first, T0))?.user;
      await store.completeSetup(user?.id ?? '', { passwordHash: PASSWORD_HASH, totpStep: 500 });
      await store.createSession({ idHash: 'session-1', userId: user?.id ?? '', csrfToken: 'csrf', now: T0 });

      const newKey = new Uint8Array(20).fill(9);
      const second = hashToken(createToken());
      const reset = await store.resetUser('ada.l', { setupTokenHash: second, setupExpiresAt: later(48 * HOUR), totpKey: newKey });
      expect(reset).toMatchObject({ login: 'ada.l', active: false });
      expect(await store.findUserBySetupToken(first, T0)).toBeNull();
      expect(await store.findUserBySetupToken(second, later(47 * HOUR))).toMatchObject({ passwordHash: null, totpKey: newKey, totpLastStep: 0 });
      // Ended, not only refused while inactive: set up again, the old session stays gone.
      await store.completeSetup(user?.id ?? '', { passwordHash: PASSWORD_HASH, totpStep: 600 });
      await store.createSession({ idHash: 'session-2', userId: user?.id ?? '', csrfToken: 'csrf', now: T0 });
      expect(await store.touchSession('session-1', { now: T0, idleMs: HOUR, absoluteMs: HOUR })).toBeNull();
      expect(await store.touchSession('session-2', { now: T0, idleMs: HOUR, absoluteMs: HOUR })).not.toBeNull();
      expect(await store.resetUser('nobody', { setupTokenHash: hashToken('x'), setupExpiresAt: T0, totpKey: newKey })).toBeNull();
    });
  });

  describe('useTotpStep', () => {
    it('records only a step later than the last one', async () => {
      const user = await addActiveAda();
      expect(await store.useTotpStep(user.id, 100)).toBe(false);
      expect(await store.useTotpStep(user.id, 99)).toBe(false);
      expect(await store.useTotpStep(user.id, 101)).toBe(true);
      expect(await store.useTotpStep(user.id, 101)).toBe(false);
      expect((await store.getCredentials('ada.l'))?.totpLastStep).toBe(101);
      expect(await store.useTotpStep('no-such-user', 1000)).toBe(false);
    });
  });

  describe('sessions', () => {
    const limits = { idleMs: HOUR, absoluteMs: 8 * HOUR };

    async function signIn(idHash = 'session-1') {
      const user = await addActiveAda();
      await store.createSession({ idHash, userId: user.id, csrfToken: 'csrf-1', now: T0 });
      return user;
    }

    it('returns the live session with its user, moving its last use to now', async () => {
      const user = await signIn();
      expect(await store.touchSession('session-1', { now: later(HOUR), ...limits })).toEqual({ user, createdAt: T0, lastSeenAt: later(HOUR), csrfToken: 'csrf-1' });
      // Each use moves the idle limit: an hour after the last use, not after sign-in.
      expect((await store.touchSession('session-1', { now: later(2 * HOUR), ...limits }))?.lastSeenAt).toEqual(later(2 * HOUR));
      expect(await store.touchSession('unknown', { now: T0, ...limits })).toBeNull();
    });

    it('ends a session idle longer than the idle limit, for good', async () => {
      await signIn();
      expect(await store.touchSession('session-1', { now: later(HOUR + 1), ...limits })).toBeNull();
      expect(await store.touchSession('session-1', { now: later(HOUR + 1), idleMs: 10 * HOUR, absoluteMs: 10 * HOUR })).toBeNull();
    });

    it('ends a session older than the absolute limit, however busy', async () => {
      await signIn();
      for (let hour = 1; hour <= 8; hour++) {
        expect(await store.touchSession('session-1', { now: later(hour * HOUR), ...limits }), `hour ${hour}`).not.toBeNull();
      }
      expect(await store.touchSession('session-1', { now: later(8 * HOUR + 1), ...limits })).toBeNull();
    });

    it('ends the sessions of a disabled user', async () => {
      await signIn();
      await store.disableUser('ada.l', T0);
      expect(await countSessionRows()).toBe(0);
      expect(await store.touchSession('session-1', { now: T0, ...limits })).toBeNull();
    });

    it('gives no session to a user who is not set up', async () => {
      const { user } = await addAda();
      await store.createSession({ idHash: 'session-early', userId: user.id, csrfToken: 'csrf', now: T0 });
      expect(await store.touchSession('session-early', { now: T0, ...limits })).toBeNull();
    });

    it('ends every session of a user, and only theirs', async () => {
      const user = await signIn('session-1');
      await store.createSession({ idHash: 'session-2', userId: user.id, csrfToken: 'csrf-2', now: T0 });
      const { user: bo } = await addAda({ login: 'bo', name: 'Bo' });
      await store.completeSetup(bo.id, { passwordHash: PASSWORD_HASH, totpStep: 1 });
      await store.createSession({ idHash: 'session-bo', userId: bo.id, csrfToken: 'csrf-bo', now: T0 });
      await store.endSessions(user.id);
      expect(await store.touchSession('session-1', { now: T0, ...limits })).toBeNull();
      expect(await store.touchSession('session-2', { now: T0, ...limits })).toBeNull();
      expect(await store.touchSession('session-bo', { now: T0, ...limits })).toMatchObject({ user: { login: 'bo' } });
    });

    it('refuses a session for a user that does not exist', async () => {
      await expect(store.createSession({ idHash: 'x', userId: 'nobody', csrfToken: 'c', now: T0 })).rejects.toThrow(db.foreignKeyError);
    });
  });

  describe('the audit log', () => {
    const entry = (n: number, overrides: object = {}) => ({ at: later(n * 1000), actor: 'ada.l', action: 'view-lead', leadId: `lead-${n % 2}`, client: '203.0.113.7', detail: null, ...overrides });

    it('lists entries newest first, by lead, by actor and up to a limit', async () => {
      for (let n = 1; n <= 4; n++) await store.audit(entry(n));
      await store.audit(entry(5, { actor: 'cli', action: 'user-add', leadId: null, client: 'cli', detail: 'bo: queues referrals' }));
      expect((await store.listAudit()).map((e) => e.at.getTime() - T0.getTime())).toEqual([5000, 4000, 3000, 2000, 1000]);
      expect(await store.listAudit({ limit: 1 })).toEqual([{ at: later(5000), actor: 'cli', action: 'user-add', leadId: null, client: 'cli', detail: 'bo: queues referrals' }]);
      expect((await store.listAudit({ leadId: 'lead-1' })).map((e) => e.at)).toEqual([later(3000), later(1000)]);
      expect((await store.listAudit({ actor: 'ada.l', leadId: 'lead-0', limit: 1 })).map((e) => e.at)).toEqual([later(4000)]);
      expect(await store.listAudit({ limit: 0 })).toEqual([]);
      await expect(store.listAudit({ limit: -1 })).rejects.toThrow(RangeError);
    });

    it('is append-only: the database refuses to change or delete a row', async () => {
      await store.audit(entry(1));
      await expect(db.queryOther("UPDATE intake_audit SET actor = 'someone-else'")).rejects.toThrow('intake_audit is append-only: rows cannot be changed');
      await expect(db.queryOther('DELETE FROM intake_audit')).rejects.toThrow('intake_audit is append-only: rows cannot be deleted');
      expect(await store.listAudit()).toEqual([entry(1)]);
    });
  });

  describe('the database', () => {
    it('shares the lead database: the lead store opens the same database at the same schema', async () => {
      await addAda();
      const leads = await db.openLeadStore();
      expect(await leads.count()).toBe(0);
    });

    it('keeps only hashes of the set-up token', async () => {
      const token = createToken();
      await store.addUser(ada, { now: T0, setupTokenHash: hashToken(token), setupExpiresAt: later(HOUR), totpKey: KEY });
      const [row] = await db.queryOther('SELECT setup_token_hash FROM intake_users');
      expect(row?.['setup_token_hash']).toBe(hashToken(token));
      expect(row?.['setup_token_hash']).toMatch(/^[0-9a-f]{64}$/);
    });

    it('rejects calls once closed', async () => {
      await store.close();
      await expect(store.listUsers()).rejects.toThrow('The intake store is closed');
      await expect(store.audit({ at: T0, actor: 'cli', action: 'user-list', leadId: null, client: 'cli', detail: null })).rejects.toThrow('The intake store is closed');
    });
  });
});
