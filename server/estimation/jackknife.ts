import type { SortedSample } from './design';
import type { DomainSpace } from './domains';
import { EstimationError } from './estimation-error';
import type { Raking } from './raking';
import { MISSING_INDICATOR } from './types';

// Local copy: an imported binding is read through a getter once compiled to CommonJS, slow in hot loops.
const MISSING_Y: number = MISSING_INDICATOR;

/**
 * Stratified jackknife (JKn) replicate variance (METHOD.md §5), as R `as.svrepdesign(type = "JKn")` with
 * `survey.lonely.psu = "adjust"` and `mse = TRUE`. Replicate r deletes one PSU j of stratum h and multiplies
 * the other PSUs of h by n_h/(n_h − 1); after raking, every replicate is raked again to the same margins.
 * v̂ = Σ_r (n_h − 1)/n_h · (θ_r − θ̂)². A stratum with one PSU gives a replicate that deletes it and
 * multiplies every other PSU by H/(H − 1) (H strata), with multiplier (H − 1)/H: a common factor that
 * ratio estimates and raking cancel, so the replicate is the sample without that PSU.
 *
 * A replicate differs from the full sample only in the rows of stratum h — after raking, in the rows of
 * the provinces stratum h lies in — so each replicate visits those rows only.
 */
export interface JknReplicate {
  stratum: number;
  /** The deleted PSU (sorted numbering). */
  psu: number;
  /** Multiplier of the other PSUs of the stratum. */
  factor: number;
  /** (n_h − 1)/n_h, or (H − 1)/H for a stratum with a single PSU. */
  rscale: number;
}

export function jknReplicates(sample: SortedSample): JknReplicate[] {
  const { stratumPsuStart } = sample;
  const strataCount = stratumPsuStart.length - 1;
  const replicates: JknReplicate[] = [];
  for (let h = 0; h < strataCount; h++) {
    const nh = stratumPsuStart[h + 1] - stratumPsuStart[h];
    for (let j = stratumPsuStart[h]; j < stratumPsuStart[h + 1]; j++) {
      replicates.push(
        nh > 1
          ? { stratum: h, psu: j, factor: nh / (nh - 1), rscale: (nh - 1) / nh }
          : { stratum: h, psu: j, factor: 1, rscale: (strataCount - 1) / strataCount },
      );
    }
  }
  if (strataCount < 2 && replicates.every((r) => r.rscale === 0)) {
    throw new EstimationError('Phương sai jackknife cần ít nhất hai tầng hoặc hai PSU', 'jackknife variance needs two strata or two PSUs');
  }
  return replicates;
}

/**
 * Degrees of freedom of the replicate design, R's `degf()`: the rank of the replicate weights less one. With
 * design weights the JKn replicates of a stratum span the constant and n_h − 1 contrasts (a lone PSU's
 * replicate adds one dimension), so the rank is 1 + Σ_{n_h>1}(n_h − 1) + (strata with one PSU); raking
 * makes the replicate weights vary within PSUs and the rank is the number of replicates.
 */
export function jknDegreesOfFreedom(sample: SortedSample, raked: boolean): number {
  const { stratumPsuStart } = sample;
  if (raked) return stratumPsuStart[stratumPsuStart.length - 1] - 1;
  let rank = 1;
  for (let h = 0; h + 1 < stratumPsuStart.length; h++) {
    const nh = stratumPsuStart[h + 1] - stratumPsuStart[h];
    rank += nh > 1 ? nh - 1 : 1;
  }
  return rank - 1;
}

/** What one indicator needs for its replicate estimates: a base indicator's column and full-sample totals, or
 * a composite's parts (indices of base indicators listed earlier) with their coefficients. */
export type ReplicateIndicator =
  | { kind: 'base'; y: Uint8Array; p: Float64Array; sumW: Float64Array; n: Float64Array }
  | { kind: 'composite'; parts: readonly { index: number; coefficient: number }[] };

/** A replicate that could not be raked to the margins as they are, and what was done instead. */
export interface ReplicateNotice {
  vi: string;
  en: string;
}

/** Rows whose weight a replicate changes: `delta` = replicate weight − full-sample weight. */
interface Changes {
  rows: Int32Array;
  delta: Float64Array;
  /** 1 when the row's replicate weight is zero (its PSU is deleted). */
  gone: Uint8Array;
  length: number;
}

/**
 * JKn variance of every indicator in every domain, for the weights `weight` (design weights when `raking` is
 * null, else the raked weights, each replicate raked again). Returns one variance array per indicator.
 */
