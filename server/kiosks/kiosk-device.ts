import type { GeographyCode } from '../db/database';
import type { DeviceRow } from './kiosk-devices.repository';

/** An enrolled kiosk as the API sees it once its token has been checked. */
export interface KioskDevice {
  id: string;
  label: string;
  /** The only wave it may send to; null for any open wave of a kiosk questionnaire. */
  waveId: string | null;
  revokedAt: Date | null;
  lastSeenAt: Date | null;
  servicePoint: {
    code: string;
    nameVi: string;
    geography: GeographyCode;
    province: string;
    commune: string | null;
    active: boolean;
  };
}

export function toKioskDevice(r: DeviceRow): KioskDevice {
  return {
    id: r.id, label: r.label, waveId: r.wave_id, revokedAt: r.revoked_at, lastSeenAt: r.last_seen_at,
    servicePoint: {
      code: r.point_code, nameVi: r.point_name_vi, geography: r.point_geography, province: r.point_province,
      commune: r.point_commune, active: r.point_active,
    },
  };
}
