import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, GeographyCode, ServicePointsTable } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;
export type ServicePoint = Selectable<ServicePointsTable>;

export function findServicePoint(db: Db, code: string): Promise<ServicePoint | undefined> {
  return db.selectFrom('service_points').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Which points a list shows: `provinces` per geography limits it to a province official's scope. */
export interface ServicePointFilter {
  geography?: GeographyCode;
  province?: string;
  active?: boolean;
  provinces?: Readonly<Record<GeographyCode, readonly string[]>>;
}

export function listServicePoints(db: Db, filter: ServicePointFilter = {}): Promise<ServicePoint[]> {
  let query = db.selectFrom('service_points').selectAll().orderBy('province_code').orderBy('name_vi').orderBy('code');
  if (filter.geography) query = query.where('province_geography', '=', filter.geography);
  if (filter.province) query = query.where('province_code', '=', filter.province);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  const scope = filter.provinces;
  if (scope) {
    query = query.where((eb) => eb.or((Object.keys(scope) as GeographyCode[])
      .filter((g) => scope[g].length > 0)
      .map((g) => eb.and([eb('province_geography', '=', g), eb('province_code', 'in', scope[g])]))));
  }
  return query.execute();
}

export interface NewServicePoint {
  code: string;
  nameVi: string;
  geography: GeographyCode;
  province: string;
  commune: string | null;
}

export function insertServicePoint(db: Db, p: NewServicePoint): Promise<ServicePoint> {
  return db.insertInto('service_points').values({
    code: p.code, name_vi: p.nameVi, province_geography: p.geography, province_code: p.province, commune_code: p.commune,
  }).returningAll().executeTakeFirstOrThrow();
}

export interface ServicePointChanges { nameVi?: string; active?: boolean }

export function updateServicePoint(db: Db, code: string, changes: ServicePointChanges): Promise<ServicePoint | undefined> {
  return db.updateTable('service_points').set({
    ...(changes.nameVi !== undefined ? { name_vi: changes.nameVi } : {}),
    ...(changes.active !== undefined ? { active: changes.active } : {}),
  }).where('code', '=', code).returningAll().executeTakeFirst();
}
