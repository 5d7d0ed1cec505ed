import type { Scheme, EstimateRow } from '../../contracts/estimation';
export type { Scheme, EstimateFlag, EstimateRow } from '../../contracts/estimation';
/**
 * Shapes shared by the estimation engine. The engine is pure: it receives a columnar survey (typed arrays,
 * integer-coded categories) and returns plain result rows. Parsing CSV or reading the database happens at
 * the edges, which build a {@link SurveyColumns}.
 */

/** Code of an unanswered or not-applicable statement in an answer column. */
export const MISSING_ANSWER = -1;

/** Code of a missing indicator value (the respondent is outside the indicator's domain). */
export const MISSING_INDICATOR = 255;

/** A categorical column: `codes[i]` indexes `levels`, or is -1 when the respondent has no value. */
export interface CategoricalColumn {
  codes: Int32Array;
  levels: string[];
}

/** One wave's microdata as columns; row i of every array is respondent i. */
export interface SurveyColumns {
  rowCount: number;
  /** Stratum of each row, indexing `strata`. */
  stratum: Int32Array;
  strata: string[];
  /** PSU of each row, numbered across the whole sample; PSU labels are nested within strata. */
  psu: Int32Array;
  psuCount: number;
  /** Label of each PSU as in the input (for messages), when known. */
  psuLabels?: string[];
  /** Number of PSUs in each stratum's frame (index = stratum code), or null when not given. */
  fpcPsu: Float64Array | null;
  /** Base (design) weight. */
  weight: Float64Array;
  province: CategoricalColumn;
  /** Other categorical columns by name (`sex`, `age_group`, and any `--by` column). */
  categorical: Record<string, CategoricalColumn>;
  /** Answers by statement name, `MISSING_ANSWER` when unanswered. */
  answers: Record<string, Int8Array>;
}

/** One population total of a raking margin: e.g. province `01`, `sex` = `F`, 3,115,184 people. */
export interface MarginTotal {
  variable: string;
  province: string;
  level: string;
  total: number;
}

/** The weightings; `design_fpc` has no JKn variant. */
export type Weighting = 'design' | 'design_fpc' | 'raked';
export const SCHEMES: readonly Weighting[] = ['design', 'design_fpc', 'raked'];

/** How standard errors are computed (METHOD.md §5). */
export type VarianceMethod = 'linearisation' | 'jkn';
export const VARIANCE_METHODS: readonly VarianceMethod[] = ['linearisation', 'jkn'];

/** The scheme name of a weighting's figures under a variance method. */
export function schemeName(weighting: Weighting, variance: VarianceMethod): Scheme {
  return variance === 'jkn' && weighting !== 'design_fpc' ? `${weighting}_jkn` : weighting;
}

/** Something the estimation did that the reader should know (e.g. a replicate raked to merged levels). */
export interface EstimationNotice {
  scheme: Scheme;
  vi: string;
  en: string;
}

export const ESTIMATE_COLUMNS = [
  'scheme', 'domain_type', 'domain', 'indicator', 'n', 'n_psu', 'df', 'sum_w', 'p_unweighted', 'p', 'se',
  'ci_xlogit_lo', 'ci_xlogit_hi', 'ci_kg_lo', 'ci_kg_hi', 'deff', 'kish_deff', 'kish_neff',
] as const satisfies readonly (keyof EstimateRow)[];
