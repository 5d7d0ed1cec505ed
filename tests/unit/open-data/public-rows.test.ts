import type { EstimateRow } from '../../../server/estimation/types';
import { publicRows } from '../../../server/open-data/public-figures';

const row = (domain: string, n: number, flags: EstimateRow['flags'] = []): EstimateRow => ({
  scheme: 'raked', domain_type: 'province', domain, indicator: 'elem_feedback', n, n_psu: 9, df: 7, sum_w: 1234.5, p_unweighted: 0.5,
  p: 0.61, se: 0.08, ci_xlogit_lo: 0.44, ci_xlogit_hi: 0.76, ci_kg_lo: 0.42, ci_kg_hi: 0.78, deff: 1.7, kish_deff: 1.2, kish_neff: 10, flags,
});

describe('the public rows of a run', () => {
  const withheld = new Map([['province|06|elem_feedback', 'small_cell' as const], ['province|08|elem_feedback', 'secondary' as const]]);

  it('when a cell is withheld, then no figure of its answers or weights is left — only counts, PSUs, df and the flags n explains', () => {
    const [small, secondary] = publicRows([row('06', 29, ['small_n', 'wide_interval', 'small_n_eff']), row('08', 120, ['interval_undefined'])], withheld);
    const empty = { sum_w: null, p_unweighted: null, p: null, se: null, ci_xlogit_lo: null, ci_xlogit_hi: null, ci_kg_lo: null, ci_kg_hi: null, deff: null, kish_deff: null, kish_neff: null };
    expect(small).toEqual({ ...row('06', 29), ...empty, flags: ['small_n'], suppressed: 'small_cell' });
    expect(secondary).toEqual({ ...row('08', 120), ...empty, flags: [], suppressed: 'secondary' });
  });

  it('when a cell is published, then its row is the run\'s row, marked not suppressed', () => {
    expect(publicRows([row('01', 300)], withheld)).toEqual([{ ...row('01', 300), suppressed: null }]);
  });
});
