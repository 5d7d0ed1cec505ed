/** How spread out a set of weights is: what weight diagnostics show per province. */
export interface WeightSummary {
  n: number;
  sum: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Coefficient of variation: standard deviation (divisor n) over the mean. */
  cv: number | null;
  /** Kish effective sample size (Σw)² / Σw² (METHOD.md §5). */
  kishNeff: number | null;
  /** Kish design effect of weighting n / n_eff = 1 + cv². */
  kishDeff: number | null;
}

/** One margin level of one province that had no respondent, and where its population went. */
export interface CollapsedCell {
  province: string;
  variable: string;
  level: string;
  /** The sampled level of the same margin that now carries its population. */
  into: string;
  total: number;
  vi: string;
  en: string;
}

export interface ProvinceWeights {
  province: string;
  nameVi: string;
  /** Complete responses without a design weight (counted with weight 1). */
  withoutDesignWeight: number;
  base: WeightSummary;
  /** Null when the wave has no margins or raking failed. */
  raked: WeightSummary | null;
}

export interface WeightDiagnostics {
  wave: string;
  design: string;
  respondents: number;
  marginRows: number;
  /** Why raking could not be done, when it could not. */
  rakingError: { vi: string; en: string } | null;
  collapsed: CollapsedCell[];
  provinces: ProvinceWeights[];
  /** Every respondent at once; only for those who see every province. */
  national: { base: WeightSummary; raked: WeightSummary | null } | null;
}
