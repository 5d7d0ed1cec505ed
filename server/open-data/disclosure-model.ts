import { NATIONAL_MEAN_OF_PROVINCES } from '../estimation/national-mean';
import type { Indicator } from '../estimation/indicators';
import type { EstimateRow, Scheme } from '../estimation/types';

/**
 * The linear system an attacker can write from a run's published figures (METHOD.md §7), for the audit in
 * disclosure-audit.ts. Every proportion of the run is an unknown; each relation the estimation engine
 * guarantees between them is a row:
 * - national = Σ W_i p_i / Σ W_i over the provinces, and each region likewise over its provinces;
 * - the mean of provinces = their plain mean;
 * - national = Σ W_l p_l / Σ W_l over the levels of sex, age group…, plus the share of respondents with no
 *   level (an unknown nobody publishes);
 * - a composite = its fixed linear combination of base indicators, in every domain;
 * - indicators computed from the same statements are equal;
 * - the unweighted shares obey the same sums with counts n instead of weights;
 * - a weighted and an unweighted share of one cell differ by at most ½·√(Kish deff − 1), the most that
 *   unequal weights can move a proportion (so equal weights make them equal).
 * W_i and n_i are taken as known (they are population totals and published counts). Schemes with the same
 * weights (design, design_fpc) share their unknowns. Province × sex (× age) cells are not modelled: nothing
 * publishes them and their weights are not public.
 */

/** A (domain, indicator) pair: the unit that is published or withheld, in every scheme at once. */
export interface Cell {
  domain_type: string;
  domain: string;
  indicator: string;
  n: number;
}

export type Figure = 'p' | 'p_unweighted';

export interface Unknown {
  /** Index of the cell whose figure this is; -1 for a share no row publishes. */
  cell: number;
  /** The schemes whose `p` this is, empty for `p_unweighted` (the same in every scheme). */
  schemes: Scheme[];
  figure: Figure;
  /** The true value (NaN for a share no row publishes). */
  value: number;
}

/** lower ≤ Σ coefficient · unknown ≤ upper. */
export interface Relation {
  /** `equal`: lower = upper = 0; `spread`: |p − p_unweighted| ≤ upper, with p first. */
  kind: 'equal' | 'spread';
  name: string;
  terms: [unknown: number, coefficient: number][];
  lower: number;
  upper: number;
}

export interface DisclosureModel {
  cells: Cell[];
  unknowns: Unknown[];
  relations: Relation[];
}

export interface DisclosureModelInput {
  rows: readonly EstimateRow[];
  /** The run's indicators, as {@link resolveIndicators} gives them (composites flattened to base parts). */
  indicators: readonly Indicator[];
  /** Domain types whose domains are unions of provinces: type → domain → province codes (e.g. regions). */
  provinceGroups?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** The model does not reproduce the run's own figures: it would audit something else, so nothing is published. */
export class DisclosureModelError extends Error {
  override readonly name = 'DisclosureModelError';
}

const CHECK_TOLERANCE = 1e-7;
const NO_LEVEL_SHARE = 1e-9;

export const cellKey = (c: Pick<Cell, 'domain_type' | 'domain' | 'indicator'>) => `${c.domain_type}|${c.domain}|${c.indicator}`;

/** One weighting's unknowns (or the unweighted shares), looked up by cell. */
interface System {
  figure: Figure;
  schemes: Scheme[];
  unknownOf: Map<string, number>;
  /** Weight of a row in a sum: its sum_w, or its n for unweighted shares. */
  weightOf: Map<string, number>;
  kishDeffOf: Map<string, number>;
}

export function buildDisclosureModel(input: DisclosureModelInput): DisclosureModel {
  const builder = new ModelBuilder(input);
  builder.build();
  const model = builder.model;
  checkAgainstTruth(model);
  return model;
}

class ModelBuilder {
  readonly model: DisclosureModel = { cells: [], unknowns: [], relations: [] };
  private readonly cellIndex = new Map<string, number>();
  private readonly systems: System[] = [];
  private readonly domainsOf = new Map<string, string[]>();
  private readonly base: Indicator[];
  private readonly composites: Extract<Indicator, { kind: 'composite' }>[];

  constructor(private readonly input: DisclosureModelInput) {
    const present = new Set(input.rows.map((r) => r.indicator));
    const indicators = input.indicators.filter((i) => present.has(i.name));
    this.base = indicators.filter((i) => i.kind === 'base');
    this.composites = indicators.filter((i): i is Extract<Indicator, { kind: 'composite' }> => i.kind === 'composite');
  }

