import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;

/** Failed logins from one client address since `since` (the per-address throttle). */
export async function countFailuresFromIp(db: Db, ip: string, since: Date): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'login_failed').where('ip', '=', ip).where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * For a username that belongs to no account: its lockouts within `since` (how many, and when the last
 * was), and how many failures it has had since the last one. The audit log plays the part of the
 * `failed_attempts`, `lockouts` and `locked_until` columns, so an unknown username is throttled exactly
 * like a real one and reveals nothing.
 */
export async function unknownLoginState(db: Db, login: string, since: Date): Promise<{ lastLockout: Date | null; lockouts: number; failures: number }> {
  const lockout = await db.selectFrom('audit_log')
    .select((eb) => [eb.fn.max('at').as('at'), eb.fn.countAll<string>().as('n')])
    .where('action', '=', 'lockout').where(sql<string>`details->>'login'`, '=', login).where('at', '>', since)
    .executeTakeFirst();
  const lastLockout = lockout?.at ? new Date(lockout.at) : null;
  // Compared in SQL: a JavaScript Date would cut the lockout's microseconds and count the failure that locked.
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'login_failed').where(sql<string>`details->>'login'`, '=', login)
    .where(sql<string>`details->>'reason'`, '=', 'unknown_user').where('at', '>', since)
    .where(sql<boolean>`at > coalesce((select max(l.at) from audit_log l where l.action = 'lockout'
      and l.details->>'login' = ${login} and l.at > ${since}), '-infinity'::timestamptz)`)
    .executeTakeFirstOrThrow();
  return { lastLockout, lockouts: Number(lockout?.n ?? 0), failures: Number(row.n) };
}
