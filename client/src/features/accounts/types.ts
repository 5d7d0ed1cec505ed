import type { Role } from '../../lib/session';

export type Geography = 'vn-63' | 'vn-34';

/** An account as GET /api/users lists it. */
export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  province: { geography: Geography; code: string } | null;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
  /** Locks in a row since the last sign-in or unlock: the next one lasts twice as long. */
  lockouts: number;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UnitOption { code: string; nameVi: string; nameEn: string }

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  national_admin: { vi: 'Quản trị quốc gia', en: 'National administrator' },
  analyst: { vi: 'Chuyên viên phân tích', en: 'Analyst' },
  province_official: { vi: 'Cán bộ tỉnh', en: 'Province official' },
};