  build(): void {
    this.collectCells();
    for (const schemes of weightingGroups(this.input.rows)) this.addSystem('p', schemes);
    this.addSystem('p_unweighted', []);
    for (const system of this.systems) {
      for (const indicator of this.base) this.sums(system, indicator.name);
      if (system.figure === 'p') for (const composite of this.composites) this.composite(system, composite);
      this.sameStatements(system);
    }
    const unweighted = this.systems.find((s) => s.figure === 'p_unweighted')!;
    for (const system of this.systems.filter((s) => s.figure === 'p')) this.weightSpread(system, unweighted);
  }

  private collectCells(): void {
    for (const row of this.input.rows) {
      const key = cellKey(row);
      if (this.cellIndex.has(key)) continue;
      this.cellIndex.set(key, this.model.cells.length);
      this.model.cells.push({ domain_type: row.domain_type, domain: row.domain, indicator: row.indicator, n: row.n });
      const domains = this.domainsOf.get(row.domain_type) ?? [];
      if (!domains.includes(row.domain)) domains.push(row.domain);
      this.domainsOf.set(row.domain_type, domains);
    }
  }

  private addSystem(figure: Figure, schemes: Scheme[]): void {
    const scheme = schemes[0] ?? this.input.rows[0]?.scheme;
    const system: System = { figure, schemes, unknownOf: new Map(), weightOf: new Map(), kishDeffOf: new Map() };
    for (const row of this.input.rows) {
      if (row.scheme !== scheme) continue;
      const value = row[figure];
      if (value === null || Number.isNaN(value)) continue;
      const key = cellKey(row);
      system.unknownOf.set(key, this.unknown({ cell: this.cellIndex.get(key)!, schemes, figure, value }));
      const weight = figure === 'p' ? row.sum_w : row.n;
      if (weight !== null) system.weightOf.set(key, weight);
      if (row.kish_deff !== null) system.kishDeffOf.set(key, row.kish_deff);
    }
    this.systems.push(system);
  }

  private unknown(u: Unknown): number {
    this.model.unknowns.push(u);
    return this.model.unknowns.length - 1;
  }

  private relation(name: string, terms: [number, number][], spread?: number): void {
    if (terms.length < 2) return;
    this.model.relations.push(spread === undefined
      ? { kind: 'equal', name, terms, lower: 0, upper: 0 }
      : { kind: 'spread', name, terms, lower: -spread, upper: spread });
  }

  private label(system: System): string {
    return system.figure === 'p' ? system.schemes.join('+') : 'unweighted';
  }

  /** target = Σ W_m x_m / W_target over the members (and the share with no level, if any). */
  private weightedMean(system: System, name: string, target: string, members: string[], withNoLevel: boolean): void {
    const t = system.unknownOf.get(target);
    const total = system.weightOf.get(target);
    if (t === undefined || !total) return;
    const terms: [number, number][] = [[t, 1]];
    let covered = 0;
    for (const m of members) {
      const u = system.unknownOf.get(m);
      const w = system.weightOf.get(m) ?? 0;
      covered += w;
      if (u !== undefined && w > 0) terms.push([u, -w / total]);
    }
    const rest = (total - covered) / total;
    if (withNoLevel && rest > NO_LEVEL_SHARE) {
      terms.push([this.unknown({ cell: -1, schemes: system.schemes, figure: system.figure, value: Number.NaN }), -rest]);
    }
    this.relation(`${this.label(system)}: ${name}`, terms);
  }

  private keysOf(domainType: string, indicator: string): string[] {
    return (this.domainsOf.get(domainType) ?? []).map((domain) => cellKey({ domain_type: domainType, domain, indicator }));
  }

  private sums(system: System, indicator: string): void {
    const [national] = this.keysOf('national', indicator);
    const provinces = this.keysOf('province', indicator);
    if (national) this.weightedMean(system, `${indicator} national = provinces`, national, provinces, false);
    if (system.figure === 'p') this.meanOfProvinces(system, indicator);
    const groups = this.input.provinceGroups ?? {};
    for (const [type, domains] of this.domainsOf) {
      if (type === 'national' || type === 'province' || type === 'national_mean_of_provinces') continue;
      const members = groups[type];
      for (const domain of domains) {
        if (!members) continue;
        const target = cellKey({ domain_type: type, domain, indicator });
        const provinceKeys = (members[domain] ?? []).map((code) => cellKey({ domain_type: 'province', domain: code, indicator }));
        this.weightedMean(system, `${indicator} ${type} ${domain} = its provinces`, target, provinceKeys, false);
      }
      if (!members && national) this.weightedMean(system, `${indicator} national = ${type} levels`, national, this.keysOf(type, indicator), true);
    }
  }

