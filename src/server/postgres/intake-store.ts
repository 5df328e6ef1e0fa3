import type pg from 'pg';
import type { AuditEntry, IntakeSession, IntakeStore, IntakeUser, NewUser, UserCredentials } from '../../lib/intake/store.ts';
import { isValidLogin, LOGIN_RULE } from '../../lib/intake/login.ts';
import { createLeadIdFactory } from '../lead-id.ts';
import type { LeadIdFactory } from '../lead-id.ts';
import { createPostgresPool, runInTransaction } from './connection.ts';
import type { PostgresConnectionOptions, Queryable } from './connection.ts';
import { toPostgresStoreError } from './errors.ts';
import { applyPostgresMigrations, POSTGRES_LEAD_MIGRATIONS } from './migrations.ts';
import { InFlight } from './in-flight.ts';

export interface PostgresIntakeStoreOptions extends PostgresConnectionOptions {
  /** Makes user ids; a fresh monotonic ULID-style factory by default. */
  newId?: LeadIdFactory;
}

const USER_COLUMNS = `id, login, name, queues, admin, password_hash, totp_key, totp_last_step,
  disabled_at, created_at`;
const SESSION_USER_COLUMNS = `u.id, u.login, u.name, u.queues, u.admin, u.password_hash, u.totp_key,
  u.totp_last_step, u.disabled_at, u.created_at, s.csrf_token, s.created_at AS session_created_at,
  s.last_seen_at`;

interface UserRow {
  id: string;
  login: string;
  name: string;
  queues: string[];
  admin: boolean;
  password_hash: string | null;
  totp_key: Buffer;
  // bigint: pg gives it as text, so that no value loses digits.
  totp_last_step: string;
  disabled_at: Date | null;
  created_at: Date;
}

interface SessionRow extends UserRow {
  csrf_token: string;
  session_created_at: Date;
  last_seen_at: Date;
}

interface AuditRow {
  at: Date;
  actor: string;
  action: string;
  lead_id: string | null;
  client: string;
  detail: string | null;
}

/**
 * `IntakeStore` on the PostgreSQL lead database (a pool of its own, migrated as the lead store's),
 * with the SQLite store's behaviour, and shared by any number of servers: sessions, set-up tokens
 * and TOTP steps are rows, so a session made on one server is live on every other, and a TOTP code
 * is accepted once across them all (the step is raised by one conditional UPDATE, which waits for
 * another server's uncommitted raise and then re-checks). The audit log is append-only: the
 * schema's triggers refuse UPDATE, DELETE and TRUNCATE. Storage failures reject with
 * `StoreUnavailableError`, as the lead store's do.
 *
 * A user is active when a password is set: `completeSetup` sets it, `resetUser` clears it.
 * Disabled users keep their row (the audit log names them) and can't set up, and their sessions
 * are gone; `getCredentials` still returns them, so sign-in can say why it refuses.
 */
export class PostgresIntakeStore implements IntakeStore {
  readonly #pool: pg.Pool;
  readonly #newId: LeadIdFactory;
  readonly #inFlight = new InFlight();
  #closed = false;

  /** Connects and migrates the database (under the migrations' advisory lock); throws `StoreUnavailableError` when the server can't be reached. */
  static async open(options: PostgresIntakeStoreOptions): Promise<PostgresIntakeStore> {
    const pool = createPostgresPool(options);
    try {
      await applyPostgresMigrations(pool, POSTGRES_LEAD_MIGRATIONS);
      return new PostgresIntakeStore(pool, options.newId ?? createLeadIdFactory());
    } catch (error) {
      await pool.end().catch(() => {});
      throw toPostgresStoreError(error, 'open the intake tables of the lead database');
    }
  }

  private constructor(pool: pg.Pool, newId: LeadIdFactory) {
    this.#pool = pool;
    this.#newId = newId;
  }

