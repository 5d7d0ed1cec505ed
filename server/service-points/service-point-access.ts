import type { AuthUser } from '../auth/auth-user';
import { canAccessProvince } from '../auth/province-scope';
import { ForbiddenError } from '../errors/app-error';

/**
 * Who may register a service point, or enrol and revoke kiosks at one: national administrators
 * anywhere, a province official within their province (as their scope defines it), nobody else.
 */
export function assertMayManageServicePoints(user: AuthUser, geography: string, province: string): void {
  const allowed = user.role === 'national_admin'
    || (user.role === 'province_official' && canAccessProvince(user, geography, province));
  if (!allowed) {
    throw new ForbiddenError(
      'Bạn chỉ được quản lý điểm phục vụ và ki-ốt thuộc tỉnh, thành phố mình phụ trách',
      'You may only manage service points and kiosks of the province you are responsible for',
    );
  }
}

/** The provinces whose points a user sees in lists: every one for national roles. */
export function servicePointScope(user: AuthUser) {
  return user.role === 'province_official' ? (user.scope?.covers ?? { 'vn-63': [], 'vn-34': [] }) : undefined;
}
