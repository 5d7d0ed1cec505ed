import type { Kysely } from 'kysely';
import type { Database, GeographyCode } from '../db/database';
import { AppError } from '../errors/app-error';
import { listRuns, type RunRow } from '../estimation-runs/runs.repository';
import type { Scheme } from '../estimation/types';
import type { IndexDefinition } from '../surveys/index-definition';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { requireWave } from '../waves/require-wave';
import type { Wave } from '../waves/waves.repository';
import { latestRun, preferredScheme } from './run-choice';

export interface DashboardDeps { db: Kysely<Database>; questionnaires: QuestionnaireCache }

/** A wave as the dashboard shows it: in one geography, from that geography's latest run, in one scheme. */
export interface WaveView {
  wave: Wave;
  geography: GeographyCode;
  runs: RunRow[];
  run: RunRow | null;
  scheme: Scheme | null;
  definition: IndexDefinition;
}

/**
 * Resolves which stored run answers for a wave in a geography. A wave on the 63 provinces can be shown on
 * the 34 units (from a run that re-estimated its responses with the new units as domains); a wave on the
 * 34 units cannot go back.
 */
export async function resolveView(deps: DashboardDeps, waveId: string, geography?: GeographyCode): Promise<WaveView> {
  const wave = await requireWave(deps.db, waveId);
  const shownIn = geography ?? (wave.geography_code as GeographyCode);
  if (wave.geography_code === 'vn-34' && shownIn === 'vn-63') {
    throw new AppError(422, 'validation', 'Đợt khảo sát theo 34 đơn vị không thể xem theo 63 tỉnh cũ',
      'A wave on the 34 units cannot be shown on the 63 old provinces',
      [{ field: 'geography', rule: 'not_a_choice', message: 'Chỉ có thể chọn vn-34', messageEn: 'Only vn-34 is possible' }]);
  }
  const runs = await listRuns(deps.db, wave.id);
  const run = latestRun(runs, shownIn);
  const { plan } = await deps.questionnaires.get(wave.survey_version_id);
  return { wave, geography: shownIn, runs, run, scheme: run ? preferredScheme(run.schemes) : null, definition: plan.indexDefinition };
}