  /** The official mean of provinces: the plain mean of every province whose estimate is defined. */
  private meanOfProvinces(system: System, indicator: string): void {
    const mean = system.unknownOf.get(cellKey({ domain_type: 'national_mean_of_provinces', domain: NATIONAL_MEAN_OF_PROVINCES, indicator }));
    if (mean === undefined) return;
    const provinces = this.keysOf('province', indicator).map((k) => system.unknownOf.get(k)).filter((u) => u !== undefined);
    this.relation(`${this.label(system)}: ${indicator} mean of provinces`, [[mean, 1], ...provinces.map((u): [number, number] => [u, -1 / provinces.length])]);
  }

  private composite(system: System, composite: Extract<Indicator, { kind: 'composite' }>): void {
    this.meanOfProvinces(system, composite.name);
    for (const [type, domains] of this.domainsOf) {
      if (type === 'national_mean_of_provinces') continue;
      for (const domain of domains) {
        const at = (indicator: string) => system.unknownOf.get(cellKey({ domain_type: type, domain, indicator }));
        const whole = at(composite.name);
        const parts = composite.parts.map((p) => [at(p.name), p.coefficient] as const);
        if (whole === undefined || parts.some(([u]) => u === undefined)) continue;
        this.relation(`${this.label(system)}: ${composite.name} ${type} ${domain} = its parts`,
          [[whole, 1], ...parts.map(([u, c]): [number, number] => [u!, -c])]);
      }
    }
  }

  /** Indicators computed from the same statements (an element of one statement and its item) are equal. */
  private sameStatements(system: System): void {
    const byStatements = new Map<string, string[]>();
    for (const b of this.base) {
      if (b.kind !== 'base') continue;
      const key = [...b.statements].sort().join('\u0000');
      byStatements.set(key, [...(byStatements.get(key) ?? []), b.name]);
    }
    for (const names of byStatements.values()) {
      for (const other of names.slice(1)) {
        for (const [type, domains] of this.domainsOf) {
          for (const domain of domains) {
            const a = system.unknownOf.get(cellKey({ domain_type: type, domain, indicator: names[0] }));
            const b = system.unknownOf.get(cellKey({ domain_type: type, domain, indicator: other }));
            if (a !== undefined && b !== undefined) this.relation(`${this.label(system)}: ${names[0]} = ${other} ${type} ${domain}`, [[a, 1], [b, -1]]);
          }
        }
      }
    }
  }

  /** |p − p_unweighted| ≤ ½·√(kish_deff − 1): Σ (w_j/Σw − 1/n) y_j is largest when y picks the heavier half. */
  private weightSpread(system: System, unweighted: System): void {
    for (const [key, u] of system.unknownOf) {
      const v = unweighted.unknownOf.get(key);
      const kish = system.kishDeffOf.get(key);
      if (v === undefined || kish === undefined) continue;
      const spread = 0.5 * Math.sqrt(Math.max(0, kish - 1)) + 1e-9;
      this.relation(`${this.label(system)}: ${key} weighted vs unweighted`, [[u, 1], [v, -1]], spread);
    }
  }
}

/** Schemes whose proportions are identical everywhere (same weights) form one weighting. */
function weightingGroups(rows: readonly EstimateRow[]): Scheme[][] {
  const pOf = new Map<Scheme, Map<string, number | null>>();
  for (const row of rows) {
    const m = pOf.get(row.scheme) ?? new Map<string, number | null>();
    m.set(cellKey(row), row.p);
    pOf.set(row.scheme, m);
  }
  const groups: Scheme[][] = [];
  for (const [scheme, ps] of pOf) {
    const same = groups.find((g) => {
      const other = pOf.get(g[0])!;
      return other.size === ps.size && [...ps].every(([k, p]) => other.get(k) === p);
    });
    if (same) same.push(scheme);
    else groups.push([scheme]);
  }
  return groups;
}

/** Every relation must hold at the run's own figures; otherwise the model is not this run's. */
function checkAgainstTruth(model: DisclosureModel): void {
  for (const r of model.relations) {
    // An unpublished share (value NaN, between 0 and 1) lets the sum take any value in [lowest, highest].
    let lowest = 0;
    let highest = 0;
    for (const [u, c] of r.terms) {
      const value = model.unknowns[u].value;
      lowest += Number.isNaN(value) ? Math.min(0, c) : c * value;
      highest += Number.isNaN(value) ? Math.max(0, c) : c * value;
    }
    if (lowest > r.upper + CHECK_TOLERANCE || highest < r.lower - CHECK_TOLERANCE) {
      throw new DisclosureModelError(`relation "${r.name}" does not hold on the run's figures (between ${lowest} and ${highest})`);
    }
  }
}
