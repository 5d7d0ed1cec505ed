import type { SortedSample } from './design';
import type { DomainSpace } from './domains';
import { MISSING_INDICATOR } from './types';

// Local copies: an imported binding is read through a getter once compiled to CommonJS, which is slow in hot loops.
const MISSING_Y: number = MISSING_INDICATOR;

/**
 * One term of a linearisation variable: coefficient · δᵢ(yᵢ − p̂_d)/Ŵ_d. A single indicator has one term;
 * a composite has one per base indicator.
 */
export interface LinearTerm {
  y: Uint8Array;
  coefficient: number;
  p: Float64Array;
  inverseSumW: Float64Array;
}

/**
 * The GREG part of the linearisation variable after raking: every respondent of raking cell c subtracts
 * wᵢ·m_c′B̂_d = wᵢ·fitted[d × cellCount + c]. PSU j holds the calibrated weight `cellWeight[k]` in cell
 * `cell[k]` for k in `cellStart[j] .. cellStart[j+1]-1`.
 */
export interface GregAdjustment {
  cellStart: Int32Array;
  cell: Int32Array;
  cellWeight: Float64Array;
  cellCount: number;
  provinceOfCell: Int32Array;
  fitted: Float64Array;
}

export interface DomainVariance {
  /** One variance per requested stratum scale (e.g. without and with the finite population correction). */
  variance: Float64Array[];
  /** Respondents with at least one term present. */
  n: Float64Array;
  /** PSUs, and strata, holding at least one such respondent. */
  nPsu: Float64Array;
  nStrata: Float64Array;
}

/**
 * Taylor-linearised variance of every domain at once (METHOD.md §5). PSU totals of the linearisation
 * variable are formed over every PSU of the sample — a PSU without a domain member counts as a zero total —
 * and centred within strata; `scales[s][h]` multiplies stratum h's centred sum of squares.
 */
