/** A weighting with its variance: linearised (`design`, `design_fpc`, `raked`) or JKn replicates (`…_jkn`). */
export type Scheme = 'design' | 'design_fpc' | 'raked' | 'design_jkn' | 'raked_jkn';

/** Why a figure is missing or should be read with care. */
export type EstimateFlag =
  | 'no_respondent'
  | 'interval_undefined'
  | 'small_n'
  | 'small_n_eff'
  | 'wide_interval'
  /** Under a raked scheme, the province's margins could not be met: it keeps its design weights. */
  | 'not_raked';

/** One published figure; field names and order are those of the estimates CSV (METHOD.md §6). */
export interface EstimateRow {
  scheme: Scheme;
  domain_type: string;
  domain: string;
  indicator: string;
  n: number;
  n_psu: number;
  df: number;
  sum_w: number | null;
  p_unweighted: number | null;
  p: number | null;
  se: number | null;
  ci_xlogit_lo: number | null;
  ci_xlogit_hi: number | null;
  ci_kg_lo: number | null;
  ci_kg_hi: number | null;
  deff: number | null;
  kish_deff: number | null;
  kish_neff: number | null;
  flags: EstimateFlag[];
}

/** One wave-to-wave difference; field names and order are those of the comparison CSV (METHOD.md §6). */
export interface ComparisonRow {
  scheme: Scheme;
  indicator: string;
  domain: string;
  p_a: number;
  se_a: number;
  df_a: number;
  n_a: number;
  p_b: number;
  se_b: number;
  df_b: number;
  n_b: number;
  diff: number;
  se_diff: number;
  df: number;
  t: number | null;
  p_value_t: number | null;
  p_value_z: number | null;
  ci_diff_lo: number | null;
  ci_diff_hi: number | null;
}