export function jknVariances(
  sample: SortedSample,
  space: DomainSpace,
  weight: Float64Array,
  raking: Raking | null,
  indicators: readonly ReplicateIndicator[],
  onNotice: (notice: ReplicateNotice) => void,
): Float64Array[] {
  const size = space.size;
  const replicates = jknReplicates(sample);
  const rows = raking ? new RakedReplicates(sample, weight, raking, onNotice) : new DesignReplicates(sample, weight);
  const codes = space.families.map((f) => f.codes);
  const familyCount = codes.length;
  const variance = indicators.map(() => new Float64Array(size));
  const deviation = indicators.map(() => new Float64Array(size));
  const dN = new Float64Array(size);
  const dD = new Float64Array(size);
  const dGone = new Float64Array(size);
  const touched = new Uint8Array(size);
  const touchedList = new Int32Array(size);

  for (const replicate of replicates) {
    const changes = rows.changes(replicate);
    const { length } = changes;
    const changedRows = changes.rows;
    const delta = changes.delta;
    const gone = changes.gone;
    let touchedCount = 0;
    for (let k = 0; k < length; k++) {
      const i = changedRows[k];
      for (let f = 0; f < familyCount; f++) {
        const d = codes[f][i];
        if (d >= 0 && !touched[d]) {
          touched[d] = 1;
          touchedList[touchedCount++] = d;
        }
      }
    }
    const rscale = replicate.rscale;
    for (let b = 0; b < indicators.length; b++) {
      const indicator = indicators[b];
      const dev = deviation[b];
      const out = variance[b];
      if (indicator.kind === 'composite') {
        for (let t = 0; t < touchedCount; t++) {
          const d = touchedList[t];
          let value = 0;
          for (const part of indicator.parts) value += part.coefficient * deviation[part.index][d];
          dev[d] = value;
          out[d] += rscale * value * value;
        }
        continue;
      }
      const { y, p, sumW, n } = indicator;
      for (let k = 0; k < length; k++) {
        const i = changedRows[k];
        const yi = y[i];
        if (yi === MISSING_Y) continue;
        const dw = delta[k];
        const g = gone[k];
        for (let f = 0; f < familyCount; f++) {
          const d = codes[f][i];
          if (d < 0) continue;
          dN[d] += dw * yi;
          dD[d] += dw;
          dGone[d] += g;
        }
      }
      for (let t = 0; t < touchedCount; t++) {
        const d = touchedList[t];
        let value = 0;
        if (n[d] > 0) {
          // θ_r − θ̂ = (ΔΣwy − θ̂·ΔΣw)/(Σw + ΔΣw); NaN when the replicate deletes every member (as R).
          value = dGone[d] === n[d] ? NaN : (dN[d] - p[d] * dD[d]) / (sumW[d] + dD[d]);
        }
        dev[d] = value;
        out[d] += rscale * value * value;
        dN[d] = 0;
        dD[d] = 0;
        dGone[d] = 0;
      }
    }
    for (let t = 0; t < touchedCount; t++) touched[touchedList[t]] = 0;
  }
  return variance;
}

/** Design-weight replicates: only the rows of the deleted PSU's stratum change. */
class DesignReplicates {
  private readonly scratch: Changes;

  constructor(
    private readonly sample: SortedSample,
    private readonly weight: Float64Array,
  ) {
    let widest = 0;
    const { stratumPsuStart, psuRowStart } = sample;
    for (let h = 0; h + 1 < stratumPsuStart.length; h++) {
      widest = Math.max(widest, psuRowStart[stratumPsuStart[h + 1]] - psuRowStart[stratumPsuStart[h]]);
    }
    this.scratch = { rows: new Int32Array(widest), delta: new Float64Array(widest), gone: new Uint8Array(widest), length: 0 };
  }

  changes(replicate: JknReplicate): Changes {
    const { stratumPsuStart, psuRowStart } = this.sample;
    const { rows, delta, gone } = this.scratch;
    const first = psuRowStart[stratumPsuStart[replicate.stratum]];
    const end = psuRowStart[stratumPsuStart[replicate.stratum + 1]];
    const deletedFirst = psuRowStart[replicate.psu];
    const deletedEnd = psuRowStart[replicate.psu + 1];
    const extra = replicate.factor - 1;
    let length = 0;
    for (let i = first; i < end; i++) {
      const deleted = i >= deletedFirst && i < deletedEnd;
      rows[length] = i;
      delta[length] = deleted ? -this.weight[i] : extra * this.weight[i];
      gone[length++] = deleted ? 1 : 0;
    }
    this.scratch.length = length;
    return this.scratch;
  }
}

/**
 * Raked replicates: the provinces of the deleted PSU's stratum are raked again from their replicate design
 * weights (raking separates by province, so other provinces keep their weights).
 */
class RakedReplicates {
  private readonly scratch: Changes;
  /** Rows of each province (sorted numbering): `provinceRows[provinceRowStart[p] .. provinceRowStart[p+1]-1]`. */
  private readonly provinceRowStart: Int32Array;
  private readonly provinceRows: Int32Array;
  /** Provinces with rows in each stratum. */
  private readonly provincesOfStratum: number[][];
  private readonly cellTotals: Float64Array;
  private readonly replicateWeight: Float64Array;

