import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/database';
import type { AppError } from '../errors/app-error';
import { accountDisabled, accountLocked, invalidCredentials, loginThrottled } from './auth.errors';
import { AUTH_POLICY, lockoutDurationMs, type AuthPolicy } from './auth.policy';
import { countFailuresFromIp, unknownLoginState } from './login-attempts.repository';
import { lockSignInAttempts } from './login-lock';
import { hashPassword, needsRehash, unmatchableHash, verifyPassword } from './password';
import { newToken, sessionIdOf } from './session-token';
import { deleteExpiredSessionsOfUser, deleteSession, insertSession } from './sessions.repository';
import { findCredentials, recordFailedAttempt, recordSuccessfulLogin, type UserRow } from './users.repository';

export interface LoginAttempt {
  username: string;
  password: string;
  /** The client's address as the trusted proxies saw it (see TRUST_PROXY); null when unknown. */
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

type Db = Kysely<Database> | Transaction<Database>;
type Account = UserRow & { password_hash: string };

/** Failures are grouped by this hash of the username, so a password typed as a username is not kept. */
const loginKey = (username: string) => createHash('sha256').update(username.toLowerCase()).digest('hex').slice(0, 32);
const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/**
 * Checks a username and password and opens a session. Refusals, in order: too many failures from the
 * address (429), a locked account (423), a wrong username or password (401, the same for both), a
 * disabled account (403, only once the password was right). Every failure is audited.
 *
 * Race-free under any concurrency: the refusals are checked once before the (slow) password hash, to
 * spare it when the answer is already known, and again after it while holding the sign-in locks of the
 * login and the address (login-lock.ts); the password is judged, and its failure counted, or its session
 * opened, under those locks. So of 40 parallel wrong passwords no more than the limit are judged, and a
 * right password arriving once the account is locked opens nothing.
 */
export async function logIn(db: Kysely<Database>, attempt: LoginAttempt, policy: AuthPolicy = AUTH_POLICY): Promise<LoginResult> {
  const login = loginKey(attempt.username);
  const early = await refusalBeforeJudging(db, login, attempt, new Date(), policy);
  if (early) {
    if (early.audit) await recordFailure(db, attempt, login, early.account, 'locked');
    throw early.error;
  }
  const account = await findCredentials(db, attempt.username);
  // Always pay for one scrypt, so response time says nothing about whether the username exists.
  const passwordOk = await verifyPassword(attempt.password, account?.password_hash ?? await unmatchableHash());
  const rehashed = account && passwordOk && needsRehash(account.password_hash) ? await hashPassword(attempt.password) : undefined;

  const outcome = await db.transaction().execute(async (trx): Promise<LoginResult | AppError> => {
    await lockSignInAttempts(trx, login, attempt.ip);
    const now = new Date();
    const refusal = await refusalBeforeJudging(trx, login, attempt, now, policy);
    if (refusal) {
      if (refusal.audit) await recordFailure(trx, attempt, login, refusal.account, 'locked');
      return refusal.error;
    }
    const current = await findCredentials(trx, attempt.username);
    if (!current) return judgeUnknown(trx, attempt, login, now, policy);
    // An administrator may have reset the password while it was being hashed: judge against the new one.
    const ok = current.password_hash === account?.password_hash ? passwordOk : await verifyPassword(attempt.password, current.password_hash);
    if (!ok) return judgeWrongPassword(trx, attempt, login, current, now, policy);
    if (current.disabled) {
      await recordFailure(trx, attempt, login, current, 'disabled');
      return accountDisabled();
    }
    return openSession(trx, current, attempt, now, policy, current.password_hash === account?.password_hash ? rehashed : undefined);
  });
  if (outcome instanceof Error) throw outcome;
  return outcome;
}

interface Refusal { error: AppError; audit: boolean; account: Account | undefined }

/** A refusal known without judging the password: the address is throttled, or the login is locked. */
async function refusalBeforeJudging(db: Db, login: string, attempt: LoginAttempt, now: Date, policy: AuthPolicy): Promise<Refusal | null> {
  if (attempt.ip && (await countFailuresFromIp(db, attempt.ip, new Date(now.getTime() - policy.ipWindowMs))) >= policy.ipMaxFailures) {
    return { error: loginThrottled(Math.ceil(policy.ipWindowMs / 1000)), audit: false, account: undefined };
  }
  const account = await findCredentials(db, attempt.username);
  const lockedUntil = account ? account.locked_until : await unknownLockedUntil(db, login, now, policy);
  if (lockedUntil && lockedUntil > now) return { error: accountLocked(secondsUntil(lockedUntil, now)), audit: true, account };
  return null;
}

async function unknownLockedUntil(db: Db, login: string, now: Date, policy: AuthPolicy): Promise<Date | null> {
  const state = await unknownLoginState(db, login, new Date(now.getTime() - policy.unknownLoginWindowMs));
  return state.lastLockout && new Date(state.lastLockout.getTime() + lockoutDurationMs(policy, state.lockouts));
}

function recordFailure(db: Db, attempt: LoginAttempt, login: string, account: UserRow | undefined, reason: string): Promise<void> {
  return recordAudit(db, {
    action: 'login_failed', actorId: null, ip: attempt.ip, target: account ? `user:${account.id}` : null,
    details: { reason, login, ...(account ? { username: account.username } : {}) },
  });
}

async function judgeWrongPassword(trx: Transaction<Database>, attempt: LoginAttempt, login: string, account: Account, now: Date, policy: AuthPolicy): Promise<AppError> {
  const { lockedUntil } = await recordFailedAttempt(trx, account, policy.maxFailedAttempts,
    (nth) => new Date(now.getTime() + lockoutDurationMs(policy, nth)));
  await recordFailure(trx, attempt, login, account, 'wrong_password');
  if (!lockedUntil) return invalidCredentials();
  await recordAudit(trx, {
    action: 'lockout', actorId: null, ip: attempt.ip, target: `user:${account.id}`,
    details: { login, username: account.username, until: lockedUntil.toISOString(), nth: account.lockouts + 1 },
  });
  return accountLocked(secondsUntil(lockedUntil, now));
}

/** An unknown username goes through the same counting and locking as a real one, kept in the audit log. */
async function judgeUnknown(trx: Transaction<Database>, attempt: LoginAttempt, login: string, now: Date, policy: AuthPolicy): Promise<AppError> {
  const state = await unknownLoginState(trx, login, new Date(now.getTime() - policy.unknownLoginWindowMs));
  await recordFailure(trx, attempt, login, undefined, 'unknown_user');
  if (state.failures + 1 < policy.maxFailedAttempts) return invalidCredentials();
  const lockedUntil = new Date(now.getTime() + lockoutDurationMs(policy, state.lockouts + 1));
  await recordAudit(trx, { action: 'lockout', actorId: null, ip: attempt.ip, target: null, details: { login, until: lockedUntil.toISOString(), nth: state.lockouts + 1 } });
  return accountLocked(secondsUntil(lockedUntil, now));
}

async function openSession(
  trx: Transaction<Database>, account: Account, attempt: LoginAttempt, now: Date, policy: AuthPolicy, rehashed: string | undefined,
): Promise<LoginResult> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + policy.sessionAbsoluteMs);
  if (attempt.previousToken) await deleteSession(trx, sessionIdOf(attempt.previousToken));
  await deleteExpiredSessionsOfUser(trx, account.id, now, policy.sessionIdleMs);
  await insertSession(trx, {
    id: sessionIdOf(token), userId: account.id, csrfToken, expiresAt, ip: attempt.ip, userAgent: attempt.userAgent,
  });
  await recordSuccessfulLogin(trx, account.id, now, rehashed);
  await recordAudit(trx, { action: 'login_success', actorId: account.id, ip: attempt.ip, target: `user:${account.id}` });
  const { password_hash: _hash, ...user } = account;
  return { user: { ...user, failed_attempts: 0, locked_until: null, lockouts: 0, last_login_at: now }, token, csrfToken, expiresAt };
}