  addUser(user: NewUser, options: { now: Date; setupTokenHash: string; setupExpiresAt: Date; totpKey: Uint8Array }): Promise<IntakeUser> {
    if (!isValidLogin(user.login)) return Promise.reject(new TypeError(`The login "${user.login}" is not valid: use ${LOGIN_RULE}.`));
    const id = this.#newId(options.now);
    return this.#run('add a user', async (db) => {
      // ON CONFLICT waits for another server's uncommitted user of the same login, so the message
      // is ours rather than a unique constraint's, whoever wins.
      const { rows } = await db.query<UserRow>(
        `INSERT INTO intake_users (id, login, name, queues, admin, password_hash, totp_key, totp_last_step,
           setup_token_hash, setup_expires_at, disabled_at, created_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, NULL, $6, 0, $7, $8, NULL, $9)
         ON CONFLICT (login) DO NOTHING
         RETURNING ${USER_COLUMNS}`,
        [id, user.login, user.name, JSON.stringify(user.queues), user.admin, Buffer.from(options.totpKey), options.setupTokenHash, options.setupExpiresAt, options.now],
      );
      if (rows[0] === undefined) throw new Error(`The login "${user.login}" is already taken: choose another, or reset that user.`);
      return toUser(rows[0]);
    });
  }

  findUserBySetupToken(setupTokenHash: string, now: Date): Promise<UserCredentials | null> {
    return this.#run('find a set-up token', async (db) => {
      const { rows } = await db.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM intake_users
         WHERE setup_token_hash = $1 AND setup_expires_at > $2 AND disabled_at IS NULL`,
        [setupTokenHash, now],
      );
      return rows[0] === undefined ? null : toCredentials(rows[0]);
    });
  }

  /** Throws when the user has no set-up pending (already used, reset away, or disabled): a token works once. */
  completeSetup(userId: string, options: { passwordHash: string; totpStep: number }): Promise<void> {
    return this.#run("complete a user's set-up", async (db) => {
      const { rowCount } = await db.query(
        `UPDATE intake_users SET password_hash = $1, totp_last_step = $2, setup_token_hash = NULL, setup_expires_at = NULL
         WHERE id = $3 AND setup_token_hash IS NOT NULL AND disabled_at IS NULL`,
        [options.passwordHash, options.totpStep, userId],
      );
      if (rowCount === 0) throw new Error(`User ${userId} has no set-up pending: the link was used already, or the user is disabled.`);
    });
  }

  /** A disabled user stays disabled: the new link works only once they are enabled again. */
  resetUser(login: string, options: { setupTokenHash: string; setupExpiresAt: Date; totpKey: Uint8Array }): Promise<IntakeUser | null> {
    return this.#write('reset a user', async (client) => {
      const { rows } = await client.query<UserRow>(
        `UPDATE intake_users SET password_hash = NULL, totp_key = $1, totp_last_step = 0, setup_token_hash = $2, setup_expires_at = $3
         WHERE login = $4 RETURNING ${USER_COLUMNS}`,
        [Buffer.from(options.totpKey), options.setupTokenHash, options.setupExpiresAt, login],
      );
      if (rows[0] === undefined) return null;
      await deleteSessionsOf(client, rows[0].id);
      return toUser(rows[0]);
    });
  }

  disableUser(login: string, now: Date): Promise<IntakeUser | null> {
    return this.#write('disable a user', async (client) => {
      // The first disabling time is kept: disabling again changes nothing.
      const { rows } = await client.query<UserRow>(
        `UPDATE intake_users SET disabled_at = coalesce(disabled_at, $1), setup_token_hash = NULL, setup_expires_at = NULL
         WHERE login = $2 RETURNING ${USER_COLUMNS}`,
        [now, login],
      );
      if (rows[0] === undefined) return null;
      await deleteSessionsOf(client, rows[0].id);
      return toUser(rows[0]);
    });
  }

  getCredentials(login: string): Promise<UserCredentials | null> {
    return this.#run('read a user', async (db) => {
      const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM intake_users WHERE login = $1`, [login]);
      return rows[0] === undefined ? null : toCredentials(rows[0]);
    });
  }

  useTotpStep(userId: string, step: number): Promise<boolean> {
    if (!Number.isSafeInteger(step)) return Promise.reject(new RangeError(`A TOTP step is a whole number, got ${step}`));
    return this.#run('record a TOTP step', async (db) => {
      const { rowCount } = await db.query('UPDATE intake_users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1', [step, userId]);
      return (rowCount ?? 0) > 0;
    });
  }

  listUsers(): Promise<IntakeUser[]> {
    return this.#run('list users', async (db) => {
      // Byte order, as SQLite sorts, whatever the database's locale.
      const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM intake_users ORDER BY login COLLATE "C"`);
      return rows.map(toUser);
    });
  }

  createSession(options: { idHash: string; userId: string; csrfToken: string; now: Date }): Promise<void> {
    return this.#run('create a session', async (db) => {
      await db.query('INSERT INTO intake_sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)', [
        options.idHash,
        options.userId,
        options.csrfToken,
        options.now,
      ]);
    });
  }

  touchSession(idHash: string, options: { now: Date; idleMs: number; absoluteMs: number }): Promise<IntakeSession | null> {
    return this.#write('read a session', async (client) => {
      // Locked, so that another server ending or touching it at once waits for this decision.
      const { rows } = await client.query<SessionRow>(
        `SELECT ${SESSION_USER_COLUMNS} FROM intake_sessions s JOIN intake_users u ON u.id = s.user_id
         WHERE s.id_hash = $1 FOR UPDATE OF s`,
        [idHash],
      );
      const row = rows[0];
      if (row === undefined) return null;
      const user = toUser(row);
      const now = options.now.getTime();
      const live = now - row.last_seen_at.getTime() <= options.idleMs && now - row.session_created_at.getTime() <= options.absoluteMs && user.active && user.disabledAt === null;
      if (!live) {
        // A session that has lapsed never comes back: forget it now rather than keep its row.
        await client.query('DELETE FROM intake_sessions WHERE id_hash = $1', [idHash]);
        return null;
      }
      await client.query('UPDATE intake_sessions SET last_seen_at = $1 WHERE id_hash = $2', [options.now, idHash]);
      return { user, createdAt: row.session_created_at, lastSeenAt: new Date(now), csrfToken: row.csrf_token };
    });
  }

  endSessions(userId: string): Promise<void> {
    return this.#run('end sessions', (db) => deleteSessionsOf(db, userId));
  }

  audit(entry: AuditEntry): Promise<void> {
    return this.#run('write the audit log', async (db) => {
      await db.query('INSERT INTO intake_audit (at, actor, action, lead_id, client, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
        entry.at,
        entry.actor,
        entry.action,
        entry.leadId,
        entry.client,
        entry.detail,
      ]);
    });
  }

  listAudit(options: { limit?: number; leadId?: string; actor?: string } = {}): Promise<AuditEntry[]> {
    const limit = options.limit ?? null;
    if (limit !== null && (!Number.isInteger(limit) || limit < 0)) {
      return Promise.reject(new RangeError(`Audit limit must be a whole number ≥ 0, got ${limit}`));
    }
    return this.#run('read the audit log', async (db) => {
      const where: string[] = [];
      const values: (string | number | null)[] = [];
      if (options.leadId !== undefined) {
        values.push(options.leadId);
        where.push(`lead_id = $${values.length}`);
      }
      if (options.actor !== undefined) {
        values.push(options.actor);
        where.push(`actor = $${values.length}`);
      }
      values.push(limit);
      const filter = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
      // LIMIT NULL is no limit.
      const { rows } = await db.query<AuditRow>(`SELECT at, actor, action, lead_id, client, detail FROM intake_audit ${filter} ORDER BY seq DESC LIMIT $${values.length}`, values);
      return rows.map(toAuditEntry);
    });
  }

  /** Waits for the calls under way, then closes the pool's connections. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#inFlight.settle();
    await this.#pool.end();
  }

  /** One statement on the pool (its own implicit transaction). */
  #run<T>(action: string, work: (db: Queryable) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('The intake store is closed'));
    return this.#inFlight.track(work(this.#pool).catch((error: unknown) => Promise.reject(toPostgresStoreError(error, action))));
  }

  /** Several statements in one transaction on one connection. */
  #write<T>(action: string, write: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('The intake store is closed'));
    return this.#inFlight.track(runInTransaction(this.#pool, action, write));
  }
}

async function deleteSessionsOf(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM intake_sessions WHERE user_id = $1', [userId]);
}

function toUser(row: UserRow): IntakeUser {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    queues: row.queues,
    admin: row.admin,
    active: row.password_hash !== null,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}

function toCredentials(row: UserRow): UserCredentials {
  return {
    user: toUser(row),
    passwordHash: row.password_hash,
    totpKey: new Uint8Array(row.totp_key),
    totpLastStep: Number(row.totp_last_step),
  };
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return { at: row.at, actor: row.actor, action: row.action, leadId: row.lead_id, client: row.client, detail: row.detail };
}