export function linearisedVariance(
  sample: SortedSample,
  weight: Float64Array,
  terms: readonly LinearTerm[],
  space: DomainSpace,
  scales: readonly Float64Array[],
  greg: GregAdjustment | null,
): DomainVariance {
  const size = space.size;
  const result: DomainVariance = {
    variance: scales.map(() => new Float64Array(size)),
    n: new Float64Array(size),
    nPsu: new Float64Array(size),
    nStrata: new Float64Array(size),
  };
  const codes = space.families.map((f) => f.codes);
  const familyCount = codes.length;
  const termCount = terms.length;
  const single = termCount === 1 && terms[0].coefficient === 1 ? terms[0] : null;
  const n = result.n;

  const psuTotal = new Float64Array(size);
  const psuMember = new Uint8Array(size);
  const psuTouched = new Uint8Array(size);
  const psuList = new Int32Array(size);
  let psuListLength = 0;
  const stratumSum = new Float64Array(size);
  const stratumPsus = new Float64Array(size);
  const stratumMember = new Uint8Array(size);
  const stratumTouched = new Uint8Array(size);
  const stratumList = new Int32Array(size);
  let stratumListLength = 0;
  let bufferDomain = new Int32Array(1024);
  let bufferTotal = new Float64Array(1024);

  const { psuRowStart, stratumPsuStart } = sample;
  const strataCount = stratumPsuStart.length - 1;
  for (let h = 0; h < strataCount; h++) {
    let bufferLength = 0;
    for (let j = stratumPsuStart[h]; j < stratumPsuStart[h + 1]; j++) {
      for (let i = psuRowStart[j]; i < psuRowStart[j + 1]; i++) {
        const wi = weight[i];
        if (single) {
          // One indicator: the common case, kept free of the inner loop over terms.
          const yi = single.y[i];
          if (yi === MISSING_Y) continue;
          for (let f = 0; f < familyCount; f++) {
            const d = codes[f][i];
            if (d < 0) continue;
            if (!psuTouched[d]) {
              psuTouched[d] = 1;
              psuList[psuListLength++] = d;
            }
            psuTotal[d] += wi * (yi - single.p[d]) * single.inverseSumW[d];
            psuMember[d] = 1;
            n[d]++;
          }
          continue;
        }
        for (let f = 0; f < familyCount; f++) {
          const d = codes[f][i];
          if (d < 0) continue;
          let z = 0;
          let present = false;
          for (let t = 0; t < termCount; t++) {
            const term = terms[t];
            const yi = term.y[i];
            if (yi === MISSING_Y) continue;
            present = true;
            z += term.coefficient * (yi - term.p[d]) * term.inverseSumW[d];
          }
          if (!present) continue;
          if (!psuTouched[d]) {
            psuTouched[d] = 1;
            psuList[psuListLength++] = d;
          }
          psuTotal[d] += wi * z;
          psuMember[d] = 1;
          n[d]++;
        }
      }
      if (greg) psuListLength = subtractFitted(greg, j, space, psuTotal, psuTouched, psuList, psuListLength);
      if (bufferLength + psuListLength > bufferDomain.length) {
        bufferDomain = grow(bufferDomain, bufferLength + psuListLength);
        bufferTotal = grow(bufferTotal, bufferLength + psuListLength);
      }
      for (let k = 0; k < psuListLength; k++) {
        const d = psuList[k];
        bufferDomain[bufferLength] = d;
        bufferTotal[bufferLength++] = psuTotal[d];
        stratumSum[d] += psuTotal[d];
        stratumPsus[d]++;
        if (psuMember[d]) {
          result.nPsu[d]++;
          stratumMember[d] = 1;
        }
        if (!stratumTouched[d]) {
          stratumTouched[d] = 1;
          stratumList[stratumListLength++] = d;
        }
        psuTotal[d] = 0;
        psuMember[d] = 0;
        psuTouched[d] = 0;
      }
      psuListLength = 0;
    }

    // Centre within the stratum: the mean runs over all its PSUs, the untouched ones being zeros.
    // A stratum with a single PSU is not centred (lonely PSU "adjust").
    const nh = stratumPsuStart[h + 1] - stratumPsuStart[h];
    for (let k = 0; k < stratumListLength; k++) {
      const d = stratumList[k];
      const mean = nh > 1 ? stratumSum[d] / nh : 0;
      stratumSum[d] = mean;
      stratumPsus[d] = (nh - stratumPsus[d]) * mean * mean;
    }
    for (let b = 0; b < bufferLength; b++) {
      const d = bufferDomain[b];
      const deviation = bufferTotal[b] - stratumSum[d];
      stratumPsus[d] += deviation * deviation;
    }
    for (let k = 0; k < stratumListLength; k++) {
      const d = stratumList[k];
      for (let s = 0; s < scales.length; s++) result.variance[s][d] += scales[s][h] * stratumPsus[d];
      if (stratumMember[d]) result.nStrata[d]++;
      stratumSum[d] = 0;
      stratumPsus[d] = 0;
      stratumMember[d] = 0;
      stratumTouched[d] = 0;
    }
    stratumListLength = 0;
  }
  return result;
}

/** Subtracts the GREG fit of PSU j's cells; returns the new length of the list of touched domains. */
function subtractFitted(
  greg: GregAdjustment,
  psu: number,
  space: DomainSpace,
  psuTotal: Float64Array,
  psuTouched: Uint8Array,
  psuList: Int32Array,
  listLength: number,
): number {
  const { cellStart, cell, cellWeight, cellCount, provinceOfCell, fitted } = greg;
  for (let k = cellStart[psu]; k < cellStart[psu + 1]; k++) {
    const c = cell[k];
    const w = cellWeight[k];
    for (const family of space.families) {
      // A family that is a function of the province has one domain with a non-zero fit in this cell.
      const only = family.domainOfProvince ? family.domainOfProvince[provinceOfCell[c]] : -1;
      const from = family.domainOfProvince ? only : family.offset;
      const to = family.domainOfProvince ? (only >= 0 ? only + 1 : only) : family.offset + family.labels.length;
      for (let d = from; d < to; d++) {
        const value = fitted[d * cellCount + c];
        if (value === 0) continue;
        if (!psuTouched[d]) {
          psuTouched[d] = 1;
          psuList[listLength++] = d;
        }
        psuTotal[d] -= w * value;
      }
    }
  }
  return listLength;
}

function grow<T extends Int32Array | Float64Array>(array: T, atLeast: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}
