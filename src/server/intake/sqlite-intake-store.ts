import type { DatabaseSync, SQLOutputValue, StatementSync } from 'node:sqlite';
import type { AuditEntry, IntakeSession, IntakeStore, IntakeUser, NewUser, UserCredentials } from '../../lib/intake/store.ts';
import { isValidLogin, LOGIN_RULE } from '../../lib/intake/login.ts';
import { createLeadIdFactory } from '../lead-id.ts';
import type { LeadIdFactory } from '../lead-id.ts';
import { openLeadDatabase, runInWriteTransaction } from '../sqlite-connection.ts';
import type { LeadDatabaseOptions } from '../sqlite-connection.ts';
import { toStoreError } from '../sqlite-errors.ts';

export interface SqliteIntakeStoreOptions extends LeadDatabaseOptions {
  /** Makes user ids; a fresh monotonic ULID-style factory by default. */
  newId?: LeadIdFactory;
}

const USER_COLUMNS = `id, login, name, queues, admin, password_hash, totp_key, totp_last_step,
  disabled_at, created_at`;
const SESSION_USER_COLUMNS = `u.id, u.login, u.name, u.queues, u.admin, u.password_hash, u.totp_key,
  u.totp_last_step, u.disabled_at, u.created_at, s.csrf_token, s.created_at AS session_created_at,
  s.last_seen_at`;

interface Statements {
  loginTaken: StatementSync;
  insertUser: StatementSync;
  getUserById: StatementSync;
  getUserByLogin: StatementSync;
  getUserBySetupToken: StatementSync;
  completeSetup: StatementSync;
  resetUser: StatementSync;
  disableUser: StatementSync;
  useTotpStep: StatementSync;
  listUsers: StatementSync;
  insertSession: StatementSync;
  getSession: StatementSync;
  touchSession: StatementSync;
  deleteSession: StatementSync;
  deleteSessionsOf: StatementSync;
  insertAudit: StatementSync;
}

/**
 * `IntakeStore` on the lead database file (its own connection, configured and migrated as the
 * lead store's). Every write is one `BEGIN IMMEDIATE` transaction; storage failures reject with
 * `StoreUnavailableError`, as the lead store's do.
 *
 * A user is active when a password is set: `completeSetup` sets it, `resetUser` clears it.
 * Disabled users keep their row (the audit log names them) and can't set up, and their sessions
 * are gone; `getCredentials` still returns them, so sign-in can say why it refuses.
 */
export class SqliteIntakeStore implements IntakeStore {
  readonly #db: DatabaseSync;
  readonly #statements: Statements;
  readonly #newId: LeadIdFactory;
  #closed = false;

  /** Opens (creating and migrating unless read-only) the database; throws `StoreUnavailableError` when storage is unusable. */
  static open(options: SqliteIntakeStoreOptions): SqliteIntakeStore {
    let db: DatabaseSync | undefined;
    try {
      db = openLeadDatabase(options);
      return new SqliteIntakeStore(db, options.newId ?? createLeadIdFactory());
    } catch (error) {
      db?.close();
      throw toStoreError(error, 'open the intake tables of the lead database');
    }
  }

