import type { DomainTotals } from './domain-totals';
import { kornGraubardInterval, xlogitInterval, type Interval } from './intervals';
import type { EstimateFlag, EstimateRow, Scheme } from './types';

/** Where a row sits: which scheme, indicator and domain. */
export interface RowKey {
  scheme: Scheme;
  domain_type: string;
  domain: string;
  indicator: string;
}

/** Linearised figures of one domain. */
export interface DomainFigures {
  n: number;
  nPsu: number;
  df: number;
  p: number;
  variance: number;
}

const UNRELIABLE_N = 30;
const UNRELIABLE_CI_WIDTH = 0.2;

/** A row of a base indicator: every column of METHOD.md §6. */
export function indicatorRow(
  key: RowKey,
  figures: DomainFigures,
  totals: DomainTotals,
  d: number,
  nStar: number,
): EstimateRow {
  const { n, p, variance, df } = figures;
  if (n === 0) return emptyRow(key, figures);
  const sumW = totals.sumW[d];
  const se = Math.sqrt(variance);
  const xlogit = xlogitInterval(p, se, df);
  const kg = kornGraubardInterval(p, variance, df, nStar, n);
  const deff = variance / (((p * (1 - p)) / (n - 1)) * (1 - n / sumW));
  const kishNeff = (sumW * sumW) / totals.sumW2[d];
  const row: EstimateRow = {
    ...key,
    n,
    n_psu: figures.nPsu,
    df,
    sum_w: sumW,
    p_unweighted: totals.nSatisfied[d] / n,
    p,
    se,
    ...intervalColumns(xlogit),
    ci_kg_lo: kg ? kg[0] : null,
    ci_kg_hi: kg ? kg[1] : null,
    deff: finiteOrNull(deff),
    kish_deff: n / kishNeff,
    kish_neff: kishNeff,
    flags: [],
  };
  row.flags = reliabilityFlags(row);
  return row;
}

/**
 * A row of a composite index: n, n_psu, df, p, se and the xlogit interval only; p and what follows are
 * empty when a part has no respondent in the domain (signalled by a NaN p).
 */
export function compositeRow(key: RowKey, figures: DomainFigures): EstimateRow {
  const row = emptyRow(key, figures);
  if (figures.n === 0 || Number.isNaN(figures.p)) return row;
  const se = Math.sqrt(figures.variance);
  Object.assign(row, { p: figures.p, se, ...intervalColumns(xlogitInterval(figures.p, se, figures.df)) });
  row.flags = reliabilityFlags(row);
  return row;
}

export function emptyRow(key: RowKey, figures: Pick<DomainFigures, 'n' | 'nPsu' | 'df'>): EstimateRow {
  return {
    ...key,
    n: figures.n,
    n_psu: figures.nPsu,
    df: figures.df,
    sum_w: null,
    p_unweighted: null,
    p: null,
    se: null,
    ci_xlogit_lo: null,
    ci_xlogit_hi: null,
    ci_kg_lo: null,
    ci_kg_hi: null,
    deff: null,
    kish_deff: null,
    kish_neff: null,
    flags: ['no_respondent'],
  };
}

function intervalColumns(interval: Interval | null) {
  return { ci_xlogit_lo: interval ? interval[0] : null, ci_xlogit_hi: interval ? interval[1] : null };
}

/** Unreliable when n < 30, n_eff < 30 or the interval is wider than 20 points (METHOD.md §5). */
export function reliabilityFlags(row: EstimateRow): EstimateFlag[] {
  const flags: EstimateFlag[] = [];
  if (row.p === null) return ['no_respondent'];
  if (row.ci_xlogit_lo === null || row.ci_xlogit_hi === null) flags.push('interval_undefined');
  else if (row.ci_xlogit_hi - row.ci_xlogit_lo > UNRELIABLE_CI_WIDTH) flags.push('wide_interval');
  if (row.n < UNRELIABLE_N) flags.push('small_n');
  if (row.kish_neff !== null && row.kish_neff < UNRELIABLE_N) flags.push('small_n_eff');
  return flags;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
