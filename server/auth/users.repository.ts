import { sql, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { Database, GeographyCode, Role, UsersTable } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;

/** A user as every query here returns it: the password hash is only ever read by {@link findCredentials}. */
export type UserRow = Omit<Selectable<UsersTable>, 'password_hash'>;

const USER_COLUMNS = [
  'id', 'username', 'display_name', 'role', 'province_geography', 'province_code',
  'failed_attempts', 'locked_until', 'lockouts', 'disabled', 'last_login_at', 'created_at',
] as const;

export function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').select(USER_COLUMNS).orderBy('username').execute();
}

export function findUser(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS)
    .where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
}

/** The user with their password hash, for checking a login and nothing else. */
export function findCredentials(db: Db, username: string): Promise<(UserRow & { password_hash: string }) | undefined> {
  return db.selectFrom('users').select([...USER_COLUMNS, 'password_hash'])
    .where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  scope: { geography: GeographyCode; province: string } | null;
  passwordHash: string;
}

export function insertUser(db: Db, user: NewUser): Promise<UserRow> {
  return db.insertInto('users').values({
    username: user.username,
    display_name: user.displayName,
    role: user.role,
    province_geography: user.scope?.geography ?? null,
    province_code: user.scope?.province ?? null,
    password_hash: user.passwordHash,
  }).returning(USER_COLUMNS).executeTakeFirstOrThrow();
}

export function updateUser(db: Db, id: number, changes: Updateable<UsersTable>): Promise<UserRow | undefined> {
  return db.updateTable('users').set(changes).where('id', '=', id).returning(USER_COLUMNS).executeTakeFirst();
}

/**
 * Counts one more wrong password. The caller holds the account's sign-in lock (login-lock.ts), so
 * attempts are counted one at a time. The attempt that reaches `maxAttempts` locks the account until
 * `lockUntil(lockouts so far + 1)`, counts the lockout and restarts the count.
 */
export async function recordFailedAttempt(
  db: Db, account: Pick<UserRow, 'id' | 'failed_attempts' | 'lockouts'>, maxAttempts: number, lockUntil: (nth: number) => Date,
): Promise<{ lockedUntil: Date | null }> {
  const reached = account.failed_attempts + 1 >= maxAttempts;
  const lockedUntil = reached ? lockUntil(account.lockouts + 1) : null;
  await db.updateTable('users').set(reached
    ? { failed_attempts: 0, locked_until: lockedUntil, lockouts: account.lockouts + 1 }
    : { failed_attempts: account.failed_attempts + 1 }).where('id', '=', account.id).execute();
  return { lockedUntil };
}

export async function recordSuccessfulLogin(db: Db, id: number, now: Date, newPasswordHash?: string): Promise<void> {
  await db.updateTable('users').set({
    failed_attempts: 0,
    locked_until: null,
    lockouts: 0,
    last_login_at: now,
    ...(newPasswordHash ? { password_hash: newPasswordHash } : {}),
  }).where('id', '=', id).execute();
}
