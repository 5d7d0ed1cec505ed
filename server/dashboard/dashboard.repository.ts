import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { ResultRow, RunRow } from '../estimation-runs/runs.repository';
import type { Wave } from '../waves/waves.repository';

export interface ResultQuery {
  scheme: string;
  domainTypes?: readonly string[];
  domains?: readonly string[];
  indicators?: readonly string[];
}

/** The rows of one run in one scheme, narrowed as asked; ordered like the run's own listing. */
export function selectResults(db: Kysely<Database>, runId: string, q: ResultQuery): Promise<ResultRow[]> {
  let query = db.selectFrom('estimation_results').selectAll().where('run_id', '=', runId).where('scheme', '=', q.scheme);
  if (q.domainTypes) query = query.where('domain_type', 'in', [...q.domainTypes]);
  if (q.domains) query = q.domains.length ? query.where('domain', 'in', [...q.domains]) : query.where((eb) => eb.val(false));
  if (q.indicators) query = query.where('indicator', 'in', [...q.indicators]);
  return query.orderBy('domain_type').orderBy('domain').orderBy('indicator').execute();
}

/** Every run of these waves, newest first. */
export async function runsOfWaves(db: Kysely<Database>, waveIds: readonly string[]): Promise<Map<string, RunRow[]>> {
  const byWave = new Map<string, RunRow[]>(waveIds.map((id) => [id, []]));
  if (waveIds.length === 0) return byWave;
  const runs = await db.selectFrom('estimation_runs').selectAll().where('wave_id', 'in', [...waveIds])
    .orderBy('finished_at', 'desc').execute();
  for (const run of runs) byWave.get(run.wave_id)?.push(run);
  return byWave;
}

/** Complete responses per wave. */
export async function responseCounts(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('responses').select(['wave_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '=', 'complete').groupBy('wave_id').execute();
  return new Map(rows.map((r) => [r.wave_id, Number(r.n)]));
}

/** Waves comparable with this one in a trend (itself included), oldest first. */
export function comparableWaves(db: Kysely<Database>, wave: Wave): Promise<Wave[]> {
  return db.selectFrom('waves').selectAll()
    .where('design', '=', wave.design).where('is_synthetic', '=', wave.is_synthetic)
    .orderBy('year').orderBy('id').execute();
}

export async function listSurveyVersions(db: Kysely<Database>) {
  return db.selectFrom('survey_versions').innerJoin('surveys', 'surveys.id', 'survey_versions.survey_id')
    .select(['survey_versions.id', 'survey_versions.survey_id', 'survey_versions.version', 'survey_versions.published_at', 'surveys.title_vi', 'surveys.title_en'])
    .orderBy('survey_versions.survey_id').orderBy('survey_versions.version', 'desc').execute();
}
