import type { Kysely } from 'kysely';
import type { Database, GeographyCode } from '../db/database';
import type { ProvinceScope } from './province-scope';
import { loadProvinceScope } from './province-scope.repository';
import type { Role } from './roles';

/** The signed-in official, as route handlers and services see them. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Set for province officials only; pass the user to `assertProvinceAccess`. */
  scope: ProvinceScope | null;
}

interface UserFields {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  province_geography: GeographyCode | null;
  province_code: string | null;
}

export async function loadAuthUser(db: Kysely<Database>, u: UserFields): Promise<AuthUser> {
  const scope = u.role === 'province_official' && u.province_geography && u.province_code
    ? await loadProvinceScope(db, u.province_geography, u.province_code)
    : null;
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, scope };
}

/** What `GET /api/auth/session` and `POST /api/auth/login` say about the user. */
export function presentAuthUser(u: AuthUser) {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, scope: u.scope };
}
