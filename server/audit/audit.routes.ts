import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { requireRole } from '../auth/session.middleware';
import type { Database } from '../db/database';
import { parseBody } from '../http/parse-body';
import { listAudit, type AuditAction, type AuditRow } from './audit.repository';

const querySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().regex(/^\d{1,18}$/).optional(),
  action: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/).optional(),
  actor: z.coerce.number().int().positive().optional(),
  target: z.string().max(200).optional(),
});

function present(r: AuditRow) {
  return {
    id: r.id, at: r.at, actor: r.actor_id === null ? null : { id: r.actor_id, username: r.actor_username },
    action: r.action, target: r.target, details: r.details, ip: r.ip,
  };
}

/** `GET /api/audit?limit=&before=&action=&actor=&target=`: recent audit rows, newest first (national administrators). */
export function auditRoutes(db: Kysely<Database>): Router {
  const router = Router();
  router.get('/audit', requireRole('national_admin'), async (req, res) => {
    const q = parseBody(querySchema, req.query);
    const rows = await listAudit(db, { ...q, action: q.action as AuditAction | undefined, actorId: q.actor });
    res.json({ entries: rows.map(present), next: rows.length === q.limit ? rows[rows.length - 1].id : null });
  });
  return router;
}
