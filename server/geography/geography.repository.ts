import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';

type Db = Kysely<Database> | Transaction<Database>;

export interface ProvinceOption { code: string; nameVi: string; nameEn: string }
export interface CommuneOption { code: string; provinceCode: string; nameVi: string }

export async function listProvinces(db: Db, geographyCode: string): Promise<ProvinceOption[]> {
  const rows = await db.selectFrom('provinces').select(['code', 'name_vi', 'name_en'])
    .where('geography_code', '=', geographyCode).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, nameVi: r.name_vi, nameEn: r.name_en }));
}

/** One province of a geography, or undefined when the geography has no such code. */
export async function findProvince(db: Db, geographyCode: string, code: string): Promise<ProvinceOption | undefined> {
  const row = await db.selectFrom('provinces').select(['code', 'name_vi', 'name_en'])
    .where('geography_code', '=', geographyCode).where('code', '=', code).executeTakeFirst();
  return row && { code: row.code, nameVi: row.name_vi, nameEn: row.name_en };
}

export async function listCommunes(db: Db, geographyCode: string, provinceCode?: string): Promise<CommuneOption[]> {
  let query = db.selectFrom('communes').select(['code', 'province_code', 'name_vi'])
    .where('geography_code', '=', geographyCode);
  if (provinceCode) query = query.where('province_code', '=', provinceCode);
  const rows = await query.orderBy('name_vi').execute();
  return rows.map((r) => ({ code: r.code, provinceCode: r.province_code, nameVi: r.name_vi }));
}

export interface NewCommune { code: string; provinceCode: string; nameVi: string; urbanRural?: 'urban' | 'rural' | null }

export async function upsertCommunes(db: Db, geographyCode: string, communes: NewCommune[]): Promise<void> {
  if (communes.length === 0) return;
  await db.insertInto('communes').values(communes.map((c) => ({
    geography_code: geographyCode, province_code: c.provinceCode, code: c.code, name_vi: c.nameVi,
    urban_rural: c.urbanRural ?? null,
  }))).onConflict((oc) => oc.columns(['geography_code', 'code']).doUpdateSet((eb) => ({
    name_vi: eb.ref('excluded.name_vi'), province_code: eb.ref('excluded.province_code'), urban_rural: eb.ref('excluded.urban_rural'),
  }))).execute();
}
