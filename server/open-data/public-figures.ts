import type { EstimateFlag, EstimateRow } from '../estimation/types';
import type { WithholdReason } from './disclosure-audit';
import { cellKey } from './disclosure-model';

/** Figures that describe the answers (or the weights) of a cell: none of them is public when it is withheld. */
const WITHHELD_FIGURES = [
  'sum_w', 'p_unweighted', 'p', 'se', 'ci_xlogit_lo', 'ci_xlogit_hi', 'ci_kg_lo', 'ci_kg_hi', 'deff', 'kish_deff', 'kish_neff',
] as const;

/** Flags that follow from n alone; the others (interval width, undefined interval) would tell of the answers. */
const COUNT_FLAGS: readonly EstimateFlag[] = ['no_respondent', 'small_n'];

/**
 * One row as the public sees it: the estimate row, and `suppressed` saying why its figures are missing:
 * `null` when published, `"small_cell"` when fewer than the minimum answered, `"secondary"` when withheld
 * so that no withheld figure can be worked out from the published ones.
 */
export type PublicRow = Omit<EstimateRow, (typeof WITHHELD_FIGURES)[number]> & { [K in (typeof WITHHELD_FIGURES)[number]]: number | null } & {
  suppressed: WithholdReason | null;
};

/**
 * The public rows of a run, given which cells (domain × indicator, in every scheme at once) are withheld
 * and why. A withheld row keeps its domain, indicator, n, PSUs, df and the flags that follow from n.
 */
export function publicRows(rows: readonly EstimateRow[], withheld: ReadonlyMap<string, WithholdReason>): PublicRow[] {
  return rows.map((row) => {
    const reason = withheld.get(cellKey(row)) ?? null;
    if (!reason) return { ...row, suppressed: null };
    const out: PublicRow = { ...row, suppressed: reason, flags: row.flags.filter((f) => COUNT_FLAGS.includes(f)) };
    for (const field of WITHHELD_FIGURES) out[field] = null;
    return out;
  });
}
