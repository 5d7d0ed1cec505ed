import type { Kysely } from 'kysely';
import { recordAudit, type AuditActor } from '../audit/audit.repository';
import type { AuthUser } from '../auth/auth-user';
import type { Database } from '../db/database';
import { ConflictError, ValidationError } from '../errors/app-error';
import { assertMayManageServicePoints, servicePointScope } from '../service-points/service-point-access';
import { asksForServicePoint } from '../service-points/service-point-question';
import { findServicePoint, type ServicePoint } from '../service-points/service-points.repository';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { findWave } from '../waves/waves.repository';
import { deviceTokenHash, newDeviceToken } from './device-token';
import { findDevice, insertDevice, listDevices, markRevoked, type DeviceRow } from './kiosk-devices.repository';
import { kioskNotFound } from './kiosk.errors';

export interface KioskDeps { db: Kysely<Database>; questionnaires: QuestionnaireCache }

export interface EnrolmentInput { servicePoint: string; wave: string | null; label: string }

const notAChoice = (field: string, message: string, messageEn: string) =>
  new ValidationError([{ field, rule: 'not_a_choice', message, messageEn }]);

/** A wave a kiosk at this point can collect for: its questionnaire asks for the point, in the point's geography. */
async function checkWave(deps: KioskDeps, waveId: string, geography: string): Promise<void> {
  const wave = await findWave(deps.db, waveId);
  if (!wave) throw notAChoice('wave', `Không có đợt khảo sát "${waveId}"`, `No survey wave "${waveId}"`);
  const { plan } = await deps.questionnaires.get(wave.survey_version_id);
  if (!asksForServicePoint(plan)) {
    throw new ValidationError([{
      field: 'wave', rule: 'kiosk_questionnaire',
      message: 'Phiếu hỏi của đợt này không hỏi điểm phục vụ nên không dùng được trên ki-ốt',
      messageEn: 'The wave\'s questionnaire does not ask for the service point, so kiosks cannot collect it',
    }]);
  }
  if (wave.geography_code !== geography) {
    throw new ValidationError([{
      field: 'wave', rule: 'kiosk_geography',
      message: `Đợt khảo sát dùng danh mục ${wave.geography_code}, điểm phục vụ thuộc danh mục ${geography}`,
      messageEn: `The wave uses ${wave.geography_code}, the service point is in ${geography}`,
    }]);
  }
}

/** The point a kiosk may be enrolled at by this user (managed, active), for a wave it can collect. */
export async function checkEnrolment(deps: KioskDeps, user: AuthUser, input: EnrolmentInput): Promise<ServicePoint> {
  const point = await findServicePoint(deps.db, input.servicePoint);
  if (!point) throw notAChoice('servicePoint', `Không có điểm phục vụ mã "${input.servicePoint}"`, `No service point "${input.servicePoint}"`);
  assertMayManageServicePoints(user, point.province_geography, point.province_code);
  if (!point.active) {
    throw new ConflictError('Điểm phục vụ này đã ngừng hoạt động', 'This service point is not active', [{
      field: 'servicePoint', rule: 'active', message: 'Điểm phục vụ đã ngừng hoạt động', messageEn: 'Inactive service point',
    }]);
  }
  if (input.wave) await checkWave(deps, input.wave, point.province_geography);
  return point;
}

/**
 * Enrols a kiosk at a service point the user manages and returns its device token, the only time the
 * token exists outside the kiosk: only its hash is stored. Audited, without the token.
 */
export async function enrolDevice(
  deps: KioskDeps, user: AuthUser, input: EnrolmentInput, actor: AuditActor,
): Promise<{ device: DeviceRow; token: string }> {
  const point = await checkEnrolment(deps, user, input);
  const token = newDeviceToken();
  const id = await deps.db.transaction().execute(async (trx) => {
    const deviceId = await insertDevice(trx, {
      tokenHash: deviceTokenHash(token), servicePoint: point.code, waveId: input.wave, label: input.label, enrolledBy: actor.actorId,
    });
    await recordAudit(trx, {
      ...actor, action: 'kiosk_enrolled', target: `kiosk:${deviceId}`,
      details: { servicePoint: point.code, wave: input.wave, label: input.label },
    });
    return deviceId;
  });
  return { device: (await findDevice(deps.db, id))!, token };
}

/** Revokes a kiosk of a point the user manages. Revoking a revoked kiosk changes nothing. */
export async function revokeDevice(db: Kysely<Database>, user: AuthUser, id: string, actor: AuditActor): Promise<DeviceRow> {
  const device = await findDevice(db, id);
  if (!device) throw kioskNotFound(id);
  assertMayManageServicePoints(user, device.point_geography, device.point_province);
  await db.transaction().execute(async (trx) => {
    if (await markRevoked(trx, id, new Date())) {
      await recordAudit(trx, { ...actor, action: 'kiosk_revoked', target: `kiosk:${id}`, details: { servicePoint: device.point_code, label: device.label } });
    }
  });
  return (await findDevice(db, id))!;
}

/** The kiosks the user manages (every one for national administrators). */
export function devicesFor(db: Kysely<Database>, user: AuthUser, filter: { servicePoint?: string; revoked?: boolean }): Promise<DeviceRow[]> {
  return listDevices(db, { ...filter, provinces: servicePointScope(user) });
}