  private constructor(db: DatabaseSync, newId: LeadIdFactory) {
    this.#db = db;
    this.#newId = newId;
    this.#statements = {
      loginTaken: db.prepare('SELECT 1 FROM intake_users WHERE login = ?'),
      insertUser: db.prepare(
        `INSERT INTO intake_users (id, login, name, queues, admin, password_hash, totp_key, totp_last_step,
           setup_token_hash, setup_expires_at, disabled_at, created_at)
         VALUES (?, ?, ?, ?, ?, NULL, ?, 0, ?, ?, NULL, ?)`,
      ),
      getUserById: db.prepare(`SELECT ${USER_COLUMNS} FROM intake_users WHERE id = ?`),
      getUserByLogin: db.prepare(`SELECT ${USER_COLUMNS} FROM intake_users WHERE login = ?`),
      getUserBySetupToken: db.prepare(
        `SELECT ${USER_COLUMNS} FROM intake_users
         WHERE setup_token_hash = ? AND setup_expires_at > ? AND disabled_at IS NULL`,
      ),
      completeSetup: db.prepare(
        `UPDATE intake_users SET password_hash = ?, totp_last_step = ?, setup_token_hash = NULL, setup_expires_at = NULL
         WHERE id = ? AND setup_token_hash IS NOT NULL AND disabled_at IS NULL`,
      ),
      resetUser: db.prepare(
        `UPDATE intake_users SET password_hash = NULL, totp_key = ?, totp_last_step = 0, setup_token_hash = ?, setup_expires_at = ?
         WHERE login = ? RETURNING id`,
      ),
      // The first disabling time is kept: disabling again changes nothing.
      disableUser: db.prepare(
        `UPDATE intake_users SET disabled_at = coalesce(disabled_at, ?), setup_token_hash = NULL, setup_expires_at = NULL
         WHERE login = ? RETURNING id`,
      ),
      useTotpStep: db.prepare('UPDATE intake_users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?'),
      listUsers: db.prepare(`SELECT ${USER_COLUMNS} FROM intake_users ORDER BY login`),
      insertSession: db.prepare('INSERT INTO intake_sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)'),
      getSession: db.prepare(`SELECT ${SESSION_USER_COLUMNS} FROM intake_sessions s JOIN intake_users u ON u.id = s.user_id WHERE s.id_hash = ?`),
      touchSession: db.prepare('UPDATE intake_sessions SET last_seen_at = ? WHERE id_hash = ?'),
      deleteSession: db.prepare('DELETE FROM intake_sessions WHERE id_hash = ?'),
      deleteSessionsOf: db.prepare('DELETE FROM intake_sessions WHERE user_id = ?'),
      insertAudit: db.prepare('INSERT INTO intake_audit (at, actor, action, lead_id, client, detail) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  addUser(user: NewUser, options: { now: Date; setupTokenHash: string; setupExpiresAt: Date; totpKey: Uint8Array }): Promise<IntakeUser> {
    if (!isValidLogin(user.login)) return Promise.reject(new TypeError(`The login "${user.login}" is not valid: use ${LOGIN_RULE}.`));
    return this.#write('add a user', () => {
      const statements = this.#statements;
      // Checked under the write lock, so the message is ours rather than a UNIQUE constraint's.
      if (statements.loginTaken.get(user.login) !== undefined) {
        throw new Error(`The login "${user.login}" is already taken: choose another, or reset that user.`);
      }
      const id = this.#newId(options.now);
      statements.insertUser.run(
        id,
        user.login,
        user.name,
        JSON.stringify(user.queues),
        user.admin ? 1 : 0,
        options.totpKey,
        options.setupTokenHash,
        options.setupExpiresAt.toISOString(),
        options.now.toISOString(),
      );
      return toUser(this.#requireUser(id));
    });
  }

