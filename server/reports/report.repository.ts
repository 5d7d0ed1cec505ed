import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { EstimateRow, EstimateFlag, Scheme } from '../estimation/types';
import type { ResultRow } from '../estimation-runs/runs.repository';
import type { ReportProvince, ReportRun, ReportWave } from './report-data';

/**
 * The units of a geography with their region. The 34 units carry no region of their own: each takes the
 * region of the old province whose code it kept (its administrative centre), else of its first member.
 */
export async function reportProvinces(db: Kysely<Database>, geography: string): Promise<ReportProvince[]> {
  const units = await db.selectFrom('provinces').select(['code', 'name_vi', 'region_vi'])
    .where('geography_code', '=', geography).orderBy('code').execute();
  if (units.every((u) => u.region_vi)) return units.map((u) => ({ code: u.code, name: u.name_vi, region: u.region_vi! }));
  const old = await db.selectFrom('provinces').select(['code', 'region_vi', 'successor_code'])
    .where('geography_code', '=', 'vn-63').orderBy('code').execute();
  return units.map((u) => {
    const own = old.find((o) => o.code === u.code && o.successor_code === u.code) ?? old.find((o) => o.successor_code === u.code);
    return { code: u.code, name: u.name_vi, region: u.region_vi ?? own?.region_vi ?? 'Khác' };
  });
}

/** The most recent succeeded run of a wave's official figures in a geography (never one of not-sampled responses). */
export function latestRun(db: Kysely<Database>, waveId: string, geography: string): Promise<ReportRun | undefined> {
  return db.selectFrom('estimation_runs').selectAll()
    .where('wave_id', '=', waveId).where('geography_code', '=', geography).where('status', '=', 'succeeded')
    .where('not_sampled', '=', false).orderBy('finished_at', 'desc').limit(1).executeTakeFirst();
}

/** Waves before this one that can be compared with it: same design, same real-or-synthetic kind; newest first. */
export function earlierWaves(db: Kysely<Database>, wave: ReportWave): Promise<ReportWave[]> {
  return db.selectFrom('waves').selectAll()
    .where('year', '<', wave.year).where('design', '=', wave.design).where('is_synthetic', '=', wave.is_synthetic)
    .orderBy('year', 'desc').orderBy('id').execute();
}

/** A stored result row as the engine's row type (stored rows hold exactly its fields). */
export function asEstimateRow({ run_id: _run, ...row }: ResultRow): EstimateRow {
  return { ...row, scheme: row.scheme as Scheme, flags: row.flags as EstimateFlag[] };
}

/** Result rows of a run, for some domain types, one scheme, or everything. */
export async function runRows(
  db: Kysely<Database>,
  runId: string,
  filter: { scheme?: string; domainTypes?: readonly string[]; indicator?: string } = {},
): Promise<EstimateRow[]> {
  let query = db.selectFrom('estimation_results').selectAll().where('run_id', '=', runId);
  if (filter.scheme) query = query.where('scheme', '=', filter.scheme);
  if (filter.domainTypes) query = query.where('domain_type', 'in', filter.domainTypes);
  if (filter.indicator) query = query.where('indicator', '=', filter.indicator);
  const rows = await query.orderBy('scheme').orderBy('domain_type').orderBy('domain').orderBy('indicator').execute();
  return rows.map(asEstimateRow);
}
