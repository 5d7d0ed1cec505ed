import loadHighs, { type Highs, type Model, type ModelData, type ObjectiveSense } from 'highs';
import type { Scheme } from '../estimation/types';
import { cellKey, type DisclosureModel, type Figure, type Relation } from './disclosure-model';

/**
 * The disclosure audit run before a run is published (METHOD.md §7). Cells with fewer than the minimum
 * respondents are withheld. Then, for every withheld proportion, two linear programmes find the least and
 * the greatest value it can take given every published figure — read exactly, at the full precision the
 * open API publishes — every relation of the model and the bounds [0, 1]. Where that interval is narrower
 * than {@link MIN_INTERVAL}, one more cell is withheld — among the published figures that bound the
 * optimum (non-zero reduced cost), the one with the fewest respondents — and the proportion is solved
 * again. Withholding only removes constraints, so an interval once wide enough stays so; a last pass
 * solves every withheld proportion again and reports its interval.
 *
 * Each programme holds only what touches the proportion: the withheld unknowns connected to it through
 * relations, and the published figures in those relations as fixed columns.
 */

/** The narrowest interval a withheld proportion may keep: 10 percentage points. */
export const MIN_INTERVAL = 0.1;
/** Solver noise must not let a nearly-too-narrow interval pass. */
const INTERVAL_MARGIN = 1e-6;
const BINDING_DUAL = 1e-9;
const OPTIMAL = 7;
/** Only the objective changes between solves, so the last basis stays primal feasible: primal simplex restarts from it. */
const SOLVER_OPTIONS = { output_flag: false, solver: 'simplex', simplex_strategy: 4 } as const;

export type WithholdReason = 'small_cell' | 'secondary';

/** What an attacker can still say of one withheld proportion. */
export interface AuditInterval {
  /** The schemes whose `p` this is; empty for `p_unweighted` (the same in every scheme). */
  schemes: Scheme[];
  figure: Figure;
  lo: number;
  hi: number;
}

export interface WithheldCell {
  domain_type: string;
  domain: string;
  indicator: string;
  n: number;
  reason: WithholdReason;
  /** One per withheld proportion of the cell; empty when the cell has none (no respondent). */
  intervals: AuditInterval[];
}

export interface DisclosureAudit {
  minCellSize: number;
  minInterval: number;
  /** Every withheld proportion's interval is at least `minInterval` wide. */
  ok: boolean;
  withheld: WithheldCell[];
  /** Linear programmes solved. */
  solves: number;
}

export interface AuditOptions {
  minCellSize: number;
  /** Let other work run after this many solves (the solver blocks while it works). @default 50 */
  yieldEvery?: number;
}

let highsPromise: Promise<Highs> | null = null;
function loadSolver(): Promise<Highs> {
  highsPromise ??= loadHighs();
  return highsPromise;
}

/** Withholds small cells, then further cells until no withheld proportion can be narrowed below 10 points. */
export async function auditDisclosure(model: DisclosureModel, options: AuditOptions): Promise<DisclosureAudit> {
  return new Audit(model, await loadSolver(), options).run();
}

interface Range {
  lo: number;
  hi: number;
  /** Published cells whose figures bind the least or the greatest value. */
  binding: number[];
}

interface CellCheck {
  intervals: AuditInterval[];
  exposed: boolean;
  /** Published cells whose figures bound an interval that is too narrow. */
  binding: Set<number>;
}

class Audit {
  private readonly reason: (WithholdReason | null)[];
  private readonly unknownsOf: number[][];
  private readonly relationsOf: number[][];
  /** How far each weighted share may be from its cell's unweighted share (the weight-spread relation). */
  private readonly spread = new Map<number, number>();
  private solves = 0;

  constructor(
    private readonly model: DisclosureModel,
    private readonly solver: Highs,
    private readonly options: AuditOptions,
  ) {
    this.reason = model.cells.map((c) => (c.n < options.minCellSize ? 'small_cell' : null));
    this.unknownsOf = model.cells.map(() => []);
    this.relationsOf = model.unknowns.map(() => []);
    model.unknowns.forEach((u, i) => {
      if (u.cell >= 0) this.unknownsOf[u.cell].push(i);
    });
    model.relations.forEach((r, k) => {
      for (const [u] of r.terms) this.relationsOf[u].push(k);
      if (r.kind === 'spread') this.spread.set(r.terms[0][0], r.upper);
    });
  }

