import { compareWaves, type ComparisonRow } from '../estimation/compare';
import type { EstimateFlag, EstimateRow, Scheme } from '../estimation/types';
import type { ResultRow } from '../estimation-runs/runs.repository';

/** Two-sided level at which a change is called a change (METHOD.md §5). */
export const SIGNIFICANCE_LEVEL = 0.05;

export interface Change extends ComparisonRow {
  domain_type: string;
  /** The t test rejects "no change" at {@link SIGNIFICANCE_LEVEL}; false when it cannot be computed. */
  significant: boolean;
}

export function asEstimateRow({ run_id: _run, ...row }: ResultRow): EstimateRow {
  return { ...row, scheme: row.scheme as Scheme, flags: row.flags as EstimateFlag[] };
}

/**
 * Changes from wave A to wave B for the rows both estimated, domain type by domain type (compareWaves keys
 * on it but does not report it): independent samples, Δ = p̂_B − p̂_A, SE = √(SE_A² + SE_B²), df = df_A + df_B.
 */
export function changesBetween(a: readonly ResultRow[], b: readonly ResultRow[]): Change[] {
  const types = [...new Set(a.map((r) => r.domain_type))];
  return types.flatMap((type) => {
    const pick = (rows: readonly ResultRow[]) => rows.filter((r) => r.domain_type === type).map(asEstimateRow);
    return compareWaves(pick(a), pick(b)).map((row) => ({
      ...row,
      domain_type: type,
      significant: row.p_value_t !== null && row.p_value_t < SIGNIFICANCE_LEVEL,
    }));
  });
}
