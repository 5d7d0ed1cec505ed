import type { SortedSample } from './design';
import type { DomainSpace } from './domains';
import type { PsuSums } from './psu-sums';
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

/** The same term from PSU-level sums: coefficient · (Σwy − p̂_d·Σw)/Ŵ_d over a PSU's respondents. */
export interface PsuTerm {
  sums: PsuSums;
  coefficient: number;
  p: Float64Array;
  inverseSumW: Float64Array;
}

/** A linearisation variable in both forms: by rows, and by PSU for families constant within PSUs. */
export interface LinearisationVariable {
  rowTerms: readonly LinearTerm[];
  psuTerms: readonly PsuTerm[];
  /** Respondents of each PSU with at least one term present. */
  presentInPsu: Float64Array;
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
  variable: LinearisationVariable,
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
  const psu = new PsuAccumulator(size, result.n);
  const stratum = new StratumAccumulator(size);
  const psuFamilies = space.families.filter((f) => f.domainOfPsu).map((f) => f.domainOfPsu!);
  const rowFamilies = space.families.filter((f) => !f.domainOfPsu).map((f) => f.codes);
  const { stratumPsuStart } = sample;
  const strataCount = stratumPsuStart.length - 1;
  for (let h = 0; h < strataCount; h++) {
    for (let j = stratumPsuStart[h]; j < stratumPsuStart[h + 1]; j++) {
      if (variable.presentInPsu[j] > 0) addPsuTerms(psu, j, psuFamilies, variable);
      if (rowFamilies.length > 0) addRowTerms(psu, sample.psuRowStart, j, rowFamilies, weight, variable.rowTerms);
      if (greg) subtractFitted(psu, greg, j, space);
      stratum.takePsu(psu, result);
    }
    stratum.close(stratumPsuStart[h + 1] - stratumPsuStart[h], h, scales, result);
  }
  return result;
}

/** Totals of the current PSU, by domain, with the list of domains it touched. */
class PsuAccumulator {
  readonly total: Float64Array;
  readonly member: Uint8Array;
  readonly touched: Uint8Array;
  readonly list: Int32Array;
  length = 0;

  constructor(
    size: number,
    readonly n: Float64Array,
  ) {
    this.total = new Float64Array(size);
    this.member = new Uint8Array(size);
    this.touched = new Uint8Array(size);
    this.list = new Int32Array(size);
  }

  /** Adds z to domain d; `members` respondents of d are behind it (0 for a GREG adjustment). */
  add(d: number, z: number, members: number): void {
    if (!this.touched[d]) {
      this.touched[d] = 1;
      this.list[this.length++] = d;
    }
    this.total[d] += z;
    if (members > 0) {
      this.member[d] = 1;
      this.n[d] += members;
    }
  }
}

/** PSU totals of the current stratum, kept until its mean is known. */
class StratumAccumulator {
  private readonly sum: Float64Array;
  private readonly squares: Float64Array;
  private readonly psus: Float64Array;
  private readonly member: Uint8Array;
  private readonly touched: Uint8Array;
  private readonly list: Int32Array;
  private length = 0;
  private bufferDomain = new Int32Array(1024);
  private bufferTotal = new Float64Array(1024);
  private bufferLength = 0;

  constructor(size: number) {
    this.sum = new Float64Array(size);
    this.squares = new Float64Array(size);
    this.psus = new Float64Array(size);
    this.member = new Uint8Array(size);
    this.touched = new Uint8Array(size);
    this.list = new Int32Array(size);
  }

  /** Moves the PSU's totals into the stratum and clears the PSU. */
  takePsu(psu: PsuAccumulator, result: DomainVariance): void {
    if (this.bufferLength + psu.length > this.bufferDomain.length) {
      this.bufferDomain = grow(this.bufferDomain, this.bufferLength + psu.length);
      this.bufferTotal = grow(this.bufferTotal, this.bufferLength + psu.length);
    }
    for (let k = 0; k < psu.length; k++) {
      const d = psu.list[k];
      const z = psu.total[d];
      this.bufferDomain[this.bufferLength] = d;
      this.bufferTotal[this.bufferLength++] = z;
      this.sum[d] += z;
      this.psus[d]++;
      if (psu.member[d]) {
        result.nPsu[d]++;
        this.member[d] = 1;
      }
      if (!this.touched[d]) {
        this.touched[d] = 1;
        this.list[this.length++] = d;
      }
      psu.total[d] = 0;
      psu.member[d] = 0;
      psu.touched[d] = 0;
    }
    psu.length = 0;
  }

