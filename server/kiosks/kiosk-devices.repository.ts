import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import { pointWithin, type ProvincesByGeography } from '../service-points/service-points.repository';

type Db = Kysely<Database> | Transaction<Database>;

/** A device with its service point and who enrolled it; never its token hash. */
function devicesWithPoint(db: Db) {
  return db.selectFrom('kiosk_devices')
    .innerJoin('service_points', 'service_points.code', 'kiosk_devices.service_point_code')
    .leftJoin('users', 'users.id', 'kiosk_devices.enrolled_by')
    .select([
      'kiosk_devices.id', 'kiosk_devices.label', 'kiosk_devices.wave_id', 'kiosk_devices.enrolled_by',
      'users.username as enrolled_by_username', 'kiosk_devices.enrolled_at', 'kiosk_devices.revoked_at',
      'kiosk_devices.last_seen_at', 'kiosk_devices.waiting_answers', 'kiosk_devices.app_version', 'kiosk_devices.reported_at',
      'service_points.code as point_code', 'service_points.name_vi as point_name_vi',
      'service_points.province_geography as point_geography', 'service_points.province_code as point_province',
      'service_points.commune_code as point_commune', 'service_points.active as point_active',
    ]);
}

export type DeviceRow = NonNullable<Awaited<ReturnType<ReturnType<typeof devicesWithPoint>['executeTakeFirst']>>>;

export function findDeviceByTokenHash(db: Db, tokenHash: string): Promise<DeviceRow | undefined> {
  return devicesWithPoint(db).where('kiosk_devices.token_hash', '=', tokenHash).executeTakeFirst();
}

export function findDevice(db: Db, id: string): Promise<DeviceRow | undefined> {
  return devicesWithPoint(db).where('kiosk_devices.id', '=', id).executeTakeFirst();
}

export interface DeviceFilter {
  servicePoint?: string;
  /** Only revoked devices (true), only live ones (false), or both (undefined). */
  revoked?: boolean;
  /** A province official's scope: only devices at points of these provinces. */
  provinces?: ProvincesByGeography;
}

export function listDevices(db: Db, filter: DeviceFilter = {}): Promise<DeviceRow[]> {
  let query = devicesWithPoint(db).orderBy('service_points.code').orderBy('kiosk_devices.enrolled_at');
  if (filter.servicePoint) query = query.where('service_points.code', '=', filter.servicePoint);
  if (filter.revoked !== undefined) query = query.where('kiosk_devices.revoked_at', filter.revoked ? 'is not' : 'is', null);
  if (filter.provinces) query = query.where(pointWithin(filter.provinces));
  return query.execute();
}

export interface NewDevice {
  tokenHash: string;
  servicePoint: string;
  waveId: string | null;
  label: string;
  enrolledBy: number | null;
}

export async function insertDevice(db: Db, d: NewDevice): Promise<string> {
  const row = await db.insertInto('kiosk_devices').values({
    token_hash: d.tokenHash, service_point_code: d.servicePoint, wave_id: d.waveId, label: d.label, enrolled_by: d.enrolledBy,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Marks the device revoked unless it already is; true when this call revoked it. */
export async function markRevoked(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db.updateTable('kiosk_devices').set({ revoked_at: at })
    .where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function touchDevice(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('kiosk_devices').set({ last_seen_at: at }).where('id', '=', id).execute();
}
