import { ForbiddenError } from '../errors/app-error';
import type { GeographyCode, Role } from './roles';

/**
 * What a province official may see in detail: their own province, plus every unit of the other
 * geography that lies wholly inside it. So a vn-34 official also sees the old vn-63 provinces that
 * merged into their unit, and a vn-63 official sees a vn-34 unit only when it is their province alone
 * (e.g. Hà Nội, Cao Bằng) — never a merged unit, which holds other provinces' respondents.
 */
export interface ProvinceScope {
  geography: GeographyCode;
  province: string;
  covers: Readonly<Record<GeographyCode, readonly string[]>>;
}

/** One vn-63 province and the vn-34 unit it became part of (the `successor_code` of its row). */
export interface Merger { code63: string; unit34: string | null }

/**
 * The scope of an official of `province` in `geography`, given the mergers that concern it: for a
 * vn-34 unit, the vn-63 provinces whose successor it is; for a vn-63 province, those sharing its successor.
 */
export function buildProvinceScope(geography: GeographyCode, province: string, mergers: readonly Merger[]): ProvinceScope {
  if (geography === 'vn-34') {
    const old = mergers.filter((m) => m.unit34 === province).map((m) => m.code63).sort();
    return { geography, province, covers: { 'vn-34': [province], 'vn-63': old } };
  }
  const unit = mergers.find((m) => m.code63 === province)?.unit34 ?? null;
  const members = unit === null ? [] : mergers.filter((m) => m.unit34 === unit);
  const alone = members.length === 1 && members[0].code63 === province;
  return { geography, province, covers: { 'vn-63': [province], 'vn-34': alone && unit ? [unit] : [] } };
}

/** Who is asking, as far as province access is concerned. */
export interface ScopedUser { role: Role; scope: ProvinceScope | null }

/**
 * The provinces of `geography` whose detailed results, fieldwork and microdata the user may see:
 * `'all'` for national roles. Use it to filter lists; use {@link assertProvinceAccess} for one province.
 */
export function visibleProvinces(user: ScopedUser, geography: string): 'all' | readonly string[] {
  if (user.role !== 'province_official') return 'all';
  if (!user.scope || (geography !== 'vn-63' && geography !== 'vn-34')) return [];
  return user.scope.covers[geography];
}

export function canAccessProvince(user: ScopedUser, geography: string, provinceCode: string): boolean {
  const visible = visibleProvinces(user, geography);
  return visible === 'all' || visible.includes(provinceCode);
}

/**
 * Throws a 403 problem unless the user may see `provinceCode` of `geography` (a wave's
 * `geography_code`) in detail. National figures need no check: every role may see them.
 */
export function assertProvinceAccess(user: ScopedUser, geography: string, provinceCode: string): void {
  if (!canAccessProvince(user, geography, provinceCode)) {
    throw new ForbiddenError(
      'Bạn chỉ được xem dữ liệu chi tiết của tỉnh, thành phố mình phụ trách',
      'You may only see detailed data of the province you are responsible for',
    );
  }
}
