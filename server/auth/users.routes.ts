import { Router, type Request } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { ValidationError } from '../errors/app-error';
import { jsonBody } from '../http/json-body';
import { parseBody } from '../http/parse-body';
import { actorOf, requireRole } from './session.middleware';
import { listUsers, type UserRow } from './users.repository';
import { newUserSchema, userChangesSchema } from './users.schema';
import { createAccount, unlockAccount, updateAccount } from './users.service';

/** An account as administrators see it. There is no password hash to leave out: queries never read it. */
export function presentUser(u: UserRow) {
  return {
    id: u.id, username: u.username, displayName: u.display_name, role: u.role,
    province: u.province_code ? { geography: u.province_geography, code: u.province_code } : null,
    disabled: u.disabled, failedAttempts: u.failed_attempts, lockedUntil: u.locked_until, lockouts: u.lockouts,
    lastLoginAt: u.last_login_at, createdAt: u.created_at,
  };
}

function userId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new ValidationError([{ field: 'id', rule: 'format', message: 'Mã tài khoản không hợp lệ', messageEn: 'Invalid user id' }]);
  }
  return id;
}

/** Account management, for national administrators only; every change is audited. */
export function userRoutes(db: Kysely<Database>): Router {
  const router = Router();
  const admin = requireRole('national_admin');
  const json = jsonBody({ limit: '8kb' });

  router.get('/users', admin, async (_req, res) => {
    res.json({ users: (await listUsers(db)).map(presentUser) });
  });

  router.post('/users', admin, json, async (req, res) => {
    const user = await createAccount(db, parseBody(newUserSchema, req.body), actorOf(req));
    res.status(201).json({ user: presentUser(user) });
  });

  router.patch('/users/:id', admin, json, async (req: Request<{ id: string }>, res) => {
    const user = await updateAccount(db, userId(req.params.id), parseBody(userChangesSchema, req.body), actorOf(req));
    res.json({ user: presentUser(user) });
  });

  /** Lifts a sign-in lock at once (the lock would otherwise end by itself, see AUTH_POLICY). */
  router.post('/users/:id/unlock', admin, async (req: Request<{ id: string }>, res) => {
    res.json({ user: presentUser(await unlockAccount(db, userId(req.params.id), actorOf(req))) });
  });

  return router;
}
