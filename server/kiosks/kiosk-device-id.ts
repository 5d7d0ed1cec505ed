import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { ValidationError } from '../errors/app-error';

/** The canonical form of a UUID however it is written (case, hyphens, braces), or null when it is none. */
function canonicalUuid(text: string): string | null {
  const hex = text.replace(/[{}-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A citizen's response may name a device of its own (`deviceId`), but never an enrolled kiosk's, revoked
 * ones included: the fieldwork monitor judges a device's bursts by that id, so a borrowed one would flag
 * the kiosk's honest responses. Refused with 422 naming `deviceId`, before anything is stored.
 */
export async function refuseKioskDeviceId(db: Kysely<Database>, deviceId: string | undefined): Promise<void> {
  const id = deviceId === undefined ? null : canonicalUuid(deviceId);
  if (id === null) return;
  const kiosk = await db.selectFrom('kiosk_devices').select('id').where('id', '=', id).executeTakeFirst();
  if (!kiosk) return;
  throw new ValidationError([{
    field: 'deviceId', rule: 'kiosk_device',
    message: 'Mã thiết bị này là của một ki-ốt đã đăng ký; chỉ ki-ốt đó (với mã thiết bị của nó) mới được dùng',
    messageEn: 'This device id belongs to an enrolled kiosk; only that kiosk, with its device token, may use it',
  }]);
}
