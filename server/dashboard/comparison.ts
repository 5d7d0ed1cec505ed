import { compareWaves, type ComparisonRow } from '../estimation/compare';
import type { ResultRow } from '../estimation-runs/runs.repository';
import { asEstimateRow } from '../reports/report.repository';
import { isSignificant } from '../reports/report-summary';

export interface Change extends ComparisonRow {
  domain_type: string;
  /** The t test rejects "no change" at the report's SIGNIFICANCE_LEVEL ({@link isSignificant}); false when it cannot be computed. */
  significant: boolean;
}

/**
 * Changes from wave A to wave B for the rows both estimated, domain type by domain type (compareWaves keys
 * on it but does not report it): independent samples, Δ = p̂_B − p̂_A, SE = √(SE_A² + SE_B²), df = df_A + df_B.
 */
export function changesBetween(a: readonly ResultRow[], b: readonly ResultRow[]): Change[] {
  const types = [...new Set(a.map((r) => r.domain_type))];
  // Each side is one scheme; wave A's may differ from B's in variance method only (comparisonSchemes).
  const scheme = b[0]?.scheme;
  return types.flatMap((type) => {
    const pick = (rows: readonly ResultRow[]) =>
      rows.filter((r) => r.domain_type === type).map((r) => asEstimateRow(scheme ? { ...r, scheme } : r));
    return compareWaves(pick(a), pick(b)).map((row) => ({
      ...row,
      domain_type: type,
      significant: isSignificant(row),
    }));
  });
}
