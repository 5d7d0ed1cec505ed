import { nearestLevel, ORDERED_MARGINS } from './cell-collapsing';
import { choleskyFactor, choleskySolve, type CholeskyFactor } from './cholesky';
import { EstimationError } from './estimation-error';
import type { MarginTotal, SurveyColumns } from './types';

/**
 * Raking of the base weights to province × margin totals (METHOD.md §4): w = d·exp(m′λ), solved by Newton
 * steps. The model is block-diagonal by province, and within a province every respondent of one cell
 * (a combination of margin levels, e.g. F × 30-39) gets the same factor, so the problem is solved per
 * province on cell totals.
 */
export interface Raking {
  /** Calibrated weights. */
  weight: Float64Array;
  /** Global cell of each row: province code × cellsPerProvince + local cell. */
  cellOfRow: Int32Array;
  cellsPerProvince: number;
  /** Model vector m of each local cell (row-major, cellsPerProvince × modelSize). */
  cellModel: Float64Array;
  modelSize: number;
  /** Per province, the factor of Σ d·m·m′ over its respondents (the GREG projection), or null if absent. */
  projection: (CholeskyFactor | null)[];
  /** Per province, the model vectors of its cells: `cellModel` unless adjacent age groups were merged there. */
  cellModels: Float64Array[];
  /**
   * Provinces where the margins could not be met as given: adjacent age groups merged until they could, or,
   * failing that, the province left at its design weights (`fellBack`), with a message naming it.
   */
  adjustments: RakingAdjustment[];
  /**
   * Iterative proportional fitting sweeps R's `rake(…, control = list(maxit = 200, epsilon = 1e-12))` makes on
   * this sample: it stops once a sweep changes no province × margin-levels cell total by 1e-12 of the total
   * design weight. R rakes a replicate design with the same sweeps, judged on the full sample only.
   */
  sweeps: number;
  /**
   * Rakes province `province` again from other design-weight cell totals (a jackknife replicate's), to the
   * same margins, as R rakes a replicate design: {@link sweeps} IPF sweeps from those totals. A margin level
   * left without respondents (R gives NaN weights) is merged into the nearest level that has some (as
   * {@link collapseEmptyCells} does for the full sample), named in `merged`, and that replicate is raked to
   * convergence by Newton steps; throws an {@link EstimationError} when the margins still cannot be met.
   */
  reRake(province: number, cellTotals: Float64Array): ReRaked;
}

export interface RakingAdjustment {
  province: string;
  /** The province keeps its design weights: its margins cannot be met even with every age group merged. */
  fellBack: boolean;
  vi: string;
  en: string;
}

export interface ReRaked {
  /** Raking factor of each local cell of the province. */
  factors: Float64Array;
  /** Margin levels merged for this raking: `variable=level → into`. */
  merged: string[];
}

const TOLERANCE = 1e-10;
const MAX_ITERATIONS = 100;
/** R `rake()` control used for replicate designs (METHOD.md §5). */
const IPF_MAX_SWEEPS = 200;
const IPF_EPSILON = 1e-12;

