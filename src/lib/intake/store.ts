/**
 * The intake inbox's storage contract: staff accounts, their sessions and the audit log. The
 * SQLite implementation shares the lead database (src/server/intake/sqlite-intake-store.ts).
 * Secrets are stored only as hashes (passwords, set-up tokens, session ids); the audit log holds
 * no lead content, only who did what to which lead id, when and from where.
 */

export interface IntakeUser {
  /** 26 characters, like lead ids. */
  id: string;
  /** What the person types to sign in: lower-case letters, digits, `.`, `-`, `_`. */
  login: string;
  /** Their name, as colleagues see it in the timeline. */
  name: string;
  /** The queues whose leads they see and work (routing.yaml queue ids); admins see every queue. */
  queues: readonly string[];
  admin: boolean;
  /** False until the set-up link was used (a password and the first TOTP code given). */
  active: boolean;
  disabledAt: Date | null;
  createdAt: Date;
}

/** What sign-in needs to check, never shown. */
export interface UserCredentials {
  user: IntakeUser;
  /** `scrypt$…` (see src/server/intake/passwords.ts), or null before set-up. */
  passwordHash: string | null;
  /** The TOTP key (20 random bytes). */
  totpKey: Uint8Array;
  /** The last TOTP time step accepted: a code is never accepted twice. */
  totpLastStep: number;
}

export interface NewUser {
  login: string;
  name: string;
  queues: readonly string[];
  admin: boolean;
}

export interface IntakeSession {
  user: IntakeUser;
  createdAt: Date;
  lastSeenAt: Date;
  /** The synchronizer token every state-changing form of this session carries. */
  csrfToken: string;
}

/** One audited action. Never lead content: ids, the action, and a short non-personal detail. */
export interface AuditEntry {
  at: Date;
  /** The user's login, or `cli` for the command line, or the login tried for a failed sign-in. */
  actor: string;
  /** e.g. `sign-in`, `sign-in-failed`, `sign-out`, `view-lead`, `list-leads`, `user-add`. */
  action: string;
  leadId: string | null;
  /** The client's address, as the front door resolved it; `cli` from the command line. */
  client: string;
  /** A short non-personal note: a queue, a status, a count, why a sign-in failed. */
  detail: string | null;
}

export interface IntakeStore {
  /**
   * Creates an inactive user with a fresh TOTP key and a set-up token (stored hashed) valid until
   * `setupExpiresAt`. Rejects a login already taken.
   */
  addUser(user: NewUser, options: { now: Date; setupTokenHash: string; setupExpiresAt: Date; totpKey: Uint8Array }): Promise<IntakeUser>;
  /** The user whose unexpired, unused set-up token has this hash, or null. */
  findUserBySetupToken(setupTokenHash: string, now: Date): Promise<UserCredentials | null>;
  /** Sets the password, accepts the first TOTP step, marks the user active and uses up the token. */
  completeSetup(userId: string, options: { passwordHash: string; totpStep: number }): Promise<void>;
  /** A new set-up token and TOTP key for a user who lost theirs; ends their sessions; the user is inactive until set up again. */
  resetUser(login: string, options: { setupTokenHash: string; setupExpiresAt: Date; totpKey: Uint8Array }): Promise<IntakeUser | null>;
  /** Disables a user and ends their sessions. */
  disableUser(login: string, now: Date): Promise<IntakeUser | null>;
  getCredentials(login: string): Promise<UserCredentials | null>;
  /** Records a TOTP step as used, only if it is later than the last one (false: a replayed code). */
  useTotpStep(userId: string, step: number): Promise<boolean>;
  listUsers(): Promise<IntakeUser[]>;

  /** Stores a session under the hash of its id. */
  createSession(options: { idHash: string; userId: string; csrfToken: string; now: Date }): Promise<void>;
  /**
   * The live session with this id hash, its last use moved to `now`; null when unknown, ended,
   * idle longer than `idleMs`, older than `absoluteMs`, or its user is disabled or inactive.
   */
  touchSession(idHash: string, options: { now: Date; idleMs: number; absoluteMs: number }): Promise<IntakeSession | null>;
  /** Ends every session of the user (sign-out ends them everywhere). */
  endSessions(userId: string): Promise<void>;

  /** Appends to the audit log. */
  audit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(options?: { limit?: number; leadId?: string; actor?: string }): Promise<AuditEntry[]>;
}
