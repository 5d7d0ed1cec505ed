import type { Kysely } from 'kysely';
import { changedFields, recordAudit, type AuditActor } from '../audit/audit.repository';
import type { AuthUser } from '../auth/auth-user';
import type { Database, GeographyCode } from '../db/database';
import { createAudited } from '../audit/create-audited';
import { ConflictError, NotFoundError, ValidationError } from '../errors/app-error';
import { findProvince } from '../geography/geography.repository';
import { assertMayManageServicePoints } from './service-point-access';
import {
  findServicePoint, insertServicePoint, updateServicePoint,
  type NewServicePoint, type ServicePoint, type ServicePointChanges,
} from './service-points.repository';

function codeTaken(code: string): ConflictError {
  return new ConflictError(`Đã có điểm phục vụ mã "${code}"`, `Service point "${code}" already exists`, [{
    field: 'code', rule: 'unique', message: 'Mã điểm phục vụ đã được dùng', messageEn: 'The service point code is taken',
  }]);
}

export function servicePointNotFound(code: string): NotFoundError {
  return new NotFoundError(`Không có điểm phục vụ mã "${code}"`, `No service point "${code}"`);
}

/** The province must exist in the geography, and the commune (if any) must lie in that province. */
async function checkPlace(db: Kysely<Database>, geography: GeographyCode, province: string, commune: string | null): Promise<void> {
  if (!(await findProvince(db, geography, province))) {
    throw new ValidationError([{
      field: 'province', rule: 'not_a_choice',
      message: `Không có tỉnh, thành phố mã ${province} trong danh mục ${geography}`, messageEn: `No province ${province} in ${geography}`,
    }]);
  }
  if (commune === null) return;
  const communeRow = await db.selectFrom('communes').select('code')
    .where('geography_code', '=', geography).where('province_code', '=', province).where('code', '=', commune)
    .executeTakeFirst();
  if (!communeRow) {
    throw new ValidationError([{
      field: 'commune', rule: 'not_a_choice',
      message: `Không có xã, phường mã ${commune} thuộc tỉnh, thành phố ${province}`, messageEn: `No commune ${commune} in province ${province}`,
    }]);
  }
}

/** Registers a point in a province the user manages; audited. */
export async function registerServicePoint(
  db: Kysely<Database>, user: AuthUser, input: NewServicePoint, actor: AuditActor,
): Promise<ServicePoint> {
  assertMayManageServicePoints(user, input.geography, input.province);
  await checkPlace(db, input.geography, input.province, input.commune);
  return createAudited(db, {
    exists: () => findServicePoint(db, input.code),
    insert: (trx) => insertServicePoint(trx, input),
    audit: (point) => ({
      ...actor, action: 'service_point_created', target: `service_point:${point.code}`,
      details: { nameVi: point.name_vi, geography: point.province_geography, province: point.province_code, commune: point.commune_code },
    }),
    taken: () => codeTaken(input.code),
  });
}

/** Renames a point or takes it out of (or back into) service; an inactive point's kiosks cannot submit. */
export async function changeServicePoint(
  db: Kysely<Database>, user: AuthUser, code: string, changes: ServicePointChanges, actor: AuditActor,
): Promise<ServicePoint> {
  const current = await findServicePoint(db, code);
  if (!current) throw servicePointNotFound(code);
  assertMayManageServicePoints(user, current.province_geography, current.province_code);
  return db.transaction().execute(async (trx) => {
    const point = (await updateServicePoint(trx, code, changes))!;
    const details = changedFields(current, point, { nameVi: 'name_vi', active: 'active' });
    await recordAudit(trx, { ...actor, action: 'service_point_updated', target: `service_point:${code}`, details });
    return point;
  });
}