export function rake(columns: SurveyColumns, margins: readonly MarginTotal[]): Raking {
  // A fixed order of margins (sex, then age group, as R's rake() is called): IPF sweeps of a replicate depend on it.
  const order = (v: string) => (v === 'sex' ? 0 : v === 'age_group' ? 1 : 2);
  const variables = [...new Set(margins.map((m) => m.variable))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const layout = cellLayout(columns, variables);
  const provinces = columns.province.levels;
  const cellsPerProvince = layout.cellsPerProvince;
  const cellOfRow = assignCells(columns, variables, cellsPerProvince);
  const designCellTotals = new Float64Array(provinces.length * cellsPerProvince);
  for (let i = 0; i < columns.rowCount; i++) designCellTotals[cellOfRow[i]] += columns.weight[i];

  const targets = marginTargets(columns, variables, margins);
  const factorOfCell = new Float64Array(designCellTotals.length);
  const lambdas: (Float64Array | null)[] = [];
  const projection: (CholeskyFactor | null)[] = [];
  const layouts: CellLayout[] = [];
  const provinceLevels: Map<string, number>[] = [];
  const adjustments: RakingAdjustment[] = [];
  const fellBack = new Uint8Array(provinces.length);
  const provincePresent = new Uint8Array(provinces.length);
  for (let i = 0; i < columns.rowCount; i++) provincePresent[columns.province.codes[i]] = 1;

  for (let p = 0; p < provinces.length; p++) {
    if (!provincePresent[p]) {
      projection.push(null);
      lambdas.push(null);
      layouts.push(layout);
      provinceLevels.push(new Map());
      continue;
    }
    const cellTotals = designCellTotals.subarray(p * cellsPerProvince, (p + 1) * cellsPerProvince);
    const target = targets.get(provinces[p]);
    if (!target) {
      throw new EstimationError(
        `Không có tổng biên nào cho tỉnh ${provinces[p]}`,
        `no margin totals for province ${provinces[p]}`,
      );
    }
    checkCellsHaveSample(cellTotals, target, layout, variables, provinces[p]);
    const solved = solveFeasible(cellTotals, target.byLevel, layout, variables, provinces[p]);
    layouts.push(solved.layout);
    provinceLevels.push(solved.byLevel);
    if (solved.adjustment) adjustments.push(solved.adjustment);
    if (!solved.factors) {
      fellBack[p] = 1;
      lambdas.push(null);
      factorOfCell.fill(1, p * cellsPerProvince, (p + 1) * cellsPerProvince);
      projection.push(null);
      continue;
    }
    lambdas.push(solved.lambda);
    factorOfCell.set(solved.factors, p * cellsPerProvince);
    projection.push(choleskyFactor(weightedCrossProduct(cellTotals, solved.layout), layout.modelSize));
  }

  const weight = new Float64Array(columns.rowCount);
  for (let i = 0; i < columns.rowCount; i++) weight[i] = columns.weight[i] * factorOfCell[cellOfRow[i]];
  const levelTargets = provinces.map((_, p) =>
    provincePresent[p] && !fellBack[p] ? levelTotals(variables, layout.levels, provinceLevels[p]) : null,
  );
  let designTotal = 0;
  for (let i = 0; i < columns.rowCount; i++) designTotal += columns.weight[i];
  const sweeps = ipfSweepCount(designCellTotals, levelTargets, layouts, cellsPerProvince, IPF_EPSILON * designTotal);
  const levelScratch = layout.levels.map((l) => new Float64Array(l.length));
  const sweepScratch = new Float64Array(Math.max(...layout.levels.map((l) => l.length)));
  return {
    weight,
    cellOfRow,
    cellsPerProvince,
    cellModel: layout.cellModel,
    modelSize: layout.modelSize,
    projection,
    cellModels: layouts.map((l) => l.cellModel),
    adjustments,
    sweeps,
    reRake(p, cellTotals) {
      if (fellBack[p]) return { factors: new Float64Array(cellsPerProvince).fill(1), merged: [] };
      const provinceLayout = layouts[p];
      // Sample weight of each level of each margin, to find a level the replicate left without respondents.
      let empty = false;
      const sampled = levelScratch;
      variables.forEach((_, k) => {
        const weightOfLevel = sampled[k].fill(0);
        const levelOf = provinceLayout.cellLevels[k];
        for (let c = 0; c < cellsPerProvince; c++) weightOfLevel[levelOf[c]] += cellTotals[c];
        const target = levelTargets[p]![k];
        for (let l = 0; l < weightOfLevel.length; l++) if (weightOfLevel[l] === 0 && target[l] > 0) empty = true;
      });
      if (!empty) {
        const fitted = Float64Array.from(cellTotals);
        for (let sweep = 0; sweep < sweeps; sweep++) ipfSweep(fitted, levelTargets[p]!, provinceLayout, sweepScratch);
        for (let c = 0; c < cellsPerProvince; c++) fitted[c] = cellTotals[c] > 0 ? fitted[c] / cellTotals[c] : 0;
        return { factors: fitted, merged: [] };
      }
      const merged: string[] = [];
      const byLevel = new Map(provinceLevels[p]);
      variables.forEach((variable, k) => {
        const weightOf = (l: number) => sampled[k][l];
        const levels = layout.levels[k];
        const present = levels.map((_, l) => l).filter((l) => weightOf(l) > 0);
        levels.forEach((level, l) => {
          const total = byLevel.get(`${variable}=${level}`) ?? 0;
          if (total <= 0 || weightOf(l) > 0) return;
          if (present.length === 0) {
            throw new EstimationError(
              `Tỉnh ${provinces[p]} không còn người trả lời nào cho biên ${variable}`,
              `province ${provinces[p]} has no respondent left for margin ${variable}`,
            );
          }
          const into = levels[nearestLevel(l, present, weightOf, variable in ORDERED_MARGINS)];
          byLevel.set(`${variable}=${into}`, byLevel.get(`${variable}=${into}`)! + total);
          byLevel.set(`${variable}=${level}`, 0);
          merged.push(`${variable}=${level} → ${into}`);
        });
      });
      const model = modelTotals(variables, layout.levels, byLevel);
      const start = Float64Array.from(lambdas[p] ?? new Float64Array(layout.modelSize));
      return { factors: solveProvince(cellTotals, model, provinceLayout, provinces[p], start).factors, merged };
    },
  };
}

interface FeasibleSolution {
  layout: CellLayout;
  byLevel: Map<string, number>;
  /** null when the province keeps its design weights. */
  factors: Float64Array | null;
  lambda: Float64Array | null;
  adjustment: RakingAdjustment | null;
}

/**
 * Rakes one province; where its margins cannot be met (some respondents would need more weight than a margin
 * allows), merges the age group with the least sample weight into its nearest neighbour, again and again,
 * until they can. If even one age group cannot, the province keeps its design weights. Either way the
 * adjustment names the province, and a fall-back the margin cell (variable=level) that cannot be met.
 */
function solveFeasible(
  cellTotals: Float64Array,
  targetLevels: Map<string, number>,
  layout: CellLayout,
  variables: string[],
  province: string,
): FeasibleSolution {
  let current = layout;
  const byLevel = new Map(targetLevels);
  const merges: string[] = [];
  const ordered = variables.findIndex((v) => v in ORDERED_MARGINS);
  let closest: Float64Array | null = null;
  for (;;) {
    try {
      const model = modelTotals(variables, layout.levels, byLevel);
      const { factors, lambda } = solveProvince(cellTotals, model, current, province, new Float64Array(layout.modelSize));
      const adjustment =
        merges.length === 0
          ? null
          : {
              province,
              fellBack: false,
              vi: `Tỉnh ${province}: không thể đạt các tổng biên như đã cho; đã gộp nhóm tuổi liền kề ${merges.join(', ')}`,
              en: `Province ${province}: its margins cannot be met as given; adjacent age groups were merged: ${merges.join(', ')}`,
            };
      return { layout: current, byLevel, factors, lambda, adjustment };
    } catch (error) {
      if (!(error instanceof EstimationError)) throw error;
      if (error instanceof RakingDivergence) closest = error.fitted;
    }
    const merge = ordered < 0 ? null : mergeSmallestLevel(cellTotals, current, byLevel, variables[ordered], ordered);
    if (!merge) {
      const margin = ordered < 0 ? variables.join(' × ') : variables[ordered];
      // Name the cell that cannot be met (variable=level, after the merges): see worstCell.
      const worst = worstCell(cellTotals, closest, current, variables, byLevel);
      const cellVi = !worst ? `tổng biên ${margin}`
        : worst.reached === null ? `ô ${worst.cell} (tổng biên 0 nhưng có người trả lời)`
        : `ô ${worst.cell} (tổng biên ${worst.target}, gần nhất đạt ${Math.round(worst.reached)})`;
      const cellEn = !worst ? `margin ${margin}`
        : worst.reached === null ? `cell ${worst.cell} (margin total 0, yet it has respondents)`
        : `cell ${worst.cell} (margin total ${worst.target}, closest reached ${Math.round(worst.reached)})`;
      return {
        layout: current,
        byLevel,
        factors: null,
        lambda: null,
        adjustment: {
          province,
          fellBack: true,
          vi: `Tỉnh ${province}: không thể đạt ${cellVi} kể cả khi gộp mọi nhóm tuổi; tỉnh này dùng trọng số thiết kế (không hiệu chỉnh)`,
          en: `Province ${province}: ${cellEn} cannot be met even with every age group merged; the province keeps its design weights (not raked)`,
        },
      };
    }
    current = merge.layout;
    merges.push(merge.label);
  }
}

/** Merges the sampled level of variable k with the least weight into its nearest sampled level; null if one is left. */
function mergeSmallestLevel(
  cellTotals: Float64Array,
  layout: CellLayout,
  byLevel: Map<string, number>,
  variable: string,
  k: number,
): { layout: CellLayout; label: string } | null {
  const levels = layout.levels[k];
  const weightOf = (l: number) => {
    let sampled = 0;
    for (let c = 0; c < cellTotals.length; c++) if (layout.cellLevels[k][c] === l) sampled += cellTotals[c];
    return sampled;
  };
  const present = levels.map((_, l) => l).filter((l) => weightOf(l) > 0);
  if (present.length < 2) return null;
  const smallest = present.reduce((best, l) => (weightOf(l) < weightOf(best) ? l : best));
  const into = nearestLevel(smallest, present.filter((l) => l !== smallest), weightOf, true);
  const from = `${variable}=${levels[smallest]}`;
  const to = `${variable}=${levels[into]}`;
  byLevel.set(to, (byLevel.get(to) ?? 0) + (byLevel.get(from) ?? 0));
  byLevel.set(from, 0);
  const cellLevels = layout.cellLevels.map((column, v) => (v === k ? column.map((l) => (l === smallest ? into : l)) : column));
  return { layout: withCellLevels(layout, cellLevels), label: `${levels[smallest]} → ${levels[into]}` };
}

/** The layout with other levels for its cells (merged levels), and the model vectors that follow from them. */
function withCellLevels(layout: CellLayout, cellLevels: Int32Array[]): CellLayout {
  const { cellsPerProvince, modelSize, levels } = layout;
  const cellModel = new Float64Array(cellsPerProvince * modelSize);
  for (let c = 0; c < cellsPerProvince; c++) {
    let offset = 0;
    for (let k = 0; k < levels.length; k++) {
      const width = k === 0 ? levels[k].length : levels[k].length - 1;
      if (cellLevels[k][c] < width) cellModel[c * modelSize + offset + cellLevels[k][c]] = 1;
      offset += width;
    }
  }
  return { ...layout, cellLevels, cellModel };
}

/** Population total of each level of each margin variable, `[variable][level]`. */
function levelTotals(variables: string[], levels: string[][], byLevel: Map<string, number>): Float64Array[] {
  return variables.map((variable, k) => Float64Array.from(levels[k], (level) => byLevel.get(`${variable}=${level}`) ?? 0));
}

/**
 * One IPF sweep over one province's cell totals, as R's `rake()` post-stratifies to each margin in turn. A
 * level with no sample weight is left alone (R drops a level empty in both sample and population).
 */
function ipfSweep(cells: Float64Array, targets: Float64Array[], layout: CellLayout, scratch?: Float64Array): void {
  const { cellLevels, cellsPerProvince } = layout;
  for (let k = 0; k < targets.length; k++) {
    const levelOf = cellLevels[k];
    const sums = scratch ? scratch.fill(0, 0, targets[k].length) : new Float64Array(targets[k].length);
    for (let c = 0; c < cellsPerProvince; c++) sums[levelOf[c]] += cells[c];
    for (let c = 0; c < cellsPerProvince; c++) {
      const sum = sums[levelOf[c]];
      if (sum > 0) cells[c] *= targets[k][levelOf[c]] / sum;
    }
  }
}

/**
 * The sweeps R's `rake()` makes on the full sample: it compares the weighted province × margin-levels table
 * before and after each sweep and stops at the first change below `epsilon` (at most {@link IPF_MAX_SWEEPS}).
 */
function ipfSweepCount(
  designCellTotals: Float64Array,
  targets: (Float64Array[] | null)[],
  layouts: CellLayout[],
  cellsPerProvince: number,
  epsilon: number,
): number {
  const cells = Float64Array.from(designCellTotals);
  for (let sweep = 1; sweep <= IPF_MAX_SWEEPS; sweep++) {
    let change = 0;
    for (let p = 0; p < targets.length; p++) {
      const target = targets[p];
      if (!target) continue;
      const province = cells.subarray(p * cellsPerProvince, (p + 1) * cellsPerProvince);
      const before = Float64Array.from(province);
      ipfSweep(province, target, layouts[p]);
      for (let c = 0; c < cellsPerProvince; c++) change = Math.max(change, Math.abs(province[c] - before[c]));
    }
    if (change < epsilon) return sweep;
  }
  return IPF_MAX_SWEEPS;
}

/** Totals of the model columns from the total of every level (see {@link cellLayout}). */
function modelTotals(variables: string[], levels: string[][], byLevel: Map<string, number>): Float64Array {
  const model: number[] = [];
  variables.forEach((variable, k) => {
    levels[k].forEach((level, l) => {
      if (k === 0 || l < levels[k].length - 1) model.push(byLevel.get(`${variable}=${level}`) ?? 0);
    });
  });
  return Float64Array.from(model);
}

interface CellLayout {
  cellsPerProvince: number;
  modelSize: number;
  cellModel: Float64Array;
  /** Level index of each margin variable in each local cell. */
  cellLevels: Int32Array[];
  levels: string[][];
}

/**
 * Local cells enumerate every combination of margin levels. The model vector has one column per level of
 * the first margin and one per level but the last of each other margin: every margin's levels add up to the
 * province total, so keeping them all would make the columns collinear.
 */
function cellLayout(columns: SurveyColumns, variables: string[]): CellLayout {
  const levels = variables.map((v) => {
    const column = columns.categorical[v];
    if (!column) {
      throw new EstimationError(
        `Dữ liệu không có cột ${v} mà tổng biên cần`,
        `the microdata have no column ${v}, which the margins need`,
      );
    }
    return column.levels;
  });
  const cellsPerProvince = levels.reduce((n, l) => n * l.length, 1);
  const modelSize = levels.reduce((n, l, k) => n + (k === 0 ? l.length : l.length - 1), 0);
  const cellModel = new Float64Array(cellsPerProvince * modelSize);
  const cellLevels = levels.map(() => new Int32Array(cellsPerProvince));
  for (let c = 0; c < cellsPerProvince; c++) {
    let rest = c;
    let offset = 0;
    for (let k = levels.length - 1; k >= 0; k--) {
      cellLevels[k][c] = rest % levels[k].length;
      rest = Math.floor(rest / levels[k].length);
    }
    for (let k = 0; k < levels.length; k++) {
      const width = k === 0 ? levels[k].length : levels[k].length - 1;
      if (cellLevels[k][c] < width) cellModel[c * modelSize + offset + cellLevels[k][c]] = 1;
      offset += width;
    }
  }
  return { cellsPerProvince, modelSize, cellModel, cellLevels, levels };
}

function assignCells(columns: SurveyColumns, variables: string[], cellsPerProvince: number): Int32Array {
  const cellOfRow = new Int32Array(columns.rowCount);
  const codes = variables.map((v) => columns.categorical[v]);
  for (let i = 0; i < columns.rowCount; i++) {
    let local = 0;
    for (const column of codes) {
      const code = column.codes[i];
      if (code < 0) {
        throw new EstimationError(
          `Người trả lời ở hàng ${i + 1} thiếu giá trị cần cho hiệu chỉnh`,
          `respondent at row ${i + 1} lacks a value the raking needs`,
        );
      }
      local = local * column.levels.length + code;
    }
    cellOfRow[i] = columns.province.codes[i] * cellsPerProvince + local;
  }
  return cellOfRow;
}

interface ProvinceTargets {
  /** Totals of the model columns. */
  model: Float64Array;
  /** Total of every level of every margin variable. */
  byLevel: Map<string, number>;
}

function marginTargets(
  columns: SurveyColumns,
  variables: string[],
  margins: readonly MarginTotal[],
): Map<string, ProvinceTargets> {
  const levels = variables.map((v) => columns.categorical[v].levels);
  const byProvince = new Map<string, Map<string, number>>();
  for (const m of margins) {
    const totals = byProvince.get(m.province) ?? new Map<string, number>();
    totals.set(`${m.variable}=${m.level}`, m.total);
    byProvince.set(m.province, totals);
  }
  const result = new Map<string, ProvinceTargets>();
  for (const [province, totals] of byProvince) {
    const model: number[] = [];
    const sums = variables.map((variable, k) =>
      levels[k].reduce((sum, level, l) => {
        const total = totals.get(`${variable}=${level}`);
        if (total === undefined) {
          throw new EstimationError(
            `Thiếu tổng biên ${variable}=${level} của tỉnh ${province}`,
            `margin total ${variable}=${level} of province ${province} is missing`,
          );
        }
        if (k === 0 || l < levels[k].length - 1) model.push(total);
        return sum + total;
      }, 0),
    );
    for (let k = 1; k < sums.length; k++) {
      if (Math.abs(sums[k] - sums[0]) > 1e-9 * sums[0]) {
        throw new EstimationError(
          `Tổng biên ${variables[k]} (${sums[k]}) khác tổng biên ${variables[0]} (${sums[0]}) ở tỉnh ${province}`,
          `margin ${variables[k]} adds up to ${sums[k]} but ${variables[0]} to ${sums[0]} in province ${province}`,
        );
      }
    }
    result.set(province, { model: Float64Array.from(model), byLevel: totals });
  }
  return result;
}

/** Every margin level with a positive population total needs respondents, or raking cannot reach it. */
function checkCellsHaveSample(
  cellTotals: Float64Array,
  target: ProvinceTargets,
  layout: CellLayout,
  variables: string[],
  province: string,
): void {
  variables.forEach((variable, k) => {
    layout.levels[k].forEach((level, l) => {
      let sampled = 0;
      for (let c = 0; c < cellTotals.length; c++) if (layout.cellLevels[k][c] === l) sampled += cellTotals[c];
      if (sampled === 0 && (target.byLevel.get(`${variable}=${level}`) ?? 0) > 0) {
        throw new EstimationError(
          `Ô hiệu chỉnh trống: tỉnh ${province}, ${variable}=${level} không có người trả lời; hãy gộp ô trước khi hiệu chỉnh`,
          `empty raking cell: province ${province}, ${variable}=${level} has no respondent; collapse cells before raking`,
        );
      }
    });
  });
}

function weightedCrossProduct(cellWeights: ArrayLike<number>, layout: CellLayout): Float64Array {
  const { modelSize: k, cellModel } = layout;
  const out = new Float64Array(k * k);
  for (let c = 0; c < layout.cellsPerProvince; c++) {
    const weight = cellWeights[c];
    if (weight === 0) continue;
    for (let a = 0; a < k; a++) {
      const ma = cellModel[c * k + a];
      if (ma === 0) continue;
      for (let b = 0; b < k; b++) out[a * k + b] += weight * ma * cellModel[c * k + b];
    }
  }
  return out;
}

/**
 * Newton iterations on λ for one province from `lambda` (updated in place); returns the factor exp(m′λ) of
 * each local cell.
 */
function solveProvince(
  cellTotals: Float64Array,
  target: Float64Array,
  layout: CellLayout,
  province: string,
  lambda: Float64Array,
): { factors: Float64Array; lambda: Float64Array } {
  const { modelSize: k, cellModel, cellsPerProvince } = layout;
  const factors = new Float64Array(cellsPerProvince);
  const fitted = new Float64Array(cellsPerProvince);
  const update = () => {
    for (let c = 0; c < cellsPerProvince; c++) {
      let eta = 0;
      for (let a = 0; a < k; a++) eta += cellModel[c * k + a] * lambda[a];
      factors[c] = Math.exp(eta);
      fitted[c] = cellTotals[c] * factors[c];
    }
  };
  const misfit = () => {
    const gap = Float64Array.from(target);
    for (let c = 0; c < cellsPerProvince; c++) {
      for (let a = 0; a < k; a++) gap[a] -= fitted[c] * cellModel[c * k + a];
    }
    let worst = 0;
    for (let a = 0; a < k; a++) worst = Math.max(worst, Math.abs(gap[a]) / (1 + Math.abs(target[a])));
    return { gap, worst };
  };
  update();
  let current = misfit();
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const converged = current.worst < TOLERANCE;
    const step = choleskySolve(choleskyFactor(weightedCrossProduct(fitted, layout), k), current.gap);
    const previous = Float64Array.from(lambda);
    // Damped Newton: halve the step while it makes the fit worse (far from the solution only).
    for (let scale = 1; scale > 1e-6; scale /= 2) {
      for (let a = 0; a < k; a++) lambda[a] = previous[a] + scale * step[a];
      update();
      const next = misfit();
      if (converged || next.worst <= current.worst) {
        current = next;
        break;
      }
    }
    // One extra full step after reaching the tolerance polishes λ to rounding level (Newton is quadratic).
    if (converged) return { factors, lambda };
  }
  throw new RakingDivergence(
    `Hiệu chỉnh tỉnh ${province} không hội tụ sau ${MAX_ITERATIONS} bước`,
    `raking of province ${province} did not converge in ${MAX_ITERATIONS} steps`,
    Float64Array.from(fitted),
  );
}

