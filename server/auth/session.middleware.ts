import type { Request, RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { ForbiddenError, UnauthorizedError } from '../errors/app-error';
import { loadAuthUser, type AuthUser } from './auth-user';
import { csrfRefused } from './auth.errors';
import { AUTH_POLICY, type AuthPolicy } from './auth.policy';
import type { Role } from './roles';
import { clearSessionCookie, CSRF_HEADER, readCookie, SESSION_COOKIE, sessionIdOf, tokensMatch } from './session-token';
import { deleteSession, findSessionWithUser, touchSession, type SessionWithUser } from './sessions.repository';

export type { AuthUser };

interface AuthState {
  user?: AuthUser;
  session?: { id: string; csrfToken: string };
  /** A live session came with a state-changing request but without its CSRF token. */
  csrfRefused?: boolean;
}

const states = new WeakMap<Request, AuthState>();
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isExpired(s: SessionWithUser, now: Date, policy: AuthPolicy): boolean {
  return s.expires_at <= now || s.last_seen_at.getTime() + policy.sessionIdleMs <= now.getTime();
}

/**
 * Resolves the `sipas_session` cookie into the signed-in user, once per request, for every route
 * behind it. Role and scope are read from the users table each time, so changes apply at once.
 *
 * CSRF: a state-changing request (POST, PUT, PATCH, DELETE) is treated as signed in only when it
 * carries the session's token in `X-CSRF-Token`. Without it the request stays anonymous and
 * `requireUser` refuses it with 403 `csrf`, while public routes (citizens' responses) still work
 * even if the browser happens to hold an official's cookie.
 */
export function authSession(db: Kysely<Database>, policy: AuthPolicy = AUTH_POLICY): RequestHandler {
  return async (req, res, next) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (!token) return next();
    const now = new Date();
    const session = await findSessionWithUser(db, sessionIdOf(token));
    if (!session || session.disabled || isExpired(session, now, policy)) {
      if (session) await deleteSession(db, session.id);
      clearSessionCookie(req, res);
      return next();
    }
    if (!SAFE_METHODS.has(req.method) && !tokensMatch(req.get(CSRF_HEADER), session.csrf_token)) {
      states.set(req, { csrfRefused: true });
      return next();
    }
    if (now.getTime() - session.last_seen_at.getTime() >= policy.sessionTouchMs) await touchSession(db, session.id, now);
    states.set(req, { user: await loadAuthUser(db, { ...session, id: session.user_id }), session: { id: session.id, csrfToken: session.csrf_token } });
    next();
  };
}

/** The signed-in user, or null. Public routes that behave differently for officials use this. */
export function optionalUser(req: Request): AuthUser | null {
  return states.get(req)?.user ?? null;
}

function refusalFor(req: Request): Error {
  return states.get(req)?.csrfRefused ? csrfRefused() : new UnauthorizedError();
}

/** The signed-in user; throws 401 (or 403 `csrf`). Use after `requireUser()` or `requireRole(…)`. */
export function currentUser(req: Request): AuthUser {
  const user = optionalUser(req);
  if (!user) throw refusalFor(req);
  return user;
}

/** The current session's id and CSRF token (for the session and logout routes). */
export function currentSession(req: Request): { id: string; csrfToken: string } {
  const session = states.get(req)?.session;
  if (!session) throw refusalFor(req);
  return session;
}

/** Refuses anonymous requests with 401, and signed-in ones lacking the CSRF token with 403. */
export function requireUser(): RequestHandler {
  return (req, _res, next) => {
    currentUser(req);
    next();
  };
}

/** Like `requireUser()`, and refuses with 403 unless the user has one of `roles`. */
export function requireRole(...roles: [Role, ...Role[]]): RequestHandler {
  return (req, _res, next) => {
    if (!roles.includes(currentUser(req).role)) throw new ForbiddenError();
    next();
  };
}

/** Who is acting and from where, for `recordAudit`. */
export function actorOf(req: Request): { actorId: number | null; ip: string | null } {
  return { actorId: optionalUser(req)?.id ?? null, ip: req.ip ?? null };
}
