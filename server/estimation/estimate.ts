import type { IndexDefinition } from '../surveys/index-definition';
import { sortByStratumAndPsu, sortedColumn, stratumScales, type SortedSample } from './design';
import { domainTotals, type DomainTotals } from './domain-totals';
import { buildDomainSpace, type DomainSpace } from './domains';
import { EstimationError } from './estimation-error';
import { gregFitted, gregFrame, type GregFrame } from './greg';
import { indicatorColumn, resolveIndicators, type BaseIndicator, type CompositeIndicator } from './indicators';
import { jknDegreesOfFreedom, jknPossible, jknVariances, type ReplicateIndicator } from './jackknife';
import { nationalMeanOfProvinces } from './national-mean';
import { rake, type Raking } from './raking';
import { compositeRow, indicatorRow, type DomainFigures } from './rows';
import {
  schemeName,
  type CategoricalColumn,
  type EstimateRow,
  type EstimationNotice,
  type MarginTotal,
  type Scheme,
  type SurveyColumns,
  type VarianceMethod,
  type Weighting as WeightingName,
} from './types';
import { psuPresence, psuSums } from './psu-sums';
import { linearisedVariance, type DomainVariance, type LinearisationVariable, type LinearTerm, type PsuTerm } from './variance';

/** The reporting unit of each province: province level k is reported under `units[unitOfProvince[k]]`. */
export interface ProvinceUnits {
  units: string[];
  unitOfProvince: Int32Array;
}

