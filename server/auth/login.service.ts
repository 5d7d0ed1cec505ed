import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { accountDisabled, accountLocked, invalidCredentials, loginThrottled } from './auth.errors';
import { AUTH_POLICY, type AuthPolicy } from './auth.policy';
import { countFailuresFromIp, unknownLoginState } from './login-attempts.repository';
import { hashPassword, needsRehash, unmatchableHash, verifyPassword } from './password';
import { newToken, sessionIdOf } from './session-token';
import { deleteExpiredSessionsOfUser, deleteSession, insertSession } from './sessions.repository';
import { findCredentials, recordFailedAttempt, recordSuccessfulLogin, type UserRow } from './users.repository';

export interface LoginAttempt {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  /** The session token the browser still held, if any: it is ended, a login always starts afresh. */
  previousToken?: string;
}

export interface LoginResult {
  user: UserRow;
  /** Goes into the cookie; never stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Failures are grouped by this hash of the username, so a password typed as a username is not kept. */
const loginKey = (username: string) => createHash('sha256').update(username.toLowerCase()).digest('hex').slice(0, 32);
const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/**
 * Checks a username and password and opens a session. Refusals, in order: too many failures from the
 * address (429), a locked account (423), a wrong username or password (401, the same for both), a
 * disabled account (403, only once the password was right). Every failure is audited.
 */
export async function logIn(db: Kysely<Database>, attempt: LoginAttempt, policy: AuthPolicy = AUTH_POLICY): Promise<LoginResult> {
  const now = new Date();
  if (attempt.ip) {
    const since = new Date(now.getTime() - policy.ipWindowMs);
    if ((await countFailuresFromIp(db, attempt.ip, since)) >= policy.ipMaxFailures) {
      throw loginThrottled(Math.ceil(policy.ipWindowMs / 1000));
    }
  }
  const login = loginKey(attempt.username);
  const account = await findCredentials(db, attempt.username);
  // Always pay for one scrypt, so response time says nothing about whether the username exists.
  const passwordOk = await verifyPassword(attempt.password, account?.password_hash ?? await unmatchableHash());
  const fail = (reason: string) => recordAudit(db, {
    action: 'login_failed', actorId: null, ip: attempt.ip, target: account ? `user:${account.id}` : null,
    details: { reason, login, ...(account ? { username: account.username } : {}) },
  });

  if (!account) return refuseUnknown(db, login, now, policy, fail);

  if (account.locked_until && account.locked_until > now) {
    await fail('locked');
    throw accountLocked(secondsUntil(account.locked_until, now));
  }
  if (!passwordOk) {
    const lockUntil = new Date(now.getTime() + policy.lockoutMs);
    const { lockedNow } = await recordFailedAttempt(db, account.id, policy.maxFailedAttempts, lockUntil);
    await fail('wrong_password');
    if (!lockedNow) throw invalidCredentials();
    await recordAudit(db, {
      action: 'lockout', actorId: null, ip: attempt.ip, target: `user:${account.id}`,
      details: { login, username: account.username, until: lockUntil.toISOString() },
    });
    throw accountLocked(secondsUntil(lockUntil, now));
  }
  if (account.disabled) {
    await fail('disabled');
    throw accountDisabled();
  }
  return openSession(db, account, attempt, now, policy);
}

/** An unknown username goes through the same counting and locking as a real one, kept in the audit log. */
async function refuseUnknown(
  db: Kysely<Database>, login: string, now: Date, policy: AuthPolicy, fail: (reason: string) => Promise<void>,
): Promise<never> {
  const state = await unknownLoginState(db, login, new Date(now.getTime() - policy.unknownLoginWindowMs));
  const lockedUntil = state.lastLockout && new Date(state.lastLockout.getTime() + policy.lockoutMs);
  if (lockedUntil && lockedUntil > now) {
    await fail('locked');
    throw accountLocked(secondsUntil(lockedUntil, now));
  }
  await fail('unknown_user');
  if (state.failures + 1 < policy.maxFailedAttempts) throw invalidCredentials();
  await recordAudit(db, { action: 'lockout', actorId: null, target: null, details: { login } });
  throw accountLocked(Math.ceil(policy.lockoutMs / 1000));
}

async function openSession(
  db: Kysely<Database>, account: UserRow & { password_hash: string }, attempt: LoginAttempt, now: Date, policy: AuthPolicy,
): Promise<LoginResult> {
  const rehashed = needsRehash(account.password_hash) ? await hashPassword(attempt.password) : undefined;
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + policy.sessionAbsoluteMs);
  await db.transaction().execute(async (trx) => {
    if (attempt.previousToken) await deleteSession(trx, sessionIdOf(attempt.previousToken));
    await deleteExpiredSessionsOfUser(trx, account.id, now, policy.sessionIdleMs);
    await insertSession(trx, {
      id: sessionIdOf(token), userId: account.id, csrfToken, expiresAt, ip: attempt.ip, userAgent: attempt.userAgent,
    });
    await recordSuccessfulLogin(trx, account.id, now, rehashed);
    await recordAudit(trx, { action: 'login_success', actorId: account.id, ip: attempt.ip, target: `user:${account.id}` });
  });
  const { password_hash: _hash, ...user } = account;
  return { user: { ...user, failed_attempts: 0, locked_until: null, last_login_at: now }, token, csrfToken, expiresAt };
}