  /**
   * Rounds: every withheld cell is solved; each one still exposed withholds one more cell (unless a cell
   * withheld earlier in the round already bound it); the exposed and the new cells are solved again, until
   * none is exposed. An interval found in an earlier round stays inside the final one (withholding only
   * widens), so each reported interval is one the attacker cannot narrow further.
   */
  async run(): Promise<DisclosureAudit> {
    const results = new Map<number, CellCheck>();
    let pending = this.model.cells.map((_, c) => c).filter((c) => this.reason[c] !== null);
    while (pending.length > 0) {
      const checks = await this.checkCells(pending);
      for (const [c, check] of checks) results.set(c, check);
      const exposed = pending.filter((c) => checks.get(c)!.exposed);
      const added: number[] = [];
      for (const c of exposed) {
        const binding = checks.get(c)!.binding;
        // A cell bound by one withheld this round may be free already: it is solved again first.
        if (added.some((a) => binding.has(a))) continue;
        const next = this.pick(binding);
        if (next === null) continue;
        this.reason[next] = 'secondary';
        added.push(next);
      }
      pending = added.length > 0 ? [...exposed, ...added] : [];
    }
    return {
      minCellSize: this.options.minCellSize,
      minInterval: MIN_INTERVAL,
      ok: [...results.values()].every((r) => !r.exposed),
      withheld: [...results.keys()].map((c) => {
        const { domain_type, domain, indicator, n } = this.model.cells[c];
        return { domain_type, domain, indicator, n, reason: this.reason[c]!, intervals: results.get(c)!.intervals };
      }).sort((x, y) => (cellKey(x) < cellKey(y) ? -1 : 1)),
      solves: this.solves,
    };
  }

  /** The published cell with the fewest respondents, ties broken by key so that the audit is reproducible. */
  private pick(candidates: Set<number>): number | null {
    let best: number | null = null;
    for (const c of candidates) {
      if (this.reason[c] !== null) continue;
      const [a, b] = [this.model.cells[c], best === null ? null : this.model.cells[best]];
      if (!b || a.n < b.n || (a.n === b.n && cellKey(a) < cellKey(b))) best = c;
    }
    return best;
  }

  private isFree(u: number): boolean {
    const cell = this.model.unknowns[u].cell;
    return cell < 0 || this.reason[cell] !== null;
  }

  /** Checks cells; the unknowns of one connected component share one programme. */
  private async checkCells(cells: number[]): Promise<Map<number, CellCheck>> {
    const targets = cells.flatMap((c) => this.unknownsOf[c]);
    const components: ReturnType<Audit['component']>[] = [];
    const componentOf = new Map<number, number>();
    const targetsOf: number[][] = [];
    for (const u of targets) {
      if (!componentOf.has(u)) {
        const lp = this.component([u]);
        for (const v of lp.columnOf.keys()) componentOf.set(v, components.length);
        components.push(lp);
        targetsOf.push([]);
      }
      targetsOf[componentOf.get(u)!].push(u);
    }
    const ranges = new Map<number, Range>();
    for (const [k, lp] of components.entries()) {
      const model = this.solver.createModel(lp.data);
      try {
        model.options.set(SOLVER_OPTIONS);
        for (const u of targetsOf[k]) ranges.set(u, await this.range(model, lp, u));
      } finally {
        model.dispose();
      }
    }
    return new Map(cells.map((c) => [c, this.cellCheck(c, ranges)]));
  }

  /** Least and greatest value of unknown u, and the published cells that bound them. */
  private async range(model: Model, lp: ReturnType<Audit['component']>, u: number): Promise<Range> {
    const column = lp.columnOf.get(u)!;
    const binding: number[] = [];
    model.changeColCost(column, 1);
    const lo = await this.optimum(model, this.solver.constants.objectiveSense.minimize, lp.rows, binding);
    const hi = await this.optimum(model, this.solver.constants.objectiveSense.maximize, lp.rows, binding);
    model.changeColCost(column, 0);
    return { lo, hi, binding };
  }

