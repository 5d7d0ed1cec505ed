import { choleskySolve } from './cholesky';
import type { SortedSample } from './design';
import type { DomainTotals } from './domain-totals';
import type { Raking } from './raking';
import type { GregAdjustment } from './variance';

/** The part of a GREG adjustment that depends only on the sample and the raking. */
export interface GregFrame extends Omit<GregAdjustment, 'fitted'> {
  /** The (PSU, cell) entry each row falls in. */
  entryOfRow: Int32Array;
}

/** Calibrated weight totals of every (PSU, raking cell) pair present in the sample. */
export function gregFrame(sample: SortedSample, raking: Raking): GregFrame {
  const { psuRowStart } = sample;
  const psuCount = psuRowStart.length - 1;
  const provinceCount = sample.columns.province.levels.length;
  const cellCount = provinceCount * raking.cellsPerProvince;
  const cellStart = new Int32Array(psuCount + 1);
  const entryOfRow = new Int32Array(psuRowStart[psuCount]);
  const cells: number[] = [];
  const weights: number[] = [];
  const slot = new Int32Array(cellCount).fill(-1);
  for (let j = 0; j < psuCount; j++) {
    const first = cells.length;
    for (let i = psuRowStart[j]; i < psuRowStart[j + 1]; i++) {
      const c = raking.cellOfRow[i];
      if (slot[c] < 0) {
        slot[c] = cells.length;
        cells.push(c);
        weights.push(0);
      }
      weights[slot[c]] += raking.weight[i];
      entryOfRow[i] = slot[c];
    }
    for (let k = first; k < cells.length; k++) slot[cells[k]] = -1;
    cellStart[j + 1] = cells.length;
  }
  const provinceOfCell = new Int32Array(cellCount);
  for (let c = 0; c < cellCount; c++) provinceOfCell[c] = Math.floor(c / raking.cellsPerProvince);
  return {
    cellStart,
    cell: Int32Array.from(cells),
    cellWeight: Float64Array.from(weights),
    cellCount,
    provinceOfCell,
    entryOfRow,
  };
}

/**
 * Fitted values m_c′B̂_d of the regression of rᵢ = δᵢ(yᵢ − p̂_d)/Ŵ_d on the raking model with design
 * weights, B̂_d = (Σ dᵢmᵢmᵢ′)⁻¹ Σ dᵢmᵢrᵢ, for every domain d and cell c. The regression separates by
 * province, so B̂_d is solved province by province from cell totals.
 */
export function gregFitted(totals: DomainTotals, p: Float64Array, raking: Raking, domainCount: number): Float64Array {
  const { cellsPerProvince, modelSize: k, cellModels, projection } = raking;
  const cellCount = projection.length * cellsPerProvince;
  const fitted = new Float64Array(domainCount * cellCount);
  const rhs = new Float64Array(k);
  for (let d = 0; d < domainCount; d++) {
    if (totals.n[d] === 0) continue;
    const inverseSumW = 1 / totals.sumW[d];
    for (let province = 0; province < projection.length; province++) {
      const factor = projection[province];
      if (!factor) continue;
      const cellModel = cellModels[province];
      rhs.fill(0);
      let any = false;
      for (let local = 0; local < cellsPerProvince; local++) {
        const at = d * cellCount + province * cellsPerProvince + local;
        const sumD = totals.cellSumD![at];
        if (sumD === 0) continue;
        any = true;
        const r = (totals.cellSumDY![at] - p[d] * sumD) * inverseSumW;
        for (let a = 0; a < k; a++) rhs[a] += cellModel[local * k + a] * r;
      }
      if (!any) continue;
      const beta = choleskySolve(factor, rhs);
      for (let local = 0; local < cellsPerProvince; local++) {
        let value = 0;
        for (let a = 0; a < k; a++) value += cellModel[local * k + a] * beta[a];
        fitted[d * cellCount + province * cellsPerProvince + local] = value;
      }
    }
  }
  return fitted;
}