  /**
   * Centres within the stratum — the mean runs over all its `nh` PSUs, untouched ones being zeros — and adds
   * the scaled sum of squares. A stratum with a single PSU is not centred (lonely PSU "adjust").
   */
  close(nh: number, h: number, scales: readonly Float64Array[], result: DomainVariance): void {
    for (let k = 0; k < this.length; k++) {
      const d = this.list[k];
      const mean = nh > 1 ? this.sum[d] / nh : 0;
      this.sum[d] = mean;
      this.squares[d] = (nh - this.psus[d]) * mean * mean;
    }
    for (let b = 0; b < this.bufferLength; b++) {
      const d = this.bufferDomain[b];
      const deviation = this.bufferTotal[b] - this.sum[d];
      this.squares[d] += deviation * deviation;
    }
    for (let k = 0; k < this.length; k++) {
      const d = this.list[k];
      for (let s = 0; s < scales.length; s++) result.variance[s][d] += scales[s][h] * this.squares[d];
      if (this.member[d]) result.nStrata[d]++;
      this.sum[d] = 0;
      this.squares[d] = 0;
      this.psus[d] = 0;
      this.member[d] = 0;
      this.touched[d] = 0;
    }
    this.length = 0;
    this.bufferLength = 0;
  }
}

/** Families constant within PSUs: the PSU's contribution comes from its sums, without visiting rows. */
function addPsuTerms(psu: PsuAccumulator, j: number, psuFamilies: Int32Array[], variable: LinearisationVariable): void {
  for (const domainOfPsu of psuFamilies) {
    const d = domainOfPsu[j];
    if (d < 0) continue;
    let z = 0;
    for (const term of variable.psuTerms) {
      const sums = term.sums;
      if (sums.n[j] === 0) continue;
      z += term.coefficient * (sums.sumWY[j] - term.p[d] * sums.sumW[j]) * term.inverseSumW[d];
    }
    psu.add(d, z, variable.presentInPsu[j]);
  }
}

/** Families that cut across PSUs (e.g. sex): each row adds to its own domain. */
function addRowTerms(
  psu: PsuAccumulator,
  psuRowStart: Int32Array,
  j: number,
  rowFamilies: Int32Array[],
  weight: Float64Array,
  terms: readonly LinearTerm[],
): void {
  for (let i = psuRowStart[j]; i < psuRowStart[j + 1]; i++) {
    for (const codes of rowFamilies) {
      const d = codes[i];
      if (d < 0) continue;
      let z = 0;
      let present = false;
      for (const term of terms) {
        const yi = term.y[i];
        if (yi === MISSING_Y) continue;
        present = true;
        z += term.coefficient * (yi - term.p[d]) * term.inverseSumW[d];
      }
      if (present) psu.add(d, weight[i] * z, 1);
    }
  }
}

/** Subtracts the GREG fit of PSU j's raking cells from every domain with a non-zero fit there. */
function subtractFitted(psu: PsuAccumulator, greg: GregAdjustment, j: number, space: DomainSpace): void {
  const { cellStart, cell, cellWeight, cellCount, provinceOfCell, fitted } = greg;
  const families = space.families;
  for (let k = cellStart[j]; k < cellStart[j + 1]; k++) {
    const c = cell[k];
    const w = cellWeight[k];
    for (let f = 0; f < families.length; f++) {
      const family = families[f];
      const byProvince = family.domainOfProvince;
      if (byProvince) {
        // A function of the province: one domain has a non-zero fit in this cell.
        const d = byProvince[provinceOfCell[c]];
        if (d >= 0 && fitted[d * cellCount + c] !== 0) psu.add(d, -w * fitted[d * cellCount + c], 0);
        continue;
      }
      for (let d = family.offset; d < family.offset + family.labels.length; d++) {
        const value = fitted[d * cellCount + c];
        if (value !== 0) psu.add(d, -w * value, 0);
      }
    }
  }
}

function grow<T extends Int32Array | Float64Array>(array: T, atLeast: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}