  findUserBySetupToken(setupTokenHash: string, now: Date): Promise<UserCredentials | null> {
    return this.#read('find a set-up token', () => {
      const row = this.#statements.getUserBySetupToken.get(setupTokenHash, now.toISOString());
      return row === undefined ? null : toCredentials(row);
    });
  }

  /** Throws when the user has no set-up pending (already used, reset away, or disabled): a token works once. */
  completeSetup(userId: string, options: { passwordHash: string; totpStep: number }): Promise<void> {
    return this.#write("complete a user's set-up", () => {
      const changed = this.#statements.completeSetup.run(options.passwordHash, options.totpStep, userId).changes;
      if (Number(changed) === 0) throw new Error(`User ${userId} has no set-up pending: the link was used already, or the user is disabled.`);
    });
  }

  /** A disabled user stays disabled: the new link works only once they are enabled again. */
  resetUser(login: string, options: { setupTokenHash: string; setupExpiresAt: Date; totpKey: Uint8Array }): Promise<IntakeUser | null> {
    return this.#write('reset a user', () => {
      const row = this.#statements.resetUser.get(options.totpKey, options.setupTokenHash, options.setupExpiresAt.toISOString(), login);
      if (row === undefined) return null;
      const id = String(row['id']);
      this.#statements.deleteSessionsOf.run(id);
      return toUser(this.#requireUser(id));
    });
  }

  disableUser(login: string, now: Date): Promise<IntakeUser | null> {
    return this.#write('disable a user', () => {
      const row = this.#statements.disableUser.get(now.toISOString(), login);
      if (row === undefined) return null;
      const id = String(row['id']);
      this.#statements.deleteSessionsOf.run(id);
      return toUser(this.#requireUser(id));
    });
  }

  getCredentials(login: string): Promise<UserCredentials | null> {
    return this.#read('read a user', () => {
      const row = this.#statements.getUserByLogin.get(login);
      return row === undefined ? null : toCredentials(row);
    });
  }

  useTotpStep(userId: string, step: number): Promise<boolean> {
    if (!Number.isSafeInteger(step)) return Promise.reject(new RangeError(`A TOTP step is a whole number, got ${step}`));
    return this.#write('record a TOTP step', () => Number(this.#statements.useTotpStep.run(step, userId, step).changes) > 0);
  }

  listUsers(): Promise<IntakeUser[]> {
    return this.#read('list users', () => this.#statements.listUsers.all().map(toUser));
  }

  createSession(options: { idHash: string; userId: string; csrfToken: string; now: Date }): Promise<void> {
    return this.#write('create a session', () => {
      const now = options.now.toISOString();
      this.#statements.insertSession.run(options.idHash, options.userId, options.csrfToken, now, now);
    });
  }

  touchSession(idHash: string, options: { now: Date; idleMs: number; absoluteMs: number }): Promise<IntakeSession | null> {
    return this.#write('read a session', () => {
      const statements = this.#statements;
      const row = statements.getSession.get(idHash);
      if (row === undefined) return null;
      const user = toUser(row);
      const createdAt = new Date(String(row['session_created_at']));
      const lastSeenAt = new Date(String(row['last_seen_at']));
      const now = options.now.getTime();
      const live = now - lastSeenAt.getTime() <= options.idleMs && now - createdAt.getTime() <= options.absoluteMs && user.active && user.disabledAt === null;
      if (!live) {
        // A session that has lapsed never comes back: forget it now rather than keep its row.
        statements.deleteSession.run(idHash);
        return null;
      }
      statements.touchSession.run(options.now.toISOString(), idHash);
      return { user, createdAt, lastSeenAt: new Date(now), csrfToken: String(row['csrf_token']) };
    });
  }

  endSessions(userId: string): Promise<void> {
    return this.#write('end sessions', () => {
      this.#statements.deleteSessionsOf.run(userId);
    });
  }

  audit(entry: AuditEntry): Promise<void> {
    return this.#write('write the audit log', () => {
      this.#statements.insertAudit.run(entry.at.toISOString(), entry.actor, entry.action, entry.leadId, entry.client, entry.detail);
    });
  }

  listAudit(options: { limit?: number; leadId?: string; actor?: string } = {}): Promise<AuditEntry[]> {
    const limit = options.limit ?? -1;
    if (!Number.isInteger(limit) || (options.limit !== undefined && limit < 0)) {
      return Promise.reject(new RangeError(`Audit limit must be a whole number ≥ 0, got ${limit}`));
    }
    return this.#read('read the audit log', () => {
      const where: string[] = [];
      const values: string[] = [];
      if (options.leadId !== undefined) {
        where.push('lead_id = ?');
        values.push(options.leadId);
      }
      if (options.actor !== undefined) {
        where.push('actor = ?');
        values.push(options.actor);
      }
      const filter = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
      const rows = this.#db.prepare(`SELECT at, actor, action, lead_id, client, detail FROM intake_audit ${filter} ORDER BY seq DESC LIMIT ?`).all(...values, limit);
      return rows.map(toAuditEntry);
    });
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#db.close();
    }
    return Promise.resolve();
  }

  #requireUser(id: string): Record<string, SQLOutputValue> {
    const row = this.#statements.getUserById.get(id);
    if (row === undefined) throw new Error(`User ${id} vanished inside its own transaction`);
    return row;
  }

  #read<T>(action: string, read: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('The intake store is closed'));
    try {
      return Promise.resolve(read());
    } catch (error) {
      return Promise.reject(toStoreError(error, action));
    }
  }

  #write<T>(action: string, write: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('The intake store is closed'));
    try {
      return Promise.resolve(runInWriteTransaction(this.#db, write));
    } catch (error) {
      return Promise.reject(toStoreError(error, action));
    }
  }
}

// The columns are STRICT-typed and written only by this store, so these narrowings hold.
function toUser(row: Record<string, SQLOutputValue>): IntakeUser {
  const disabledAt = row['disabled_at'];
  return {
    id: String(row['id']),
    login: String(row['login']),
    name: String(row['name']),
    queues: JSON.parse(String(row['queues'])) as string[],
    admin: row['admin'] === 1,
    active: row['password_hash'] !== null,
    disabledAt: typeof disabledAt === 'string' ? new Date(disabledAt) : null,
    createdAt: new Date(String(row['created_at'])),
  };
}

function toCredentials(row: Record<string, SQLOutputValue>): UserCredentials {
  const passwordHash = row['password_hash'];
  return {
    user: toUser(row),
    passwordHash: typeof passwordHash === 'string' ? passwordHash : null,
    totpKey: new Uint8Array(row['totp_key'] as Uint8Array),
    totpLastStep: Number(row['totp_last_step']),
  };
}

function toAuditEntry(row: Record<string, SQLOutputValue>): AuditEntry {
  const text = (column: string): string | null => {
    const value = row[column];
    return typeof value === 'string' ? value : null;
  };
  return {
    at: new Date(String(row['at'])),
    actor: String(row['actor']),
    action: String(row['action']),
    leadId: text('lead_id'),
    client: String(row['client']),
    detail: text('detail'),
  };
}