/** Newton did not converge: the margins cannot be met; `fitted` holds the closest cell totals it reached. */
class RakingDivergence extends EstimationError {
  constructor(
    vi: string,
    en: string,
    readonly fitted: Float64Array,
  ) {
    super(vi, en);
  }
}

/**
 * The margin cell (variable=level) a fall-back's message names: a level whose total is 0 although the province
 * has respondents in it (exp-raking cannot give them weight 0), else the level the closest fit Newton reached
 * misses most.
 */
function worstCell(
  cellTotals: Float64Array,
  fitted: Float64Array | null,
  layout: CellLayout,
  variables: string[],
  byLevel: Map<string, number>,
): { cell: string; target: number; sampled: number; reached: number | null } | null {
  let worst: { cell: string; target: number; sampled: number; reached: number | null; gap: number } | null = null;
  variables.forEach((variable, k) => {
    const sampled = new Float64Array(layout.levels[k].length);
    const reached = new Float64Array(layout.levels[k].length);
    for (let c = 0; c < cellTotals.length; c++) {
      sampled[layout.cellLevels[k][c]] += cellTotals[c];
      if (fitted) reached[layout.cellLevels[k][c]] += fitted[c];
    }
    layout.levels[k].forEach((level, l) => {
      const target = byLevel.get(`${variable}=${level}`) ?? 0;
      const zero = target === 0 && sampled[l] > 0;
      const gap = zero ? Infinity : fitted ? Math.abs(target - reached[l]) : -1;
      if (gap >= 0 && (!worst || gap > worst.gap)) {
        worst = { cell: `${variable}=${level}`, target, sampled: sampled[l], reached: fitted && !zero ? reached[l] : null, gap };
      }
    });
  });
  return worst;
}
