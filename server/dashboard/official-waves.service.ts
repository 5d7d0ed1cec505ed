import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { listWaves } from '../waves/waves.repository';
import { responseCounts, runsOfWaves } from './dashboard.repository';
import { presentRunSummary, presentWave } from './present';

/** Every wave, draft and closed included, with its questionnaire version, response count and runs. */
export async function officialWaves(db: Kysely<Database>) {
  const waves = await listWaves(db);
  const [runs, counts] = await Promise.all([runsOfWaves(db, waves.map((w) => w.id)), responseCounts(db)]);
  return waves.map((w) => ({
    ...presentWave(w),
    questionnaireVersion: w.survey_version_id,
    createdAt: w.created_at,
    responseCount: counts.get(w.id) ?? 0,
    runs: runs.get(w.id)!.map(presentRunSummary),
  }));
}
