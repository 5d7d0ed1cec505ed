import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './auth.policy';
import { GEOGRAPHIES, ROLES } from './roles';

/** Same rule as the `users.username` check: letters, digits, dot, dash, underscore; 3–64 characters. */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

const role = z.enum(ROLES);
const geography = z.enum(GEOGRAPHIES);
const province = z.string().regex(/^\d{2}$/);
const displayName = z.string().trim().min(1).max(200);
// The length policy (≥ 12) is checked by the service, with its own message; this only bounds the input.
const password = z.string().max(PASSWORD_MAX_LENGTH);

export const newUserSchema = z.strictObject({
  username: z.string().regex(USERNAME_PATTERN),
  displayName,
  role,
  province: province.nullish(),
  geography: geography.nullish(),
  password,
});

export type NewUserInput = z.output<typeof newUserSchema>;

export const userChangesSchema = z.strictObject({
  displayName: displayName.optional(),
  role: role.optional(),
  province: province.nullish(),
  geography: geography.nullish(),
  disabled: z.boolean().optional(),
  /** A password reset by an administrator; also unlocks the account and ends its sessions. */
  password: password.optional(),
  unlock: z.literal(true).optional(),
});

export type UserChanges = z.output<typeof userChangesSchema>;
