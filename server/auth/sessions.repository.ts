import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewSession {
  id: string;
  userId: number;
  csrfToken: string;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export async function insertSession(db: Db, s: NewSession): Promise<void> {
  await db.insertInto('sessions').values({
    id: s.id, user_id: s.userId, csrf_token: s.csrfToken, expires_at: s.expiresAt,
    ip: s.ip, user_agent: s.userAgent?.slice(0, 300) ?? null,
  }).execute();
}

/** The session with what requests need of its user. */
export function findSessionWithUser(db: Db, id: string) {
  return db.selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id', 'sessions.csrf_token', 'sessions.last_seen_at', 'sessions.expires_at',
      'users.id as user_id', 'users.username', 'users.display_name', 'users.role',
      'users.province_geography', 'users.province_code', 'users.disabled',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export type SessionWithUser = NonNullable<Awaited<ReturnType<typeof findSessionWithUser>>>;

export async function touchSession(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user (password reset, account disabled). */
export async function deleteSessionsOfUser(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Removes a user's sessions that are past their absolute or idle expiry. */
export async function deleteExpiredSessionsOfUser(db: Db, userId: number, now: Date, idleMs: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', new Date(now.getTime() - idleMs))]))
    .execute();
}
