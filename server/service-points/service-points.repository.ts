import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, GeographyCode, ServicePointsTable } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;
export type ServicePoint = Selectable<ServicePointsTable>;

export function findServicePoint(db: Db, code: string): Promise<ServicePoint | undefined> {
  return db.selectFrom('service_points').selectAll().where('code', '=', code).executeTakeFirst();
}

export type ProvincesByGeography = Readonly<Record<GeographyCode, readonly string[]>>;

/** A `where` condition: the service point lies in one of `scope`'s provinces (a province official's scope). */
export function pointWithin(scope: ProvincesByGeography) {
  return (eb: ExpressionBuilder<Database, 'service_points'>) => eb.or((Object.keys(scope) as GeographyCode[])
    .filter((g) => scope[g].length > 0)
    .map((g) => eb.and([eb('service_points.province_geography', '=', g), eb('service_points.province_code', 'in', scope[g])])));
}

/** Which points a list shows: `provinces` per geography limits it to a province official's scope. */
export interface ServicePointFilter {
  geography?: GeographyCode;
  province?: string;
  active?: boolean;
  provinces?: ProvincesByGeography;
}

export function listServicePoints(db: Db, filter: ServicePointFilter = {}): Promise<ServicePoint[]> {
  let query = db.selectFrom('service_points').selectAll().orderBy('province_code').orderBy('name_vi').orderBy('code');
  if (filter.geography) query = query.where('province_geography', '=', filter.geography);
  if (filter.province) query = query.where('province_code', '=', filter.province);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  if (filter.provinces) query = query.where(pointWithin(filter.provinces));
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
