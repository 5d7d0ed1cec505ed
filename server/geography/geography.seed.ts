import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { readCodeList } from './provinces';

/**
 * Loads the two GSO code lists: the 63 provinces in force until 12 June 2025 (with the unit each
 * became part of) and the 34 units of Resolution 202/2025/QH15. Idempotent: safe at every start-up.
 */
export async function seedGeography(db: Kysely<Database>): Promise<void> {
  const old = readCodeList('provinces-63.csv');
  const current = readCodeList('provinces-34.csv');
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('geography_versions').values([
      { code: 'vn-63', name_vi: '63 tỉnh, thành phố (đến 12/6/2025)', name_en: '63 provinces (until 12 June 2025)', effective_from: null },
      { code: 'vn-34', name_vi: '34 tỉnh, thành phố (từ 12/6/2025)', name_en: '34 provinces (from 12 June 2025)', effective_from: '2025-06-12' },
    ]).onConflict((oc) => oc.column('code').doNothing()).execute();

    const rows = [
      ...old.map((p) => ({
        geography_code: 'vn-63', code: p.code, name_vi: p.name_vi, name_en: p.name_en_ascii,
        region_vi: p.region || null, is_city: p.is_city === '1', successor_code: p.new_code || null, population: null,
      })),
      ...current.map((p) => ({
        geography_code: 'vn-34', code: p.code, name_vi: p.name_vi, name_en: p.name_en_ascii,
        region_vi: null, is_city: p.is_city === '1', successor_code: null, population: p.population || null,
      })),
    ];
    await trx.insertInto('provinces').values(rows)
      .onConflict((oc) => oc.columns(['geography_code', 'code']).doNothing()).execute();
  });
}
