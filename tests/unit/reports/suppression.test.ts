import type { EstimateRow } from '../../../server/estimation/types';
import { suppressSmallCells } from '../../../server/open-data/suppression';

const row = (n: number): EstimateRow => ({
  scheme: 'raked', domain_type: 'province', domain: '06', indicator: 'elem_feedback', n, n_psu: 9, df: 7, sum_w: 1234.5, p_unweighted: 0.5,
  p: 0.61, se: 0.08, ci_xlogit_lo: 0.44, ci_xlogit_hi: 0.76, ci_kg_lo: 0.42, ci_kg_hi: 0.78, deff: 1.7, kish_deff: 1.2, kish_neff: 10, flags: ['small_n'],
});

describe('minimum cell size of the open API', () => {
  it('when fewer than the minimum answered, then the proportion, its SE, intervals and deff are withheld but counts stay', () => {
    expect(suppressSmallCells(row(29), 30)).toMatchObject({
      suppressed: true, n: 29, n_psu: 9, df: 7, sum_w: 1234.5, kish_neff: 10, flags: ['small_n'],
      p: null, se: null, p_unweighted: null, ci_xlogit_lo: null, ci_xlogit_hi: null, ci_kg_lo: null, ci_kg_hi: null, deff: null,
    });
  });

  it('when at least the minimum answered, then the row is published whole', () => {
    expect(suppressSmallCells(row(30), 30)).toEqual({ ...row(30), suppressed: false });
  });
});
