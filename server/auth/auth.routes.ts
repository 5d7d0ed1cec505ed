import { Router, type RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { jsonBody } from '../http/json-body';
import { parseBody } from '../http/parse-body';
import { loadAuthUser, presentAuthUser } from './auth-user';
import { jsonRequired } from './auth.errors';
import { AUTH_POLICY, PASSWORD_MAX_LENGTH } from './auth.policy';
import { logIn } from './login.service';
import { actorOf, currentSession, currentUser, requireUser } from './session.middleware';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from './session-token';
import { deleteSession } from './sessions.repository';

const loginSchema = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

/**
 * Login CSRF (a hostile page signing the browser in as the attacker) is stopped by accepting only
 * `Content-Type: application/json`: an HTML form can send only urlencoded, multipart or text/plain
 * bodies, and a cross-site script can send JSON only after a CORS preflight, which this server never
 * approves. The login needs no CSRF token because there is no session yet to bind one to.
 */
const jsonOnly: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) throw jsonRequired();
  next();
};

const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/** Sign in, sign out, and who am I (with the CSRF token the client sends back on every change). */
export function authRoutes(db: Kysely<Database>): Router {
  const router = Router();

  router.post('/auth/login', noStore, jsonOnly, jsonBody({ limit: '4kb' }), async (req, res) => {
    const { username, password } = parseBody(loginSchema, req.body);
    const result = await logIn(db, {
      username, password, ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null,
      previousToken: readCookie(req, SESSION_COOKIE),
    });
    setSessionCookie(req, res, result.token, AUTH_POLICY.sessionAbsoluteMs);
    const user = await loadAuthUser(db, result.user);
    res.json({ user: presentAuthUser(user), csrfToken: result.csrfToken, expiresAt: result.expiresAt });
  });

  router.post('/auth/logout', requireUser(), async (req, res) => {
    const session = currentSession(req);
    await db.transaction().execute(async (trx) => {
      await deleteSession(trx, session.id);
      await recordAudit(trx, { ...actorOf(req), action: 'logout', target: `user:${currentUser(req).id}` });
    });
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.get('/auth/session', noStore, requireUser(), (req, res) => {
    res.json({ user: presentAuthUser(currentUser(req)), csrfToken: currentSession(req).csrfToken });
  });

  return router;
}