  /**
   * A cell's intervals from its unknowns' ranges. Counts are whole numbers, so an unweighted share's
   * interval shrinks to the nearest k/n inside it; a weighted share then lies within the weight spread of that.
   */
  private cellCheck(c: number, ranges: Map<number, Range>): CellCheck {
    const n = this.model.cells[c].n;
    const result: CellCheck = { intervals: [], exposed: false, binding: new Set() };
    const unknowns = [...this.unknownsOf[c]].sort((a, b) => figureOrder(this.model.unknowns[a].figure) - figureOrder(this.model.unknowns[b].figure));
    let unweighted: Range | null = null;
    for (const u of unknowns) {
      const { schemes, figure } = this.model.unknowns[u];
      let { lo, hi, binding } = ranges.get(u)!;
      if (figure === 'p_unweighted') {
        lo = Math.ceil(lo * n - 1e-6) / n;
        hi = Math.floor(hi * n + 1e-6) / n;
        unweighted = { lo, hi, binding };
      } else if (unweighted && this.spread.has(u)) {
        lo = Math.max(lo, unweighted.lo - this.spread.get(u)!);
        hi = Math.min(hi, unweighted.hi + this.spread.get(u)!);
        binding = [...binding, ...unweighted.binding];
      }
      result.intervals.push({ schemes, figure, lo, hi });
      if (hi - lo < MIN_INTERVAL + INTERVAL_MARGIN) {
        result.exposed = true;
        for (const b of binding) if (b !== c) result.binding.add(b);
      }
    }
    return result;
  }

  /**
   * The withheld unknowns connected to the targets through relations, and those relations, each with its
   * published figures moved to the bounds (they are constants to whoever reads them).
   */
  private component(targets: number[]) {
    const columnOf = new Map<number, number>();
    const relations = new Set<number>();
    const stack = [...targets];
    for (const u of targets) columnOf.set(u, columnOf.size);
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (const k of this.relationsOf[u]) {
        if (relations.has(k)) continue;
        relations.add(k);
        for (const [v] of this.model.relations[k].terms) {
          if (this.isFree(v) && !columnOf.has(v)) {
            columnOf.set(v, columnOf.size);
            stack.push(v);
          }
        }
      }
    }
    const rows = [...relations].sort((a, b) => a - b).map((k) => this.model.relations[k]);
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const rowLower: number[] = [];
    const rowUpper: number[] = [];
    for (const r of rows) {
      const merged = new Map<number, number>();
      let constant = 0;
      for (const [u, c] of r.terms) {
        const j = columnOf.get(u);
        if (j === undefined) constant += c * this.model.unknowns[u].value;
        else merged.set(j, (merged.get(j) ?? 0) + c);
      }
      for (const [j, c] of [...merged].sort((x, y) => x[0] - y[0])) {
        indices.push(j);
        values.push(c);
      }
      starts.push(indices.length);
      rowLower.push(r.lower - constant);
      rowUpper.push(r.upper - constant);
    }
    const numCols = columnOf.size;
    const data: ModelData = {
      numCols,
      numRows: rows.length,
      colCost: new Float64Array(numCols),
      colLower: new Float64Array(numCols),
      colUpper: new Float64Array(numCols).fill(1),
      rowLower,
      rowUpper,
      matrix: { format: 'csr', numRows: rows.length, numCols, starts, indices, values },
    };
    return { data, columnOf, rows };
  }

  /** The optimum of the current objective; the published cells of the relations that bind it go to `binding`. */
  private async optimum(model: Model, sense: ObjectiveSense, rows: Relation[], binding: number[]): Promise<number> {
    model.changeObjectiveSense(sense);
    model.run();
    this.solves++;
    if (this.solves % (this.options.yieldEvery ?? 50) === 0) await new Promise((resolve) => setImmediate(resolve));
    const status = model.getModelStatus();
    if (status !== OPTIMAL) throw new Error(`disclosure audit: a linear programme ended with status ${status}`);
    model.getSolution().rowDual.forEach((d, k) => {
      if (Math.abs(d) <= BINDING_DUAL) return;
      for (const [u] of rows[k].terms) if (!this.isFree(u)) binding.push(this.model.unknowns[u].cell);
    });
    return model.getObjectiveValue();
  }
}

const figureOrder = (f: Figure) => (f === 'p_unweighted' ? 0 : 1);
