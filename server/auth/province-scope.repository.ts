import type { Kysely, Transaction } from 'kysely';
import type { Database, GeographyCode } from '../db/database';
import { buildProvinceScope, type Merger, type ProvinceScope } from './province-scope';

type Db = Kysely<Database> | Transaction<Database>;

/** The old provinces that merged into the same vn-34 unit as (or into) the official's province. */
function mergersConcerning(db: Db, geography: GeographyCode, province: string): Promise<{ code: string; successor_code: string | null }[]> {
  const old = db.selectFrom('provinces').select(['code', 'successor_code']).where('geography_code', '=', 'vn-63');
  if (geography === 'vn-34') return old.where('successor_code', '=', province).execute();
  return old.where('successor_code', '=', (eb) => eb.selectFrom('provinces').select('successor_code')
    .where('geography_code', '=', 'vn-63').where('code', '=', province)).execute();
}

export async function loadProvinceScope(db: Db, geography: GeographyCode, province: string): Promise<ProvinceScope> {
  const rows = await mergersConcerning(db, geography, province);
  const mergers: Merger[] = rows.map((r) => ({ code63: r.code, unit34: r.successor_code }));
  return buildProvinceScope(geography, province, mergers);
}
