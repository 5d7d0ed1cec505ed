import { compareWaves, type ComparisonRow } from '../estimation/compare';
import type { EstimateRow } from '../estimation/types';
import type { IndexDefinition } from '../surveys/index-definition';
import type { ReportData, ReportProvince } from './report-data';

/** A change is called a change only when its two-sided t test rejects "no change" at this level (METHOD.md §5). */
export const SIGNIFICANCE_LEVEL = 0.05;

/** The index the report leads with: `sipas` when defined, else the last composite, else `overall`. */
export function headlineIndicator(definition: IndexDefinition): string {
  if (definition.composites.some((c) => c.id === 'sipas')) return 'sipas';
  return definition.composites.at(-1)?.id ?? (definition.overall ? 'overall' : `elem_${definition.elements[0].id}`);
}

/** Vietnamese name of an indicator. */
export function indicatorLabel(definition: IndexDefinition, indicator: string): string {
  const composite = definition.composites.find((c) => c.id === indicator);
  if (composite) return composite.label.vi;
  const element = definition.elements.find((e) => `elem_${e.id}` === indicator);
  if (element) return element.label.vi;
  if (indicator === 'overall') return 'Hài lòng chung';
  return indicator;
}

export function isSignificant(change: ComparisonRow | null): boolean {
  return change?.p_value_t !== null && change?.p_value_t !== undefined && change.p_value_t < SIGNIFICANCE_LEVEL;
}

export interface ProvinceStanding {
  province: ReportProvince;
  row: EstimateRow;
  /** 1 = most satisfied; null when the estimate is undefined. Ties share a rank. */
  rank: number | null;
  previousRank: number | null;
  change: ComparisonRow | null;
  significant: boolean;
}

export interface Movement { upSignificant: number; upNotSignificant: number; downSignificant: number; downNotSignificant: number; notCompared: number }

export interface ReportSummary {
  headline: string;
  /** National rows of the report's scheme, by indicator. */
  national: Map<string, EstimateRow>;
  /** The official convention (unweighted mean of provinces), by indicator. */
  meanOfProvinces: Map<string, EstimateRow>;
  /** National changes from the previous wave, by indicator. */
  nationalChange: Map<string, ComparisonRow>;
  /** Changes of the official mean of provinces from the previous wave, by indicator. */
  meanChange: Map<string, ComparisonRow>;
  /** Every province, best first; undefined estimates last. */
  standings: ProvinceStanding[];
  movement: Movement;
}

function ranks(rows: readonly EstimateRow[]): Map<string, number> {
  const defined = rows.filter((r) => r.p !== null);
  return new Map(defined.map((r) => [r.domain, 1 + defined.filter((o) => o.p! > r.p!).length]));
}

/** The figures of the summary and ranking pages, computed from the run's rows (and the previous run's). */
export function summarise(data: ReportData): ReportSummary {
  const headline = headlineIndicator(data.definition);
  const mine = data.rows.filter((r) => r.scheme === data.scheme);
  const national = new Map(mine.filter((r) => r.domain_type === 'national').map((r) => [r.indicator, r]));
  const meanOfProvinces = new Map(mine.filter((r) => r.domain_type === 'national_mean_of_provinces').map((r) => [r.indicator, r]));
  const provinceRows = mine.filter((r) => r.domain_type === 'province' && r.indicator === headline);

  const previousRows = data.previous?.rows ?? [];
  const changes = compareWaves(previousRows, mine.filter((r) => r.domain_type === 'province' || r.domain_type === 'national'));
  const nationalChange = new Map(changes.filter((c) => c.domain === [...national.values()][0]?.domain).map((c) => [c.indicator, c]));
  const provinceChange = new Map(changes.filter((c) => c.indicator === headline && c.domain !== national.get(headline)?.domain).map((c) => [c.domain, c]));

  const meanRows = (rows: readonly EstimateRow[]) => rows.filter((r) => r.domain_type === 'national_mean_of_provinces');
  const meanChange = new Map(compareWaves(meanRows(previousRows), meanRows(mine)).map((c) => [c.indicator, c]));

  const rankNow = ranks(provinceRows);
  const rankBefore = ranks(previousRows.filter((r) => r.domain_type === 'province' && r.indicator === headline));
  const nameOf = new Map(data.provinces.map((p) => [p.code, p]));
  const standings = provinceRows.map((row): ProvinceStanding => {
    const change = provinceChange.get(row.domain) ?? null;
    return {
      province: nameOf.get(row.domain) ?? { code: row.domain, name: row.domain, region: 'Khác' },
      row,
      rank: rankNow.get(row.domain) ?? null,
      previousRank: rankBefore.get(row.domain) ?? null,
      change,
      significant: isSignificant(change),
    };
  }).sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.province.name.localeCompare(b.province.name, 'vi'));

  const movement: Movement = { upSignificant: 0, upNotSignificant: 0, downSignificant: 0, downNotSignificant: 0, notCompared: 0 };
  for (const s of standings) {
    if (!s.change) movement.notCompared++;
    else if (s.change.diff >= 0) movement[s.significant ? 'upSignificant' : 'upNotSignificant']++;
    else movement[s.significant ? 'downSignificant' : 'downNotSignificant']++;
  }
  return { headline, national, meanOfProvinces, nationalChange, meanChange, standings, movement };
}
