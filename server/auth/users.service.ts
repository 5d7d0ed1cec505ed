import type { Kysely, Transaction, Updateable } from 'kysely';
import { recordAudit, type AuditActor } from '../audit/audit.repository';
import type { Database, GeographyCode, Role, UsersTable } from '../db/database';
import { createAudited } from '../audit/create-audited';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../errors/app-error';
import { findProvince } from '../geography/geography.repository';
import { hashPassword, passwordPolicyIssues } from './password';
import { deleteSessionsOfUser } from './sessions.repository';
import { findUser, findUserByUsername, insertUser, updateUser, type UserRow } from './users.repository';
import type { NewUserInput, UserChanges } from './users.schema';

/** Who manages the account, for the audit log; `via: 'cli'` for the command line. */
export interface Actor extends AuditActor { via?: 'cli' }

type Scope = { geography: GeographyCode; province: string } | null;

const scopeIssue = (field: string, rule: string, message: string, messageEn: string): FieldIssue => ({ field, rule, message, messageEn });

/** A province official needs a province of an existing geography; nobody else may have one. */
async function checkScope(db: Kysely<Database> | Transaction<Database>, role: Role, province: string | null, geography: GeographyCode | null): Promise<Scope> {
  if (role !== 'province_official') {
    if (province || geography) {
      throw new ValidationError([scopeIssue('province', 'scope_not_allowed',
        'Chỉ tài khoản cán bộ tỉnh mới gắn với một tỉnh', 'Only province officials have a province')]);
    }
    return null;
  }
  const missing = [
    ...(province ? [] : [scopeIssue('province', 'required', 'Cán bộ tỉnh phải gắn với một tỉnh, thành phố', 'A province official needs a province')]),
    ...(geography ? [] : [scopeIssue('geography', 'required', 'Cần chọn danh mục địa giới (vn-63 hoặc vn-34)', 'Choose the geography (vn-63 or vn-34)')]),
  ];
  if (!province || !geography) throw new ValidationError(missing);
  if (!(await findProvince(db, geography, province))) {
    throw new ValidationError([scopeIssue('province', 'not_a_choice',
      `Không có tỉnh, thành phố mã ${province} trong danh mục ${geography}`, `No province ${province} in ${geography}`)]);
  }
  return { geography, province };
}

function usernameTaken(username: string): ConflictError {
  return new ConflictError('Tên đăng nhập đã được dùng', `The username "${username}" is taken`, [{
    field: 'username', rule: 'unique', message: 'Tên đăng nhập đã được dùng (không phân biệt hoa thường)',
    messageEn: 'The username is taken (case-insensitively)',
  }]);
}

/** Creates an account; the password must meet the policy. There is no default password anywhere. */
export async function createAccount(db: Kysely<Database>, input: NewUserInput, actor: Actor): Promise<UserRow> {
  const policy = passwordPolicyIssues(input.password, input.username, 'password', [input.displayName]);
  if (policy.length) throw new ValidationError(policy);
  const scope = await checkScope(db, input.role, input.province ?? null, input.geography ?? null);
  const passwordHash = await hashPassword(input.password);
  return createAudited(db, {
    exists: () => findUserByUsername(db, input.username),
    insert: (trx) => insertUser(trx, { username: input.username, displayName: input.displayName, role: input.role, scope, passwordHash }),
    audit: (user) => ({
      action: 'user_created', actorId: actor.actorId, ip: actor.ip, target: `user:${user.id}`,
      details: { username: user.username, role: user.role, scope, ...(actor.via ? { via: actor.via } : {}) },
    }),
    taken: () => usernameTaken(input.username),
  });
}

function nextScope(current: UserRow, changes: UserChanges, role: Role): { province: string | null; geography: GeographyCode | null } {
  const keepsCurrent = role === 'province_official' && current.role === 'province_official';
  return {
    province: changes.province !== undefined ? changes.province : keepsCurrent ? current.province_code : null,
    geography: changes.geography !== undefined ? changes.geography : keepsCurrent ? current.province_geography : null,
  };
}

/**
 * Changes an account. A new password (reset by an administrator) also unlocks it; a reset or
 * disabling ends its sessions. Administrators cannot demote or disable themselves, so the platform
 * cannot be left without one by accident.
 */
export async function updateAccount(db: Kysely<Database>, id: number, changes: UserChanges, actor: Actor): Promise<UserRow> {
  const current = await findUser(db, id);
  if (!current) throw new NotFoundError(`Không có tài khoản số ${id}`, `No user ${id}`);
  const role = changes.role ?? current.role;
  if (actor.actorId === id && (role !== current.role || changes.disabled === true)) {
    throw new ConflictError('Bạn không thể tự hạ quyền hoặc vô hiệu hóa tài khoản của chính mình',
      'You cannot demote or disable your own account');
  }
  const wanted = nextScope(current, changes, role);
  const scope = await checkScope(db, role, wanted.province, wanted.geography);
  if (changes.password !== undefined) {
    const policy = passwordPolicyIssues(changes.password, current.username, 'password', [changes.displayName ?? current.display_name]);
    if (policy.length) throw new ValidationError(policy);
  }
  const set: Updateable<UsersTable> = {
    role,
    province_geography: scope?.geography ?? null,
    province_code: scope?.province ?? null,
    ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
    ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
    ...(changes.password !== undefined ? { password_hash: await hashPassword(changes.password) } : {}),
    ...(changes.password !== undefined || changes.unlock ? { failed_attempts: 0, locked_until: null, lockouts: 0 } : {}),
  };
  return db.transaction().execute(async (trx) => {
    const user = (await updateUser(trx, id, set))!;
    if (changes.password !== undefined || changes.disabled === true) await deleteSessionsOfUser(trx, id);
    await recordAudit(trx, {
      action: 'user_updated', actorId: actor.actorId, ip: actor.ip, target: `user:${id}`,
      details: { username: user.username, changes: describeChanges(current, user, changes) },
    });
    return user;
  });
}

/**
 * Lifts an account's sign-in lock (the accounts page's "Mở khóa" button): its count of failures and of
 * lockouts in a row start again from zero, so its next lock is again the shortest. Audited even when the
 * account was not locked (an administrator's click is worth recording).
 */
export async function unlockAccount(db: Kysely<Database>, id: number, actor: Actor): Promise<UserRow> {
  return db.transaction().execute(async (trx) => {
    const before = await findUser(trx, id);
    if (!before) throw new NotFoundError(`Không có tài khoản số ${id}`, `No user ${id}`);
    const user = (await updateUser(trx, id, { failed_attempts: 0, locked_until: null, lockouts: 0 }))!;
    await recordAudit(trx, {
      action: 'user_unlocked', actorId: actor.actorId, ip: actor.ip, target: `user:${id}`,
      details: { username: user.username, lockedUntil: before.locked_until?.toISOString() ?? null, lockouts: before.lockouts, failedAttempts: before.failed_attempts },
    });
    return user;
  });
}

/** Before → after of each changed field; a password reset is only named, never shown. */
function describeChanges(before: UserRow, after: UserRow, changes: UserChanges): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = ['display_name', 'role', 'province_geography', 'province_code', 'disabled'] as const;
  for (const f of fields) if (before[f] !== after[f]) out[f] = { from: before[f], to: after[f] };
  if (changes.password !== undefined) out.password_reset = true;
  if (changes.unlock) out.unlocked = true;
  return out;
}