  constructor(
    private readonly sample: SortedSample,
    private readonly weight: Float64Array,
    private readonly raking: Raking,
    private readonly onNotice: (notice: ReplicateNotice) => void,
  ) {
    const { columns } = sample;
    const provinceCount = columns.province.levels.length;
    this.provinceRowStart = new Int32Array(provinceCount + 1);
    for (let i = 0; i < columns.rowCount; i++) this.provinceRowStart[columns.province.codes[i] + 1]++;
    for (let p = 0; p < provinceCount; p++) this.provinceRowStart[p + 1] += this.provinceRowStart[p];
    this.provinceRows = new Int32Array(columns.rowCount);
    const next = this.provinceRowStart.slice(0, provinceCount);
    for (let i = 0; i < columns.rowCount; i++) this.provinceRows[next[columns.province.codes[i]]++] = i;
    this.provincesOfStratum = columns.strata.map(() => []);
    const seen = new Set<number>();
    for (let i = 0; i < columns.rowCount; i++) {
      const key = columns.stratum[i] * provinceCount + columns.province.codes[i];
      if (!seen.has(key)) {
        seen.add(key);
        this.provincesOfStratum[columns.stratum[i]].push(columns.province.codes[i]);
      }
    }
    let widest = 0;
    for (const provinces of this.provincesOfStratum) {
      widest = Math.max(widest, provinces.reduce((n, p) => n + this.provinceRowStart[p + 1] - this.provinceRowStart[p], 0));
    }
    this.scratch = { rows: new Int32Array(widest), delta: new Float64Array(widest), gone: new Uint8Array(widest), length: 0 };
    this.cellTotals = new Float64Array(raking.cellsPerProvince);
    this.replicateWeight = new Float64Array(widest);
  }

  changes(replicate: JknReplicate): Changes {
    const { columns, psuRowStart } = this.sample;
    const { rows, delta, gone } = this.scratch;
    const { cellOfRow, cellsPerProvince } = this.raking;
    const design = columns.weight;
    const deletedFirst = psuRowStart[replicate.psu];
    const deletedEnd = psuRowStart[replicate.psu + 1];
    let length = 0;
    for (const p of this.provincesOfStratum[replicate.stratum]) {
      const start = length;
      this.cellTotals.fill(0);
      const cellBase = p * cellsPerProvince;
      for (let k = this.provinceRowStart[p]; k < this.provinceRowStart[p + 1]; k++) {
        const i = this.provinceRows[k];
        const deleted = i >= deletedFirst && i < deletedEnd;
        const d = deleted ? 0 : columns.stratum[i] === replicate.stratum ? replicate.factor * design[i] : design[i];
        rows[length] = i;
        gone[length] = deleted ? 1 : 0;
        this.replicateWeight[length++] = d;
        this.cellTotals[cellOfRow[i] - cellBase] += d;
      }
      const factors = this.reRake(p, replicate);
      for (let k = start; k < length; k++) {
        const i = rows[k];
        delta[k] = this.replicateWeight[k] * factors[cellOfRow[i] - cellBase] - this.weight[i];
      }
    }
    this.scratch.length = length;
    return this.scratch;
  }

  /** Raking factors of the replicate in province p; the full sample's when its margins cannot be met. */
  private reRake(p: number, replicate: JknReplicate): Float64Array {
    const province = this.sample.columns.province.levels[p];
    const where = this.where(replicate);
    try {
      const { factors, merged } = this.raking.reRake(p, this.cellTotals);
      if (merged.length > 0) {
        this.notice(
          `Bản sao ${where}: tỉnh ${province} thiếu người trả lời ở ${merged.join(', ')}; đã gộp mức đó khi hiệu chỉnh bản sao này`,
          `replicate ${where}: province ${province} has no respondent left in ${merged.join(', ')}; that level was merged for this replicate's raking`,
        );
      }
      return factors;
    } catch (error) {
      if (!(error instanceof EstimationError)) throw error;
      this.notice(
        `Bản sao ${where}: không hiệu chỉnh lại được tỉnh ${province} (${error.vi}); giữ hệ số hiệu chỉnh của toàn mẫu`,
        `replicate ${where}: province ${province} could not be raked again (${error.en}); it keeps the full sample's raking factors`,
      );
      const factors = new Float64Array(this.raking.cellsPerProvince);
      const base = p * this.raking.cellsPerProvince;
      for (let k = this.provinceRowStart[p]; k < this.provinceRowStart[p + 1]; k++) {
        const i = this.provinceRows[k];
        const d = this.sample.columns.weight[i];
        if (d > 0) factors[this.raking.cellOfRow[i] - base] = this.weight[i] / d;
      }
      return factors;
    }
  }

  private where(replicate: JknReplicate): string {
    const { columns, psuRowStart } = this.sample;
    return `${columns.strata[replicate.stratum]}/PSU ${psuLabel(this.sample, psuRowStart[replicate.psu])}`;
  }

  private notice(vi: string, en: string): void {
    this.onNotice({ vi, en });
  }
}

/** The PSU label of a sorted row, when the sample keeps labels; else its number. */
function psuLabel(sample: SortedSample, row: number): string {
  const labels = sample.columns.psuLabels;
  return labels ? labels[sample.columns.psu[row]] : String(sample.columns.psu[row] + 1);
}
