import type { EstimateRow } from '../estimation/types';

/** The figures that describe the answers themselves: withheld from the public when too few answered. */
const ANSWER_FIGURES = ['p_unweighted', 'p', 'se', 'ci_xlogit_lo', 'ci_xlogit_hi', 'ci_kg_lo', 'ci_kg_hi', 'deff'] as const;

export type PublicRow = Omit<EstimateRow, (typeof ANSWER_FIGURES)[number]> & { [K in (typeof ANSWER_FIGURES)[number]]: number | null } & { suppressed: boolean };

/**
 * Minimum cell size for the open API: where fewer than `minN` respondents answered, the proportion, its
 * standard error, intervals and design effect are withheld (null) and the row says `suppressed: true`.
 * Counts, PSUs, df, weights and flags stay, so users see why a figure is missing.
 */
export function suppressSmallCells(row: EstimateRow, minN: number): PublicRow {
  if (row.n >= minN) return { ...row, suppressed: false };
  const out: PublicRow = { ...row, suppressed: true };
  for (const field of ANSWER_FIGURES) out[field] = null;
  return out;
}
