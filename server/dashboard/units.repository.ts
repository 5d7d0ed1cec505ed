import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { parseCsv } from '../csv/csv-records';
import { ROOT } from '../paths';
import type { Unit } from '../../contracts/units';
export type { Unit } from '../../contracts/units';

let adminCentres: Map<string, string> | null = null;

/** Where each of the 34 units has its administrative centre (a former province's name), from the shipped code list. */
function adminCentreOf(code: string): string | undefined {
  if (!adminCentres) {
    const text = readFileSync(path.join(ROOT, 'server/geography/data/provinces-34.csv'), 'utf8');
    const [header, ...records] = parseCsv(text);
    const codeAt = header.fields.indexOf('code');
    const centreAt = header.fields.indexOf('admin_centre');
    adminCentres = new Map(records.map((r) => [r.fields[codeAt], r.fields[centreAt]]));
  }
  return adminCentres.get(code);
}

/**
 * The units of a geography with their region. The six socio-economic regions are defined on the 63
 * provinces; seven of the 34 units merged provinces of two regions (e.g. Gia Lai = Gia Lai + Bình Định).
 * A 34-unit is placed in the region of the former province that hosts its administrative centre (so Gia
 * Lai, seated in Quy Nhơn, goes with the coast), falling back to the region most of its members belong to.
 * This grouping is for display only: no figure is computed from it.
 */
export async function loadUnits(db: Kysely<Database>, geography: string): Promise<Unit[]> {
  const rows = await db.selectFrom('provinces').select(['geography_code', 'code', 'name_vi', 'name_en', 'region_vi', 'successor_code'])
    .where('geography_code', 'in', ['vn-63', geography]).orderBy('code').execute();
  const old = rows.filter((r) => r.geography_code === 'vn-63');
  if (geography === 'vn-63') {
    return old.map((r) => ({
      code: r.code, nameVi: r.name_vi, nameEn: r.name_en, region: r.region_vi ?? '', members: [r.code], successor: r.successor_code,
    }));
  }
  return rows.filter((r) => r.geography_code === geography).map((r) => {
    const members = old.filter((o) => o.successor_code === r.code);
    const centre = members.find((m) => m.name_vi === adminCentreOf(r.code));
    return {
      code: r.code, nameVi: r.name_vi, nameEn: r.name_en,
      region: centre?.region_vi ?? majority(members.map((m) => m.region_vi ?? '')) ?? '',
      members: members.map((m) => m.code), successor: null,
    };
  });
}

function majority(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
