import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { EstimateRow } from './types';
import type { ComparisonRow } from '../../contracts/estimation';
export type { ComparisonRow } from '../../contracts/estimation';

export const COMPARISON_COLUMNS = [
  'scheme', 'indicator', 'domain', 'p_a', 'se_a', 'df_a', 'n_a', 'p_b', 'se_b', 'df_b', 'n_b', 'diff', 'se_diff',
  'df', 't', 'p_value_t', 'p_value_z', 'ci_diff_lo', 'ci_diff_hi',
] as const satisfies readonly (keyof ComparisonRow)[];

/**
 * Differences between two independent waves (METHOD.md §5) for every scheme, indicator and domain that both
 * estimated: Δ = p̂_B − p̂_A, SE = √(SE_A² + SE_B²), df = df_A + df_B, a two-sided t test (and its normal
 * counterpart) and the 95% interval Δ ± t_df·SE.
 */
export function compareWaves(a: readonly EstimateRow[], b: readonly EstimateRow[]): ComparisonRow[] {
  const key = (r: EstimateRow) => `${r.scheme}\u0000${r.domain_type}\u0000${r.domain}\u0000${r.indicator}`;
  const byKey = new Map(b.map((r) => [key(r), r]));
  const rows: ComparisonRow[] = [];
  for (const rowA of a) {
    const rowB = byKey.get(key(rowA));
    if (!rowB || rowA.p === null || rowA.se === null || rowB.p === null || rowB.se === null) continue;
    rows.push(difference(rowA, rowB));
  }
  return rows;
}

function difference(a: EstimateRow, b: EstimateRow): ComparisonRow {
  const diff = b.p! - a.p!;
  const seDiff = Math.sqrt(a.se! ** 2 + b.se! ** 2);
  const df = a.df + b.df;
  const t = seDiff > 0 ? diff / seDiff : null;
  const tDefined = t !== null && df > 0;
  const half = df > 0 ? tQuantile(0.975, df) * seDiff : null;
  return {
    scheme: a.scheme,
    indicator: a.indicator,
    domain: a.domain,
    p_a: a.p!,
    se_a: a.se!,
    df_a: a.df,
    n_a: a.n,
    p_b: b.p!,
    se_b: b.se!,
    df_b: b.df,
    n_b: b.n,
    diff,
    se_diff: seDiff,
    df,
    t,
    p_value_t: tDefined ? 2 * tCdf(-Math.abs(t), df) : null,
    p_value_z: t !== null ? 2 * normalCdf(-Math.abs(t), 0, 1) : null,
    ci_diff_lo: half !== null ? diff - half : null,
    ci_diff_hi: half !== null ? diff + half : null,
  };
}
