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
  if (!jknPossible(sample)) {
    throw new EstimationError('Phương sai jackknife cần ít nhất hai tầng hoặc hai PSU', 'jackknife variance needs two strata or two PSUs');
  }
  return replicates;
}

/** Whether the sample has a jackknife at all (two strata, or two PSUs): {@link jknReplicates} throws otherwise. */
export function jknPossible(sample: SortedSample): boolean {
  const { stratumPsuStart } = sample;
  return stratumPsuStart.length - 1 >= 2 || stratumPsuStart[stratumPsuStart.length - 1] >= 2;
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

/**
 * JKn variance of every indicator in every domain, for the weights `weight` (design weights when `raking` is
 * null, else the raked weights, each replicate raked again). Returns one variance array per indicator.
 *
 * A replicate changes the weights of the deleted PSU's stratum only — after raking, of the provinces that
 * stratum lies in — and within one (stratum, province) piece every row of one raking cell changes by the same
 * factor: wᵣ − w = d·(m·g′_c − g_c), with d the design weight, g and g′ the full-sample and replicate raking
 * factors of the cell, and m = n_h/(n_h − 1) in stratum h, 1 elsewhere (0 in the deleted PSU, whose rows are
 * corrected one by one). So each piece keeps, per indicator, the sums Σd·y and Σd of every (domain, cell)
 * pair, and a replicate costs the pieces' pairs and the deleted PSU's rows, not every row of the provinces.
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
  const { columns, psuRowStart } = sample;
  const design = columns.weight;
  const provinceCodes = columns.province.codes;
  const pieces = new Pieces(sample, space, raking);
  const cells = pieces.cellsPerProvince;
  const { localCell, slotDomain, slotCell, slotStart, domainStart, domains } = pieces;
  const codes = space.families.map((f) => f.codes);
  const familyCount = codes.length;

  // Per base indicator, Σd·y and Σd over the rows of each slot whose indicator is not missing.
  const slotSums = indicators.map((indicator) => (indicator.kind === 'base' ? pieces.sums(indicator.y, design) : null));
  const rerake = raking ? new ReplicateRaking(sample, weight, raking, pieces, onNotice) : null;

  const variance = indicators.map(() => new Float64Array(size));
  const deviation = indicators.map(() => new Float64Array(size));
  const dN = new Float64Array(size);
  const dD = new Float64Array(size);
  const dGone = new Float64Array(size);
  const touched = new Uint8Array(size);
  const touchedList = new Int32Array(size);
  const affected: number[] = [];
  const coefficient = new Float64Array(pieces.count * cells);
  /** Replicate raking factor of each global cell of the affected provinces (1 with design weights). */
  const replicateFactor = new Float64Array(columns.province.levels.length * cells).fill(1);

  for (const replicate of replicates) {
    const { stratum, factor, rscale } = replicate;
    const deletedFirst = psuRowStart[replicate.psu];
    const deletedEnd = psuRowStart[replicate.psu + 1];
    affected.length = 0;
    if (rerake) {
      rerake.replicate(replicate, affected, coefficient, replicateFactor);
    } else {
      for (const q of pieces.ofStratum[stratum]) {
        coefficient[affected.length * cells] = factor - 1;
        affected.push(q);
      }
    }
    let touchedCount = 0;
    for (const q of affected) {
      for (let k = domainStart[q]; k < domainStart[q + 1]; k++) {
        const d = domains[k];
        if (!touched[d]) {
          touched[d] = 1;
          touchedList[touchedCount++] = d;
        }
      }
    }
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
      const sums = slotSums[b]!;
      for (let a = 0; a < affected.length; a++) {
        const q = affected[a];
        const base = a * cells;
        for (let s = slotStart[q]; s < slotStart[q + 1]; s++) {
          const c = coefficient[base + slotCell[s]];
          if (c === 0) continue;
          const d = slotDomain[s];
          dN[d] += c * sums[2 * s];
          dD[d] += c * sums[2 * s + 1];
        }
      }
      // The deleted PSU's rows were counted with factor·g′ above; their replicate weight is zero.
      for (let i = deletedFirst; i < deletedEnd; i++) {
        const yi = y[i];
        if (yi === MISSING_Y) continue;
        const w = factor * design[i] * replicateFactor[provinceCodes[i] * cells + localCell[i]];
        for (let f = 0; f < familyCount; f++) {
          const d = codes[f][i];
          if (d < 0) continue;
          dN[d] -= w * yi;
          dD[d] -= w;
          dGone[d] += 1;
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
    if (rerake) rerake.reset(replicateFactor);
  }
  return variance;
}

/**
 * The sample cut into pieces, one per (stratum, province) pair present, and each piece's slots: the
 * (domain, raking cell) pairs its rows fall in, one per domain family of each row.
 */
class Pieces {
  readonly cellsPerProvince: number;
  /** Raking cell of each row within its province (0 with design weights). */
  readonly localCell: Int32Array;
  readonly count: number;
  readonly stratumOf: Int32Array;
  readonly provinceOf: Int32Array;
  /** Pieces of each stratum and of each province. */
  readonly ofStratum: number[][];
  readonly ofProvince: number[][];
  /** Slots of piece q: `slotStart[q] .. slotStart[q+1]-1`, each a domain and a local cell. */
  readonly slotStart: Int32Array;
  readonly slotDomain: Int32Array;
  readonly slotCell: Int32Array;
  /** Distinct domains of piece q: `domains[domainStart[q] .. domainStart[q+1]-1]`. */
  readonly domainStart: Int32Array;
  readonly domains: Int32Array;
  /** Design-weight total of each local cell of each piece (`count × cellsPerProvince`). */
  readonly cellTotals: Float64Array;
  /** Slot of each row in each family (`rowCount × families`), -1 outside the family's domains. */
  private readonly rowSlot: Int32Array;
  private readonly familyCount: number;

  constructor(sample: SortedSample, space: DomainSpace, raking: Raking | null) {
    const { columns, psuRowStart, stratumPsuStart } = sample;
    const rowCount = columns.rowCount;
    const provinceCodes = columns.province.codes;
    const provinceCount = columns.province.levels.length;
    const cells = raking ? raking.cellsPerProvince : 1;
    this.cellsPerProvince = cells;
    this.localCell = new Int32Array(rowCount);
    if (raking) for (let i = 0; i < rowCount; i++) this.localCell[i] = raking.cellOfRow[i] - provinceCodes[i] * cells;
    const codes = space.families.map((f) => f.codes);
    this.familyCount = codes.length;
    this.rowSlot = new Int32Array(rowCount * codes.length).fill(-1);

    const strataCount = stratumPsuStart.length - 1;
    const stratumOf: number[] = [];
    const provinceOf: number[] = [];
    this.ofStratum = Array.from({ length: strataCount }, () => []);
    this.ofProvince = Array.from({ length: provinceCount }, () => []);
    const slotStart = [0];
    const slotDomain: number[] = [];
    const slotCell: number[] = [];
    const domainStart = [0];
    const domains: number[] = [];
    const cellTotals: number[] = [];
    const slotOf = new Int32Array(space.size * cells).fill(-1);
    const domainSeen = new Uint8Array(space.size);
    const pieceOfProvince = new Int32Array(provinceCount).fill(-1);
    for (let h = 0; h < strataCount; h++) {
      const first = psuRowStart[stratumPsuStart[h]];
      const end = psuRowStart[stratumPsuStart[h + 1]];
      const provinces: number[] = [];
      for (let i = first; i < end; i++) {
        const p = provinceCodes[i];
        if (pieceOfProvince[p] < 0) {
          pieceOfProvince[p] = 0;
          provinces.push(p);
        }
      }
      for (const p of provinces) {
        pieceOfProvince[p] = -1;
        const q = stratumOf.length;
        stratumOf.push(h);
        provinceOf.push(p);
        this.ofStratum[h].push(q);
        this.ofProvince[p].push(q);
        const pieceSlots = slotDomain.length;
        const totals = new Float64Array(cells);
        for (let i = first; i < end; i++) {
          if (provinceCodes[i] !== p) continue;
          const c = this.localCell[i];
          totals[c] += columns.weight[i];
          for (let f = 0; f < codes.length; f++) {
            const d = codes[f][i];
            if (d < 0) continue;
            const key = d * cells + c;
            if (slotOf[key] < 0) {
              slotOf[key] = slotDomain.length;
              slotDomain.push(d);
              slotCell.push(c);
            }
            this.rowSlot[i * codes.length + f] = slotOf[key];
            if (!domainSeen[d]) {
              domainSeen[d] = 1;
              domains.push(d);
            }
          }
        }
        for (let s = pieceSlots; s < slotDomain.length; s++) slotOf[slotDomain[s] * cells + slotCell[s]] = -1;
        for (let k = domainStart[domainStart.length - 1]; k < domains.length; k++) domainSeen[domains[k]] = 0;
        slotStart.push(slotDomain.length);
        domainStart.push(domains.length);
        cellTotals.push(...totals);
      }
    }
    this.count = stratumOf.length;
    this.stratumOf = Int32Array.from(stratumOf);
    this.provinceOf = Int32Array.from(provinceOf);
    this.slotStart = Int32Array.from(slotStart);
    this.slotDomain = Int32Array.from(slotDomain);
    this.slotCell = Int32Array.from(slotCell);
    this.domainStart = Int32Array.from(domainStart);
    this.domains = Int32Array.from(domains);
    this.cellTotals = Float64Array.from(cellTotals);
  }

  /** Σd·y and Σd of each slot over its rows where y is not missing, interleaved. */
  sums(y: Uint8Array, design: Float64Array): Float64Array {
    const out = new Float64Array(2 * this.slotDomain.length);
    const families = this.familyCount;
    const rowSlot = this.rowSlot;
    for (let i = 0; i < y.length; i++) {
      const yi = y[i];
      if (yi === MISSING_Y) continue;
      const w = design[i];
      for (let f = 0, k = i * families; f < families; f++, k++) {
        const s = rowSlot[k];
        if (s < 0) continue;
        out[2 * s] += w * yi;
        out[2 * s + 1] += w;
      }
    }
    return out;
  }
}

/**
 * Raked replicates: the provinces of the deleted PSU's stratum are raked again from their replicate design
 * weights (raking separates by province, so other provinces keep their weights).
 */
class ReplicateRaking {
  private readonly cellTotals: Float64Array;
  /** Full-sample raking factor of each global cell. */
  private readonly fullFactor: Float64Array;
  private readonly provincesOfStratum: number[][];

  constructor(
    private readonly sample: SortedSample,
    weight: Float64Array,
    private readonly raking: Raking,
    private readonly pieces: Pieces,
    private readonly onNotice: (notice: ReplicateNotice) => void,
  ) {
    const { columns } = sample;
    const cells = raking.cellsPerProvince;
    this.cellTotals = new Float64Array(cells);
    this.fullFactor = new Float64Array(columns.province.levels.length * cells);
    for (let i = 0; i < columns.rowCount; i++) {
      const d = columns.weight[i];
      if (d > 0) this.fullFactor[raking.cellOfRow[i]] = weight[i] / d;
    }
    this.provincesOfStratum = pieces.ofStratum.map((list) => list.map((q) => pieces.provinceOf[q]));
  }

  /**
   * Rakes the replicate's provinces again; lists their pieces in `affected`, with the coefficient
   * g′_c·m − g_c of each local cell of each (`coefficient[a·cells + c]` for the a-th affected piece), and
   * writes the replicate factors g′ of those provinces' cells into `replicateFactor`.
   */
  replicate(replicate: JknReplicate, affected: number[], coefficient: Float64Array, replicateFactor: Float64Array): void {
    const { columns, psuRowStart, stratumPsuStart } = this.sample;
    const { pieces, cellTotals } = this;
    const cells = this.raking.cellsPerProvince;
    const { stratum, factor } = replicate;
    const deletedFirst = psuRowStart[replicate.psu];
    const deletedEnd = psuRowStart[replicate.psu + 1];
    const stratumFirst = psuRowStart[stratumPsuStart[stratum]];
    const stratumEnd = psuRowStart[stratumPsuStart[stratum + 1]];
    for (const p of this.provincesOfStratum[stratum]) {
      // Replicate design-weight totals of the province's cells: other strata as they are; stratum h row by
      // row (so that a cell left empty is exactly zero), the deleted PSU dropped and the rest multiplied.
      cellTotals.fill(0);
      for (const q of pieces.ofProvince[p]) {
        if (pieces.stratumOf[q] === stratum) continue;
        for (let c = 0; c < cells; c++) cellTotals[c] += pieces.cellTotals[q * cells + c];
      }
      for (let i = stratumFirst; i < stratumEnd; i++) {
        if (i === deletedFirst) {
          i = deletedEnd - 1;
          continue;
        }
        if (columns.province.codes[i] === p) cellTotals[pieces.localCell[i]] += factor * columns.weight[i];
      }
      const factors = this.reRake(p, replicate);
      const base = p * cells;
      for (let c = 0; c < cells; c++) replicateFactor[base + c] = factors[c];
      for (const q of pieces.ofProvince[p]) {
        const m = pieces.stratumOf[q] === stratum ? factor : 1;
        const offset = affected.length * cells;
        for (let c = 0; c < cells; c++) coefficient[offset + c] = factors[c] * m - this.fullFactor[base + c];
        affected.push(q);
      }
    }
  }

  /** Puts back the factor 1 of the cells {@link replicate} wrote. */
  reset(replicateFactor: Float64Array): void {
    replicateFactor.fill(1);
  }

  /** Raking factors of the replicate in province p; the full sample's when its margins cannot be met. */
  private reRake(p: number, replicate: JknReplicate): Float64Array {
    const province = this.sample.columns.province.levels[p];
    const where = () => this.where(replicate);
    try {
      const { factors, merged } = this.raking.reRake(p, this.cellTotals);
      if (merged.length > 0) {
        this.onNotice({
          vi: `Bản sao ${where()}: tỉnh ${province} thiếu người trả lời ở ${merged.join(', ')}; đã gộp mức đó khi hiệu chỉnh bản sao này`,
          en: `replicate ${where()}: province ${province} has no respondent left in ${merged.join(', ')}; that level was merged for this replicate's raking`,
        });
      }
      return factors;
    } catch (error) {
      if (!(error instanceof EstimationError)) throw error;
      this.onNotice({
        vi: `Bản sao ${where()}: không hiệu chỉnh lại được tỉnh ${province} (${error.vi}); giữ hệ số hiệu chỉnh của toàn mẫu`,
        en: `replicate ${where()}: province ${province} could not be raked again (${error.en}); it keeps the full sample's raking factors`,
      });
      const cells = this.raking.cellsPerProvince;
      return this.fullFactor.slice(p * cells, (p + 1) * cells);
    }
  }

  private where(replicate: JknReplicate): string {
    const { columns, psuRowStart } = this.sample;
    return `${columns.strata[replicate.stratum]}/PSU ${psuLabel(this.sample, psuRowStart[replicate.psu])}`;
  }
}

/** The PSU label of a sorted row, when the sample keeps labels; else its number. */
function psuLabel(sample: SortedSample, row: number): string {
  const labels = sample.columns.psuLabels;
  return labels ? labels[sample.columns.psu[row]] : String(sample.columns.psu[row] + 1);
}
