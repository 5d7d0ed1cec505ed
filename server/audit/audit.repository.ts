import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;

/** What the audit log records. Add a name here when a new kind of action is audited; no migration needed. */
export type AuditAction =
  | 'login_success'
  | 'login_failed'
  | 'lockout'
  | 'logout'
  | 'sample_frame_uploaded'
  | 'sample_drawn'
  | 'invitations_issued'
  | 'paper_forms_printed'
  | 'paper_scans_read'
  | 'paper_form_settled'
  | 'paper_form_keyed'
  | 'margins_uploaded'
  | 'transactions_uploaded'
  | 'response_excluded'
  | 'response_included'
  | 'user_created'
  | 'user_updated'
  | 'user_unlocked'
  | 'wave_created'
  | 'wave_updated'
  | 'run_started'
  | 'run_published'
  | 'run_unpublished'
  | 'service_point_created'
  | 'service_point_updated'
  | 'kiosk_enrolment_code_issued'
  | 'kiosk_enrolled'
  | 'kiosk_revoked'
  | 'kiosk_rate_limited'
  | 'export';

export interface AuditEntry {
  action: AuditAction;
  /** The signed-in user who acted; null for anonymous attempts and the command line. */
  actorId: number | null;
  /** What was acted on, as `kind:id`, e.g. `user:12`, `wave:sipas-2026`. */
  target?: string | null;
  /** Never passwords, tokens or respondents' answers. */
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Who acted and from where; `actorOf(req)` in auth/session.middleware.ts gives it for a request. */
export type AuditActor = Pick<AuditEntry, 'actorId' | 'ip'>;

/**
 * For the `details` of an update: `{ from, to }` under each name of `fields` (name → column) whose column
 * differs between `before` and `after`.
 */
export function changedFields<T>(before: T, after: T, fields: Record<string, keyof T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [name, column] of Object.entries(fields)) {
    if (before[column] !== after[column]) changes[name] = { from: before[column], to: after[column] };
  }
  return changes;
}

/** Appends one row. Call it inside the transaction that makes the change, so both happen or neither. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values({
    action: entry.action,
    actor_id: entry.actorId,
    target: entry.target ?? null,
    details: JSON.stringify(entry.details ?? {}),
    ip: entry.ip ?? null,
  }).execute();
}

export interface AuditQuery {
  limit: number;
  /** Only rows older than this id (the last id of the previous page). */
  before?: string;
  action?: AuditAction;
  actorId?: number;
  target?: string;
}

/** The most recent rows first, with the actor's username. */
export function listAudit(db: Db, q: AuditQuery) {
  let query = db.selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.id', 'audit_log.at', 'audit_log.actor_id', 'users.username as actor_username',
      'audit_log.action', 'audit_log.target', 'audit_log.details', 'audit_log.ip',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(q.limit);
  if (q.before) query = query.where('audit_log.id', '<', q.before);
  if (q.action) query = query.where('audit_log.action', '=', q.action);
  if (q.actorId !== undefined) query = query.where('audit_log.actor_id', '=', q.actorId);
  if (q.target) query = query.where('audit_log.target', '=', q.target);
  return query.execute();
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>[number];
