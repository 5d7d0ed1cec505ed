import type { Kysely } from 'kysely';
import { recordAudit, type AuditActor } from '../audit/audit.repository';
import type { AuthUser } from '../auth/auth-user';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { deviceTokenHash, newDeviceToken } from './device-token';
import { ENROLMENT_CODE_TTL_MS, hashEnrolmentCode, newEnrolmentCode, normalizeEnrolmentCode } from './enrolment-code';
import { findDevice, insertDevice, type DeviceRow } from './kiosk-devices.repository';
import { checkEnrolment, type EnrolmentInput, type KioskDeps } from './kiosk-devices.service';

export interface IssuedEnrolment {
  /** Shown once on the official's screen; only its hash is stored. */
  code: string;
  expiresAt: Date;
  servicePoint: { code: string; nameVi: string };
  wave: string | null;
  label: string;
}

/**
 * Issues a one-time code that enrols one kiosk at a point the user manages, for `ENROLMENT_CODE_TTL_MS`.
 * The same checks as a direct enrolment apply now (point active, wave a kiosk wave of its geography).
 */
export async function issueEnrolmentCode(
  deps: KioskDeps, user: AuthUser, input: EnrolmentInput, actor: AuditActor, now = new Date(),
): Promise<IssuedEnrolment> {
  const point = await checkEnrolment(deps, user, input);
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_TTL_MS);
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('kiosk_enrolment_codes').values({
      code_hash: hashEnrolmentCode(normalizeEnrolmentCode(code)!), service_point_code: point.code, wave_id: input.wave,
      label: input.label, created_by: actor.actorId, expires_at: expiresAt,
    }).execute();
    await recordAudit(trx, {
      ...actor, action: 'kiosk_enrolment_code_issued', target: `service_point:${point.code}`,
      details: { wave: input.wave, label: input.label, expiresAt: expiresAt.toISOString() },
    });
  });
  return { code, expiresAt, servicePoint: { code: point.code, nameVi: point.name_vi }, wave: input.wave, label: input.label };
}

export function enrolmentCodeRefused(): AppError {
  return new AppError(400, 'kiosk_enrolment_code', 'Mã đăng ký ki-ốt không đúng, đã hết hạn hoặc đã được dùng',
    'The kiosk enrolment code is wrong, expired or already used', [{
      field: 'code', rule: 'enrolment_code',
      message: 'Hãy xin cán bộ một mã đăng ký mới', messageEn: 'Ask an official for a new enrolment code',
    }]);
}

/**
 * Exchanges a valid, unused, unexpired code for a new device and its token (the only time the token
 * exists outside the kiosk). A code serves once, even when two kiosks send it at the same moment.
 */
export async function redeemEnrolmentCode(
  db: Kysely<Database>, typed: string, ip: string | null, now = new Date(),
): Promise<{ device: DeviceRow; token: string }> {
  const canonical = normalizeEnrolmentCode(typed);
  if (!canonical) throw enrolmentCodeRefused();
  const token = newDeviceToken();
  const deviceId = await db.transaction().execute(async (trx) => {
    // Locked, so a second kiosk sending the same code waits and then finds it used.
    const claimed = await trx.selectFrom('kiosk_enrolment_codes')
      .select(['code_hash', 'service_point_code', 'wave_id', 'label', 'created_by'])
      .where('code_hash', '=', hashEnrolmentCode(canonical)).where('used_at', 'is', null).where('expires_at', '>', now)
      .forUpdate().executeTakeFirst();
    if (!claimed) return null;
    const point = await trx.selectFrom('service_points').select('active').where('code', '=', claimed.service_point_code).executeTakeFirstOrThrow();
    if (!point.active) return null;
    const id = await insertDevice(trx, {
      tokenHash: deviceTokenHash(token), servicePoint: claimed.service_point_code, waveId: claimed.wave_id,
      label: claimed.label, enrolledBy: claimed.created_by,
    });
    await trx.updateTable('kiosk_enrolment_codes').set({ used_at: now, device_id: id }).where('code_hash', '=', claimed.code_hash).execute();
    await recordAudit(trx, {
      action: 'kiosk_enrolled', actorId: claimed.created_by, ip, target: `kiosk:${id}`,
      details: { servicePoint: claimed.service_point_code, wave: claimed.wave_id, label: claimed.label, by: 'enrolment_code' },
    });
    return id;
  });
  if (!deviceId) throw enrolmentCodeRefused();
  return { device: (await findDevice(db, deviceId))!, token };
}

/** What a kiosk reports at its regular check-in: answers waiting in its queue and its page build. */
export async function recordKioskStatus(db: Kysely<Database>, deviceId: string, status: { waiting: number; version: string }, now = new Date()): Promise<void> {
  await db.updateTable('kiosk_devices')
    .set({ waiting_answers: status.waiting, app_version: status.version, reported_at: now, last_seen_at: now })
    .where('id', '=', deviceId).execute();
}
