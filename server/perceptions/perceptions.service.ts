import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { listPerceptionTally, type RunRow } from '../estimation-runs/runs.repository';
import { fingerprintLine } from '../estimation-runs/wave-columns';
import { streamCompleteResponses } from '../responses/complete-responses.repository';
import { questionCatalogue } from '../surveys/question-catalogue';
import type { QuestionnaireCache } from '../surveys/questionnaire.cache';
import { requireWave } from '../waves/require-wave';
import { PERCEPTION_QUESTIONS, PerceptionTally, perceptionItems, type PerceptionFigures } from './perceptions';

export interface WavePerceptions extends PerceptionFigures {
  /**
   * The estimation runs' input fingerprint of the responses tallied (only meaningful for the whole wave):
   * equal to a run's `input_fingerprint` when the responses have not changed since that run.
   */
  inputFingerprint: string;
  respondents: number;
}

export interface PerceptionRequest {
  waveId: string;
  /** Only these provinces of the wave's geography (a province official's). @default every province */
  provinces?: readonly string[];
  /** @default PERCEPTION_QUESTIONS */
  questions?: readonly string[];
}

/**
 * Weighted shares of the perception and priority answers of a wave's complete responses, for all of them
 * and per province (the wave's own geography), with base weights (1 where a response has none).
 *
 * @example
 * const figures = await wavePerceptions(db, questionnaires, { waveId: 'demo-2023', provinces: visible });
 * figures.all.find((i) => i.key === 'harassment')?.shares; // [{ value: 'none', share: 0.87, … }, …]
 */
export async function wavePerceptions(db: Kysely<Database>, questionnaires: QuestionnaireCache, request: PerceptionRequest): Promise<WavePerceptions> {
  const wave = await requireWave(db, request.waveId);
  const { version } = await questionnaires.get(wave.survey_version_id);
  const items = perceptionItems(questionCatalogue(version.definition), request.questions ?? PERCEPTION_QUESTIONS);
  const tally = new PerceptionTally(items);
  const hash = createHash('sha256');
  let respondents = 0;
  for await (const r of streamCompleteResponses(db, wave.id, { provinces: request.provinces, answerKeys: [...new Set(items.map((i) => i.question))] })) {
    tally.add(r.province_code, r.base_weight ?? 1, r.answers);
    hash.update(fingerprintLine(r));
    respondents++;
  }
  return { ...tally.result(), inputFingerprint: hash.digest('hex'), respondents };
}

/**
 * The perception figures stored with a run (tallied once, from the responses it estimated; migration 0014),
 * or null when the run predates that and has none: then {@link wavePerceptions} tallies the wave afresh.
 */
export async function runPerceptions(
  db: Kysely<Database>, questionnaires: QuestionnaireCache, run: Pick<RunRow, 'id' | 'wave_id' | 'perceptions_tallied' | 'input_fingerprint' | 'respondent_count'>,
  questions: readonly string[] = PERCEPTION_QUESTIONS,
): Promise<WavePerceptions | null> {
  if (!run.perceptions_tallied) return null;
  const wave = await requireWave(db, run.wave_id);
  const { version } = await questionnaires.get(wave.survey_version_id);
  const tally = new PerceptionTally(perceptionItems(questionCatalogue(version.definition), questions));
  for (const row of await listPerceptionTally(db, run.id)) tally.addRow(row);
  return { ...tally.result(), inputFingerprint: run.input_fingerprint, respondents: run.respondent_count };
}
