import type { DomainSpace } from './domains';
import { MISSING_INDICATOR } from './types';

// Local copies: an imported binding is read through a getter once compiled to CommonJS, which is slow in hot loops.
const MISSING_Y: number = MISSING_INDICATOR;

/** Weighted and unweighted totals of one indicator over every domain, from one pass over respondents. */
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

/** Raking cells of the rows and the design weights the GREG regression uses. */
export interface CellWeights {
  cellOfRow: Int32Array;
  cellCount: number;
  designWeight: Float64Array;
}

export function domainTotals(
  y: Uint8Array,
  weight: Float64Array,
  space: DomainSpace,
  cells: CellWeights | null,
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
  const { n, nSatisfied, sumW, sumWY, sumW2, cellSumD, cellSumDY } = totals;
  const codes = space.families.map((f) => f.codes);
  const familyCount = codes.length;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i];
    if (yi === MISSING_Y) continue;
    const wi = weight[i];
    for (let f = 0; f < familyCount; f++) {
      const d = codes[f][i];
      if (d < 0) continue;
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
  return totals;
}
