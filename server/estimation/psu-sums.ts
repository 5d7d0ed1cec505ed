import type { SortedSample } from './design';
import { MISSING_INDICATOR } from './types';

// Local copy: an imported binding is read through a getter once compiled to CommonJS, slow in hot loops.
const MISSING_Y: number = MISSING_INDICATOR;

/**
 * Sums of one indicator over each PSU's respondents with the indicator present: everything a domain that
 * contains whole PSUs needs, gathered in a single pass over rows.
 */
export interface PsuSums {
  n: Float64Array;
  nSatisfied: Float64Array;
  sumW: Float64Array;
  sumWY: Float64Array;
  sumW2: Float64Array;
  /** Per (PSU, raking cell) entry of the GREG frame: Σd and Σd·y, when raked. */
  entrySumD: Float64Array | null;
  entrySumDY: Float64Array | null;
}

/** The raking-cell entry of each row and the design weights the GREG regression uses. */
export interface RowEntries {
  entryOfRow: Int32Array;
  entryCount: number;
  designWeight: Float64Array;
}

export function psuSums(sample: SortedSample, y: Uint8Array, weight: Float64Array, entries: RowEntries | null): PsuSums {
  const { psuRowStart } = sample;
  const psuCount = psuRowStart.length - 1;
  const sums: PsuSums = {
    n: new Float64Array(psuCount),
    nSatisfied: new Float64Array(psuCount),
    sumW: new Float64Array(psuCount),
    sumWY: new Float64Array(psuCount),
    sumW2: new Float64Array(psuCount),
    entrySumD: entries ? new Float64Array(entries.entryCount) : null,
    entrySumDY: entries ? new Float64Array(entries.entryCount) : null,
  };
  const { n, nSatisfied, sumW, sumWY, sumW2, entrySumD, entrySumDY } = sums;
  for (let j = 0; j < psuCount; j++) {
    let count = 0;
    let satisfied = 0;
    let w1 = 0;
    let wy = 0;
    let w2 = 0;
    for (let i = psuRowStart[j]; i < psuRowStart[j + 1]; i++) {
      const yi = y[i];
      if (yi === MISSING_Y) continue;
      const wi = weight[i];
      count++;
      satisfied += yi;
      w1 += wi;
      wy += wi * yi;
      w2 += wi * wi;
      if (entries) {
        const e = entries.entryOfRow[i];
        const di = entries.designWeight[i];
        entrySumD![e] += di;
        entrySumDY![e] += di * yi;
      }
    }
    n[j] = count;
    nSatisfied[j] = satisfied;
    sumW[j] = w1;
    sumWY[j] = wy;
    sumW2[j] = w2;
  }
  return sums;
}

/** Rows of each PSU with at least one of the columns present (a composite's respondents). */
export function psuPresence(sample: SortedSample, ys: readonly Uint8Array[]): Float64Array {
  const { psuRowStart } = sample;
  const psuCount = psuRowStart.length - 1;
  const present = new Float64Array(psuCount);
  for (let j = 0; j < psuCount; j++) {
    let count = 0;
    for (let i = psuRowStart[j]; i < psuRowStart[j + 1]; i++) {
      for (const y of ys) {
        if (y[i] !== MISSING_Y) {
          count++;
          break;
        }
      }
    }
    present[j] = count;
  }
  return present;
}