export interface EstimateOptions {
  definition: IndexDefinition;
  /** The weightings; rows are named by {@link schemeName}. @default every one the inputs allow ({@link availableSchemes}) */
  schemes?: readonly WeightingName[];
  /**
   * Linearised standard errors, or JKn replicates with raking redone in every replicate (schemes
   * `design_jkn`, `raked_jkn`; `design_fpc` is not available with JKn), or `both`: every weighting's rows
   * under each method (the points are shared; stored runs do this). @default 'linearisation'
   */
  variance?: VarianceMethod | 'both';
  /** Told of anything the reader should know, e.g. a replicate whose raking needed a merged level. */
  onNotice?: (notice: EstimationNotice) => void;
  /** Also estimate `item_<statement>` indicators. @default false */
  includeItems?: boolean;
  /** Categorical columns whose levels are domains too (e.g. `sex`, `age_group`, `region`). */
  by?: readonly string[];
  /** Population totals by province × margin level; needed for `raked`. */
  margins?: readonly MarginTotal[] | null;
  /**
   * The unit each province's respondents are reported under (e.g. the 34 units of 2025). Strata, PSUs
   * and raking margins stay those of the sample's own provinces. @default the provinces themselves
   */
  provinceUnits?: ProvinceUnits;
  /** Called after each indicator of each weighting is done. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * `design` always; `design_fpc` when the frame's PSU counts are known (linearisation only); `raked` when
 * margins are given.
 */
export function availableSchemes(
  columns: SurveyColumns,
  margins: readonly MarginTotal[] | null | undefined,
  variance: VarianceMethod = 'linearisation',
): WeightingName[] {
  const schemes: WeightingName[] = ['design'];
  if (columns.fpcPsu && variance === 'linearisation') schemes.push('design_fpc');
  if (margins && margins.length > 0) schemes.push('raked');
  return schemes;
}

/**
 * Every indicator × domain × scheme of one wave (METHOD.md §3–5): national, province (and the national
 * mean of provinces), and each level of each `by` column.
 */
export function estimate(columns: SurveyColumns, options: EstimateOptions): EstimateRow[] {
  const requested = options.variance ?? 'linearisation';
  const schemes = options.schemes ?? availableSchemes(columns, options.margins, requested === 'both' ? 'linearisation' : requested);
  checkSchemes(columns, options, schemes, requested === 'both' ? 'linearisation' : requested);
  const sample = sortByStratumAndPsu(columns);
  const methods: VarianceMethod[] = requested === 'both' ? ['linearisation', 'jkn'] : [requested];
  if (requested === 'both' && !jknPossible(sample)) {
    // A single PSU has no jackknife: `both` then gives the linearised figures alone, and says so.
    methods.pop();
    options.onNotice?.({
      scheme: schemes.includes('raked') ? 'raked' : 'design',
      vi: 'Mẫu chỉ có một PSU nên không có phương sai jackknife (JKn); chỉ có sai số chuẩn tuyến tính hoá',
      en: 'the sample has a single PSU, so there is no jackknife (JKn) variance; linearised standard errors only',
    });
  }
  const withJkn = methods.includes('jkn');
  // The scheme the raking's notices are told under: the JKn one when there is one (it is the published one).
  const varianceMethod: VarianceMethod = withJkn ? 'jkn' : 'linearisation';
  const sorted = sample.columns;
  const space = buildDomainSpace(
    sorted,
    options.provinceUnits ? remapProvinces(sorted, options.provinceUnits) : sorted.province,
    (options.by ?? []).map((type) => ({ type, column: byColumn(sorted, type) })),
  );
  const indicators = resolveIndicators(options.definition, new Set(Object.keys(columns.answers)), options.includeItems ?? false);
  const base = indicators.filter((i): i is BaseIndicator => i.kind === 'base');
  const composites = indicators.filter((i): i is CompositeIndicator => i.kind === 'composite');
  const yColumns = new Map(
    base.map((b) => [
      b.name,
      sortedColumn(sample, indicatorColumn(b, columns.answers, options.definition.satisfiedMin, columns.rowCount)),
    ]),
  );

  const weightings = weightingsFor(sample, schemes, options.margins ?? null);
  const notRaked = new Set<string>();
  for (const adjustment of weightings.find((w) => w.raking)?.raking?.adjustments ?? []) {
    options.onNotice?.({ scheme: schemeName('raked', varianceMethod), vi: adjustment.vi, en: adjustment.en });
    if (adjustment.fellBack) notRaked.add(adjustment.province);
  }
  const compositePresence = new Map(
    composites.map((c) => [c.name, psuPresence(sample, c.parts.map((part) => yColumns.get(part.name)!))]),
  );
  const total = weightings.length * indicators.length;
  let done = 0;
  const figuresByScheme = new Map<WeightingName, Map<string, IndicatorFigures>>();
  for (const weighting of weightings) {
    const fitted = new Map<string, Fit>();
    for (const indicator of indicators) {
      const fit =
        indicator.kind === 'base'
          ? fitBase(sample, space, weighting, yColumns.get(indicator.name)!)
          : fitComposite(sample, space, weighting, indicator, fitted, compositePresence.get(indicator.name)!);
      fitted.set(indicator.name, fit);
      weighting.schemes.forEach((scheme, s) => {
        const byIndicator = figuresByScheme.get(scheme) ?? new Map<string, IndicatorFigures>();
        byIndicator.set(indicator.name, { fit, varianceIndex: s, nStar: weighting.nStar, replicate: null });
        figuresByScheme.set(scheme, byIndicator);
      });
      options.onProgress?.(++done, total);
    }
    // design_fpc has no JKn variant: the design weights' replicates belong to `design`.
    const replicated = weighting.schemes.find((s) => s !== 'design_fpc');
    if (withJkn && replicated) {
      const scheme = replicated;
      const byIndicator = figuresByScheme.get(scheme)!;
      replicateFigures(sample, space, weighting, indicators, fitted, yColumns, (notice) =>
        options.onNotice?.({ scheme: schemeName(scheme, 'jkn'), ...notice }),
      ).forEach((replicate, name) => {
        byIndicator.set(name, { ...byIndicator.get(name)!, replicate });
      });
    }
  }

  const rows: EstimateRow[] = [];
  for (const method of methods) {
    for (const scheme of schemes) {
      if (method === 'jkn' && scheme === 'design_fpc') continue;
      for (const indicator of indicators) {
        const figures = figuresByScheme.get(scheme)!.get(indicator.name)!;
        rows.push(...indicatorRows(schemeName(scheme, method), indicator, method === 'jkn' ? figures : { ...figures, replicate: null }, space));
      }
    }
  }
  if (notRaked.size > 0 && !options.provinceUnits) {
    // A province whose margins cannot be met keeps its design weights under `raked`, and its rows say so.
    for (const row of rows) {
      if (row.scheme.startsWith('raked') && row.domain_type === 'province' && notRaked.has(row.domain)) row.flags.push('not_raked');
    }
  }
  return rows;
}

/** JKn variances of every indicator under one weighting, with the replicate design's degrees of freedom. */
function replicateFigures(
  sample: SortedSample,
  space: DomainSpace,
  weighting: Weighting,
  indicators: readonly (BaseIndicator | CompositeIndicator)[],
  fitted: Map<string, Fit>,
  yColumns: Map<string, Uint8Array>,
  onNotice: (notice: { vi: string; en: string }) => void,
): Map<string, ReplicateVariance> {
  const indexOf = new Map(indicators.map((indicator, k) => [indicator.name, k]));
  const inputs: ReplicateIndicator[] = indicators.map((indicator) => {
    if (indicator.kind === 'composite') {
      return {
        kind: 'composite',
        parts: indicator.parts.map((part) => ({ index: indexOf.get(part.name)!, coefficient: part.coefficient })),
      };
    }
    const fit = fitted.get(indicator.name)!;
    return { kind: 'base', y: yColumns.get(indicator.name)!, p: fit.p, sumW: fit.totals!.sumW, n: fit.totals!.n };
  });
  const variances = jknVariances(sample, space, weighting.weight, weighting.raking, inputs, onNotice);
  const df = jknDegreesOfFreedom(sample, weighting.raking !== null);
  return new Map(indicators.map((indicator, k) => [indicator.name, { variance: variances[k], df }]));
}

/** One set of weights and the schemes that share it (design and design_fpc differ only in f_h). */
interface Weighting {
  schemes: WeightingName[];
  weight: Float64Array;
  scales: Float64Array[];
  raking: Raking | null;
  greg: GregFrame | null;
  /** The row count R's design object holds for the Korn–Graubard n*: the domain's for design weights,
   * the whole sample's after raking (R keeps out-of-domain rows in a calibrated design). */
  nStar: (domainN: number) => number;
}

function weightingsFor(sample: SortedSample, schemes: readonly WeightingName[], margins: readonly MarginTotal[] | null): Weighting[] {
  const weightings: Weighting[] = [];
  const designSchemes = schemes.filter((s) => s !== 'raked');
  if (designSchemes.length > 0) {
    weightings.push({
      schemes: designSchemes,
      weight: sample.columns.weight,
      scales: designSchemes.map((s) => stratumScales(sample, s === 'design_fpc')),
      raking: null,
      greg: null,
      nStar: (n) => n,
    });
  }
  if (schemes.includes('raked')) {
    const raking = rake(sample.columns, margins!);
    const rowCount = sample.columns.rowCount;
    weightings.push({
      schemes: ['raked'],
      weight: raking.weight,
      scales: [stratumScales(sample, false)],
      raking,
      greg: gregFrame(sample, raking),
      nStar: () => rowCount,
    });
  }
  return weightings;
}

/** What the passes of one indicator under one weighting produced. */
interface Fit {
  totals: DomainTotals | null;
  p: Float64Array;
  fitted: Float64Array | null;
  variance: DomainVariance;
  variable: LinearisationVariable;
}

interface IndicatorFigures {
  fit: Fit;
  varianceIndex: number;
  nStar: (domainN: number) => number;
  /** JKn variance and degrees of freedom, which replace the linearised ones when asked for. */
  replicate: ReplicateVariance | null;
}

interface ReplicateVariance {
  variance: Float64Array;
  /** The replicate design's degrees of freedom, R's `degf()`, the same for every domain. */
  df: number;
}

function fitBase(sample: SortedSample, space: DomainSpace, weighting: Weighting, y: Uint8Array): Fit {
  const { raking, greg } = weighting;
  const designWeight = sample.columns.weight;
  const sums = psuSums(
    sample,
    y,
    weighting.weight,
    greg ? { entryOfRow: greg.entryOfRow, entryCount: greg.cell.length, designWeight } : null,
  );
  const cells =
    raking && greg
      ? { cellOfRow: raking.cellOfRow, cellCount: greg.cellCount, designWeight, cellStart: greg.cellStart, cell: greg.cell }
      : null;
  const totals = domainTotals(y, weighting.weight, space, sums, cells);
  const p = totals.sumWY.map((swy, d) => swy / totals.sumW[d]);
  const inverseSumW = totals.sumW.map((sw) => 1 / sw);
  const fitted = raking ? gregFitted(totals, p, raking, space.size) : null;
  const variable: LinearisationVariable = {
    rowTerms: [{ y, coefficient: 1, p, inverseSumW }],
    psuTerms: [{ sums, coefficient: 1, p, inverseSumW }],
    presentInPsu: sums.n,
  };
  return { totals, p, fitted, variable, variance: runVariance(sample, space, weighting, variable, fitted) };
}

/** A composite's estimate and linearisation variable are the same linear combination of its parts'. */
function fitComposite(
  sample: SortedSample,
  space: DomainSpace,
  weighting: Weighting,
  composite: CompositeIndicator,
  fitted: Map<string, Fit>,
  presentInPsu: Float64Array,
): Fit {
  const p = new Float64Array(space.size);
  const rowTerms: LinearTerm[] = [];
  const psuTerms: PsuTerm[] = [];
  const combined = weighting.raking ? new Float64Array(fitted.get(composite.parts[0].name)!.fitted!.length) : null;
  for (const { name, coefficient } of composite.parts) {
    const part = fitted.get(name)!;
    for (let d = 0; d < space.size; d++) {
      p[d] += part.totals!.n[d] > 0 ? coefficient * part.p[d] : NaN;
    }
    rowTerms.push({ ...part.variable.rowTerms[0], coefficient });
    psuTerms.push({ ...part.variable.psuTerms[0], coefficient });
    if (combined) part.fitted!.forEach((value, k) => (combined[k] += coefficient * value));
  }
  const variable: LinearisationVariable = { rowTerms, psuTerms, presentInPsu };
  return { totals: null, p, fitted: combined, variable, variance: runVariance(sample, space, weighting, variable, combined) };
}

function runVariance(
  sample: SortedSample,
  space: DomainSpace,
  weighting: Weighting,
  variable: LinearisationVariable,
  fitted: Float64Array | null,
): DomainVariance {
  const greg = weighting.greg && fitted ? { ...weighting.greg, fitted } : null;
  return linearisedVariance(sample, weighting.weight, variable, space, weighting.scales, greg);
}

function indicatorRows(scheme: Scheme, indicator: BaseIndicator | CompositeIndicator, figures: IndicatorFigures, space: DomainSpace): EstimateRow[] {
  const { fit, varianceIndex, nStar, replicate } = figures;
  const rows: EstimateRow[] = [];
  for (const family of space.families) {
    const familyRows = family.labels.map((domain, k) => {
      const d = family.offset + k;
      const key = { scheme, domain_type: family.type, domain, indicator: indicator.name };
      const domainFigures: DomainFigures = {
        n: fit.variance.n[d],
        nPsu: fit.variance.nPsu[d],
        df: replicate ? replicate.df : fit.variance.nPsu[d] - fit.variance.nStrata[d],
        p: fit.p[d],
        variance: replicate ? replicate.variance[d] : fit.variance.variance[varianceIndex][d],
      };
      return fit.totals
        ? indicatorRow(key, domainFigures, fit.totals, d, nStar(domainFigures.n))
        : compositeRow(key, domainFigures);
    });
    rows.push(...familyRows);
    if (family.type === 'province') {
      const mean = nationalMeanOfProvinces(familyRows);
      if (mean) rows.push(mean);
    }
  }
  return rows;
}

function checkSchemes(
  columns: SurveyColumns,
  options: EstimateOptions,
  schemes: readonly WeightingName[],
  variance: VarianceMethod,
): void {
  if (variance === 'jkn' && schemes.includes('design_fpc')) {
    throw new EstimationError(
      'Phương án design_fpc không có phương sai jackknife (JKn); hãy dùng design hoặc raked',
      'scheme design_fpc has no jackknife (JKn) variance; use design or raked',
    );
  }
  if (schemes.includes('design_fpc') && !columns.fpcPsu) {
    throw new EstimationError(
      'Phương án design_fpc cần cột fpc_psu',
      'scheme design_fpc needs the fpc_psu column',
    );
  }
  if (schemes.includes('raked') && !(options.margins && options.margins.length > 0)) {
    throw new EstimationError('Phương án raked cần tệp tổng biên (--margins)', 'scheme raked needs margins (--margins)');
  }
}

function byColumn(columns: SurveyColumns, name: string): CategoricalColumn {
  const column = columns.categorical[name];
  if (!column) {
    throw new EstimationError(`Không có cột ${name} để chia miền`, `there is no column ${name} to estimate by`);
  }
  return column;
}

/** Rows keep their own province for strata, PSUs and raking; only the reported domain changes. */
function remapProvinces(columns: SurveyColumns, mapping: ProvinceUnits): CategoricalColumn {
  const codes = new Int32Array(columns.rowCount);
  for (let i = 0; i < codes.length; i++) codes[i] = mapping.unitOfProvince[columns.province.codes[i]];
  return { codes, levels: mapping.units };
}
