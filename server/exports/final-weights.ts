import { collapseEmptyCells } from '../estimation/cell-collapsing';
import { EstimationError } from '../estimation/estimation-error';
import { AGE_GROUP_LEVELS, SEX_LEVELS } from '../estimation/microdata';
import { rake } from '../estimation/raking';
import type { MarginTotal, SurveyColumns } from '../estimation/types';

export interface WeightedRespondent { province: string; sex: unknown; ageGroup: unknown; weight: number }

/**
 * The raked (final) weight of every respondent, as the `raked` scheme computes it (METHOD.md §4), or null
 * when the wave has no margins or raking is impossible (a missing total, no convergence). Empty cells are
 * collapsed first, as in the run.
 */
export function finalWeights(respondents: readonly WeightedRespondent[], margins: readonly MarginTotal[]): Float64Array | null {
  if (margins.length === 0 || respondents.length === 0) return null;
  const provinces = [...new Set(respondents.map((r) => r.province))].sort();
  const index = new Map(provinces.map((p, k) => [p, k]));
  const level = (levels: readonly string[], value: unknown) => (typeof value === 'string' ? levels.indexOf(value) : -1);
  const n = respondents.length;
  const columns: SurveyColumns = {
    rowCount: n,
    stratum: new Int32Array(n),
    strata: ['all'],
    psu: Int32Array.from({ length: n }, (_, i) => i),
    psuCount: n,
    fpcPsu: null,
    weight: Float64Array.from(respondents, (r) => r.weight),
    province: { codes: Int32Array.from(respondents, (r) => index.get(r.province)!), levels: provinces },
    categorical: {
      sex: { codes: Int32Array.from(respondents, (r) => level(SEX_LEVELS, r.sex)), levels: [...SEX_LEVELS] },
      age_group: { codes: Int32Array.from(respondents, (r) => level(AGE_GROUP_LEVELS, r.ageGroup)), levels: [...AGE_GROUP_LEVELS] },
    },
    answers: {},
  };
  try {
    // As the run does (estimation-runs/runs.service.ts): a margin level nobody in a province answered joins
    // the nearest sampled level before raking, so the file's weights are the run's raked weights.
    return rake(columns, collapseEmptyCells(columns, margins.filter((m) => index.has(m.province))).margins).weight;
  } catch (error) {
    if (error instanceof EstimationError) return null;
    throw error;
  }
}
