import { xlogitInterval } from './intervals';
import { emptyRow } from './rows';
import type { EstimateRow } from './types';

export const NATIONAL_MEAN_OF_PROVINCES = 'NATIONAL_MEAN_OF_PROVINCES';

/**
 * The official convention: the unweighted mean of the provincial estimates, with SE √(Σ SE_p²)/P over the P
 * provinces whose estimate is defined; n, n_psu and df are summed over those provinces (METHOD.md §5), and
 * its 95% xlogit interval uses that df. With JKn replicates every row has the replicate design's df, and so
 * does the mean (its replicate estimates are the means of the provinces' replicate estimates). Every other
 * column stays empty.
 */
export function nationalMeanOfProvinces(provinceRows: readonly EstimateRow[]): EstimateRow | null {
  const defined = provinceRows.filter((r) => r.p !== null && r.se !== null);
  if (defined.length === 0) return null;
  const count = defined.length;
  const sum = (f: (r: EstimateRow) => number) => defined.reduce((s, r) => s + f(r), 0);
  const { scheme, indicator } = defined[0];
  const df = scheme.endsWith('_jkn') ? defined[0].df : sum((r) => r.df);
  const row = emptyRow(
    { scheme, domain_type: 'national_mean_of_provinces', domain: NATIONAL_MEAN_OF_PROVINCES, indicator },
    { n: sum((r) => r.n), nPsu: sum((r) => r.n_psu), df },
  );
  const p = sum((r) => r.p!) / count;
  const se = Math.sqrt(sum((r) => r.se! * r.se!)) / count;
  const interval = xlogitInterval(p, se, df);
  return {
    ...row,
    p,
    se,
    ci_xlogit_lo: interval ? interval[0] : null,
    ci_xlogit_hi: interval ? interval[1] : null,
    flags: interval ? [] : ['interval_undefined'],
  };
}
