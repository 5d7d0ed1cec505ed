import {
  assertProvinceAccess, buildProvinceScope, canAccessProvince, visibleProvinces, type Merger, type ScopedUser,
} from '../../../server/auth/province-scope';
import { ForbiddenError } from '../../../server/errors/app-error';

/** A few real mergers of 12 June 2025: Hà Giang into Tuyên Quang, Bình Dương and Bà Rịa–Vũng Tàu into HCMC. */
const MERGERS: Merger[] = [
  { code63: '01', unit34: '01' },
  { code63: '02', unit34: '08' },
  { code63: '08', unit34: '08' },
  { code63: '74', unit34: '79' },
  { code63: '77', unit34: '79' },
  { code63: '79', unit34: '79' },
];

const official = (geography: 'vn-63' | 'vn-34', province: string): ScopedUser =>
  ({ role: 'province_official', scope: buildProvinceScope(geography, province, MERGERS) });

describe('province scope', () => {
  test.each([
    ['a vn-63 official of Hà Nội', official('vn-63', '01'), 'vn-63', '01', true],
    ['a vn-63 official of Hà Nội', official('vn-63', '01'), 'vn-63', '02', false],
    ['a vn-63 official of Hà Nội, on the 34 units (Hà Nội kept its borders)', official('vn-63', '01'), 'vn-34', '01', true],
    ['a vn-63 official of Hà Giang, on merged Tuyên Quang', official('vn-63', '02'), 'vn-34', '08', false],
    ['a vn-63 official of Bình Dương, on merged HCMC', official('vn-63', '74'), 'vn-34', '79', false],
    ['a vn-34 official of Tuyên Quang, on old Hà Giang', official('vn-34', '08'), 'vn-63', '02', true],
    ['a vn-34 official of Tuyên Quang, on old Tuyên Quang', official('vn-34', '08'), 'vn-63', '08', true],
    ['a vn-34 official of Tuyên Quang, on old Hà Nội', official('vn-34', '08'), 'vn-63', '01', false],
    ['a vn-34 official of HCMC, on old Bà Rịa–Vũng Tàu', official('vn-34', '79'), 'vn-63', '77', true],
    ['a vn-34 official of HCMC, on their unit', official('vn-34', '79'), 'vn-34', '79', true],
    ['a vn-34 official of HCMC, on another unit', official('vn-34', '79'), 'vn-34', '08', false],
    ['a vn-34 official, on an unknown geography', official('vn-34', '79'), 'vn-99', '79', false],
    ['an official without a scope (never stored, but never trusted)', { role: 'province_official', scope: null } as ScopedUser, 'vn-63', '01', false],
    ['an analyst', { role: 'analyst', scope: null } as ScopedUser, 'vn-63', '02', true],
    ['a national administrator', { role: 'national_admin', scope: null } as ScopedUser, 'vn-34', '79', true],
  ])('%s asking for %s/%s → %s', (_name, user, geography, province, allowed) => {
    expect(canAccessProvince(user, geography, province)).toBe(allowed);
    if (allowed) expect(() => assertProvinceAccess(user, geography, province)).not.toThrow();
    else expect(() => assertProvinceAccess(user, geography, province)).toThrow(ForbiddenError);
  });

  test('visibleProvinces lists what an official may filter on, and "all" for national roles', () => {
    expect(visibleProvinces(official('vn-34', '79'), 'vn-63')).toEqual(['74', '77', '79']);
    expect(visibleProvinces(official('vn-34', '79'), 'vn-34')).toEqual(['79']);
    expect(visibleProvinces(official('vn-63', '02'), 'vn-34')).toEqual([]);
    expect(visibleProvinces({ role: 'analyst', scope: null }, 'vn-63')).toBe('all');
  });

  test('the refusal is a 403 problem with a Vietnamese title', () => {
    try {
      assertProvinceAccess(official('vn-63', '01'), 'vn-63', '02');
      throw new Error('not refused');
    } catch (error) {
      expect(error).toMatchObject({ status: 403, code: 'forbidden', title: expect.stringMatching(/^Bạn chỉ được xem dữ liệu chi tiết/) });
    }
  });
});
