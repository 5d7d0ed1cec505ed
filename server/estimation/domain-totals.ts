import type { DomainSpace } from './domains';
import type { PsuSums } from './psu-sums';
import { MISSING_INDICATOR } from './types';

// Local copy: an imported binding is read through a getter once compiled to CommonJS, slow in hot loops.
const MISSING_Y: number = MISSING_INDICATOR;

/** Weighted and unweighted totals of one indicator over every domain. */
export interface DomainTotals {
  /** Respondents in the domain with the indicator present. */
  n: Float64Array;
  nSatisfied: Float64Array;
  sumW: Float64Array;
  sumWY: Float64Array;
  sumW2: Float64Array;
  /** Per domain × raking cell, design-weight totals Σd and Σd·y (for the GREG regression), when raked. */
  cellSumD: Float64Array | null;
  cellSumDY: Float64Array | null;
}

/** Raking cells: of each row, and of each (PSU, cell) entry (`cellStart`/`cell` as in the GREG frame). */
export interface CellLayout {
  cellOfRow: Int32Array;
  cellCount: number;
  designWeight: Float64Array;
  cellStart: Int32Array;
  cell: Int32Array;
}

/**
 * Domain totals: families constant within PSUs add up the PSU sums; the others (e.g. sex) take a pass over
 * rows.
 */
export function domainTotals(
  y: Uint8Array,
  weight: Float64Array,
  space: DomainSpace,
  sums: PsuSums,
  cells: CellLayout | null,
): DomainTotals {
  const size = space.size;
  const totals: DomainTotals = {
    n: new Float64Array(size),
    nSatisfied: new Float64Array(size),
    sumW: new Float64Array(size),
    sumWY: new Float64Array(size),
    sumW2: new Float64Array(size),
    cellSumD: cells ? new Float64Array(size * cells.cellCount) : null,
    cellSumDY: cells ? new Float64Array(size * cells.cellCount) : null,
  };
  for (const family of space.families) {
    if (family.domainOfPsu) addPsuSums(totals, family.domainOfPsu, sums, cells);
    else addRows(totals, family.codes, y, weight, cells);
  }
  return totals;
}

function addPsuSums(totals: DomainTotals, domainOfPsu: Int32Array, sums: PsuSums, cells: CellLayout | null): void {
  const { n, nSatisfied, sumW, sumWY, sumW2, cellSumD, cellSumDY } = totals;
  for (let j = 0; j < domainOfPsu.length; j++) {
    const d = domainOfPsu[j];
    if (d < 0 || sums.n[j] === 0) continue;
    n[d] += sums.n[j];
    nSatisfied[d] += sums.nSatisfied[j];
    sumW[d] += sums.sumW[j];
    sumWY[d] += sums.sumWY[j];
    sumW2[d] += sums.sumW2[j];
    if (cells) {
      for (let k = cells.cellStart[j]; k < cells.cellStart[j + 1]; k++) {
        const at = d * cells.cellCount + cells.cell[k];
        cellSumD![at] += sums.entrySumD![k];
        cellSumDY![at] += sums.entrySumDY![k];
      }
    }
  }
}

function addRows(totals: DomainTotals, codes: Int32Array, y: Uint8Array, weight: Float64Array, cells: CellLayout | null): void {
  const { n, nSatisfied, sumW, sumWY, sumW2, cellSumD, cellSumDY } = totals;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i];
    const d = codes[i];
    if (yi === MISSING_Y || d < 0) continue;
    const wi = weight[i];
    n[d]++;
    nSatisfied[d] += yi;
    sumW[d] += wi;
    sumWY[d] += wi * yi;
    sumW2[d] += wi * wi;
    if (cells) {
      const at = d * cells.cellCount + cells.cellOfRow[i];
      const di = cells.designWeight[i];
      cellSumD![at] += di;
      cellSumDY![at] += di * yi;
    }
  }
}
