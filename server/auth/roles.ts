import type { GeographyCode, Role } from '../db/database';

export type { GeographyCode, Role };

/**
 * - `national_admin`: everything, including accounts and waves.
 * - `analyst`: every result and export, no account management.
 * - `province_official`: one province's detailed results, fieldwork and microdata, plus national figures.
 */
export const ROLES = ['national_admin', 'analyst', 'province_official'] as const satisfies readonly Role[];
export const GEOGRAPHIES = ['vn-63', 'vn-34'] as const satisfies readonly GeographyCode[];

export const ROLE_NAMES_VI: Record<Role, string> = {
  national_admin: 'Quản trị quốc gia',
  analyst: 'Chuyên viên phân tích',
  province_official: 'Cán bộ tỉnh',
};
