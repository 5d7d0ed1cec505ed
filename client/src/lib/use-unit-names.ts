import { useMemo } from 'react';
import type { Text } from './i18n';
import { useApi } from './use-api';

interface UnitOption { code: string; nameVi: string; nameEn: string }

/**
 * The names of a geography's provinces (the 63 or the 34 units) by code, for screens that hold only codes;
 * empty while they load or when `geography` is null.
 */
export function useUnitNames(geography: string | null): ReadonlyMap<string, Text> {
  const units = useApi<{ units: UnitOption[] }>(geography ? `/api/dashboard/units?geography=${encodeURIComponent(geography)}` : null);
  return useMemo(() => new Map(units.status === 'ok' ? units.data.units.map((u) => [u.code, { vi: u.nameVi, en: u.nameEn }] as const) : []), [units.status, units.status === 'ok' ? units.data : null]);
}
